// Data the core hands to renderers: warnings as typed findings, never prose.
import type { MethodSpec, RandomIndexTable } from './methods.js';
import { nodeLabel, type Framework } from '../framework/types.js';
import { formatPeriod, type Frequency } from '../time/period.js';

/** One AHP matrix as used: its node, λmax, CI, the random index and CR, the variant and the RI table. */
export interface AhpNote {
  node: string;
  lambdaMax: number;
  ci: number;
  ri: number;
  cr: number;
  variant: 'eigen' | 'sum' | 'geometric';
  randomIndex: RandomIndexTable;
}

/** What a warning is about; renderers turn codes into sentences. */
export type WarningCode =
  | 'missing-value'
  | 'missing-year'
  | 'missing-base'
  | 'zero-base'
  | 'nonpositive-value'
  | 'zero-lower-better'
  | 'not-finite'
  | 'geometric-nonpositive'
  | 'renormalised'
  | 'no-data'
  | 'missing-prior'
  | 'zero-prior'
  | 'missing-ref'
  | 'zero-ref'
  | 'error-cell'
  | 'mixed-scale'
  | 'review'
  | 'denominator'
  | 'constant'
  | 'zero-weights'
  | 'imputed';

/** A data-quality finding that does not stop the run. */
export interface Warning {
  code: WarningCode;
  unit?: string;
  year?: number;
  node?: string;
  /** Extra facts for the message: counts, the reference year. */
  detail?: Record<string, number | string>;
}

/** Options of an index computation. */
export interface ComputeOptions {
  /** Overrides the framework's base year (for sub-annual data: the mean of its periods is 100). */
  baseYear?: number;
  /** One period = 100 (its key), instead of the base year. */
  basePeriod?: number;
  /** The reference year for vsRefPoints and vsRefPct. */
  refYear?: number;
  /** Units shown but not ranked (e.g. the province total). */
  aggregateUnits?: string[];
  /** Findings made before computing (reading the file), listed first. */
  warnings?: Warning[];
  /** Treat totals rows (合计, 全省, the framework's aggregates...) as aggregates (default true). */
  autoAggregate?: boolean;
  /**
   * The totals rows already found (by name, and by their sums in the data as
   * read, before denominating, imputing or treating changed the sums), with
   * the notes that say so: used instead of searching the observations given.
   */
  aggregatesFound?: { units: ReadonlySet<string>; notes: Note[] };
  /** How indicators become scores (default fixed-base). */
  normalise?: MethodSpec;
  /** How children are weighted (default given). */
  weights?: MethodSpec;
  /** Overrides every node's aggregation for this run. */
  aggregation?: MethodSpec;
  /** Cross-sectional statistics within each period (default) or over the whole panel. */
  scope?: 'year' | 'panel';
  /** Accept AHP matrices whose consistency ratio is 0.1 or more. */
  allowInconsistent?: boolean;
  /** The random index table of AHP's consistency ratio (default saaty). */
  ahpRandomIndex?: RandomIndexTable;
  /** Slots of the observations that were imputed (flagged in JSON). */
  imputed?: Set<number>;
  /**
   * A geometric, harmonic or power mean meeting a child score of 0 or less:
   * refuse the run, naming the cells (default), or leave the node missing with
   * a warning (the sensitivity analysis, which names the variation instead).
   */
  nonPositive?: 'refuse' | 'missing';
}

/** Something smei did to read or compute, said in one line (stderr, and notes[] in JSON): title rows skipped, a totals row not ranked... */
export interface Note {
  code: 'header-row' | 'units-row' | 'header-units' | 'fill-down' | 'note-rows' | 'ignored-columns' | 'derived-columns' | 'worked-out-columns' | 'results-workbook' | 'row-numbers' | 'years-as-columns' | 'sheet' | 'auto-aggregate' | 'level-aggregate' | 'aggregate-unscored' | 'identical-duplicates' | 'form' | 'merged' | 'imputed' | 'not-imputed' | 'screened' | 'treated' | 'single-period' | 'direction-ignored' | 'short-rows' | 'sum-aggregate' | 'renamed' | 'rename-hint' | 'form-copy' | 'form-label-remark' | 'form-extra-rows' | 'unit-converted' | 'unit-unchecked' | 'two-row-header' | 'title-period' | 'sheet-skipped' | 'subfolders';
  detail: Record<string, string | number>;
  /** The file it is about, when several were read. */
  file?: string;
}

/** One identical duplicate: a cell two places give with the same value. */
export interface DuplicateExample {
  unit: string;
  year: number;
  node: number;
  first: string;
  second: string;
}

/**
 * The note of identical duplicates counted once, with the first as an
 * example: its unit, its period as the data's frequency writes it (2020Q3,
 * 2020-03, 2018), its indicator's id and labels, and both places. The note's
 * sentence (render/notes.ts) says the period in words and the label in the
 * run's language. Within one file (a row pasted twice) and across files alike.
 */
export function duplicatesNote(count: number, ex: DuplicateExample, fw: Framework, freq: Frequency): Note {
  const node = fw.nodes[ex.node]!;
  return { code: 'identical-duplicates', detail: { count, unit: ex.unit, period: formatPeriod(ex.year, freq), indicator: node.id, label: nodeLabel(node, 'zh'), labelEn: nodeLabel(node, 'en'), first: ex.first, second: ex.second } };
}
