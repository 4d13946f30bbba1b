// Rebasing and splicing index series. Rebasing re-expresses given values with
// another period = 100 (v' = 100 · v / v_to, per unit and node), which leaves
// every YoY rate unchanged. Splicing links an old series onto a new base at a
// period both have, as statistical offices do after a base change: the old
// values before the overlap are scaled by new(overlap) / old(overlap). Pure.
import type { Frequency } from './period.js';

/**
 * What rebasing reads of a panel of values: the core's Observations has it.
 * Said here as an interface so that time, below the core, needs nothing from it.
 */
export interface Observations {
  readonly units: readonly string[];
  readonly nodeCount: number;
  readonly frequency: Frequency;
  /** The periods, in order. */
  years(): number[];
  /** The row of a unit's period, or -1. */
  row(unit: number, period: number): number;
  /** A row's value of a node, NaN where none. */
  value(row: number, node: number): number;
  /** A unit's index by name. */
  findUnit(name: string): number | undefined;
}

/** One value of a rebased or spliced series. */
export interface SeriesValue {
  unit: string;
  period: number;
  node: number;
  value: number | null;
  /** Which input the value came from (splicing: 'old' before the overlap, 'new' from it on). */
  source: 'old' | 'new' | 'data';
}

/** A series: values in unit, period and node order, and why some are undefined. */
export interface Series {
  frequency: Frequency;
  values: SeriesValue[];
  /** Unit and node pairs without a usable value in the reference period (their values are null). */
  undefinedAt: { unit: string; node: number; reason: 'missing' | 'zero' }[];
}

/** Every (unit, period, node) with a value given in the observations. */
function* given(obs: Observations): Generator<{ unit: string; u: number; period: number; node: number; value: number }> {
  for (let u = 0; u < obs.units.length; u++) {
    for (const period of obs.years()) {
      const row = obs.row(u, period);
      if (row < 0) continue;
      for (let n = 0; n < obs.nodeCount; n++) {
        const v = obs.value(row, n);
        if (!Number.isNaN(v)) yield { unit: obs.units[u]!, u, period, node: n, value: v };
      }
    }
  }
}

/** Re-expresses every series with `to` = 100. */
export function rebase(obs: Observations, to: number, source: SeriesValue['source'] = 'data'): Series {
  const undefinedAt: Series['undefinedAt'] = [];
  const values: SeriesValue[] = [];
  const reference = new Map<string, number>();
  for (const g of given(obs)) {
    const key = `${g.u}|${g.node}`;
    if (!reference.has(key)) {
      const row = obs.row(g.u, to);
      const r = row < 0 ? NaN : obs.value(row, g.node);
      reference.set(key, r);
      if (Number.isNaN(r) || r === 0) undefinedAt.push({ unit: g.unit, node: g.node, reason: Number.isNaN(r) ? 'missing' : 'zero' });
    }
    const r = reference.get(key)!;
    // null, not Infinity: a series without a reference value cannot be rebased
    values.push({ unit: g.unit, period: g.period, node: g.node, value: Number.isNaN(r) || r === 0 ? null : (100 * g.value) / r, source });
  }
  return { frequency: obs.frequency, values, undefinedAt };
}

/** Splices an old series onto a new one at the overlap period `at`. */
export function splice(old: Observations, neu: Observations, at: number): Series {
  const undefinedAt: Series['undefinedAt'] = [];
  const values: SeriesValue[] = [];
  const factors = new Map<string, number>();
  for (const g of given(neu)) values.push({ unit: g.unit, period: g.period, node: g.node, value: g.value, source: 'new' });
  for (const g of given(old)) {
    if (g.period >= at) continue;
    const key = `${g.unit}|${g.node}`;
    if (!factors.has(key)) {
      const ou = old.findUnit(g.unit)!;
      const nu = neu.findUnit(g.unit);
      const o = old.row(ou, at) < 0 ? NaN : old.value(old.row(ou, at), g.node);
      const n = nu === undefined || neu.row(nu, at) < 0 ? NaN : neu.value(neu.row(nu, at), g.node);
      const f = Number.isNaN(o) || Number.isNaN(n) || o === 0 ? NaN : n / o;
      factors.set(key, f);
      if (Number.isNaN(f)) undefinedAt.push({ unit: g.unit, node: g.node, reason: o === 0 ? 'zero' : 'missing' });
    }
    const f = factors.get(key)!;
    values.push({ unit: g.unit, period: g.period, node: g.node, value: Number.isNaN(f) ? null : g.value * f, source: 'old' });
  }
  const unitOrder = new Map<string, number>();
  for (const v of values) if (!unitOrder.has(v.unit)) unitOrder.set(v.unit, unitOrder.size);
  values.sort((a, b) => unitOrder.get(a.unit)! - unitOrder.get(b.unit)! || a.period - b.period || a.node - b.node);
  return { frequency: neu.frequency, values, undefinedAt };
}
