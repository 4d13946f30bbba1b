// Stage 6, changes: undefined changes of defined values are warned.
import { describe, expect, it } from 'vitest';
import { computeIndex } from '../../../src/core/compute.js';
import { warnChanges } from '../../../src/core/stages/changes.js';
import type { Warning } from '../../../src/core/types.js';
import { observe, toy } from './toy.js';

describe('warnChanges', () => {
  it('warns of a gap before a period (not of the first period) and of a missing reference', () => {
    const fw = toy();
    const t = computeIndex(observe(fw, [['X', 2014, { a1: 1 }], ['X', 2016, { a1: 2 }], ['X', 2017, { a1: 3 }]]), fw, { refYear: 2017 });
    const w: Warning[] = [];
    warnChanges(t, w);
    // 2016 has no 2015 before it; 2014, the first, has no prior by nature; the reference 2017 is there
    expect(w.filter((x) => x.node === 'a1')).toEqual([{ code: 'missing-prior', unit: 'X', year: 2016, node: 'a1' }]);
    expect(t.yoyPct(0, 2, fw.byId.get('a1')!)).toBeCloseTo(50, 12);
    expect(t.vsRefPct(0, 1, fw.byId.get('a1')!)).toBeCloseTo(-100 / 3, 12);
  });
});
