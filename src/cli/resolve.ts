// Resolving --node and --year against a framework and a computed table.
import type { IndexTable } from '../core/compute.js';
import { SmeiError } from '../errors.js';
import { buildNodeLookup, nodeNames } from '../framework/check.js';
import type { Framework } from '../framework/types.js';
import { didYouMean, matchKey, quote } from '../text.js';
import { formatPeriod, frequencyName, type Frequency, type Period } from '../time/period.js';

/** The node named by --node (id or label), or the root. */
export function resolveNode(fw: Framework, name: string | undefined): number {
  if (name === undefined) return 0;
  const n = buildNodeLookup(fw).get(matchKey(name));
  if (n === undefined) {
    throw new SmeiError('usage', `--node ${quote(name)}: no such node in framework ${fw.name}.${didYouMean(name, nodeNames(fw))} \`smei framework\` lists the nodes.`, {
      zh: `--node ${quote(name)}：框架${fw.name}中没有这个节点。${didYouMean(name, nodeNames(fw), 'zh')}smei framework 列出全部节点。`,
    });
  }
  return n;
}

/** The key of a period given on the command line, checked against the data's frequency. */
export function periodKeyFor(p: Period, freq: Frequency, option: string, file: string): number {
  if (p.freq !== freq) {
    const example = { year: '2018', half: '2018H1', quarter: '2018Q3', month: '2018-03', cumulative: '2018年1-6月' }[freq];
    throw new SmeiError('usage', `${option} ${formatPeriod(p.key, p.freq)}: ${file} is ${frequencyName(freq, 'en')} data; give a period like ${example}.`, {
      zh: `${option} ${formatPeriod(p.key, p.freq)}：${file}是${frequencyName(freq, 'zh')}数据，请给出 ${example} 这样的时期。`,
    });
  }
  return p.key;
}

/** A period asked for on the command line, as a key the data has (else a usage error naming the periods it has). */
export function periodInData(period: Period | number, periods: readonly number[], freq: Frequency, option: string, file: string): number {
  const key = typeof period === 'number' ? period : periodKeyFor(period, freq, option, file);
  if (!periods.includes(key)) {
    const has = periods.map((k) => formatPeriod(k, freq)).join(', ');
    throw new SmeiError('usage', `${option} ${formatPeriod(key, freq)}: ${file} has no data for that ${freq === 'year' ? 'year' : 'period'} (it has ${has}).`, {
      zh: `${option} ${formatPeriod(key, freq)}：${file}没有该${freq === 'year' ? '年' : '期'}的数据（数据有${has}）。`,
    });
  }
  return key;
}

/** The period index for --period/--year (default: the latest period in the data). */
export function resolveYear(table: IndexTable, period: Period | number | undefined, option = '--period'): number {
  if (period === undefined) return table.years.length - 1;
  return table.yearIdx(periodInData(period, table.years, table.frequency, option, table.file))!;
}

/** The units named by --unit, by index; every unknown name is reported at once. */
export function resolveUnits(table: IndexTable, names: string[]): number[] {
  const unknown = names.filter((n) => !table.units.includes(n));
  if (unknown.length > 0) {
    const shown = table.units.slice(0, 12).join(', ');
    const more = table.units.length > 12 ? `, … ${table.units.length} in all` : '';
    throw new SmeiError('usage', `--unit ${unknown.map((n) => JSON.stringify(n)).join(', ')}: ${table.file} has no unit of that name (it has ${shown}${more}).`, {
      zh: `--unit ${unknown.map((n) => JSON.stringify(n)).join(', ')}：${table.file}中没有这个地区（有${shown}${table.units.length > 12 ? `等${table.units.length}个` : ''}）。`,
    });
  }
  return [...new Set(names)].map((n) => table.units.indexOf(n));
}
