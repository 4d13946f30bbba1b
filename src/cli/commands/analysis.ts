// smei audit and smei sensitivity: how sound the indicators are, and how
// robust the ranks are to the builder's assumptions.
import { Command, Option } from 'commander';
import { parseAggregation, parseImpute, parseNormalise, parseWeights, type MethodSpec } from '../../core/methods.js';
import { SmeiError } from '../../errors.js';
import type { Lang } from '../../render/i18n.js';
import { formatPeriod, type Period } from '../../time/period.js';
import type { Io } from '../io.js';
import type { DataOptions } from '../load.js';
import { bomOption, dataCommand, decimalsOption, intArg, invalid, langOption } from '../options.js';
import { withBom, writeOutput } from '../output.js';
import { outputFormat } from '../format.js';
import { resolveNode, resolveYear } from '../resolve.js';

/** Options both commands share. */
interface AnalysisOptions extends DataOptions {
  bom?: boolean;
  year?: Period;
  period?: Period;
  format?: 'table' | 'json' | 'csv' | 'md';
  out?: string;
  lang: Lang;
  decimals: number;
}

/** Runs `smei audit`. */
async function runAudit(data: string[], opts: AnalysisOptions, io: Io): Promise<number> {
  const format = outputFormat(opts.format, opts.out, FORMATS, 'table');
  const { loadData } = await import('../load.js');
  const { auditTable } = await import('../../analysis/audit.js');
  const r = await import('../../render/analysis.js');
  // the statistics of raw indicators need no base: a cross-section is audited on min-max scores, said in the output
  const { table, framework, fellBack } = await loadData(data, opts, io, { crossSectionFallback: true, missingAllowed: true });
  const yi = resolveYear(table, opts.period ?? opts.year);
  const audit = auditTable(table, yi, fellBack ? 'no-base-year' : null);
  const view = { lang: opts.lang, decimals: opts.decimals, fw: framework, periodText: table.periodLabel(table.years[yi]!, opts.lang) };
  if (format === 'table') await (await import('../../render/box.js')).loadBoxTables();
  const text = format === 'json' ? r.renderAuditJson(audit) : format === 'csv' ? r.renderAuditCsv(audit) : format === 'md' ? r.auditMarkdown(audit, view).toString() : r.renderAuditTable(audit, view);
  await writeOutput(format === 'csv' && opts.bom ? withBom(text) : text, opts.out, io, data);
  return 0;
}

/** Options of `smei sensitivity`. */
interface SensitivityOptions extends AnalysisOptions {
  node?: string;
  varyWeights?: number;
  vary?: string[];
  samples: number;
  seed: number;
  removeOne?: 'indicator' | 'module';
}

/** Parses --vary NAME=LEVEL,LEVEL (repeatable). */
function varyArg(value: string, previous: string[] | undefined): string[] {
  if (!/^(normalise|aggregation|impute|weights)=.+/.test(value)) throw invalid(`--vary must be NAME=LEVEL,LEVEL with NAME one of normalise, aggregation, impute, weights; got ${JSON.stringify(value)}.`, `--vary 必须是 NAME=LEVEL,LEVEL，NAME 为 normalise、aggregation、impute、weights 之一；实际为 ${JSON.stringify(value)}。`);
  return [...(previous ?? []), value];
}

/** Parses a percentage from 0 up to 100 (exclusive). */
function pctArg(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0 || v >= 100) throw invalid(`--vary-weights must be a percentage above 0 and below 100, such as 20; got ${JSON.stringify(value)}.`, `--vary-weights 必须是大于 0、小于 100 的百分数，如 20；实际为 ${JSON.stringify(value)}。`);
  return v;
}

/** Runs `smei sensitivity`. */
async function runSensitivity(data: string[], opts: SensitivityOptions, io: Io): Promise<number> {
  const format = outputFormat(opts.format, opts.out, FORMATS, 'table');
  const { loadData } = await import('../load.js');
  const { analyse } = await import('../../analysis/sensitivity.js');
  const r = await import('../../render/analysis.js');
  if (opts.varyWeights === undefined && !opts.vary?.length && opts.removeOne === undefined) {
    throw new SmeiError('usage', 'sensitivity needs something to vary: --vary-weights PCT, --vary NAME=LEVELS (normalise, aggregation, impute, weights), or --remove-one indicator|module.', { zh: 'sensitivity 需要指定要变动的内容：--vary-weights PCT、--vary NAME=LEVELS（normalise、aggregation、impute、weights）或 --remove-one indicator|module。' });
  }
  const loaded = await loadData(data, { ...opts, quiet: true }, io);
  const { table, framework } = loaded;
  const node = resolveNode(framework, opts.node);
  const yi = resolveYear(table, opts.period ?? opts.year);
  const parsers: Record<string, (t: string) => MethodSpec> = { normalise: (t) => parseNormalise(t, '--vary normalise'), aggregation: (t) => parseAggregation(t, '--vary aggregation'), impute: (t) => parseImpute(t, '--vary impute'), weights: (t) => parseWeights(t, '--vary weights') };
  const assumptions = (opts.vary ?? []).map((v) => {
    const [name, levels] = [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)];
    const specs = splitLevels(levels).map((l) => parsers[name]!(l));
    if (specs.length < 2) throw new SmeiError('usage', `--vary ${v}: give at least two levels to vary between, separated by commas.`, { zh: `--vary ${v}：请给出至少两个取值，用逗号分隔。` });
    return { name: (name === 'weights' ? 'weights-method' : name) as 'normalise' | 'aggregation' | 'impute' | 'weights-method', levels: specs };
  });
  const result = analyse({
    fw: framework, recompute: loaded.recompute, nominal: table, node, period: table.years[yi]!,
    ...(opts.varyWeights !== undefined ? { varyWeights: opts.varyWeights } : {}),
    assumptions, samples: opts.samples, seed: opts.seed, ...(opts.removeOne ? { removeOne: opts.removeOne } : {}),
  });
  const view = { lang: opts.lang, decimals: opts.decimals, fw: framework, periodText: table.periodLabel(table.years[yi]!, opts.lang) };
  if (format === 'table') await (await import('../../render/box.js')).loadBoxTables();
  const text = format === 'json' ? r.renderSensitivityJson(result, formatPeriod(table.years[yi]!, table.frequency)) : format === 'csv' ? r.renderSensitivityCsv(result) : format === 'md' ? r.sensitivityMarkdown(result, view).toString() : r.renderSensitivityTable(result, view);
  await writeOutput(format === 'csv' && opts.bom ? withBom(text) : text, opts.out, io, data);
  return 0;
}

/** Splits levels at commas that separate methods (min-max:1,100 keeps its comma). */
export function splitLevels(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const prev = out[out.length - 1];
    // a part that is only a number (or a word of mpi's: mpi:+,sample) continues the previous method's parameters
    if (prev !== undefined && prev.includes(':') && (/^-?\d+(\.\d+)?$/.test(part.trim()) || (prev.startsWith('mpi:') && /^(sample|population|\+|-)$/.test(part.trim())))) out[out.length - 1] = `${prev},${part.trim()}`;
    else out.push(part.trim());
  }
  return out.filter((p) => p !== '');
}

/** The output options of both commands: --format, --out, --lang, --decimals. */
const FORMATS = ['table', 'json', 'csv', 'md'] as const;
function withOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else table)').choices([...FORMATS]))
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addOption(bomOption())
    .addOption(langOption())
    .addOption(decimalsOption());
}

/** Defines `smei audit`. */
export function auditCommand(io: Io, result: { code: number }): Command {
  return withOutputOptions(dataCommand('audit', 'statistics of every indicator (COINr\'s outlier flags, exploding ratios) and the consistency of every node (correlations, Cronbach\'s alpha, first principal component)'))
    .addHelpText('after', `
Examples:
  smei audit fixtures/zhejiang-synthetic.csv
  smei audit fixtures/zhejiang-synthetic.csv --format md --lang en`)
    .action(async (data: string[], opts: AnalysisOptions) => {
      result.code = await runAudit(data, opts, io);
    });
}

/** Defines `smei sensitivity`. */
export function sensitivityCommand(io: Io, result: { code: number }): Command {
  const cmd = dataCommand('sensitivity', 'how robust the ranks are: Monte Carlo over weights and methods, first-order sensitivity indices, remove-one')
    .option('--node <id>', 'the node ranked (default: the composite)')
    .option('--vary-weights <pct>', 'draw each weight uniformly within ±PCT% of its value (then renormalised)', pctArg)
    .option('--vary <name=levels>', 'vary a method between levels: normalise=fixed-base,min-max; aggregation=arithmetic,geometric; impute=mean,median; weights=given,entropy (repeatable)', varyArg)
    .option('--samples <n>', 'Monte Carlo samples', intArg('--samples', 1, 1_000_000), 1000)
    .option('--seed <n>', 'the random seed: the same seed, the same output', intArg('--seed', 0, 2 ** 31 - 1), 1)
    .addOption(new Option('--remove-one <what>', 'leave each indicator or module out in turn').choices(['indicator', 'module']));
  return withOutputOptions(cmd)
    .addHelpText('after', `
Examples:
  smei sensitivity fixtures/zhejiang-synthetic.csv --vary-weights 25 --samples 500
  smei sensitivity fixtures/zhejiang-synthetic.csv --vary normalise=fixed-base,min-max:1,100 --vary aggregation=arithmetic,geometric
  smei sensitivity fixtures/zhejiang-synthetic.csv --remove-one module --format md`)
    .action(async (data: string[], opts: SensitivityOptions) => {
      result.code = await runSensitivity(data, opts, io);
    });
}
