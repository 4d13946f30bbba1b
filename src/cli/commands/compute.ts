// smei compute: read indicator data, compute the index, print or write it.
import { Command, Option } from 'commander';
import { decideColor, painterFor } from '../../render/color.js';
import type { ComputeView } from '../../render/compute.js';
import type { Lang } from '../../render/i18n.js';
import type { Period } from '../../time/period.js';
import type { Io } from '../io.js';
import type { IndexTable } from '../../core/compute.js';
import { SmeiError } from '../../errors.js';
import type { DataOptions } from '../load.js';
import { resolveNode, resolveYear } from '../resolve.js';
import { bomOption, colorOption, dataCommand, decimalsOption, intArg, langOption } from '../options.js';
import { withBom, writeOutput } from '../output.js';
import { outputFormat } from '../format.js';

/** What `smei compute` writes. */
const FORMATS = ['table', 'json', 'csv', 'md', 'xlsx'] as const;
type ComputeFormat = (typeof FORMATS)[number];

/** Options of `smei compute`. */
interface ComputeOptions extends DataOptions {
  year?: Period;
  period?: Period;
  format?: ComputeFormat;
  layout: 'long' | 'wide';
  drivers?: boolean;
  out?: string;
  lang: Lang;
  decimals: number;
  node?: string;
  bom?: boolean;
  color: boolean;
  top?: number;
  group?: string;
}

/** Checks --group against the data's group columns. */
function checkGroup(table: IndexTable, col: string): string {
  if (table.observations.groups.has(col)) return col;
  const known = [...table.observations.groups.keys()];
  throw new SmeiError('usage', `--group ${JSON.stringify(col)}: ${table.file} has no group column of that name${known.length ? ` (it has ${known.join(', ')})` : '; declare group columns in the framework ("groups", or rows of type Group in a table)'}.`, { zh: `--group ${JSON.stringify(col)}：${table.file}没有这个名称的分组列${known.length ? `（有 ${known.join(', ')}）` : '；请在框架中声明分组列（"groups"，或框架表中 type 为 Group 的行）'}。` });
}

/** Runs `smei compute`. */
async function runCompute(data: string[], opts: ComputeOptions, io: Io): Promise<number> {
  // Loaded here, not at start-up: `smei --help` needs none of it.
  const { loadData } = await import('../load.js');
  const { computeCsvChunks, computeJsonChunks, computeWideCsvChunks, renderComputeMarkdown, renderComputeTable, renderWarnings } = await import('../../render/compute.js');
  const format = outputFormat(opts.format, opts.out, FORMATS, 'table');
  // JSON and the workbook list every warning, stderr counts earlier periods' (unless --quiet): otherwise no
  // output shows an earlier period's review warning, and the review of history looks for its errors alone
  const historyWarnings = !opts.quiet || format === 'json' || format === 'xlsx';
  const loaded = await loadData(data, opts, io, { hash: format === 'xlsx', historyWarnings });
  const { table, framework } = loaded;
  const node = resolveNode(framework, opts.node);
  const yi = resolveYear(table, opts.period ?? opts.year, opts.period ? '--period' : '--year');
  const paint = await painterFor(opts.out === undefined && format === 'table' && decideColor(opts.color, io.env, io.stdoutIsTTY));
  const view: ComputeView = {
    yi, node, lang: opts.lang, decimals: opts.decimals, paint,
    ...(opts.period ?? opts.year ? { onlyYear: table.years[yi]! } : {}),
    onlyNode: opts.node !== undefined,
    ...(opts.top !== undefined ? { top: opts.top } : {}),
    ...(opts.group !== undefined ? { group: checkGroup(table, opts.group) } : {}),
  };
  if (opts.layout === 'wide' && format !== 'csv') throw new SmeiError('usage', `--layout wide is for CSV; ${format} has its own layout.`, { zh: `--layout wide 只用于 CSV；${format} 有自己的版式。` });
  if (format === 'table') await (await import('../../render/box.js')).loadBoxTables();
  if (format === 'xlsx') {
    const { computeWorkbook } = await import('../../render/compute-xlsx.js');
    const { writeXlsx } = await import('../../render/xlsx-writer.js');
    const { namedInputs } = await import('../input-name.js');
    const { VERSION } = await import('../../version.js');
    const { reportDate } = await import('./report.js');
    const date = reportDate(undefined, io.env);
    await writeOutput(writeXlsx(computeWorkbook(table, view, { inputs: namedInputs(loaded.inputs, io.cwd), version: VERSION, ...(date ? { date } : {}) })), opts.out, io, data);
  } else if (opts.drivers) {
    // the drivers table instead of the index (the workbook has both)
    const { renderDrivers } = await import('../../render/drivers.js');
    await writeOutput(renderDrivers(table, view, format), opts.out, io, data);
  } else {
    // json and csv stream out row by row: a million rows never sit in memory as one string
    const renderers = { table: renderComputeTable, json: computeJsonChunks, csv: opts.layout === 'wide' ? computeWideCsvChunks : computeCsvChunks, md: renderComputeMarkdown };
    const text = renderers[format](table, view);
    await writeOutput(format === 'csv' && opts.bom ? withBom(text) : text, opts.out, io, data);
  }
  if (format !== 'json' && !opts.quiet) io.stderr(renderWarnings(table, opts.lang, 20));
  return 0;
}

/** Defines `smei compute`. */
export function computeCommand(io: Io, result: { code: number }): Command {
  return dataCommand('compute', 'compute indicator, module and composite indices and print them')
    .option('--node <id>', "show this node's children instead of the modules (id or label)")
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else table)').choices([...FORMATS]))
    .addOption(new Option('--layout <layout>', 'CSV layout: long (one row per unit, period and node, for machines) or wide (the table as on screen)').choices(['long', 'wide']).default('long'))
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addOption(langOption())
    .addOption(decimalsOption())
    .option('--top <n>', 'table: show at most N units (default 200; 0 shows all)', intArg('--top', 0, 100_000_000))
    .addOption(bomOption())
    .option('--drivers', "print every unit's drivers (each child's contribution to the change since the period before) instead of the index")
    .option('--group <column>', 'also rank units within each group of this group column (groupRank in JSON)')
    .addOption(colorOption())
    .addHelpText('after', `
Examples:
  smei compute fixtures/zhejiang-cities-2018.csv
  smei compute fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --ref-year 2015
  smei compute fixtures/zhejiang-synthetic.csv --node competitiveness --lang en
  smei compute fixtures/zhejiang-synthetic.csv --bom --out index.csv
  smei compute fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --out index.xlsx`)
    .action(async (data: string[], opts: ComputeOptions) => {
      result.code = await runCompute(data, opts, io);
    });
}
