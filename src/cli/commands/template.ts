// smei template: the form a province sends out (one sheet of units, or one
// sheet per unit), built from the framework that defines the index.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { SmeiError } from '../../errors.js';
import { loadFramework } from '../../input/framework.js';
import type { Lang } from '../../render/i18n.js';
import { cleanCell, quote } from '../../text.js';
import type { Io } from '../io.js';
import { collect, langOption, periodArg } from '../options.js';
import { periodKeyFor } from '../resolve.js';
import { formatPeriod, frequencyName, sameLastYear, type Period } from '../../time/period.js';
import { writeOutput } from '../output.js';
import { reportDate } from './report.js';

/** Options of `smei template`. */
interface TemplateOptions {
  framework?: string;
  units?: string;
  period?: Period;
  layout?: 'units' | 'sheets';
  previous?: string;
  rename?: string[];
  unitColumn?: string;
  sheet?: string;
  lang: Lang;
  out?: string;
  date?: string;
  quiet?: boolean;
}

/** The units of --units: a file with one name a line, or names separated by commas (, ， 、). Duplicates are refused. */
export function parseUnits(arg: string, cwd: string): string[] {
  const path = resolve(cwd, arg);
  const fromFile = existsSync(path) && statSync(path).isFile();
  const text = fromFile ? readFileSync(path, 'utf8').replace(/^\uFEFF/, '') : arg;
  const names = text.split(fromFile ? /\r\n|\n|\r/ : /[,，、]/).map(cleanCell).filter((n) => n !== '');
  const where = fromFile ? `--units ${arg}` : '--units';
  if (names.length === 0) throw new SmeiError('usage', `${where}: no unit names. Give names separated by commas (杭州市,宁波市) or a file with one name a line.`, { zh: `${where}：没有地区名称。请给出用逗号分隔的名称（杭州市,宁波市），或每行一个名称的文件。` });
  const seen = new Set<string>();
  const dups = [...new Set(names.filter((n) => (seen.has(n) ? true : (seen.add(n), false))))];
  if (dups.length > 0) throw new SmeiError('usage', `${where}: ${dups.map(quote).join(', ')} ${dups.length === 1 ? 'is' : 'are'} listed twice. Give each unit once.`, { zh: `${where}：${dups.map(quote).join(', ')}列出了两次。每个地区请只列一次。` });
  return names;
}

/** Whether --out names a folder: it ends with / (or \\), or is an existing folder. */
function isFolder(out: string, cwd: string): boolean {
  if (/[/\\]$/.test(out)) return true;
  const full = resolve(cwd, out);
  return existsSync(full) && statSync(full).isDirectory();
}

/** A file name for a unit's form: the name with the characters file systems refuse replaced. */
export function unitFileName(unit: string): string {
  return `${unit.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 100) || 'unit'}.xlsx`;
}

/** Runs `smei template`. */
async function runTemplate(opts: TemplateOptions, io: Io): Promise<number> {
  // checked here rather than by commander, so that the config file can give them
  if (opts.units === undefined) throw new SmeiError('usage', '--units is missing: give the units, separated by commas (杭州市,宁波市) or a file with one name a line.', { zh: '缺少 --units：请给出地区，用逗号分隔（杭州市,宁波市），或给出每行一个名称的文件。' });
  if (opts.period === undefined) throw new SmeiError('usage', '--period is missing: give the period the form collects (2025, 2025H1, 2025Q3, 2025-03, 2025年1-6月).', { zh: '缺少 --period：请给出填报表收集的时期（2025、2025H1、2025Q3、2025-03、2025年1-6月）。' });
  const toFolder = opts.out !== undefined && isFolder(opts.out, io.cwd);
  if (opts.out === undefined || (!toFolder && !/\.xlsx$/i.test(opts.out))) throw new SmeiError('usage', `--out ${opts.out ?? ''}: the form is a workbook: give --out FILE.xlsx, or --out DIR/ for one form per unit.`.replace('--out : ', '--out is missing: '), { zh: `${(opts.out ?? '') === '' ? '缺少 --out' : `--out ${opts.out}`}：填报表是工作簿：请给出 --out FILE.xlsx，或用 --out DIR/ 为每个地区各写一张表。` });
  const framework = await loadFramework(opts.framework, io.cwd);
  const units = parseUnits(opts.units, io.cwd);
  const date = reportDate(opts.date, io.env);
  const asked = opts.period;
  const period = { key: asked.key, freq: asked.freq };
  let previous: ((unit: string, node: string) => number | null) | undefined;
  if (opts.previous !== undefined) {
    // raw values only: the form quotes last period's figures, so no base year and no index are needed
    const { readData } = await import('../load.js');
    const { read } = await readData(opts.previous, { quiet: true, ...(opts.framework !== undefined ? { framework: opts.framework } : {}), ...(opts.rename !== undefined ? { rename: opts.rename } : {}), ...(opts.unitColumn !== undefined ? { unitColumn: opts.unitColumn } : {}), ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}) }, io, { framework });
    const obs = read.observations;
    // the reference is the same period a year earlier, which the review compares with: data of the form's frequency
    if (obs.frequency !== period.freq) {
      const last = formatPeriod(sameLastYear(period.key, period.freq), period.freq);
      throw new SmeiError('usage', `--previous ${opts.previous}: it is ${frequencyName(obs.frequency, 'en')} data, and the form asks for ${formatPeriod(period.key, period.freq)} (${frequencyName(period.freq, 'en')}). The form quotes the same period a year before (${last}) from --previous: give ${frequencyName(period.freq, 'en')} data there, or leave --previous out.`, { zh: `--previous ${opts.previous}：它是${frequencyName(obs.frequency, 'zh')}数据，而填报表要的是 ${formatPeriod(period.key, period.freq)}（${frequencyName(period.freq, 'zh')}）。填报表从 --previous 引用上年同期（${last}）的数据：请在那里给出${frequencyName(period.freq, 'zh')}数据，或不用 --previous。` });
    }
    const before = sameLastYear(periodKeyFor(asked, obs.frequency, '--period', `--previous ${opts.previous}`), period.freq);
    const years = obs.years();
    if (!years.includes(before)) throw new SmeiError('usage', `--previous ${opts.previous}: it has no data for ${formatPeriod(before, period.freq)} (it has ${years.map((k) => formatPeriod(k, obs.frequency)).join(', ')}). The form shows the same period a year before --period ${formatPeriod(period.key, period.freq)}.`, { zh: `--previous ${opts.previous}：没有 ${formatPeriod(before, period.freq)} 的数据（数据有${years.map((k) => formatPeriod(k, obs.frequency)).join(', ')}）。填报表显示的是 --period ${formatPeriod(period.key, period.freq)} 的上年同期。` });
    previous = (unit, node) => {
      const u = obs.findUnit(unit);
      const row = u === undefined ? -1 : obs.row(u, before);
      if (row < 0) return null;
      // a leaf, or a denominator the form asks for (地区生产总值), kept beside the leaves
      const n = framework.byId.get(node);
      const v = n !== undefined ? obs.value(row, n) : (obs.aux.get(node)?.get(row) ?? NaN);
      return Number.isNaN(v) ? null : v;
    };
  }
  const { buildForm } = await import('../../render/form.js');
  const { writeXlsx } = await import('../../render/xlsx-writer.js');
  // a form for one unit is a sheet of its own, a row per indicator (a row of 18 columns prints as a strip)
  const layout = opts.layout ?? (toFolder || units.length === 1 ? 'sheets' : 'units');
  const form = (forUnits: string[]): Uint8Array => writeXlsx(buildForm(framework, { units: forUnits, period, layout, lang: opts.lang, ...(previous ? { previous } : {}), ...(date ? { date } : {}) }));
  const inputs = opts.previous ? [opts.previous] : [];
  if (!toFolder) {
    await writeOutput(form(units), opts.out, io, inputs);
    return 0;
  }
  // one form per unit, each named after its unit; two names that give one file name are refused before anything is written
  const names = units.map(unitFileName);
  const clash = names.find((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) !== i);
  if (clash !== undefined) throw new SmeiError('usage', `--units: two units would both be written to ${clash} in --out ${opts.out}. Rename one of them.`, { zh: `--units：有两个地区都会写到 --out ${opts.out} 中的 ${clash}。请给其中一个改名。` });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(resolve(io.cwd, opts.out), { recursive: true });
  for (const [i, unit] of units.entries()) await writeOutput(form([unit]), join(opts.out!, names[i]!), io, inputs);
  if (!opts.quiet) io.stderr(opts.lang === 'zh' ? `已写出${units.length}张填报表到 ${opts.out}。\n` : `wrote ${units.length} forms to ${opts.out}.\n`);
  return 0;
}

/** Defines `smei template`. */
export function templateCommand(io: Io, result: { code: number }): Command {
  return new Command('template')
    .description('write the workbook that units fill in (填报表), from the framework')
    .option('--framework <file>', 'framework JSON file, or a built-in name (default: zhejiang)')
    .option('--units <list|file>', 'the units: names separated by commas, or a file with one name a line')
    .option('--period <period>', 'the period the form collects: 2025, 2025H1, 2025Q3, 2025-03, 2025年1-6月', periodArg)
    .addOption(new Option('--layout <layout>', 'units: one sheet, a row per unit; sheets: a sheet per unit, a row per indicator (default: units; sheets for one unit, or one form per unit with --out DIR/)').choices(['units', 'sheets']))
    .option('--previous <data>', "a data file: last period's values stand beside the inputs for reference")
    .option('--rename <old=new>', 'a unit renamed: its rows under OLD in --previous stand beside NEW, e.g. 龙南县=龙南市 (repeatable)', collect)
    .option('--unit-column <name>', '--previous: the column of unit names, when its header is none smei knows')
    .option('--sheet <name|n>', '--previous: the workbook sheet to read')
    .addOption(langOption())
    .option('--out <file.xlsx|dir/>', 'the form to write; a folder (ending in /) gets one form per unit, named after it')
    .option('-q, --quiet', 'no line on stderr saying how many forms were written')
    .option('--date <yyyy-mm-dd>', 'the document date (default: SOURCE_DATE_EPOCH if set, else none)')
    .addHelpText('after', `
Examples:
  smei template --units 杭州市,宁波市,温州市 --period 2019 --out form.xlsx
  smei template --units units.txt --period 2019 --layout sheets --previous fixtures/zhejiang-synthetic.csv --out form.xlsx
  smei template --units units.txt --period 2025H1 --out forms/          # one form per unit`)
    .action(async (opts: TemplateOptions) => {
      result.code = await runTemplate(opts, io);
    });
}
