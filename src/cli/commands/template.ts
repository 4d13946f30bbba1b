// smei template: the form a province sends out (one sheet of units, or one
// sheet per unit), built from the framework that defines the index.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { SmeiError } from '../../errors.js';
import { loadFramework } from '../../input/framework.js';
import type { Lang } from '../../render/i18n.js';
import { cleanCell, quote } from '../../text.js';
import type { Io } from '../io.js';
import { langOption, yearArg } from '../options.js';
import { writeOutput } from '../output.js';
import { reportDate } from './report.js';

/** Options of `smei template`. */
interface TemplateOptions {
  framework?: string;
  units: string;
  period: number;
  layout: 'units' | 'sheets';
  previous?: string;
  lang: Lang;
  out?: string;
  date?: string;
}

/** The units of --units: a file with one name a line, or names separated by commas (, ， 、). Duplicates are refused. */
export function parseUnits(arg: string, cwd: string): string[] {
  const path = resolve(cwd, arg);
  const fromFile = existsSync(path) && statSync(path).isFile();
  const text = fromFile ? readFileSync(path, 'utf8').replace(/^\uFEFF/, '') : arg;
  const names = text.split(fromFile ? /\r\n|\n|\r/ : /[,，、]/).map(cleanCell).filter((n) => n !== '');
  const where = fromFile ? `--units ${arg}` : '--units';
  if (names.length === 0) throw new SmeiError('usage', `${where}: no unit names. Give names separated by commas (杭州市,宁波市) or a file with one name a line.`);
  const seen = new Set<string>();
  const dups = [...new Set(names.filter((n) => (seen.has(n) ? true : (seen.add(n), false))))];
  if (dups.length > 0) throw new SmeiError('usage', `${where}: ${dups.map(quote).join(', ')} ${dups.length === 1 ? 'is' : 'are'} listed twice. Give each unit once.`);
  return names;
}

/** Runs `smei template`. */
async function runTemplate(opts: TemplateOptions, io: Io): Promise<number> {
  if (opts.out === undefined || !/\.xlsx$/i.test(opts.out)) throw new SmeiError('usage', `--out ${opts.out ?? ''}: the form is a workbook: give --out FILE.xlsx.`.replace('--out : ', '--out is missing: '));
  const framework = await loadFramework(opts.framework, io.cwd);
  const units = parseUnits(opts.units, io.cwd);
  const date = reportDate(opts.date, io.env);
  let previous: ((unit: string, node: string) => number | null) | undefined;
  if (opts.previous !== undefined) {
    const { loadData } = await import('../load.js');
    const { table } = await loadData(opts.previous, { quiet: true, ...(opts.framework !== undefined ? { framework: opts.framework } : {}) }, io, { framework, skipReview: true });
    const yi = table.yearIdx(opts.period - 1);
    if (yi === undefined) throw new SmeiError('usage', `--previous ${opts.previous}: it has no data for ${opts.period - 1} (it has ${table.years.join(', ')}). The form shows the period before --period ${opts.period}.`);
    const unitIdx = new Map(table.units.map((u, i) => [u, i]));
    previous = (unit, node) => {
      const u = unitIdx.get(unit);
      return u === undefined ? null : table.observed(u, yi, framework.byId.get(node)!);
    };
  }
  const { buildForm } = await import('../../collect/form.js');
  const { writeXlsx } = await import('../../render/xlsx-writer.js');
  const book = buildForm(framework, { units, period: opts.period, layout: opts.layout, lang: opts.lang, ...(previous ? { previous } : {}), ...(date ? { date } : {}) });
  await writeOutput(writeXlsx(book), opts.out, io, opts.previous ? [opts.previous] : []);
  return 0;
}

/** Defines `smei template`. */
export function templateCommand(io: Io, result: { code: number }): Command {
  return new Command('template')
    .description('write the workbook that units fill in (填报表), from the framework')
    .option('--framework <file>', 'framework JSON file, or a built-in name (default: zhejiang)')
    .requiredOption('--units <list|file>', 'the units: names separated by commas, or a file with one name a line')
    .requiredOption('--period <year>', 'the year the form collects', yearArg)
    .addOption(new Option('--layout <layout>', 'units: one sheet, a row per unit; sheets: a sheet per unit, a row per indicator').choices(['units', 'sheets']).default('units'))
    .option('--previous <data>', "a data file: last period's values stand beside the inputs for reference")
    .addOption(langOption())
    .option('--out <file.xlsx>', 'the form to write')
    .option('--date <yyyy-mm-dd>', 'the document date (default: SOURCE_DATE_EPOCH if set, else none)')
    .addHelpText('after', `
Examples:
  smei template --units 杭州市,宁波市,温州市 --period 2019 --out form.xlsx
  smei template --units units.txt --period 2019 --layout sheets --previous fixtures/zhejiang-synthetic.csv --out form.xlsx`)
    .action(async (opts: TemplateOptions) => {
      result.code = await runTemplate(opts, io);
    });
}
