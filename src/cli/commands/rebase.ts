// smei rebase: re-express given index values with another period = 100, or
// splice an old series onto a new base at a period both have.
import { Command, Option } from 'commander';
import { SmeiError } from '../../errors.js';
import { nodeLabel } from '../../framework/types.js';
import { boxTable, loadBoxTables } from '../../render/box.js';
import type { Lang } from '../../render/i18n.js';
import { fmt } from '../../render/number.js';
import { csvLine, terminalSafe } from '../../render/safe.js';
import { formatPeriod, type Period } from '../../time/period.js';
import type { Series } from '../../time/rebase.js';
import type { Io } from '../io.js';
import type { DataOptions } from '../load.js';
import { addDataOptions, bomOption, decimalsOption, langOption, periodArg } from '../options.js';
import { withBom, writeOutput } from '../output.js';
import { outputFormat } from '../format.js';
import { periodKeyFor } from '../resolve.js';

/** Options of `smei rebase`. */
interface RebaseOptions extends DataOptions {
  bom?: boolean;
  to?: Period;
  splice?: boolean;
  at?: Period;
  format?: 'table' | 'csv' | 'json';
  out?: string;
  lang: Lang;
  decimals: number;
}

/** Runs `smei rebase`. */
async function runRebase(files: string[], opts: RebaseOptions, io: Io): Promise<number> {
  const format = outputFormat(opts.format, opts.out, ['table', 'csv', 'json'] as const, 'table');
  const { readData } = await import('../load.js');
  const { rebase, splice } = await import('../../time/rebase.js');
  if (opts.splice ? files.length !== 2 : files.length !== 1) {
    throw new SmeiError('usage', opts.splice ? 'rebase --splice takes two files: the old series, then the new one.' : 'rebase takes one file (or two with --splice).', { zh: opts.splice ? 'rebase --splice 需要两个文件：先旧序列，再新序列。' : 'rebase 只接受一个文件（用 --splice 时为两个）。' });
  }
  if (!opts.splice && opts.to === undefined) throw new SmeiError('usage', 'rebase needs --to PERIOD: the period that becomes 100 (or --splice with two files).', { zh: 'rebase 需要 --to PERIOD：作为 100 的时期（或用 --splice 并给出两个文件）。' });
  const read = (path: string) => readData(path, { ...opts, review: false }, io);
  const first = await read(files[0]!);
  const fw = first.framework;
  const obs = first.read.observations;
  let series: Series;
  if (opts.splice) {
    const second = (await read(files[1]!)).read.observations;
    if (second.frequency !== obs.frequency) throw new SmeiError('usage', `${files[0]} and ${files[1]} have different frequencies; splice series of one frequency.`, { zh: `${files[0]}和${files[1]}的频率不同；只能衔接同一频率的序列。` });
    const common = obs.years().filter((k) => second.years().includes(k));
    const at = opts.at === undefined ? common[common.length - 1] : periodKeyFor(opts.at, obs.frequency, '--at', files[0]!);
    if (at === undefined) throw new SmeiError('data', `${files[0]} and ${files[1]} have no period in common: splicing links them at a period both have.`, { zh: `${files[0]}和${files[1]}没有共同的时期：衔接要在两者都有的时期把它们连起来。` });
    if (!common.includes(at)) throw new SmeiError('usage', `--at ${formatPeriod(at, obs.frequency)}: both files must have it (in common: ${common.map((k) => formatPeriod(k, obs.frequency)).join(', ') || 'none'}).`, { zh: `--at ${formatPeriod(at, obs.frequency)}：两个文件都必须有该时期（共同的时期：${common.map((k) => formatPeriod(k, obs.frequency)).join(', ') || '无'}）。` });
    series = splice(obs, second, at);
    if (opts.to !== undefined) {
      // rebase the spliced series: the scale of the period `to` = 100
      const to = periodKeyFor(opts.to, obs.frequency, '--to', files[1]!);
      const ref = new Map(series.values.filter((v) => v.period === to).map((v) => [`${v.unit}|${v.node}`, v.value]));
      series = { ...series, values: series.values.map((v) => {
        const r = ref.get(`${v.unit}|${v.node}`);
        return { ...v, value: v.value === null || r === undefined || r === null || r === 0 ? null : (100 * v.value) / r };
      }) };
    }
  } else {
    const to = periodKeyFor(opts.to!, obs.frequency, '--to', files[0]!);
    if (!obs.years().includes(to)) throw new SmeiError('usage', `--to ${formatPeriod(to, obs.frequency)}: ${files[0]} has no data for it (it has ${obs.years().map((k) => formatPeriod(k, obs.frequency)).join(', ')}).`, { zh: `--to ${formatPeriod(to, obs.frequency)}：${files[0]}没有该时期的数据（数据有${obs.years().map((k) => formatPeriod(k, obs.frequency)).join(', ')}）。` });
    series = rebase(obs, to);
  }
  if (!opts.quiet) {
    for (const u of series.undefinedAt) io.stderr(`smei: warning: ${u.unit}, ${fw.nodes[u.node]!.id}: ${u.reason === 'zero' ? 'the reference value is 0' : 'no value in the reference period'}; its rebased values are undefined.\n`);
  }
  const id = (n: number): string => fw.nodes[n]!.id;
  const period = (k: number): string => formatPeriod(k, series.frequency);
  let text: string;
  if (format === 'json') {
    text = `${JSON.stringify({ schemaVersion: 2, frequency: series.frequency, rows: series.values.map((v) => ({ unit: v.unit, period: period(v.period), node: id(v.node), value: v.value, ...(opts.splice ? { source: v.source } : {}) })) }, null, 2)}\n`;
  } else if (format === 'csv') {
    text = `${[csvLine(['unit', 'period', 'node', 'value', ...(opts.splice ? ['source'] : [])]), ...series.values.map((v) => csvLine([v.unit, period(v.period), id(v.node), v.value, ...(opts.splice ? [v.source] : [])]))].join('\r\n')}\r\n`;
  } else {
    const zh = opts.lang === 'zh';
    const head = [zh ? '地区' : 'Unit', zh ? '时期' : 'Period', zh ? '指标' : 'Node', zh ? '数值' : 'Value', ...(opts.splice ? [zh ? '来源' : 'Source'] : [])];
    const rows = series.values.map((v) => [v.unit, period(v.period), nodeLabel(fw.nodes[v.node]!, opts.lang), fmt(v.value, opts.decimals), ...(opts.splice ? [v.source === 'old' ? (zh ? '旧序列（已衔接）' : 'old (spliced)') : (zh ? '新序列' : 'new')] : [])]);
    await loadBoxTables();
    text = `${boxTable(head, rows.map((r) => r.map(terminalSafe)), head.map((_, i) => i === 3))}\n`;
  }
  await writeOutput(format === 'csv' && opts.bom ? withBom(text) : text, opts.out, io, files);
  return 0;
}

/** Defines `smei rebase`. */
export function rebaseCommand(io: Io, result: { code: number }): Command {
  return addDataOptions(new Command('rebase')
    .description('re-express given index values with another period = 100, or splice an old series onto a new base')
    .argument('<data...>', 'the data (two files with --splice: old, then new)'))
    .option('--to <period>', 'the period that becomes 100', periodArg)
    .option('--splice', 'link the old series (first file) onto the new base (second file) at a period both have')
    .option('--at <period>', 'with --splice: the overlap period (default: the latest both have)', periodArg)
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else table)').choices(['table', 'csv', 'json']))
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addOption(bomOption())
    .addOption(langOption())
    .addOption(decimalsOption())
    .addHelpText('after', `
Examples:
  smei rebase fixtures/zhejiang-cities-2018.csv --to 2017            # Table 1 with 2017 = 100
  smei rebase old-base-2010.csv new-base-2014.csv --splice --format csv`)
    .action(async (data: string[], opts: RebaseOptions) => {
      result.code = await runRebase(data, opts, io);
    });
}
