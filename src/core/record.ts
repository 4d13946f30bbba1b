// The record of one run of the index pipeline: for each stage, the method
// and parameters it used and what it changed. The JSON `method`, the
// report's method section and the workbook's 方法 sheet all read this one
// record (never the table's values) so that they cannot tell different stories.
import type { MethodSpec } from './methods.js';
import type { Observations } from './observations.js';
import type { AhpNote } from './types.js';

/** What the preparation did before the index (set by the command line, which runs src/prep): methods in order, and their log. */
export interface PrepRecord {
  methods: { denominate: boolean; impute?: MethodSpec; screen?: number; treat?: MethodSpec };
  /** The data as read, before the preparation: what a report quotes of a denominated indicator (the value typed, and its denominator). */
  read?: Observations;
  log: {
    /** Cells imputed (slots of the observations). */
    imputed: Set<number>;
    /** Unit-periods dropped for too little data. */
    screened: { unit: string; period: number; share: number }[];
    /** Indicators winsorised or logged, per period. */
    treated: { period: number; node: string; winsorised: number; log: boolean }[];
  };
}

/** The stages of computeIndex in the order they run, and the record each leaves. */
export interface RunRecord {
  /** Preparation of the data before the index, or undefined when the caller ran none. */
  prepare: PrepRecord | undefined;
  /** Periods and base: the base year or period (= 100), the reference period. */
  periods: { baseYear: number; basePeriod: number | undefined; refYear: number | undefined; count: number };
  /** Units and aggregates: the totals rows found (by name or --aggregate-unit), shown but not ranked. */
  units: { count: number; aggregates: string[] };
  /** Leaf scores: the normalisation, the scope of its statistics, the lower-is-better indicators taken as they are. */
  leaves: { normalise: MethodSpec; scope: 'year' | 'panel'; directionIgnored: string[] };
  /** Weights: the method; the weights each inner node gave its children (children order); every AHP matrix's consistency. */
  weights: { method: MethodSpec; used: Map<number, number[]>; ahp: AhpNote[] };
  /** Aggregation: the run's override (undefined: each node's own, else the framework's). */
  aggregation: { method: MethodSpec | undefined };
}

/** The stage names, in order, with their one-line purpose: for a reader of the record. */
export const STAGES = [
  ['prepare', 'denominate, impute, screen, treat (src/prep, run by the caller)'],
  ['periods', 'the periods of the data, the base (= 100) and the reference period'],
  ['units', 'totals rows marked as aggregates; which nodes have data'],
  ['leaves', 'each indicator scored: against the base, or across units'],
  ['weights', "each inner node's weights for its children"],
  ['aggregation', 'scores combined up the tree (or chain-linked)'],
  ['changes', 'growth rates and ranks (on demand) and their warnings'],
] as const;
