// smei report: the yearly report (Markdown, HTML or Word), deterministic, with --check for CI.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Command, Option } from 'commander';
import { SmeiError } from '../../errors.js';
import type { Lang } from '../../render/i18n.js';
import { VERSION } from '../../version.js';
import type { Period } from '../../time/period.js';
import type { Io } from '../io.js';
import type { DataOptions } from '../load.js';
import { dataCommand, decimalsOption, invalid, langOption } from '../options.js';
import { writeOutput } from '../output.js';
import { inputName, namedInputs } from '../input-name.js';
import { resolveNode, resolveUnits, resolveYear } from '../resolve.js';
import type { IndexTable } from '../../core/compute.js';
import type { ReportOptions } from '../../render/report.js';
import { outputFormat } from '../format.js';
import type { ChartSpec } from '../../render/chart-spec.js';

/** Options of `smei report`. */
interface ReportCommandOptions extends DataOptions {
  year?: Period;
  period?: Period;
  lang: Lang;
  decimals: number;
  out?: string;
  title?: string;
  date?: string;
  check?: string;
  summary?: boolean;
  audit?: boolean;
  uncertainty?: number;
  format?: ReportFormat;
  unit: string[];
  charts: string[];
  map?: string;
  mapKey: string;
  node?: string;
}

/** What `smei report` writes. */
const FORMATS = ['md', 'html', 'docx'] as const;
type ReportFormat = (typeof FORMATS)[number];

/** GitHub's limit for one step summary. */
const SUMMARY_LIMIT = 1024 * 1024;

/** The report date: --date, else SOURCE_DATE_EPOCH, else none (no clock). */
export function reportDate(date: string | undefined, env: Record<string, string | undefined>): string | undefined {
  if (date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new SmeiError('usage', `--date ${JSON.stringify(date)} must be a date like 2019-06-30.`, { zh: `--date ${JSON.stringify(date)} 必须是日期，如 2019-06-30。` });
    }
    return date;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) throw new SmeiError('usage', `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} must be whole seconds since 1970.`, { zh: `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} 必须是自 1970 年起的整秒数。` });
  return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
}

/** Appends to $GITHUB_STEP_SUMMARY, cut with a note at `limit` bytes (1 MiB). */
export function appendSummary(text: string, io: Io, limit = SUMMARY_LIMIT): void {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  let bytes = Buffer.from(text, 'utf8');
  if (bytes.length > limit) {
    const note = Buffer.from('\n\n> The report was cut here: GitHub step summaries hold 1 MiB.\n', 'utf8');
    let cut = limit - note.length;
    while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--; // not inside a UTF-8 character
    bytes = Buffer.concat([bytes.subarray(0, cut), note]);
  }
  try {
    appendFileSync(path, bytes);
  } catch (e) {
    throw new SmeiError('output', `--summary: cannot append to GITHUB_STEP_SUMMARY (${path}): ${(e as NodeJS.ErrnoException).code ?? e}.`, { cause: e, zh: `--summary：无法追加写入 GITHUB_STEP_SUMMARY（${path}）：${(e as NodeJS.ErrnoException).code ?? e}。` });
  }
}

/** Writes each chart as DIR/chart-N.svg and returns the links, relative to the report's folder. */
async function writeCharts(charts: ChartSpec[], dir: string, out: string | undefined, io: Io, inputs: string[]): Promise<string[]> {
  const { chartSvg } = await import('../../render/charts.js');
  const from = out === undefined || out === '-' ? io.cwd : dirname(resolve(io.cwd, out));
  const target = resolve(io.cwd, dir);
  try {
    mkdirSync(target, { recursive: true });
  } catch (e) {
    throw new SmeiError('output', `--charts ${dir}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? e}).`, { cause: e, zh: `--charts ${dir}：无法创建文件夹（${(e as NodeJS.ErrnoException).code ?? e}）。` });
  }
  const links: string[] = [];
  for (let i = 0; i < charts.length; i++) {
    const name = `chart-${i + 1}.svg`;
    await writeOutput(await chartSvg(charts[i]!, `chart${i + 1}`), join(target, name), io, inputs);
    links.push(relative(from, join(target, name)).split(sep).join('/'));
  }
  return links;
}

/** The boundaries for the map (--map, else the framework's "map"), checked, and the node it shows (--node, else the composite). */
async function loadMap(opts: ReportCommandOptions, table: IndexTable, io: Io): Promise<ReportOptions['map']> {
  const fw = table.framework;
  const node = opts.node === undefined ? undefined : resolveNode(fw, opts.node);
  if (node !== undefined && !table.nodeHasData[node]) throw new SmeiError('usage', `--node ${opts.node}: the data have no values for that node or below it.`, { zh: `--node ${opts.node}：数据中没有该节点及其下级节点的数值。` });
  const fromFramework = opts.map === undefined && fw.map !== undefined;
  const file = opts.map ?? fw.map?.file;
  if (file === undefined) {
    if (node !== undefined) throw new SmeiError('usage', '--node picks what the map shows; give the map with --map FILE.geojson.', { zh: '--node 用于选择地图显示的节点；请用 --map FILE.geojson 给出地图。' });
    return undefined;
  }
  // a framework's map is named relative to the framework file
  const path = fromFramework && fw.source?.kind === 'file' && fw.source.name ? resolve(io.cwd, dirname(fw.source.name), file) : resolve(io.cwd, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SmeiError('file', `${fromFramework ? 'the framework\'s "map"' : '--map'} ${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? e}). Give a GeoJSON file of the units' boundaries.`, { cause: e, zh: `${fromFramework ? '框架的 "map"' : '--map'} ${file}：无法读取（${code === 'ENOENT' ? '没有这个文件' : code === 'EISDIR' ? '这是一个文件夹' : code ?? e}）。请给出各地区边界的 GeoJSON 文件。` });
  }
  const { parseBoundaries } = await import('../../render/geo.js');
  const boundaries = parseBoundaries(new TextDecoder('utf-8').decode(bytes), inputName(file, io.cwd), opts.mapKey !== 'name' || fw.map?.key === undefined ? opts.mapKey : fw.map.key);
  return { boundaries, ...(node !== undefined ? { node } : {}) };
}

/** Runs `smei report`. */
async function runReport(data: string[], opts: ReportCommandOptions, io: Io): Promise<number> {
  const date = reportDate(opts.date, io.env);
  // --check alone: an .html or .docx file says its format; any other name is Markdown, as it always was
  const checkFormat = opts.out === undefined && opts.check !== undefined ? (/\.html?$/i.test(opts.check) ? 'html' : /\.docx$/i.test(opts.check) ? 'docx' : 'md') : undefined;
  const format = checkFormat !== undefined ? (opts.format ?? checkFormat) : outputFormat(opts.format, opts.out, FORMATS, 'md');
  if (opts.check !== undefined && format === 'docx') throw new SmeiError('usage', '--check compares a Markdown or HTML report; a .docx differs only in its packing. Check the .md or .html in CI.', { zh: '--check 比较的是 Markdown 或 HTML 报告；.docx 只会在打包方式上不同。请在 CI 中检查 .md 或 .html。' });
  // --charts small-multiples picks the style of the chart over the years; any other value is the folder for SVG files
  const smallMultiples = opts.charts.includes('small-multiples');
  const chartDirs = opts.charts.filter((c) => c !== 'small-multiples');
  if (chartDirs.length > 1) throw new SmeiError('usage', `--charts names one folder, got ${chartDirs.map((c) => JSON.stringify(c)).join(' and ')}.`, { zh: `--charts 只能指定一个文件夹，实际给了 ${chartDirs.map((c) => JSON.stringify(c)).join(' 和 ')}。` });
  const chartDir = chartDirs[0];
  if (chartDir !== undefined && format !== 'md') throw new SmeiError('usage', `--charts DIR writes SVG files for a Markdown report; ${format} holds its charts itself.`, { zh: `--charts DIR 为 Markdown 报告写出 SVG 文件；${format} 报告自带图表。` });
  const { loadData } = await import('../load.js');
  const { buildReport } = await import('../../render/report.js');
  const loaded = await loadData(data, opts, io, { hash: true });
  const { table, inputs } = loaded;
  const yi = resolveYear(table, opts.period ?? opts.year, opts.period ? '--period' : '--year');
  const map = await loadMap(opts, table, io);
  const sections: NonNullable<Parameters<typeof buildReport>[1]['sections']> = [];
  const periodText = table.periodLabel(table.years[yi]!, opts.lang);
  if (opts.audit) {
    const { auditTable } = await import('../../analysis/audit.js');
    const { auditMarkdown } = await import('../../render/analysis.js');
    const audit = auditTable(table, yi);
    sections.push({ zh: '统计审核', en: 'Statistical audit', write: (doc) => auditMarkdown(audit, { lang: opts.lang, decimals: opts.decimals, fw: table.framework, periodText }, doc) });
  }
  if (opts.uncertainty !== undefined) {
    const { analyse } = await import('../../analysis/sensitivity.js');
    const { sensitivityMarkdown } = await import('../../render/analysis.js');
    const result = analyse({ fw: table.framework, recompute: loaded.recompute, nominal: table, node: 0, period: table.years[yi]!, varyWeights: opts.uncertainty, assumptions: [], samples: 500, seed: 1, removeOne: 'module' });
    sections.push({ zh: '排名稳健性', en: 'How robust the ranks are', write: (doc) => sensitivityMarkdown(result, { lang: opts.lang, decimals: opts.decimals, fw: table.framework, periodText }, doc) });
  }
  const doc = buildReport(table, {
    sections,
    units: resolveUnits(table, opts.unit),
    ...(smallMultiples ? { lines: 'small-multiples' as const } : {}),
    ...(map !== undefined ? { map } : {}),
    yi, lang: opts.lang, decimals: opts.decimals, inputs: namedInputs(inputs, io.cwd), ...(opts.framework !== undefined ? { frameworkName: inputName(opts.framework, io.cwd) } : {}), version: VERSION,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    ...(date !== undefined ? { date } : {}),
  });
  const title = (doc.blocks.find((b) => b.kind === 'heading') as { text: string } | undefined)?.text ?? 'smei';
  const charts = doc.blocks.filter((b) => b.kind === 'chart').map((b) => b.spec);
  let text: string | Uint8Array;
  if (format === 'md') {
    let links: string[] | undefined;
    if (chartDir !== undefined) links = await writeCharts(charts, chartDir, opts.out, io, data);
    text = doc.toString(links);
  } else {
    const { chartSvg, chartSize } = await import('../../render/charts.js');
    const svgs: string[] = [];
    for (const [i, c] of charts.entries()) svgs.push(await chartSvg(c, `chart${i + 1}`));
    if (format === 'html') {
      const { renderHtml } = await import('../../render/html.js');
      text = renderHtml(doc.blocks, { lang: opts.lang, title, generator: `smei ${VERSION}`, svgs });
    } else {
      const { svgToPng, cjkFontInstalled } = await import('../../render/charts.js');
      const { renderDocx } = await import('../../render/docx.js');
      if (charts.length > 0 && !cjkFontInstalled() && !opts.quiet) io.stderr('smei: no font with Chinese characters was found; Chinese chart labels in the .docx will show as empty boxes. Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) and run again.\n');
      const images = [];
      for (let i = 0; i < charts.length; i++) images.push({ png: await svgToPng(svgs[i]!), ...chartSize(charts[i]!) });
      text = await renderDocx(doc.blocks, { lang: opts.lang, title, creator: `smei ${VERSION}`, ...(date !== undefined ? { date } : {}), images });
    }
  }
  if (opts.check !== undefined) {
    let committed: string;
    try {
      committed = readFileSync(resolve(io.cwd, opts.check), 'utf8');
    } catch (e) {
      throw new SmeiError('file', `--check ${opts.check}: cannot read it (${(e as NodeJS.ErrnoException).code ?? e}). Generate it first with --out.`, { cause: e, zh: `--check ${opts.check}：无法读取（${(e as NodeJS.ErrnoException).code ?? e}）。请先用 --out 生成它。` });
    }
    if (committed === text) return 0;
    io.stderr(opts.lang === 'en' ? `smei: ${opts.check} is not the report this data gives; regenerate it with --out ${opts.check}.\n` : `smei: ${opts.check}与这份数据生成的报告不同；请用 --out ${opts.check} 重新生成。\n`);
    const { unifiedDiff } = await import('../../render/unified-diff.js');
    io.stderr(unifiedDiff(committed, text as string, opts.check, '(regenerated)'));
    return 1;
  }
  await writeOutput(text, opts.out, io, data);
  if (opts.summary) appendSummary(format === 'md' ? (text as string) : doc.toString(), io);
  if (!opts.quiet) {
    const { renderWarnings } = await import('../../render/compute.js');
    io.stderr(renderWarnings(table, opts.lang, 20));
  }
  return 0;
}

/** Defines `smei report`. */
export function reportCommand(io: Io, result: { code: number }): Command {
  return dataCommand('report', 'write the yearly report (zh or en) as Markdown, HTML or Word, the same bytes every time')
    .addOption(langOption())
    .addOption(decimalsOption())
    .option('--title <text>', 'the report title')
    .option('--date <yyyy-mm-dd>', 'a date to print (default: SOURCE_DATE_EPOCH if set, else none)')
    .option('--out <file>', 'write to this file (atomically) instead of stdout; .md, .html or .docx picks the format')
    .addOption(new Option('--format <format>', 'md, html (one file, charts as SVG, A4 print style) or docx (Word); default: from --out, else md').choices([...FORMATS]))
    .addOption(new Option('--unit <name>', 'add a profile of this unit (repeatable): rank path, modules against the aggregate, strongest and weakest indicators, drivers').argParser((v: string, prev: string[]) => [...prev, v]).default([], 'none'))
    .addOption(new Option('--charts <dir>', 'Markdown: also write every chart as an SVG file in DIR and link it; "small-multiples": draw the composite over the years as one small panel per unit (at most 30 units; repeatable)').argParser((v: string, prev: string[]) => [...prev, v]).default([], 'none'))
    .option('--map <file.geojson>', 'add a map of the composite (or --node) for the period: the units\' boundaries as a GeoJSON FeatureCollection in longitude/latitude (smei ships none)')
    .option('--map-key <property>', 'the feature property holding the unit names', 'name')
    .option('--node <id>', 'what the map shows: this module or indicator instead of the composite')
    .option('--check <file>', 'exit 0 if FILE is the report this data gives, 1 with a diff if not')
    .option('--summary', 'also append the report to $GITHUB_STEP_SUMMARY when it is set')
    .option('--audit', 'add the statistical audit (indicator statistics, correlations, Cronbach\'s alpha)')
    .option('--uncertainty <pct>', 'add the robustness of the ranks: weights varied within ±PCT% (500 samples, seed 1) and each module left out', (v: string) => {
      const n = Number(v);
      if (!(n > 0 && n < 100)) throw invalid(`--uncertainty must be a percentage above 0 and below 100, got ${JSON.stringify(v)}.`, `--uncertainty 必须是大于 0、小于 100 的百分数，实际为 ${JSON.stringify(v)}。`);
      return n;
    })
    .addHelpText('after', `
Examples:
  smei report fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --ref-year 2015 --out report.md
  smei report fixtures/zhejiang-cities-2018.csv --lang en
  smei report fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --unit 杭州市 --out report.html
  smei report fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --out report.docx
  smei report fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --check report.md   # in CI`)
    .action(async (data: string[], opts: ReportCommandOptions) => {
      result.code = await runReport(data, opts, io);
    });
}
