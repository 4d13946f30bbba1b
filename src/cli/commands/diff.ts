// smei diff: ranking changes between two years of one file, or one year of two files.
import { EQUAL_TOLERANCE } from '../../core/equal.js';
import { indexTitle } from '../../render/title.js';
import { unitWord } from '../../render/unit-word.js';
import { Command, Option } from 'commander';
import { isSmeiError, SmeiError } from '../../errors.js';
import { loadFramework } from '../../input/framework.js';
import { nodeLabel } from '../../framework/types.js';
import { decideColor, painterFor } from '../../render/color.js';
import type { DiffView } from '../../render/diff.js';
import type { RankDiff } from '../../core/diff.js';
import { VERSION } from '../../version.js';
import { reportDate } from './report.js';
import type { Lang } from '../../render/i18n.js';
import type { Io } from '../io.js';
import type { DataOptions, InputFile } from '../load.js';
import { addDataOptions, bomOption, colorOption, decimalsOption, intArg, invalid, langOption, periodArg } from '../options.js';
import { formatPeriod, type Period } from '../../time/period.js';
import { withBom, writeOutput } from '../output.js';
import { outputFormat } from '../format.js';
import { inputName, namedInputs } from '../input-name.js';
import { resolveNode, resolveYear } from '../resolve.js';

/** Options of `smei diff`. */
interface DiffOptions extends DataOptions {
  bom?: boolean;
  from?: Period;
  to?: Period;
  year?: Period;
  node?: string;
  top?: number;
  only?: ('up' | 'down' | 'same' | 'new' | 'dropped')[];
  format?: (typeof FORMATS)[number];
  out?: string;
  lang: Lang;
  decimals: number;
  color: boolean;
  exitCode?: boolean;
  tolerance: number;
}

/** What `smei diff` writes: to the terminal, data files, and documents like `report`'s. */
const FORMATS = ['table', 'json', 'csv', 'md', 'html', 'docx', 'xlsx'] as const;

/** The diff as an HTML page or a Word document: its charts drawn as SVG (inline) or PNG. */
async function diffDocumentBytes(d: RankDiff, view: DiffView, format: 'html' | 'docx', io: Io, quiet: boolean | undefined): Promise<string | Uint8Array> {
  const { diffDocument } = await import('../../render/diff.js');
  const { chartSvg, chartSize, svgToPng, cjkFontInstalled } = await import('../../render/charts.js');
  const doc = diffDocument(d, view);
  const title = (doc.blocks.find((b) => b.kind === 'heading') as { text: string } | undefined)?.text ?? 'smei diff';
  const charts = doc.blocks.filter((b) => b.kind === 'chart').map((b) => b.spec);
  const svgs: string[] = [];
  for (const [i, c] of charts.entries()) svgs.push(await chartSvg(c, `chart${i + 1}`));
  if (format === 'html') {
    const { renderHtml } = await import('../../render/html.js');
    return renderHtml(doc.blocks, { lang: view.lang, title, generator: `smei ${VERSION}`, svgs });
  }
  const { renderDocx } = await import('../../render/docx.js');
  if (charts.length > 0 && !cjkFontInstalled() && !quiet) io.stderr('smei: no font with Chinese characters was found; Chinese chart labels in the .docx will show as empty boxes. Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) and run again.\n');
  const images = [];
  for (let i = 0; i < charts.length; i++) images.push({ png: await svgToPng(svgs[i]!), ...chartSize(charts[i]!) });
  const date = reportDate(undefined, io.env);
  return renderDocx(doc.blocks, { lang: view.lang, title, creator: `smei ${VERSION}`, ...(date !== undefined ? { date } : {}), images });
}

/** Parses --tolerance: a relative tolerance from 0 to 1. */
function toleranceArg(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v < 0 || v >= 1) throw invalid(`--tolerance must be a number from 0 up to (not including) 1, such as 1e-9; got ${JSON.stringify(value)}.`, `--tolerance 必须是从 0 到 1（不含 1）的数，如 1e-9；实际为 ${JSON.stringify(value)}。`);
  return v;
}

/** Runs `smei diff`. */
async function runDiff(oldPath: string, newPath: string | undefined, opts: DiffOptions, io: Io): Promise<number> {
  const format = outputFormat(opts.format, opts.out, FORMATS, 'table');
  if ((format === 'docx' || format === 'xlsx') && (opts.out === undefined || opts.out === '-') && io.stdoutIsTTY) throw new SmeiError('usage', `--format ${format} writes a binary file: give --out FILE.${format}.`, { zh: `--format ${format} 输出的是二进制文件：请给出 --out FILE.${format}。` });
  const { loadData } = await import('../load.js');
  const { diffRanks } = await import('../../core/diff.js');
  const { renderDiffCsv, renderDiffJson, renderDiffMarkdown, renderDiffTable } = await import('../../render/diff.js');
  const { renderWarnings } = await import('../../render/compute.js');
  const framework = await loadFramework(opts.framework, io.cwd);
  const label = (path: string): string => inputName(path, io.cwd);
  const node = resolveNode(framework, opts.node);
  // the workbook's method sheet names the files read with their SHA-256, as compute's does
  const hash = format === 'xlsx';
  const read: InputFile[][] = [];
  let fromSide;
  let toSide;
  if (newPath === undefined) {
    if (opts.year !== undefined) throw new SmeiError('usage', '--year is for two files; with one file use --from and --to.', { zh: '--year 用于比较两个文件；只有一个文件时请用 --from 和 --to。' });
    const loaded = await loadData(oldPath, opts, io, { framework, skipReview: true, hash });
    const table = loaded.table;
    read.push(loaded.inputs);
    // By default the latest year against the one before it in the data.
    const toYear = table.years[resolveYear(table, opts.to, '--to')]!;
    let fromYear: number;
    if (opts.from === undefined) {
      const before = table.years.filter((y) => y < toYear);
      const name = (k: number): string => formatPeriod(k, table.frequency);
      if (before.length === 0) throw new SmeiError('usage', `${label(oldPath)} has no ${table.frequency === 'year' ? 'year' : 'period'} before ${name(toYear)} to compare with (it has ${table.years.map(name).join(', ')}). Give --from and --to, or two files to compare a revision.`, { zh: `${label(oldPath)}中没有 ${name(toYear)} 之前的${table.frequency === 'year' ? '年份' : '时期'}可供比较（数据有${table.years.map(name).join(', ')}）。请给出 --from 和 --to，或给出两个文件来比较修订。` });
      fromYear = before[before.length - 1]!;
    } else {
      fromYear = table.years[resolveYear(table, opts.from, '--from')]!;
    }
    fromSide = { table, label: label(oldPath), year: fromYear, node };
    toSide = { table, label: label(oldPath), year: toYear, node };
    if (!opts.quiet) io.stderr(renderWarnings(table, opts.lang, 20));
  } else {
    if (oldPath === '-' && newPath === '-') throw new SmeiError('usage', 'only one of the two files can be stdin (-).', { zh: '两个文件中只能有一个是标准输入（-）。' });
    // a round's returns (no base year of their own) given beside the archive, either way round: diff reads two
    // inputs as two versions of the data, each computed alone; the way to compare periods of the two together is said
    // a file without a period column or a title naming one (compute --layout wide's table) is read as of --year
    const asRead = { ...opts, ...(opts.year !== undefined ? { periodIfNone: opts.year } : {}) };
    const side = (path: string): ReturnType<typeof loadData> => loadData(path, asRead, io, { framework, skipReview: true, hash }).catch((e: unknown) => {
      if (!isSmeiError(e) || e.code !== 'data') throw e;
      const [a, b] = [oldPath, newPath];
      throw new SmeiError(e.code, `${e.message} (diff reads two inputs as two versions of the data, each computed on its own. To compare two periods of the data they make together, merge them first: smei data ${a} ${b} --out all.csv, then smei diff all.csv --from … --to ….)`, {
        zh: `${e.zh ?? e.message}（diff 把两个输入当作同一数据的两个版本，各自单独计算。如要比较两者合起来的数据中的两期，请先合并：smei data ${a} ${b} --out all.csv，再 smei diff all.csv --from … --to …。）`,
      });
    });
    const old = await side(oldPath);
    const revised = await side(newPath);
    read.push(old.inputs, revised.inputs);
    const a = old.table;
    const b = revised.table;
    if (!opts.quiet) io.stderr(renderWarnings(a, opts.lang, 20, label(oldPath)) + renderWarnings(b, opts.lang, 20, label(newPath)));
    const common = a.years.filter((y) => b.yearIdx(y) !== undefined);
    const latest = common[common.length - 1];
    const fromArg = opts.from ?? opts.year;
    const toArg = opts.to ?? opts.year;
    if ((fromArg === undefined || toArg === undefined) && latest === undefined) {
      // the periods as the data writes them (2020Q3, not the key 202003)
      const ps = (t: typeof a): string => t.years.map((y) => formatPeriod(y, t.frequency)).join(', ');
      throw new SmeiError('data', `${label(oldPath)} (${ps(a)}) and ${label(newPath)} (${ps(b)}) have no period in common. Name the periods with --from and --to.`, { zh: `${label(oldPath)}（${ps(a)}）和 ${label(newPath)}（${ps(b)}）没有共同的时期。请用 --from 和 --to 指定时期。` });
    }
    const fromYear = a.years[resolveYear(a, fromArg ?? latest, opts.from !== undefined ? '--from' : '--year')]!;
    const toYear = b.years[resolveYear(b, toArg ?? latest, opts.to !== undefined ? '--to' : '--year')]!;
    fromSide = { table: a, label: label(oldPath), year: fromYear, node };
    toSide = { table: b, label: label(newPath), year: toYear, node };
  }
  for (const side of [fromSide, toSide]) {
    if (!side.table.nodeHasData[node]) {
      throw new SmeiError('usage', `--node ${framework.nodes[node]!.id}: ${side.label} has no data for that node or below it. Choose a node the file has (\`smei compute ${side.label} --format json\` lists them).`, { zh: `--node ${framework.nodes[node]!.id}：${side.label}中没有该节点及其下级节点的数据。请选择文件中有数据的节点（smei compute ${side.label} --format json 会列出它们）。` });
    }
  }
  const diff = diffRanks(fromSide, toSide, { revision: newPath !== undefined, tolerance: opts.tolerance });
  const paint = await painterFor(opts.out === undefined && decideColor(opts.color, io.env, io.stdoutIsTTY));
  const view: DiffView = {
    lang: opts.lang, decimals: opts.decimals, paint, nodeLabel: nodeLabel(framework.nodes[node]!, opts.lang),
    ...(node === 0 ? { indexName: indexTitle(framework, opts.lang, toSide.table.units, toSide.table.units.filter((_, u) => toSide.table.aggregate[u]), unitWord(diff.unitHeader), toSide.table.observations.titlePlace) } : {}),
    labelOf: (id) => nodeLabel(framework.nodes[framework.byId.get(id)!]!, opts.lang),
    ...(opts.top !== undefined ? { top: opts.top } : {}),
    ...(opts.only !== undefined ? { only: opts.only } : {}),
  };
  if (format === 'table') await (await import('../../render/box.js')).loadBoxTables();
  const inputs = [oldPath, ...(newPath ? [newPath] : [])];
  if (format === 'html' || format === 'docx') {
    await writeOutput(await diffDocumentBytes(diff, view, format, io, opts.quiet), opts.out, io, inputs);
  } else if (format === 'xlsx') {
    const { diffWorkbook } = await import('../../render/diff.js');
    const { writeXlsx } = await import('../../render/xlsx-writer.js');
    const date = reportDate(undefined, io.env);
    const meta = { inputs: namedInputs(read[0]!, io.cwd), ...(read[1] ? { revised: namedInputs(read[1], io.cwd) } : {}), version: VERSION, ...(date !== undefined ? { date } : {}) };
    await writeOutput(writeXlsx(diffWorkbook(diff, view, meta)), opts.out, io, inputs);
  } else {
    const renderers = { table: renderDiffTable, json: renderDiffJson, csv: renderDiffCsv, md: renderDiffMarkdown };
    const text = renderers[format](diff, view);
    await writeOutput(format === 'csv' && opts.bom ? withBom(text) : text, opts.out, io, inputs);
  }
  return opts.exitCode && diff.changed ? 1 : 0;
}

/** Defines `smei diff`. */
export function diffCommand(io: Io, result: { code: number }): Command {
  return addDataOptions(
    new Command('diff')
      .description('ranking changes between two years of one file, or one year of two files')
      .argument('<data>', 'CSV file (or the old file, with a second one)')
      .argument('[new]', 'the revised file, to compare a revision'),
  )
    .option('--from <period>', 'the earlier year or period (one file; default: the one before --to) or the old file\'s', periodArg)
    .option('--to <period>', 'the later year or period (one file; default: the latest) or the new file\'s', periodArg)
    .option('--year <period>', 'with two files: the year or period compared (default: the latest in both)', periodArg)
    .option('--node <id>', 'rank by this module or indicator instead of the composite')
    .option('--top <n>', 'show only the first N ranked units (aggregates besides)', intArg('--top', 1, 1_000_000))
    .addOption(new Option('--only <status...>', 'show only units that moved this way').choices(['up', 'down', 'same', 'new', 'dropped']))
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else table); html and docx: a document with a slope chart of the ranks; xlsx: the table unrounded').choices([...FORMATS]))
    .option('--out <file>', 'write to this file (atomically) instead of stdout; .html, .docx or .xlsx writes a document or workbook')
    .addOption(bomOption())
    .addOption(langOption())
    .addOption(decimalsOption())
    .addOption(colorOption())
    .option('--exit-code', 'exit 1 when any rank or value changed; with two files, any data cell, unit or year (like git diff --exit-code)')
    .option('--tolerance <rel>', 'relative tolerance under which two values count as equal', toleranceArg, EQUAL_TOLERANCE)
    .addHelpText('after', `
Examples:
  smei diff fixtures/zhejiang-cities-2018.csv                   # the latest year against the one before
  smei diff fixtures/zhejiang-cities-2018.csv --from 2017 --to 2018
  smei diff fixtures/zhejiang-synthetic.csv fixtures/zhejiang-synthetic-revised.csv --aggregate-unit 浙江省 --exit-code
  smei diff fixtures/zhejiang-synthetic.csv --from 2017 --to 2018 --node activity --only up --format md
  smei diff fixtures/zhejiang-cities-2018.csv --out ranks.html      # also .docx, .xlsx`)
    .action(async (data: string, revised: string | undefined, opts: DiffOptions) => {
      result.code = await runDiff(data, revised, opts, io);
    });
}
