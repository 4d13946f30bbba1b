// Units that look renamed: one's data stops in the period just before
// another's starts (龙南县 to 2019, 龙南市 from 2020; or a return that wrote
// 德清 for 德清县). Read's notes (input/rename.ts) and the review's `renamed`
// rule both find them here. Pure.
import { isTotalName } from './aggregates.js';
import type { Observations } from './observations.js';

/** One likely rename: the old unit, the new one, the old's last period and the new's first (keys). */
export interface RenamePair {
  old: number;
  now: number;
  last: number;
  first: number;
}

/**
 * Pairs of units where one's data stops in the period just before the
 * other's starts, neither covering the whole span of the data. One that
 * stops and one that starts are a pair; several (a year when many counties
 * became cities) are paired by the longest shared beginning of their names,
 * where that pairing is one to one. Totals rows are never a pair. Data of
 * more than 5,000 units is not searched.
 */
export function renamePairs(obs: Observations): RenamePair[] {
  const years = obs.years();
  // office tables of up to a few thousand units; a large panel is not searched (a read pays nothing for it)
  if (years.length < 2 || obs.units.length > 5000) return [];
  const N = obs.nodeCount;
  const span = obs.units.map((_, u) => {
    let first = -1;
    let last = -1;
    years.forEach((y, i) => {
      const row = obs.row(u, y);
      if (row < 0) return;
      for (let n = 0; n < N; n++) {
        if (!Number.isNaN(obs.data[row * N + n]!)) {
          if (first < 0) first = i;
          last = i;
          return;
        }
      }
    });
    return { first, last };
  });
  const ending = new Map<number, number[]>(); // last period index -> units that stop there early
  span.forEach((s, u) => {
    if (s.first >= 0 && s.last < years.length - 1) ending.set(s.last, [...(ending.get(s.last) ?? []), u]);
  });
  const starting = new Map<number, number[]>();
  span.forEach((s, u) => {
    if (s.first > 0) starting.set(s.first, [...(starting.get(s.first) ?? []), u]);
  });
  const out: RenamePair[] = [];
  for (const [last, olds] of ending) {
    const news = starting.get(last + 1);
    if (news === undefined) continue;
    const pairs = olds.length === 1 && news.length === 1 ? [[olds[0]!, news[0]!] as const] : pairByName(olds, news, obs.units);
    for (const [old, now] of pairs) {
      // a totals row is not a unit renamed: 合计 after a row named after the city is the same total under a word
      if (isTotalName(obs.units[old]!) || isTotalName(obs.units[now]!)) continue;
      out.push({ old, now, last: years[last]!, first: years[last + 1]! });
    }
  }
  return out;
}

/** The suffixes of Chinese administrative names, longest first: 德清 is 德清县 without its 县. */
const ADMIN_SUFFIXES = ['自治县', '自治州', '街道', '县', '区', '市', '镇', '乡', '旗', '州', '盟'];

/**
 * The --rename argument that joins a pair: OLD=NEW (the rows under OLD
 * continue NEW's series) for a real rename (龙南县=龙南市); but where the new
 * name is the old one without its administrative suffix (a return that wrote
 * 德清 for 德清县), the established name is kept: 德清=德清县.
 */
export function renameArgument(oldName: string, newName: string): string {
  const short = ADMIN_SUFFIXES.some((s) => oldName === newName + s);
  return short ? `${newName}=${oldName}` : `${oldName}=${newName}`;
}

/** Pairs old and new units whose names share the longest beginning (at least one character), each only when the choice is mutual and unique. */
function pairByName(olds: number[], news: number[], names: readonly string[]): (readonly [number, number])[] {
  const shared = (a: string, b: string): number => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  const best = (u: number, among: number[]): number | undefined => {
    let top = 0;
    let pick: number[] = [];
    for (const v of among) {
      const n = shared(names[u]!, names[v]!);
      if (n > top) {
        top = n;
        pick = [v];
      } else if (n === top && n > 0) pick.push(v);
    }
    return pick.length === 1 ? pick[0] : undefined;
  };
  return olds.flatMap((o) => {
    const n = best(o, news);
    return n !== undefined && best(n, olds) === o ? [[o, n] as const] : [];
  });
}

/** Pairs old and new names: the only two, or each by the longest shared beginning where the choice is mutual and unique. */
export function pairNames(olds: string[], news: string[]): [string, string][] {
  if (olds.length === 1 && news.length === 1) return [[olds[0]!, news[0]!]];
  const names = [...olds, ...news];
  return pairByName(olds.map((_, i) => i), news.map((_, i) => olds.length + i), names).map(([o, n]) => [names[o]!, names[n]!]);
}
