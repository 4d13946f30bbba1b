// Runs the stages one by one as computeIndex does, so that a test can look between them.
import type { RunRecord } from '../../../src/core/record.js';
import { CellWarnings, cellRows } from '../../../src/core/stages/cells.js';
import { checkRefPeriod, settlePeriods } from '../../../src/core/stages/periods.js';
import { markAggregates, settleUnits } from '../../../src/core/stages/units.js';
import { IndexTable } from '../../../src/core/table.js';
import type { Observations } from '../../../src/core/observations.js';
import type { ComputeOptions } from '../../../src/core/types.js';
import type { Framework } from '../../../src/framework/types.js';

/** The table after the first two stages (periods, units), with its cells and warnings. */
export function begin(obs: Observations, fw: Framework, options: ComputeOptions = {}) {
  const normalise = options.normalise ?? { name: 'fixed-base', params: [] };
  const periods = settlePeriods(obs, fw, options, normalise);
  const marked = markAggregates(obs, fw, options);
  checkRefPeriod(obs, periods);
  const units = settleUnits(obs, fw, marked, normalise);
  const record: RunRecord = {
    prepare: undefined,
    periods: { baseYear: periods.baseYear, basePeriod: periods.basePeriod, refYear: periods.refYear, count: periods.years.length },
    units: { count: obs.units.length, aggregates: units.aggregates },
    leaves: { normalise, scope: options.scope ?? 'year', directionIgnored: units.directionIgnored },
    weights: { method: options.weights ?? { name: 'given', params: [] }, used: new Map(), ahp: [] },
    aggregation: { method: options.aggregation },
  };
  const table = new IndexTable(fw, obs, periods, units, [], record);
  const warn = new CellWarnings(fw.nodes.length, periods.years.length);
  const rowOf = cellRows(obs, periods.years, warn);
  return { periods, units, table, warn, rowOf, normalise };
}
