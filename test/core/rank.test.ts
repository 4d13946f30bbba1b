// Competition ranks from a typed array's sort against the comparator sort
// they replaced: random values with exact ties, ties within the tolerance
// (chained: a ~ b ~ c), 0 and -0, NaN and left-out units.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competitionRanks, isTie } from '../../src/core/compute.js';

/** The reference: units sorted by value (highest first, then by position), each taking the previous rank when tied with it. */
function reference(values: number[], include: boolean[]): number[] {
  const order = values.map((_, i) => i).filter((i) => include[i] && !Number.isNaN(values[i]!));
  order.sort((a, b) => values[b]! - values[a]! || a - b);
  const ranks = values.map(() => 0);
  let prev = 0;
  order.forEach((u, i) => {
    const r = i > 0 && isTie(values[u]!, values[order[i - 1]!]!) ? prev : i + 1;
    ranks[u] = r;
    prev = r;
  });
  return ranks;
}

describe('competition ranks', () => {
  it('are "1224", ties sharing the higher rank', () => {
    expect([...competitionRanks(Float64Array.from([3, 5, 5, 1, NaN]), () => true)]).toEqual([3, 1, 1, 4, 0]);
    expect([...competitionRanks(Float64Array.from([3, 5, 5, 1]), (i) => i !== 1)]).toEqual([2, 0, 1, 3]);
  });

  it('equal those of the comparator sort on random values', () => {
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1, 1 + 1e-12, 1 + 2e-12, 1 - 1e-12, 100, 100.00000000001, 2, -3, NaN),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    );
    fc.assert(fc.property(fc.array(fc.tuple(value, fc.boolean()), { maxLength: 60 }), (cells) => {
      const values = cells.map(([v]) => v);
      const include = cells.map(([, keep]) => keep);
      expect([...competitionRanks(Float64Array.from(values), (i) => include[i]!)]).toEqual(reference(values, include));
    }), { numRuns: 2000 });
  });
});
