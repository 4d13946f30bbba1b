// Option parsers and option groups shared by the subcommands.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ReviewLevel, ReviewRule } from '../framework/types.js';
import { parsePeriod, type Period } from '../time/period.js';
import { rememberReason } from './commander-zh.js';

/** The review rules --level names. */
export const REVIEW_RULES: ReviewRule[] = ['missing', 'dropped', 'renamed', 'out-of-range', 'scale', 'totals', 'unchanged', 'conflict', 'yoy-jump', 'outlier'];

/**
 * An option value refused, for commander (which prints the English after its
 * own words); the Chinese text is what a config file's refusal says (`zh`).
 */
export function invalid(message: string, zh: string): InvalidArgumentError {
  // commander prints the English after its own words; a run in Chinese prints this instead (commander-zh.ts)
  rememberReason(message, zh);
  return Object.assign(new InvalidArgumentError(message), { zh });
}

/** Parses --level rule=level (repeatable). */
export function levelArg(value: string, previous: string[] | undefined): string[] {
  const m = /^([\w-]+)=(error|warning|off)$/.exec(value.trim());
  if (!m || !REVIEW_RULES.includes(m[1] as ReviewRule)) throw invalid(`--level must be RULE=error|warning|off with RULE one of ${REVIEW_RULES.join(', ')}; got ${JSON.stringify(value)}.`, `--level 必须是 RULE=error|warning|off，RULE 为 ${REVIEW_RULES.join(', ')} 之一；实际为 ${JSON.stringify(value)}。`);
  return [...(previous ?? []), value.trim()];
}

/** The levels --level gives, by rule (a later one wins). */
export function levelsOf(list: readonly string[] | undefined): Partial<Record<ReviewRule, ReviewLevel>> {
  return Object.fromEntries((list ?? []).map((l) => l.split('=') as [ReviewRule, ReviewLevel]));
}

/** Parses a whole number within bounds, for commander (`nameZh`: what the Chinese message calls it, the option's name by default). */
export function intArg(name: string, min: number, max: number, nameZh = name): (value: string) => number {
  // an option name is followed by a space in Chinese text, a Chinese word is not
  const subject = /[\x00-\x7f]$/.test(nameZh) ? `${nameZh} ` : nameZh;
  return (value: string) => {
    const v = value.trim();
    if (!/^[+-]?\d+$/.test(v)) throw invalid(`${name} must be a whole number, got ${JSON.stringify(value)}.`, `${subject}必须是整数，实际为 ${JSON.stringify(value)}。`);
    const n = Number(v);
    if (n < min || n > max) throw invalid(`${name} must be between ${min} and ${max}, got ${n}.`, `${subject}必须在 ${min} 到 ${max} 之间，实际为 ${n}。`);
    return n;
  };
}

/** Parses a four-digit year. */
export const yearArg = intArg('a year', 1000, 9999, '年份');

/** Parses a period: 2018, 2018H1, 2018Q3, 2018-03, 2018年1-6月 (checked against the data's frequency later). */
export function periodArg(value: string): Period {
  const p = parsePeriod(value);
  if ('error' in p) throw invalid(`${JSON.stringify(value)} ${p.error}.`, `${JSON.stringify(value)}${p.zh}。`);
  return p;
}

/** Parses a share from 0 to 1. */
export function shareArg(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1) throw invalid(`--screen must be a share from 0 to 1, such as 0.9; got ${JSON.stringify(value)}.`, `--screen 必须是 0 到 1 之间的比例，如 0.9；实际为 ${JSON.stringify(value)}。`);
  return v;
}

/** Collects a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds the options every data-reading command has. */
export function addDataOptions(cmd: Command): Command {
  return cmd
    .option('--framework <file>', 'framework JSON file, or a built-in name (default: zhejiang)')
    .option('--base-year <year>', "base year (default: the framework's); for half-years, quarters and months the mean of its periods is 100", yearArg)
    .option('--base-period <period>', 'one period = 100 instead of the base year, e.g. 2014Q1', periodArg)
    .option('--aggregate-unit <unit>', 'a unit shown but not ranked, e.g. 浙江省 (repeatable)', collect)
    .option('--encoding <name>', 'input encoding: utf-8, utf-16le, utf-16be, gb18030 (default: detected)')
    .option('--delimiter <char>', 'field separator: , ; or tab (default: detected from the first lines)')
    .option('--sheet <name|n>', 'the workbook sheet to read, by name or 1-based number (default: every sheet whose header smei recognises, merged)')
    .option('--header-row <n>', 'the row that holds the column names (default: found in the first 20 rows)', intArg('--header-row', 1, 1_000_000))
    .option('--unit-column <name>', 'the column of unit names, when its header is none smei knows')
    .option('--ignore-column <name>', 'a column to skip (repeatable)', collect)
    .option('--indicator <id>', 'the indicator of a file whose columns are years and that names none')
    .option('--rename <old=new>', 'a unit renamed: its rows under OLD continue the series of NEW, e.g. 龙南县=龙南市 (repeatable)', collect)
    .option('--no-auto-aggregate', 'rank totals rows (合计, 全省, ...) like any unit instead of treating them as aggregates')
    .option('--no-review', 'compute even when the data fails error-level review rules (smei review lists them)')
    .option('--level <rule=level>', `a review rule's level: error, warning or off (repeatable; rules: ${REVIEW_RULES.join(', ')})`, levelArg)
    .option('--normalise <method>', 'fixed-base (default), chain-linked, min-max[:LO,HI], z-score[:MEAN,SD], efficacy[:A,B], efficacy-exponential, goalposts, distance-to-target, rank, percentile, none')
    .option('--weights <method>', 'given (default), equal, entropy, entropy-minmax[:ignore-direction], critic[:ignore-direction], cv, pca, ahp[:eigen|sum|geometric]')
    .option('--aggregation <method>', 'every node: arithmetic, geometric, harmonic, power:P, mpi[:+][,sample] (default: the framework\'s)')
    .option('--denominate', 'divide indicators by their denominator column first (per capita, per GDP)')
    .option('--impute <method>', 'fill missing values: mean, median, group-mean:COL, group-median:COL, carry-forward, interpolate')
    .option('--screen <share>', 'drop units with less than this share of their indicators present (0-1)', shareArg)
    .option('--treat <method>', "outliers: winsorise[:MAX] (COINr's default treatment)")
    .addOption(new Option('--scope <scope>', 'cross-sectional statistics within each year, or over the whole panel').choices(['year', 'panel']))
    .option('--allow-inconsistent', 'accept AHP matrices with a consistency ratio of 0.1 or more')
    .option('--ahp-ri <table>', "AHP's random index table: saaty (default, Saaty 1980) or cn (the table of Chinese textbooks)")
    .option('-q, --quiet', 'no progress line and no warnings on stderr');
}

/** The --lang option. */
export function langOption(): Option {
  return new Option('--lang <lang>', 'language of labels and text').choices(['zh', 'en']).default('zh');
}

/** The --decimals option. */
export function decimalsOption(): Option {
  return new Option('--decimals <n>', 'decimals shown (rounded half to even)').argParser(intArg('--decimals', 0, 10)).default(2);
}

/** The --no-color option. */
export function colorOption(): Option {
  return new Option('--no-color', 'no colour (also NO_COLOR=1, TERM=dumb, or output not a terminal)');
}

/** A subcommand that reads one data file: the argument, the data options, --year and --ref-year. */
export function dataCommand(name: string, description: string): Command {
  return addDataOptions(new Command(name).description(description).argument('<data...>', 'CSV files, workbooks (.xlsx, .xls) or folders of them, merged; or - for stdin'))
    .option('--period <period>', 'the period shown: 2018, 2018H1, 2018Q3, 2018-03, 2018年1-6月 (default: the latest in the data)', periodArg)
    .option('--year <period>', 'the same as --period (for annual data)', periodArg)
    .option('--ref-year <period>', 'also give the change against this year (or period), in points and percent', periodArg);
}

/** --bom: a UTF-8 byte-order mark before CSV output, for Excel (every command that writes CSV has it). */
export function bomOption(): Option {
  return new Option('--bom', 'start CSV output with a UTF-8 byte-order mark, for Excel');
}
