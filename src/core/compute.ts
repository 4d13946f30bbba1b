// The index as a pipeline of stages (src/core/stages), each a function that
// takes the plain result of the one before: periods and base → units and
// aggregates → leaf scores → weights and aggregation up the tree → changes.
// Each stage writes its line of the run's record (record.ts). Pure: no I/O,
// same input -> same output.
import type { Framework } from '../framework/types.js';
import type { MethodSpec } from './methods.js';
import type { Observations } from './observations.js';
import type { RunRecord } from './record.js';
import { aggregateTree } from './stages/aggregate.js';
import { CellWarnings, cellRows, flagImputed } from './stages/cells.js';
import { warnChanges } from './stages/changes.js';
import { scoreLeaves } from './stages/leaves.js';
import { checkRefPeriod, settlePeriods } from './stages/periods.js';
import { markAggregates, settleUnits } from './stages/units.js';
import { finishWeights } from './stages/weights.js';
import { IndexTable } from './table.js';
import type { ComputeOptions, Warning } from './types.js';

export { IndexTable, TIE_TOLERANCE, competitionRanks, isTie, pctChange } from './table.js';
export { isTotalName } from './aggregates.js';
export { describePeriods, describeYears } from './stages/periods.js';

/** Computes every index, change and rank for the observations: the stages in order. */
export function computeIndex(obs: Observations, fw: Framework, options: ComputeOptions = {}): IndexTable {
  const normalise: MethodSpec = options.normalise ?? { name: 'fixed-base', params: [] };
  const weighting: MethodSpec = options.weights ?? { name: 'given', params: [] };
  const scope = options.scope ?? 'year';
  // 1. periods and base; 2. units and aggregates (the reference period is checked between, as it always was)
  const periods = settlePeriods(obs, fw, options, normalise);
  const marked = markAggregates(obs, fw, options);
  checkRefPeriod(obs, periods);
  const units = settleUnits(obs, fw, marked, normalise);
  const warnings: Warning[] = [...(options.warnings ?? []), ...units.warnings];
  const record: RunRecord = {
    prepare: undefined,
    periods: { baseYear: periods.baseYear, basePeriod: periods.basePeriod, refYear: periods.refYear, count: periods.years.length },
    units: { count: obs.units.length, aggregates: units.aggregates },
    leaves: { normalise, scope, directionIgnored: units.directionIgnored },
    weights: { method: weighting, used: new Map(), ahp: [] },
    aggregation: { method: options.aggregation },
  };
  const table = new IndexTable(fw, obs, periods, units, warnings, record);
  table.notes.push(...units.notes);

  // The stages read and write the table's typed arrays directly: a million cells.
  // Cell warnings are keyed to come out unit by unit and period by period, as readers expect.
  const warn = new CellWarnings(fw.nodes.length, periods.years.length);
  const rowOf = cellRows(obs, periods.years, warn);
  flagImputed(table.imputedFlags, options.imputed, rowOf, fw.nodes.length, obs.rowCount);
  // 3. leaf scores
  scoreLeaves({ obs, fw, periods, aggregate: units.aggregate, hasData: units.hasData, rowOf, normalise, scope, values: table.values, warn });
  // 4-5. weights and aggregation, from the leaves up (data-driven weights need the children's values)
  aggregateTree(table, rowOf, warn, options.ahpRandomIndex ?? 'saaty', options.nonPositive ?? 'refuse');
  finishWeights(table, options.allowInconsistent === true);
  warnings.push(...warn.sorted());
  // 6. changes (ranks are computed on demand)
  warnChanges(table, warnings);
  return table;
}
