// smei compute: read indicator data, compute the index, print or write it.
import { Command, Option } from 'commander';
import type { IndexTable } from '../../core/compute.js';
import { SmeiError } from '../../errors.js';
import { buildNodeLookup, nodeNames } from '../../framework/check.js';
import type { Framework } from '../../framework/types.js';
import { decideColor } from '../../render/color.js';
import { renderComputeCsv, renderComputeJson, renderComputeMarkdown, renderComputeTable, renderWarnings, type ComputeView } from '../../render/compute.js';
import type { Lang } from '../../render/i18n.js';
import { didYouMean, matchKey, quote } from '../../text.js';
import type { Io } from '../io.js';
import { loadData, type DataOptions } from '../load.js';
import { addDataOptions, colorOption, decimalsOption, langOption, yearArg } from '../options.js';
import { writeOutput } from '../output.js';

/** Options of `smei compute`. */
interface ComputeOptions extends DataOptions {
  year?: number;
  format: 'table' | 'json' | 'csv' | 'md';
  out?: string;
  lang: Lang;
  decimals: number;
  node?: string;
  bom?: boolean;
  color: boolean;
}

/** The node named by --node (id or label), or the root. */
export function resolveNode(fw: Framework, name: string | undefined): number {
  if (name === undefined) return 0;
  const n = buildNodeLookup(fw).get(matchKey(name));
  if (n === undefined) throw new SmeiError('usage', `--node ${quote(name)}: no such node in framework ${fw.name}.${didYouMean(name, nodeNames(fw))} \`smei framework\` lists the nodes.`);
  return n;
}

/** The year index for --year (default: the latest year in the data). */
export function resolveYear(table: IndexTable, year: number | undefined, option = '--year'): number {
  if (year === undefined) return table.years.length - 1;
  const yi = table.yearIdx(year);
  if (yi === undefined) throw new SmeiError('usage', `${option} ${year}: ${table.file} has no data for that year (it has ${table.years.join(', ')}).`);
  return yi;
}

/** Writes warnings to stderr unless quiet. */
export function reportWarnings(table: IndexTable, lang: Lang, quiet: boolean | undefined, io: Io): void {
  if (!quiet) io.stderr(renderWarnings(table.warnings, lang, 20));
}

/** Runs `smei compute`. */
async function runCompute(data: string, opts: ComputeOptions, io: Io): Promise<number> {
  const { table, framework } = await loadData(data, opts, io);
  const node = resolveNode(framework, opts.node);
  const yi = resolveYear(table, opts.year);
  const color = opts.out === undefined && decideColor(opts.color, io.env, io.stdoutIsTTY);
  const view: ComputeView = {
    yi, node, lang: opts.lang, decimals: opts.decimals, color,
    ...(opts.year !== undefined ? { onlyYear: opts.year } : {}),
    onlyNode: opts.node !== undefined,
  };
  const renderers = { table: renderComputeTable, json: renderComputeJson, csv: renderComputeCsv, md: renderComputeMarkdown };
  let text = renderers[opts.format](table, view);
  if (opts.format === 'csv' && opts.bom) text = `\uFEFF${text}`;
  writeOutput(text, opts.out, io, [data]);
  if (opts.format !== 'json') reportWarnings(table, opts.lang, opts.quiet, io);
  return 0;
}

/** Defines `smei compute`. */
export function computeCommand(io: Io, result: { code: number }): Command {
  return addDataOptions(
    new Command('compute')
      .description('compute indicator, module and composite indices and print them')
      .argument('<data>', 'CSV file (wide or long), or - for stdin'),
  )
    .option('--year <year>', 'year shown (default: the latest in the data)', yearArg)
    .option('--ref-year <year>', 'also show the change against this year, in points and percent', yearArg)
    .option('--node <id>', "show this node's children instead of the modules (id or label)")
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'md']).default('table'))
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addOption(langOption())
    .addOption(decimalsOption())
    .option('--bom', 'start CSV output with a UTF-8 byte-order mark, for Excel')
    .addOption(colorOption())
    .addHelpText('after', `
Examples:
  smei compute fixtures/zhejiang-cities-2018.csv
  smei compute fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --ref-year 2015
  smei compute fixtures/zhejiang-synthetic.csv --node competitiveness --lang en
  smei compute data.csv --format csv --bom --out index.csv`)
    .action(async (data: string, opts: ComputeOptions) => {
      result.code = await runCompute(data, opts, io);
    });
}
