// Stage 1, periods and base: the periods of the data, the base (a year, or
// one period with --base-period) and the reference period, refused with a
// message when the data cannot give them.
import { SmeiError } from '../../errors.js';
import type { Framework } from '../../framework/types.js';
import { formatPeriod, frequencyName, periodOf, periodWords, type Frequency } from '../../time/period.js';
import type { MethodSpec } from '../methods.js';
import type { Observations } from '../observations.js';
import type { ComputeOptions } from '../types.js';

/** The periods of a run: every period key in order, the base and the reference. */
export interface Periods {
  years: number[];
  frequency: Frequency;
  baseYear: number;
  /** The one period = 100, when --base-period gave it. */
  basePeriod: number | undefined;
  refYear: number | undefined;
}

/** Whether a normalisation indexes against a base (fixed-base, chain-linked) rather than scoring across units. */
export function againstBase(m: MethodSpec): boolean {
  return m.name === 'fixed-base' || m.name === 'chain-linked';
}

/** The periods and the base of a run; refuses a base the data does not have (only when indicators are indexed against it). */
export function settlePeriods(obs: Observations, fw: Framework, options: ComputeOptions, normalise: MethodSpec): Periods {
  const baseYear = options.baseYear ?? fw.baseYear;
  const years = obs.years();
  const freq = obs.frequency;
  const basePeriod = options.basePeriod;
  if (normalise.name === 'chain-linked' && freq !== 'year') throw new SmeiError('usage', `--normalise chain-linked: ${obs.file} is ${frequencyName(freq, 'en')} data; chain-linking is for annual data. Use fixed-base for periods.`, { zh: `--normalise chain-linked：${obs.file}是${frequencyName(freq, 'zh')}数据；环比链接只适用于年度数据。时期数据请用 fixed-base。` });
  // cross-sectional methods need no base
  const leafHasData = againstBase(normalise) && fw.nodes.some((n) => n.children.length === 0 && obs.nodeHasData[n.index]);
  if (leafHasData && basePeriod !== undefined && !years.includes(basePeriod)) {
    throw new SmeiError('data', `--base-period ${periodWords(basePeriod, freq, 'en')}: ${obs.file} has no data for that period (it has ${describePeriods(years, freq)}). Give a period the data has.`, { zh: `--base-period ${periodWords(basePeriod, freq, 'zh')}：${obs.file}没有该期的数据（数据有${describePeriods(years, freq, 'zh')}）。请给出数据中有的时期。` });
  }
  if (leafHasData && basePeriod === undefined && years.length === 1 && years[0] === 0) {
    // a cross-section: no year column, so there is no year to index against
    throw new SmeiError('usage', `${obs.file}: the data has no year column: it is one period (a cross-section), and fixed-base indices compare each year with a base year. Choose a cross-sectional --normalise such as min-max, or add a year column.`, { zh: `${obs.file}：数据没有年份列：它只有一期（截面数据），而定基指数要把各年与基期比较。请选择截面标准化方法（--normalise，如 min-max），或添加年份列。` });
  }
  if (leafHasData && basePeriod === undefined && !baseYear) {
    throw new SmeiError('usage', `${obs.file}: the framework ${fw.name} gives no base year, and fixed-base indices need one. Pass --base-year YEAR (or --base-period), add "baseYear" to the framework, or choose a cross-sectional --normalise such as min-max.`, { zh: `${obs.file}：框架${fw.name}没有给出基期，而定基指数需要基期。请用 --base-year YEAR（或 --base-period）指定，或在框架中加上 "baseYear"，或选择截面标准化方法（--normalise，如 min-max）。` });
  }
  if (leafHasData && basePeriod === undefined && !years.some((k) => periodOf(k, freq).year === baseYear)) {
    throw new SmeiError('data', `${obs.file}: no data for the base year ${baseYear} (the data has ${describePeriods(years, freq)}). Raw indicator values are indexed against the base year: add its rows, or pass --base-year with a year the data has.`, {
      zh: `${obs.file}：没有基期${baseYear}年的数据（数据有${describePeriods(years, freq, 'zh')}）。指数以基期为100计算：请补上基期各行，或用 --base-year 指定数据中有的年份。`,
    });
  }
  return { years, frequency: freq, baseYear, basePeriod, refYear: options.refYear };
}

/** Refuses a reference period (--ref-year) the data does not have. */
export function checkRefPeriod(obs: Observations, p: Periods): void {
  const { refYear, frequency: freq, years } = p;
  if (refYear !== undefined && !years.includes(refYear)) {
    throw new SmeiError('usage', `--ref-year ${freq === 'year' ? refYear : formatPeriod(refYear, freq)}: ${obs.file} has no data for that ${freq === 'year' ? 'year' : 'period'} (it has ${describePeriods(years, freq)}).`, {
      zh: `--ref-year ${freq === 'year' ? refYear : formatPeriod(refYear, freq)}：${obs.file}没有该${freq === 'year' ? '年' : '期'}的数据（数据有${describePeriods(years, freq, 'zh')}）。`,
    });
  }
}

/** The periods of the data for messages: "2015-2018", "2015, 2017", "2018Q1-2019Q4". */
export function describePeriods(keys: number[], freq: Frequency, lang: 'zh' | 'en' = 'en'): string {
  if (freq === 'year') return describeYears(keys, lang);
  if (keys.length === 0) return lang === 'zh' ? '没有时期' : 'no periods';
  return keys.length > 2 ? `${formatPeriod(keys[0]!, freq)}-${formatPeriod(keys[keys.length - 1]!, freq)}` : keys.map((k) => formatPeriod(k, freq)).join(', ');
}

/** "2015-2018" or "2015, 2017" for messages. */
export function describeYears(years: number[], lang: 'zh' | 'en' = 'en'): string {
  if (years.length === 0) return lang === 'zh' ? '没有年份' : 'no years';
  if (years.length === 1 && years[0] === 0) return lang === 'zh' ? '只有一期，没有年份列' : 'one period and no year column';
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  return consecutive && years.length > 2 ? `${years[0]}-${years[years.length - 1]}` : years.join(', ');
}
