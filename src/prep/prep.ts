// Data preparation before normalising, in this order, each optional:
// denominate, impute, screen, treat. Ported from COINr (bluefoxr/COINr:
// R/denominate.R, R/impute.R, R/screen_units.R, R/treat.R) so that smei
// reproduces its example pipeline value for value. In a panel each period is
// prepared on its own, as COINr does for a purse. Pure: observations in, new
// observations out.
import { Observations } from '../core/observations.js';
import { medianInPlace, skewKurt } from '../stats.js';
import type { Warning } from '../core/types.js';
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import { specText, type MethodSpec } from '../core/methods.js';

/** What preparation did, for notes and the JSON. */
export interface PrepLog {
  /** Slots (row · nodeCount + node) of the result that were imputed. */
  imputed: Set<number>;
  /** Units dropped by screening, by period. */
  screened: { unit: string; period: number; share: number }[];
  /** Per period and indicator: how the treatment went. */
  treated: { period: number; node: string; winsorised: number; log: boolean; skew: number; kurt: number }[];
  warnings: Warning[];
  /** (unit, period) rows with no indicator value at all, which imputation leaves empty rather than fill with others' values. */
  notImputed?: { unit: string; period: number }[];
}

/** The leaves of a framework (the raw indicators). */
function leaves(fw: Framework): number[] {
  return fw.nodes.filter((n) => n.children.length === 0).map((n) => n.index);
}

/**
 * A copy of observations, optionally leaving out some (unit, period) rows:
 * rows renumbered unit by unit, periods ascending (the imputed slots of the
 * log and the rows the next stage reads follow that order), a row at a time.
 */
function copy(obs: Observations, keep: (u: number, period: number) => boolean = () => true): Observations {
  const out = new Observations(obs.file, obs.nodeCount, obs.rowCount);
  out.frequency = obs.frequency;
  out.unitHeader = obs.unitHeader;
  out.titlePlace = obs.titlePlace;
  obs.dataUnits.forEach((u, n) => (out.dataUnits[n] = u));
  obs.convertedFrom.forEach((u, n) => (out.convertedFrom[n] = u));
  for (const [k, v] of obs.aux) out.aux.set(k, v);
  for (const [k, v] of obs.groups) out.groups.set(k, v);
  const N = obs.nodeCount;
  const periods = obs.years();
  const src = obs.data;
  for (let u = 0; u < obs.units.length; u++) {
    for (const period of periods) {
      const row = obs.row(u, period);
      if (row < 0 || !keep(u, period)) continue;
      const at = out.rowFor(out.unitId(obs.units[u]!), period) * N;
      // a row at a time (the slab may have grown in rowFor); what setAt notes, once per node
      out.data.set(src.subarray(row * N, row * N + N), at);
      markPresent(src, row * N, N, out.nodeHasData);
    }
  }
  out.source = obs.source;
  return out;
}

/** Marks the nodes a row (N values at `at`) has a value of (copy's loop a row at a time: see addRow). */
function markPresent(src: Float64Array, at: number, N: number, has: boolean[]): void {
  for (let n = 0; n < N; n++) if (!has[n] && !Number.isNaN(src[at + n]!)) has[n] = true;
}

/** Divides each indicator with a `denominator` by that column of the data (COINr's Denominate). */
export function denominate(obs: Observations, fw: Framework, log: PrepLog, owned = false): Observations {
  // (each cell is read, then written once: the same values in place)
  const out = owned ? obs : copy(obs);
  const missing = [...new Set(fw.nodes.filter((n) => n.denominator !== undefined && !obs.aux.has(n.denominator)).map((n) => n.denominator!))];
  if (missing.length > 0) throw new SmeiError('data', `--denominate: ${obs.file} has no column ${missing.map((m) => JSON.stringify(m)).join(', ')}, which the framework names as a denominator. Add the column (one value per unit and year), or leave --denominate out.`, { zh: `--denominate：${obs.file}没有 ${missing.map((m) => JSON.stringify(m)).join(', ')} 列，而框架把它用作分母。请添加该列（每个地区每年一个值），或不用 --denominate。` });
  const periods = out.years();
  for (const n of fw.nodes) {
    if (n.denominator === undefined || n.children.length > 0) continue;
    const d = obs.aux.get(n.denominator)!;
    for (let u = 0; u < out.units.length; u++) {
      const srcUnit = obs.findUnit(out.units[u]!)!;
      for (let p = 0; p < periods.length; p++) {
        const period = periods[p]!;
        const row = out.row(u, period);
        const srcRow = obs.row(srcUnit, period);
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

/** Whether a row (at `at` in data) has a value among the leaves. */
function anyPresent(data: Float64Array, at: number, leafAt: Int32Array): boolean {
  for (let l = 0; l < leafAt.length; l++) if (!Number.isNaN(data[at + leafAt[l]!]!)) return true;
  return false;
}

/**
 * Imputation's hot loops, a row at a time (small, so that V8 optimises them
 * early: one long loop in a function run once stays in slow code for most of
 * a panel). addRow counts a row's gaps, leaf by leaf, and adds its values to
 * its group's sums and counts (at `to`, where `grouped`); fillRow fills a
 * row's gaps from its group's fills (at `from`), leaf by leaf, for the leaves
 * with gaps in the period.
 */
function addRow(data: Float64Array, at: number, leafAt: Int32Array, gaps: Int32Array, sums: Float64Array, counts: Int32Array, to: number, grouped: boolean): void {
  for (let l = 0; l < leafAt.length; l++) {
    const x = data[at + leafAt[l]!]!;
    if (Number.isNaN(x)) gaps[l]!++;
    else if (grouped) {
      sums[to + l] = sums[to + l]! + x;
      counts[to + l]!++;
    }
  }
}

function fillRow(out: Observations, at: number, leafAt: Int32Array, gaps: Int32Array, fills: Float64Array, from: number, imputed: Set<number>): void {
  const data = out.data;
  for (let l = 0; l < leafAt.length; l++) {
    if (gaps[l] === 0) continue;
    const n = leafAt[l]!;
    if (!Number.isNaN(data[at + n]!)) continue;
    const v = fills[from + l]!;
    if (!Number.isNaN(v)) {
      out.setAt(at + n, n, v);
      imputed.add(at + n);
    }
  }
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
      throw new SmeiError('usage', `--impute ${m.name}:${col}: ${obs.file} has no group column ${JSON.stringify(col)}${known.length ? ` (its group columns: ${known.join(', ')})` : ''}. Declare the column in the framework's "groups" (type Group in a table) and give it in the data.`, { zh: `--impute ${m.name}:${col}：${obs.file}没有分组列${JSON.stringify(col)}${known.length ? `（它的分组列有：${known.join(', ')}）` : ''}。请在框架的 "groups" 中声明该列（框架表中 type 为 Group），并在数据中给出。` });
    }
    if ([...g.values()].every((v) => v === '')) throw new SmeiError('data', `--impute ${m.name}:${col}: the group column ${JSON.stringify(col)} is empty for every unit. Fill it in.`, { zh: `--impute ${m.name}:${col}：分组列${JSON.stringify(col)}在所有地区都为空。请填写。` });
    groupOf = (u) => {
      const v = g.get(out.units[u]!);
      return v === undefined || v === '' ? undefined : v;
    };
  }
  const medians = m.name.endsWith('median');
  // each unit's group as a number (-1: none), and each period's rows, found once
  const groupIds = new Map<string, number>();
  const groupIdx = Int32Array.from(out.units, (_, u) => {
    const g = groupOf?.(u);
    if (g === undefined) return -1;
    let id = groupIds.get(g);
    if (id === undefined) groupIds.set(g, (id = groupIds.size));
    return id;
  });
  const G = groupOf ? groupIds.size : 1;
  const rowsOf = periods.map((p) => Int32Array.from(out.units, (_, u) => out.row(u, p)));
  const data = out.data;
  // A row with no indicator value at all (a form sent back blank, a unit that did not report) is not
  // imputed: filled entirely with the others' means it would be ranked on nothing it reported.
  const ls = Int32Array.from(leaves(fw).filter((n) => obs.nodeHasData[n]));
  const blank = new Uint8Array(out.rowCount);
  for (let pi = 0; pi < periods.length; pi++) {
    const rows = rowsOf[pi]!;
    for (let u = 0; u < rows.length; u++) {
      const r = rows[u]!;
      if (r < 0 || anyPresent(data, r * N, ls)) continue;
      blank[r] = 1;
      (log.notImputed ??= []).push({ unit: out.units[u]!, period: periods[pi]! });
    }
  }
  const all = Int32Array.from(leaves(fw));
  if (m.name === 'carry-forward' || m.name === 'interpolate') {
    for (const n of all) {
      for (let u = 0; u < out.units.length; u++) {
        const series = periods.map((p) => {
          const row = out.row(u, p);
          return row < 0 ? NaN : out.value(row, n);
        });
        series.forEach((x, i) => {
          const row = out.row(u, periods[i]!);
          if (!Number.isNaN(x) || row < 0 || blank[row] === 1) return;
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
    }
  } else {
    // Per period, every indicator at once, row by row (a unit's cells lie side by side): the gaps, and each
    // group's sum and count of the values present, then every gap filled from its group's mean (or median).
    // Each sum runs in unit order, as a filter of the column then a sum did, so the means are the same doubles.
    const L = all.length;
    const gaps = new Int32Array(L);
    const sums = new Float64Array(G * L);
    const counts = new Int32Array(G * L);
    const fills = new Float64Array(G * L);
    const pool = new Float64Array(out.units.length);
    for (const rows of rowsOf) {
      gaps.fill(0);
      sums.fill(0);
      counts.fill(0);
      for (let u = 0; u < rows.length; u++) {
        const r = rows[u]!;
        if (r < 0) continue;
        const g = groupOf ? groupIdx[u]! : 0;
        addRow(data, r * N, all, gaps, sums, counts, g * L, g >= 0);
      }
      let any = false;
      for (let l = 0; l < L; l++) {
        if (gaps[l] === 0) continue;
        any = true;
        for (let g = 0; g < G; g++) {
          if (medians) {
            let k = 0;
            for (let u = 0; u < rows.length; u++) {
              if (rows[u]! < 0 || (groupOf && groupIdx[u] !== g)) continue;
              const x = data[rows[u]! * N + all[l]!]!;
              if (!Number.isNaN(x)) pool[k++] = x;
            }
            fills[g * L + l] = medianInPlace(pool.subarray(0, k));
          } else fills[g * L + l] = counts[g * L + l] ? sums[g * L + l]! / counts[g * L + l]! : NaN;
        }
      }
      if (!any) continue;
      for (let u = 0; u < rows.length; u++) {
        const r = rows[u]!;
        if (r < 0 || blank[r] === 1) continue;
        const g = groupOf ? groupIdx[u]! : 0;
        if (g < 0) continue; // no group: left missing, as COINr skips NA groups
        fillRow(out, r * N, all, gaps, fills, g * L, log.imputed);
      }
    }
  }
  // a value left undefined by a missing denominator and then imputed: its warning says so
  for (const w of log.warnings) {
    if (w.code !== 'denominator' || w.detail?.imputed !== undefined) continue;
    const u = out.findUnit(w.unit!);
    const row = u === undefined ? -1 : out.row(u, w.year!);
    const n = fw.byId.get(w.node!);
    if (row >= 0 && n !== undefined && log.imputed.has(row * N + n)) w.detail = { ...w.detail, imputed: specText(m) };
  }
  return out;
}

/** Drops (unit, period) rows with less than `share` of the indicators present (COINr's Screen, unit_screen = "byNA"). */
export function screen(obs: Observations, fw: Framework, share: number, log: PrepLog): Observations {
  const ls = Int32Array.from(leaves(fw).filter((n) => obs.nodeHasData[n]));
  const N = obs.nodeCount;
  const data = obs.data;
  const drop = new Uint8Array(obs.rowCount);
  for (let u = 0; u < obs.units.length; u++) {
    for (const p of obs.years()) {
      const row = obs.row(u, p);
      if (row < 0) continue;
      let present = 0;
      for (let i = 0; i < ls.length; i++) if (!Number.isNaN(data[row * N + ls[i]!]!)) present++;
      const avail = ls.length ? present / ls.length : 1;
      if (avail < share) {
        drop[row] = 1;
        log.screened.push({ unit: obs.units[u]!, period: p, share: avail });
      }
    }
  }
  const out = copy(obs, (u, p) => drop[obs.row(u, p)] === 0);
  // the imputed cells follow their rows to the new numbering (dropped rows take theirs with them)
  if (log.imputed.size > 0) {
    const moved = new Int32Array(obs.rowCount).fill(-1);
    for (let u = 0; u < obs.units.length; u++) {
      const nu = out.findUnit(obs.units[u]!);
      if (nu === undefined) continue;
      for (const p of obs.years()) if (obs.row(u, p) >= 0 && out.row(nu, p) >= 0) moved[obs.row(u, p)] = out.row(nu, p);
    }
    const imputed = [...log.imputed];
    log.imputed.clear();
    for (const slot of imputed) {
      const row = Math.floor(slot / N);
      if (row < moved.length && moved[row]! >= 0) log.imputed.add(moved[row]! * N + (slot % N));
    }
  }
  return out;
}

/** Copies the values of a column that are not NaN to the front of `to`; returns how many. */
function presentInto(xs: Float64Array, to: Float64Array): number {
  let k = 0;
  for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i]!)) to[k++] = xs[i]!;
  return k;
}

/** COINr's check_SkewKurt on a skew and kurtosis: passes when |skew| < 2 or kurtosis < 3.5; undefined (null) as R's NA logic gives it. */
function verdict(sk: number, kt: number): boolean | null {
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
 * it was, as COINr does. Also gives the skew and kurtosis of the original
 * values (for the log). NaN is missing; `x` is `original` itself when
 * untouched. A treated column goes into `into` where given (which may be
 * `original` itself: it is written only once the outcome is known), else
 * into a new array.
 */
export function treatColumn(original: Float64Array, winmax: number, scratch?: Float64Array, into?: Float64Array): { x: Float64Array; winsorised: number; log: boolean; skew: number; kurt: number } {
  // the values present, side by side (the tests and the winsorising never see a gap); in the caller's room
  // where it gives some (a column after column: an array each was a panel's garbage)
  const p = scratch !== undefined && scratch.length >= original.length ? scratch.subarray(0, original.length) : new Float64Array(original.length);
  const k = presentInto(original, p);
  const x = p.subarray(0, k);
  const [sk0, kt0] = skewKurt(x, k);
  const untouched = { x: original, winsorised: 0, log: false, skew: sk0, kurt: kt0 };
  const first = verdict(sk0, kt0);
  if (first === null || first) return untouched;
  let nmax = 0;
  let nmin = 0;
  let nwin = 0;
  let passing: boolean | null = false;
  let sk = sk0; // the skew of x as it stands (the last test's)
  while (!passing && nwin < winmax) {
    // the extreme value, how many hold it, and the next one in (Math.max and Math.min over the others, as over
    // the values spread), in one pass: an extreme overtaken joins the others
    const high = sk >= 0;
    let extreme = high ? -Infinity : Infinity;
    let next = extreme;
    let ties = 0;
    for (let i = 0; i < k; i++) {
      const v = x[i]!;
      if (v === extreme) {
        ties++;
        extreme = high ? Math.max(extreme, v) : Math.min(extreme, v); // (0 and -0 tied: the one Math.max gives)
      } else if (high ? v > extreme : v < extreme) {
        if (ties > 0) next = high ? Math.max(next, extreme) : Math.min(next, extreme);
        extreme = v;
        ties = 1;
      } else next = high ? Math.max(next, v) : Math.min(next, v);
    }
    if (ties === k) return untouched; // R: max of nothing is an error: left untreated
    for (let i = 0; i < k; i++) if (x[i] === extreme) x[i] = next;
    if (high) nmax = ties;
    else nmin = ties;
    nwin = nmax + nmin;
    const [s, kt] = skewKurt(x, k);
    sk = s;
    passing = verdict(s, kt);
    if (passing === null) return untouched; // R: NA in the loop condition is an error: left untreated
  }
  const out = into ?? new Float64Array(original.length);
  if (passing) {
    // the winsorised values back in their places, the gaps as they were
    let j = 0;
    for (let i = 0; i < original.length; i++) out[i] = Number.isNaN(original[i]!) ? NaN : x[j++]!;
    return { x: out, winsorised: nwin, log: false, skew: sk0, kurt: kt0 };
  }
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < original.length; i++) {
    if (Number.isNaN(original[i]!)) continue;
    mn = Math.min(mn, original[i]!);
    mx = Math.max(mx, original[i]!);
  }
  // the logged values present, side by side, tested before anything is written
  let j = 0;
  for (let i = 0; i < original.length; i++) if (!Number.isNaN(original[i]!)) p[j++] = Math.log(original[i]! - mn + 0.01 * (mx - mn));
  if (verdict(...skewKurt(p, j)) === null) return untouched;
  j = 0;
  for (let i = 0; i < original.length; i++) out[i] = Number.isNaN(original[i]!) ? NaN : p[j++]!;
  return { x: out, winsorised: 0, log: true, skew: sk0, kurt: kt0 };
}

/** Treats every indicator of every period on its own (COINr's Treat on a coin, or on each coin of a purse). */
export function treat(obs: Observations, fw: Framework, winmax: number, log: PrepLog, owned = false): Observations {
  // (a column is read out, treated and written back before the next: each touches only its own cells)
  const out = owned ? obs : copy(obs);
  const N = out.nodeCount;
  const data = out.data;
  const periods = out.years();
  const ls = leaves(fw).filter((n) => obs.nodeHasData[n]);
  const L = ls.length;
  const treated: PrepLog['treated'][] = ls.map(() => []);
  // one column and one scratch for every period's columns in turn
  const col = new Float64Array(out.units.length);
  const scratch = new Float64Array(out.units.length);
  const at = new Int32Array(out.units.length);
  for (const p of periods) {
    // the period's rows in unit order
    let R = 0;
    for (let u = 0; u < out.units.length; u++) {
      const r = out.row(u, p);
      if (r >= 0) at[R++] = r * N;
    }
    const column = col.subarray(0, R);
    for (let l = 0; l < L; l++) {
      const n = ls[l]!;
      for (let i = 0; i < R; i++) column[i] = data[at[i]! + n]!;
      const r = treatColumn(column, winmax, scratch, column);
      if (r.winsorised === 0 && !r.log) continue;
      treated[l]!.push({ period: p, node: fw.nodes[n]!.id, winsorised: r.winsorised, log: r.log, skew: r.skew, kurt: r.kurt });
      for (let i = 0; i < R; i++) out.setAt(at[i]! + n, n, column[i]!);
    }
  }
  // the log indicator by indicator, then period by period
  for (const t of treated) log.treated.push(...t);
  return out;
}
