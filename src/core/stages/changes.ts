// Stage 6, ranks and changes: growth rates (同比, 环比, against the reference
// period) and ranks are read from the table on demand (table.ts); this stage
// warns where a change is undefined although the value exists.
import { sameLastYear } from '../../time/period.js';
import type { IndexTable } from '../table.js';
import type { Warning } from '../types.js';

/** Warnings for changes that are undefined although the value exists: a missing or zero prior or reference. */
export function warnChanges(t: IndexTable, warnings: Warning[]): void {
  const ref = t.refYear === undefined ? -1 : t.yearIdx(t.refYear)!;
  const N = t.nodeCount;
  const Y = t.years.length;
  const values = t.values;
  const at = (u: number, yi: number, n: number, detail?: Warning['detail']): Omit<Warning, 'code'> =>
    ({ unit: t.units[u]!, year: t.years[yi]!, node: t.framework.nodes[n]!.id, ...(detail ? { detail } : {}) });
  // The first year (the first year's periods) has no prior by nature; a gap is worth a warning.
  // scores placed within each period have no growth rates (t.growth): nothing to warn about them
  const growth = t.growth;
  const priors = t.years.map((y, yi) => (sameLastYear(y, t.frequency) < t.years[0]! ? -2 : t.prevYear(yi)));
  for (let u = 0; u < t.units.length; u++) {
    for (let yi = 0; yi < Y; yi++) {
      const prior = priors[yi]!;
      const here = (u * Y + yi) * N;
      for (let n = 0; n < N; n++) {
        if (Number.isNaN(values[here + n]!)) continue;
        if (prior !== -2 && growth) {
          const p = prior < 0 ? NaN : values[(u * Y + prior) * N + n]!;
          if (Number.isNaN(p)) warnings.push({ code: 'missing-prior', ...at(u, yi, n) });
          else if (p === 0) warnings.push({ code: 'zero-prior', ...at(u, yi, n) });
        }
        if (ref >= 0 && ref !== yi) {
          const r = values[(u * Y + ref) * N + n]!;
          if (Number.isNaN(r)) warnings.push({ code: 'missing-ref', ...at(u, yi, n, { refYear: t.refYear! }) });
          else if (r === 0 && growth) warnings.push({ code: 'zero-ref', ...at(u, yi, n, { refYear: t.refYear! }) });
        }
      }
    }
  }
}
