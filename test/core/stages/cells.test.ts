// The cells the stages share: rows of (unit, period), warnings in cell order, imputed flags.
import { describe, expect, it } from 'vitest';
import { CellWarnings, cellRows, flagImputed } from '../../../src/core/stages/cells.js';
import { observe, toy } from './toy.js';

describe('cells', () => {
  const fw = toy();
  const obs = observe(fw, [['X', 2014, { a1: 1 }], ['Y', 2014, { a1: 2 }], ['Y', 2015, { a1: 3 }]]);

  it('maps each (unit, period) to its row and warns of a missing one', () => {
    const warn = new CellWarnings(fw.nodes.length, 2);
    const rowOf = cellRows(obs, [2014, 2015], warn);
    expect(Array.from(rowOf)).toEqual([obs.row(0, 2014), -1, obs.row(1, 2014), obs.row(1, 2015)]);
    expect(warn.sorted()).toEqual([{ code: 'missing-year', unit: 'X', year: 2015 }]);
  });

  it('sorts warnings unit by unit, period by period; a whole-cell warning first, then from the last node back to the root', () => {
    const warn = new CellWarnings(3, 2);
    warn.at(1, 0, 0, { code: 'zero-weights', unit: 'root' });
    warn.at(0, 1, 2, { code: 'missing-value', unit: 'leaf-u0-y1' });
    warn.at(1, 0, 2, { code: 'missing-value', unit: 'leaf' });
    warn.at(1, 0, -1, { code: 'missing-year', unit: 'cell' });
    warn.at(1, 0, 2, { code: 'not-finite', unit: 'leaf-again' });
    expect(warn.sorted().map((w) => w.unit)).toEqual(['leaf-u0-y1', 'cell', 'leaf', 'leaf-again', 'root']);
  });

  it('flags the cells of imputed slots', () => {
    const N = fw.nodes.length;
    const rowOf = cellRows(obs, [2014, 2015], new CellWarnings(N, 2));
    const flags = new Uint8Array(4 * N);
    const a1 = fw.byId.get('a1')!;
    flagImputed(flags, new Set([obs.row(1, 2015) * N + a1]), rowOf, N, obs.rowCount);
    expect([...flags.keys()].filter((i) => flags[i] === 1)).toEqual([3 * N + a1]);
  });
});
