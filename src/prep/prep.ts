// Data preparation before normalising, in this order, each optional:
// denominate, impute, screen, treat. Ported from COINr (bluefoxr/COINr:
// R/denominate.R, R/impute.R, R/screen_units.R, R/treat.R) so that smei
// reproduces its example pipeline value for value. In a panel each period is
// prepared on its own, as COINr does for a purse. Pure: observations in, new
// observations out.
import { Observations } from '../core/observations.js';
import { median } from '../stats.js';
import type { Warning } from '../core/types.js';
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import type { MethodSpec } from '../core/methods.js';

/** What preparation did, for notes and the JSON. */
export interface PrepLog {
  /** Slots (row · nodeCount + node) of the result that were imputed. */
  imputed: Set<number>;
  /** Units dropped by screening, by period. */
  screened: { unit: string; period: number; share: number }[];
  /** Per period and indicator: how the treatment went. */
  treated: { period: number; node: string; winsorised: number; log: boolean; skew: number; kurt: number }[];
  warnings: Warning[];
}

/** The leaves of a framework (the raw indicators). */
function leaves(fw: Framework): number[] {
  return fw.nodes.filter((n) => n.children.length === 0).map((n) => n.index);
}

/** A copy of observations, optionally leaving out some (unit, period) rows. */
function copy(obs: Observations, keep: (u: number, period: number) => boolean = () => true): Observations {
  const out = new Observations(obs.file, obs.nodeCount);
  out.frequency = obs.frequency;
  obs.dataUnits.forEach((u, n) => (out.dataUnits[n] = u));
  for (const [k, v] of obs.aux) out.aux.set(k, v);
  for (const [k, v] of obs.groups) out.groups.set(k, v);
  for (let u = 0; u < obs.units.length; u++) {
    for (const period of obs.years()) {
      const row = obs.row(u, period);
      if (row < 0 || !keep(u, period)) continue;
      const nu = out.unitId(obs.units[u]!);
      for (let n = 0; n < obs.nodeCount; n++) out.set(nu, period, n, obs.value(row, n));
    }
  }
  out.source = obs.source;
  return out;
}

/** Divides each indicator with a `denominator` by that column of the data (COINr's Denominate). */
export function denominate(obs: Observations, fw: Framework, log: PrepLog): Observations {
  const out = copy(obs);
  const missing = [...new Set(fw.nodes.filter((n) => n.denominator !== undefined && !obs.aux.has(n.denominator)).map((n) => n.denominator!))];
  if (missing.length > 0) throw new SmeiError('data', `--denominate: ${obs.file} has no column ${missing.map((m) => JSON.stringify(m)).join(', ')}, which the framework names as a denominator. Add the column (one value per unit and year), or leave --denominate out.`);
  for (const n of fw.nodes) {
    if (n.denominator === undefined || n.children.length > 0) continue;
    const d = obs.aux.get(n.denominator)!;
    for (let u = 0; u < out.units.length; u++) {
      for (const period of out.years()) {
        const row = out.row(u, period);
        const srcRow = obs.row(obs.findUnit(out.units[u]!)!, period);
        if (row < 0) continue;
        const x = out.value(row, n.index);
        if (Number.isNaN(x)) continue;
        const den = d.get(srcRow) ?? NaN;
        if (Number.isNaN(den) || den === 0) {
          log.warnings.push({ code: 'denominator', unit: out.units[u]!, year: period, node: n.id, detail: { denominator: n.denominator, value: Number.isNaN(den) ? 'missing' : 0 } });
          out.set(u, period, n.index, NaN);
        } else {
          out.set(u, period, n.index, x / den);
        }
      }
    }
  }
  return out;
}

/** The mean of numbers (NaN when none). */
function mean(xs: number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
}

/**
 * Fills missing values (COINr's i_mean, i_median, i_mean_grp, i_median_grp;
 * carry-forward and linear interpolation over a unit's own periods). Means and
 * medians are taken over the units of the same period.
 */
export function impute(obs: Observations, fw: Framework, m: MethodSpec, log: PrepLog): Observations {
  const out = copy(obs);
  const N = out.nodeCount;
  const periods = out.years();
  let groupOf: ((u: number) => string | undefined) | undefined;
  if (m.name.startsWith('group-')) {
    const col = m.params[0]!;
    const g = obs.groups.get(col);
    if (g === undefined) {
      const known = [...obs.groups.keys()];
      throw new SmeiError('usage', `--impute ${m.name}:${col}: ${obs.file} has no group column ${JSON.stringify(col)}${known.length ? ` (its group columns: ${known.join(', ')})` : ''}. Declare the column in the framework's "groups" (type Group in a table) and give it in the data.`);
    }
    if ([...g.values()].every((v) => v === '')) throw new SmeiError('data', `--impute ${m.name}:${col}: the group column ${JSON.stringify(col)} is empty for every unit. Fill it in.`);
    groupOf = (u) => {
      const v = g.get(out.units[u]!);
      return v === undefined || v === '' ? undefined : v;
    };
  }
  for (const n of leaves(fw)) {
    if (m.name === 'carry-forward' || m.name === 'interpolate') {
      for (let u = 0; u < out.units.length; u++) {
        const series = periods.map((p) => {
          const row = out.row(u, p);
          return row < 0 ? NaN : out.value(row, n);
        });
        series.forEach((x, i) => {
          const row = out.row(u, periods[i]!);
          if (!Number.isNaN(x) || row < 0) return;
          let before = i - 1;
          while (before >= 0 && Number.isNaN(series[before]!)) before--;
          let after = i + 1;
          while (after < series.length && Number.isNaN(series[after]!)) after++;
          let v = NaN;
          if (m.name === 'carry-forward') v = before >= 0 ? series[before]! : NaN;
          else if (before >= 0 && after < series.length) v = series[before]! + ((series[after]! - series[before]!) * (i - before)) / (after - before);
          if (!Number.isNaN(v)) {
            out.set(u, periods[i]!, n, v);
            log.imputed.add(row * N + n);
          }
        });
      }
      continue;
    }
    for (const p of periods) {
      const rows = out.units.map((_, u) => out.row(u, p));
      const vals = rows.map((r) => (r < 0 ? NaN : out.value(r, n)));
      const fill = (pool: number[]): number => (m.name.endsWith('median') ? median(pool) : mean(pool));
      rows.forEach((r, u) => {
        if (r < 0 || !Number.isNaN(vals[u]!)) return;
        let pool: number[];
        if (groupOf) {
          const g = groupOf(u);
          if (g === undefined) return; // no group: left missing, as COINr skips NA groups
          pool = vals.filter((x, k) => !Number.isNaN(x) && groupOf!(k) === g);
        } else pool = vals.filter((x) => !Number.isNaN(x));
        const v = fill(pool);
        if (!Number.isNaN(v)) {
          out.set(u, p, n, v);
          log.imputed.add(r * N + n);
        }
      });
    }
  }
  return out;
}

/** Drops (unit, period) rows with less than `share` of the indicators present (COINr's Screen, unit_screen = "byNA"). */
export function screen(obs: Observations, fw: Framework, share: number, log: PrepLog): Observations {
  const ls = leaves(fw).filter((n) => obs.nodeHasData[n]);
  const drop = new Set<string>();
  for (let u = 0; u < obs.units.length; u++) {
    for (const p of obs.years()) {
      const row = obs.row(u, p);
      if (row < 0) continue;
      const present = ls.filter((n) => !Number.isNaN(obs.value(row, n))).length;
      const avail = ls.length ? present / ls.length : 1;
      if (avail < share) {
        drop.add(`${u}|${p}`);
        log.screened.push({ unit: obs.units[u]!, period: p, share: avail });
      }
    }
  }
  return copy(obs, (u, p) => !drop.has(`${u}|${p}`));
}

/** e1071 type 2 skewness (COINr's skew): NaN with fewer than 3 values. */
export function skew(xs: number[]): number {
  const n = xs.length;
  if (n < 3) return NaN;
  const m = mean(xs);
  let s2 = 0;
  let s3 = 0;
  for (const x of xs) {
    const d = x - m;
    s2 += d * d;
    s3 += d * d * d;
  }
  return ((Math.sqrt(n) * s3) / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
}

/** e1071 type 2 excess kurtosis (COINr's kurt): NaN with fewer than 4 values. */
export function kurt(xs: number[]): number {
  const n = xs.length;
  if (n < 4) return NaN;
  const m = mean(xs);
  let s2 = 0;
  let s4 = 0;
  for (const x of xs) {
    const d = x - m;
    s2 += d * d;
    s4 += d * d * d * d;
  }
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

/** COINr's check_SkewKurt: passes when |skew| < 2 or kurtosis < 3.5; undefined (null) as R's NA logic gives it. */
function passes(xs: number[]): boolean | null {
  const present = xs.filter((x) => !Number.isNaN(x));
  const sk = skew(present);
  const kt = kurt(present);
  const a = Number.isNaN(sk) ? null : Math.abs(sk) < 2;
  const b = Number.isNaN(kt) ? null : kt < 3.5;
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

/**
 * COINr's default treatment of one indicator (Treat.numeric with winsorise,
 * then log_CT): if it fails the skew and kurtosis test, winsorise the extreme
 * value(s) on the side of the skew, all tied points together, and test again;
 * stop when it passes or when the last step's points number `winmax` (COINr
 * counts the points of the latest high and low steps, so ties accumulate to
 * the limit); if it still fails, take log(x − min + 0.01·(max − min)) of the
 * original values. Where R would meet NA in a test, the indicator is left as
 * it was, as COINr does.
 */
export function treatColumn(original: number[], winmax: number): { x: number[]; winsorised: number; log: boolean } {
  const untouched = { x: original, winsorised: 0, log: false };
  const first = passes(original);
  if (first === null) return untouched;
  if (first) return untouched;
  const x = [...original];
  let imax: number[] = [];
  let imin: number[] = [];
  let nwin = 0;
  let passing: boolean | null = false;
  while (!passing && nwin < winmax) {
    const present = x.filter((v) => !Number.isNaN(v));
    if (skew(present) >= 0) {
      const mx = Math.max(...present);
      imax = x.flatMap((v, i) => (v === mx ? [i] : []));
      const rest = x.filter((v, i) => !Number.isNaN(v) && !imax.includes(i));
      if (rest.length === 0) return untouched; // R: max of nothing is an error: left untreated
      const next = Math.max(...rest);
      for (const i of imax) x[i] = next;
    } else {
      const mn = Math.min(...present);
      imin = x.flatMap((v, i) => (v === mn ? [i] : []));
      const rest = x.filter((v, i) => !Number.isNaN(v) && !imin.includes(i));
      if (rest.length === 0) return untouched;
      const next = Math.min(...rest);
      for (const i of imin) x[i] = next;
    }
    nwin = imax.length + imin.length;
    passing = passes(x);
    if (passing === null) return untouched; // R: NA in the loop condition is an error: left untreated
  }
  if (passing) return { x, winsorised: nwin, log: false };
  const present = original.filter((v) => !Number.isNaN(v));
  const mn = Math.min(...present);
  const mx = Math.max(...present);
  const logged = original.map((v) => (Number.isNaN(v) ? NaN : Math.log(v - mn + 0.01 * (mx - mn))));
  if (passes(logged) === null) return untouched;
  return { x: logged, winsorised: 0, log: true };
}

/** Treats every indicator of every period on its own (COINr's Treat on a coin, or on each coin of a purse). */
export function treat(obs: Observations, fw: Framework, winmax: number, log: PrepLog): Observations {
  const out = copy(obs);
  for (const n of leaves(fw)) {
    if (!obs.nodeHasData[n]) continue;
    for (const p of out.years()) {
      const rows = out.units.map((_, u) => out.row(u, p)).filter((r) => r >= 0);
      const units = out.units.map((_, u) => u).filter((u) => out.row(u, p) >= 0);
      const col = rows.map((r) => out.value(r, n));
      const present = col.filter((v) => !Number.isNaN(v));
      const r = treatColumn(col, winmax);
      if (r.winsorised > 0 || r.log) log.treated.push({ period: p, node: fw.nodes[n]!.id, winsorised: r.winsorised, log: r.log, skew: skew(present), kurt: kurt(present) });
      units.forEach((u, i) => out.set(u, p, n, r.x[i]!));
    }
  }
  return out;
}
