// Renamed units: 龙南县 (to 2019) and 龙南市 (from 2020) are one county. With
// a rename (--rename OLD=NEW, or the framework's "aliases") the old name's
// rows continue the new name's series; without one, a unit whose data stops
// just before another's starts is pointed out. Pure: observations in and out.
import { sameValue } from '../core/equal.js';
import { Observations } from '../core/observations.js';
import { renameArgument, renamePairs } from '../core/renamed.js';
import type { Note } from '../core/types.js';
import { SmeiError } from '../errors.js';
import { cleanCell, quote } from '../text.js';
import { formatPeriod } from '../time/period.js';

/** Parses --rename values (OLD=NEW, or OLD＝NEW) over the framework's aliases into one map, checked. */
export function renameMap(aliases: Record<string, string>, given: string[] = [], what = '--rename'): Map<string, string> {
  const map = new Map<string, string>();
  for (const [from, to] of Object.entries(aliases)) map.set(cleanCell(from), cleanCell(to));
  for (const g of given) {
    const m = /^([^=＝]+)[=＝]([^=＝]+)$/.exec(g);
    const from = m === null ? '' : cleanCell(m[1]!);
    const to = m === null ? '' : cleanCell(m[2]!);
    if (from === '' || to === '' || from === to) throw new SmeiError('usage', `${what} ${quote(g)}: write the old name and the new one, OLD=NEW (for example --rename 龙南县=龙南市).`, { zh: `${what} ${quote(g)}：请写出旧名称和新名称，格式为 OLD=NEW（如 --rename 龙南县=龙南市）。` });
    map.set(from, to);
  }
  for (const [from, to] of map) {
    if (map.has(to)) throw new SmeiError('usage', `${what}: ${quote(from)} is renamed ${quote(to)}, and ${quote(to)} is renamed ${quote(map.get(to)!)} in turn. Rename each old name straight to the name in use now (${from}=${map.get(to)}).`, { zh: `${what}：${quote(from)}改名为${quote(to)}，而${quote(to)}又改名为${quote(map.get(to)!)}。请把每个旧名称直接改为现用名称（${from}=${map.get(to)}）。` });
  }
  return map;
}

/**
 * The observations with renamed units under their new names (the old name's
 * rows placed where the new name's series is), and a note per renamed unit.
 * The same cell given under both names with different values is an error
 * naming both places. Observations without any old name come back as they are.
 */
export function renameUnits(obs: Observations, renames: ReadonlyMap<string, string>, nodeIds: readonly string[]): { observations: Observations; notes: Note[] } {
  if (renames.size === 0 || !obs.units.some((u) => renames.has(u))) return { observations: obs, notes: [] };
  const N = obs.nodeCount;
  const out = new Observations(obs.file, N);
  out.frequency = obs.frequency;
  out.unitHeader = obs.unitHeader;
  out.titlePlace = obs.titlePlace;
  obs.dataUnits.forEach((u, n) => (out.dataUnits[n] = u));
  obs.convertedFrom.forEach((u, n) => (out.convertedFrom[n] = u));
  const from = new Map<number, number>(); // slot in out -> slot in obs, for the sources
  const rows = new Map<string, { count: number; periods: number[] }>();
  const years = obs.years();
  for (let u = 0; u < obs.units.length; u++) {
    const name = obs.units[u]!;
    const target = renames.get(name) ?? name;
    const id = out.unitId(target);
    for (const year of years) {
      const row = obs.row(u, year);
      if (row < 0) continue;
      const newRow = out.rowFor(id, year);
      if (target !== name) {
        const r = rows.get(name) ?? { count: 0, periods: [] };
        r.count++;
        r.periods.push(year);
        rows.set(name, r);
      }
      for (let n = 0; n < N; n++) {
        const at = row * N + n;
        const v = obs.data[at]!;
        const slot = newRow * N + n;
        const prior = out.data[slot]!;
        if (Number.isNaN(v) && from.has(slot)) continue; // an empty cell never overrides a value
        if (!Number.isNaN(prior) && !Number.isNaN(v) && !sameValue(prior, v)) {
          const place = (s: number): string => obs.source?.(s) ?? obs.file;
          throw new SmeiError('duplicate', `${obs.file}: ${quote(target)} and its old name give ${formatPeriod(year, obs.frequency)} ${quote(nodeIds[n] ?? String(n))} differently: ${prior} (${place(from.get(slot)!)}) and ${v} (${place(at)}). With the rename they are one unit; keep one of the two values.`, { zh: `${obs.file}：${quote(target)}与其旧名称给出的 ${formatPeriod(year, obs.frequency)} ${quote(nodeIds[n] ?? String(n))} 不一致：${prior}（${place(from.get(slot)!)}）与 ${v}（${place(at)}）。改名后它们是同一个地区；请保留两个值中的一个。` });
        }
        if (Number.isNaN(prior)) {
          out.setAt(slot, n, v);
          from.set(slot, at);
        }
      }
      for (const [id2, m] of obs.aux) {
        const v = m.get(row);
        if (v === undefined) continue;
        let o = out.aux.get(id2);
        if (o === undefined) out.aux.set(id2, (o = new Map()));
        if (!o.has(newRow) || Number.isNaN(o.get(newRow)!)) o.set(newRow, v);
      }
    }
  }
  for (const [id, m] of obs.groups) {
    const o = new Map<string, string>();
    for (const [unit, g] of m) {
      const target = renames.get(unit) ?? unit;
      if (!o.has(target)) o.set(target, g);
    }
    out.groups.set(id, o);
  }
  const source = obs.source;
  if (source !== undefined) out.source = (at) => (from.has(at) ? source(from.get(at)!) : undefined);
  const notes: Note[] = [...rows].map(([name, r]) => ({ code: 'renamed', detail: { from: name, to: renames.get(name)!, rows: r.count, periods: spanText(r.periods, obs) } }));
  return { observations: out, notes };
}

/** "2014-2019" (or one period) for a note. */
function spanText(periods: number[], obs: Observations): string {
  const sorted = [...periods].sort((a, b) => a - b);
  const first = formatPeriod(sorted[0]!, obs.frequency);
  const last = formatPeriod(sorted[sorted.length - 1]!, obs.frequency);
  return first === last ? first : `${first}-${last}`;
}

/**
 * Pairs of units where one's data stops in the period just before the
 * other's starts (neither covering the whole span of the file): likely one
 * unit renamed (core/renamed.ts). Where the review's `renamed` rule names a
 * pair too (its new name reports in the latest period), the loader drops this
 * note for it (cli/load.ts), so that it is said once.
 */
export function renameHints(obs: Observations): Note[] {
  return renamePairs(obs)
    .map((p) => ({ code: 'rename-hint', detail: { from: obs.units[p.old]!, to: obs.units[p.now]!, last: formatPeriod(p.last, obs.frequency), first: formatPeriod(p.first, obs.frequency), rename: renameArgument(obs.units[p.old]!, obs.units[p.now]!) } }));
}
