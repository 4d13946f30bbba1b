// The shared median: quickselect, checked against the middle of the sorted values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from '../../src/stats.js';

describe('the median (quickselect)', () => {
  it('equals the middle of the sorted values, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })), { minLength: 1, maxLength: 60 }), (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      const want = s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
      expect(Object.is(median(xs), want) || median(xs) === want).toBe(true);
    }), { numRuns: 2000 });
  });
});
