// Drivers add up: the children's contributions (and the remainder) make the
// change, in points and in percentage points of the YoY rate; the parts make each child.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeIndex, type IndexTable } from '../../src/core/compute.js';
import { decompose } from '../../src/core/drivers.js';
import { checkFramework } from '../../src/framework/check.js';
import { ZHEJIANG } from '../../src/framework/zhejiang.js';
import { readObservations } from '../../src/input/read.js';
import { fixture } from '../helpers.js';

/** Computes the synthetic panel under a framework variant. */
async function synthetic(aggregation: 'arithmetic' | 'geometric', weights = false, edit?: (text: string) => string): Promise<IndexTable> {
  const fw = checkFramework({ ...ZHEJIANG, aggregation, nodes: ZHEJIANG.nodes.map((n, i) => ({ ...n, ...(weights ? { weight: 1 + (i % 4) } : {}) })) }, 'test');
  let text = readFileSync(fixture('zhejiang-synthetic.csv'), 'utf8');
  if (edit) text = edit(text);
  const read = await readObservations({ name: 'synthetic', chunks: (async function* () { yield Buffer.from(text); })() }, fw);
  return computeIndex(read.observations, fw, { aggregateUnits: ['浙江省'] });
}

/** Checks every unit and year of a table. */
function checkAddsUp(t: IndexTable): number {
  let checked = 0;
  for (let u = 0; u < t.units.length; u++) {
    for (let yi = 1; yi < t.years.length; yi++) {
      const dec = decompose(t, u, yi, 0);
      expect(dec).not.toBeNull();
      const sumPoints = dec!.children.reduce((s, c) => s + c.points, 0) + dec!.remainder;
      expect(sumPoints).toBeCloseTo(dec!.change, 10);
      const sumPp = dec!.children.reduce((s, c) => s + c.pctPoints, 0) + (dec!.remainder / dec!.from) * 100;
      expect(sumPp).toBeCloseTo(t.yoyPct(u, yi, 0)!, 10);
      for (const c of dec!.children) {
        if (c.parts.length === 0) continue;
        expect(c.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(c.points, 10);
      }
      // without the parts: the same children, points and remainder, no parts
      const bare = decompose(t, u, yi, 0, false)!;
      expect(bare).toEqual({ ...dec!, children: dec!.children.map((c) => ({ ...c, parts: [] })) });
      checked++;
    }
  }
  return checked;
}

describe('drivers', () => {
  it('add up exactly for the arithmetic mean (equal weights)', async () => {
    const t = await synthetic('arithmetic');
    expect(checkAddsUp(t)).toBe(12 * 4);
    const dec = decompose(t, 0, 4, 0)!;
    expect(Math.abs(dec.remainder)).toBeLessThan(1e-9);
  });

  it('add up for the arithmetic mean with unequal weights', async () => {
    expect(checkAddsUp(await synthetic('arithmetic', true))).toBe(48);
  });

  it('add up by log shares for the geometric mean', async () => {
    const t = await synthetic('geometric', true);
    expect(checkAddsUp(t)).toBe(48);
    const dec = decompose(t, 0, 4, 0)!;
    expect(Math.abs(dec.remainder)).toBeLessThan(1e-9);
  });

  it('put a change in which modules are present into the remainder', async () => {
    // 湖州市 has no contribution indicators in 2018: its composite is renormalised over three modules.
    const t = await synthetic('arithmetic', false, (text) => text.replace(/^(湖州市,2018),[^,]*,[^,]*,[^,]*,/m, '$1,,,,'));
    const u = t.units.indexOf('湖州市');
    const yi = t.yearIdx(2018)!;
    const dec = decompose(t, u, yi, 0)!;
    expect(dec.children.map((c) => c.node)).toEqual(['competitiveness', 'activity', 'institution']);
    // remainder = mean of the three modules in 2017 - mean of all four in 2017
    const m = (node: string, year: number): number => t.value(u, t.yearIdx(year)!, t.framework.byId.get(node)!)!;
    const mean3 = (m('competitiveness', 2017) + m('activity', 2017) + m('institution', 2017)) / 3;
    expect(dec.remainder).toBeCloseTo(mean3 - m('index', 2017), 10);
    expect(Math.abs(dec.remainder)).toBeGreaterThan(0.01);
    expect(checkAddsUp(t)).toBe(48);
  });

  it('are undefined where the value was given, not computed', async () => {
    const fw = checkFramework(ZHEJIANG, 't');
    const text = 'unit,year,index\nA,2017,100\nA,2018,110\n';
    const read = await readObservations({ name: 't', chunks: (async function* () { yield Buffer.from(text); })() }, fw);
    const t = computeIndex(read.observations, fw);
    expect(decompose(t, 0, 1, 0)).toBeNull();
  });

  it('the first year has no drivers', async () => {
    const t = await synthetic('arithmetic');
    expect(decompose(t, 0, 0, 0)).toBeNull();
  });
});
