// smei reproduces COINr's ASEM example (bluefoxr/COINr, the data in
// fixtures/coinr-asem, MIT): the preparation pipeline gives COINr's own
// treated data sets value for value, and min-max with equal-weight arithmetic
// means gives its published scores.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/input/framework.js';
import { readObservations } from '../../src/input/read.js';
import { denominate, impute, screen, treat, type PrepLog } from '../../src/prep/prep.js';
import { kurt, skew } from '../../src/stats.js';
import { parseSpec } from '../../src/core/methods.js';
import type { Observations } from '../../src/core/observations.js';
import { ROOT, run } from '../helpers.js';

const DIR = join(ROOT, 'fixtures', 'coinr-asem');
const ASEM = (f: string): string => join(DIR, f);

/** Reads a data file into observations with the ASEM framework. */
async function observations(file: string): Promise<{ obs: Observations; fw: Awaited<ReturnType<typeof loadFramework>> }> {
  const fw = await loadFramework(ASEM('ASEM_iMeta.csv'), '/');
  const read = await readObservations({ name: file, chunks: (async function* () { yield readFileSync(ASEM(file)); })() }, fw);
  return { obs: read.observations, fw };
}

/** A CSV of COINr's as rows of objects. */
function table(file: string): Record<string, string>[] {
  return parse(readFileSync(ASEM(file)), { columns: true, bom: true }) as Record<string, string>[];
}

/** Asserts every value of a COINr data set equals smei's within 1e-9 (relative; absolute near 0). */
function expectSameData(expected: Record<string, string>[], obs: Observations, fw: Awaited<ReturnType<typeof loadFramework>>, yearOf: (r: Record<string, string>) => number): number {
  let compared = 0;
  const leaves = fw.nodes.filter((n) => n.children.length === 0);
  expect(new Set(obs.units.filter((_u, i) => obs.years().some((y) => obs.row(i, y) >= 0))).size).toBe(new Set(expected.map((r) => r.uCode)).size);
  for (const r of expected) {
    const u = obs.findUnit(r.uCode!)!;
    expect(u, r.uCode).toBeDefined();
    const row = obs.row(u, yearOf(r));
    expect(row, `${r.uCode} ${yearOf(r)}`).toBeGreaterThanOrEqual(0);
    for (const n of leaves) {
      const want = r[n.id] === '' || r[n.id] === 'NA' ? NaN : Number(r[n.id]);
      const got = obs.value(row, n.index);
      if (Number.isNaN(want)) expect(got, `${r.uCode} ${n.id}`).toBeNaN();
      else expect(Math.abs(got - want) / Math.max(1, Math.abs(want)), `${r.uCode} ${yearOf(r)} ${n.id}: ${got} vs ${want}`).toBeLessThan(1e-9);
      compared++;
    }
  }
  return compared;
}

const emptyLog = (): PrepLog => ({ imputed: new Set(), screened: [], treated: [], warnings: [] });

describe("COINr's ASEM example", () => {
  it("skew and kurtosis are COINr's (its docs: skew(c(1:10, 30, 100)) = 3.063241, kurt = 9.741391)", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100];
    expect(skew(x)).toBeCloseTo(3.063241, 6);
    expect(kurt(x)).toBeCloseTo(9.741391, 6);
  });

  it('denominate, impute by EurAsia_group, screen at 0.9 and winsorise give example_coin_dset_Treated.csv, every value', async () => {
    const { obs, fw } = await observations('ASEM_iData.csv');
    const log = emptyLog();
    let o = denominate(obs, fw, log);
    o = impute(o, fw, parseSpec('group-mean:EurAsia_group'), log);
    o = screen(o, fw, 0.9, log);
    o = treat(o, fw, 5, log);
    const compared = expectSameData(table('example_coin_dset_Treated.csv'), o, fw, () => 2018);
    expect(compared).toBe(51 * 49);
    expect(log.treated.length).toBe(15);
  });

  it('screen at 0.9 and treat each year of the panel give example_purse_dset_Treated.csv, every value', async () => {
    const { obs, fw } = await observations('ASEM_iData_p.csv');
    const log = emptyLog();
    const o = treat(screen(obs, fw, 0.9, log), fw, 5, log);
    const compared = expectSameData(table('example_purse_dset_Treated.csv'), o, fw, (r) => Number(r.Time));
    expect(compared).toBe(230 * 49);
    expect(new Set(log.screened.map((s) => s.unit))).toEqual(new Set(['BGD', 'BRN', 'KHM', 'LAO', 'MMR']));
  });

  it('min-max and equal-weight arithmetic means give the published scores: CHE 68.38, NLD 64.82, DNK 64.80, NOR 64.47, BEL 63.54', async () => {
    const r = await run(['compute', ASEM('example_coin_dset_Treated.csv'), '--framework', ASEM('ASEM_iMeta.csv'), '--normalise', 'min-max', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { method: Record<string, unknown>; weights: { parent: string; weight: number }[]; rows: { unit: string; node: string; value: number; rank: number }[] };
    expect(doc.method).toEqual({ normalise: 'min-max', weights: 'given', aggregation: 'arithmetic', scope: 'year' });
    const index = doc.rows.filter((x) => x.node === 'Index').sort((a, b) => a.rank - b.rank);
    expect(index.slice(0, 5).map((x) => [x.unit, x.value.toFixed(2)])).toEqual([['CHE', '68.38'], ['NLD', '64.82'], ['DNK', '64.80'], ['NOR', '64.47'], ['BEL', '63.54']]);
    // min-max scores of every indicator span exactly 0..100
    const ids = new Set(doc.rows.map((x) => x.node));
    for (const id of ['LPI', 'Flights', 'CO2', 'NEET']) {
      const vs = doc.rows.filter((x) => x.node === id).map((x) => x.value);
      expect([Math.min(...vs), Math.max(...vs)]).toEqual([0, 100]);
    }
    expect(ids.size).toBe(49 + 8 + 2 + 1);
    // effective weights sum to 1 within each parent
    const sums = new Map<string, number>();
    for (const w of doc.weights) sums.set(w.parent, (sums.get(w.parent) ?? 0) + w.weight);
    for (const [p, s] of sums) expect(s, p).toBeCloseTo(1, 12);
  });

  it("the whole pipeline from the raw data gives the same scores as COINr's treated data, for every pillar, sub-index and the Index", async () => {
    const fromTreated = await run(['compute', ASEM('example_coin_dset_Treated.csv'), '--framework', ASEM('ASEM_iMeta.csv'), '--normalise', 'min-max', '--format', 'json']);
    const fromRaw = await run(['compute', ASEM('ASEM_iData.csv'), '--framework', ASEM('ASEM_iMeta.csv'), '--denominate', '--impute', 'group-mean:EurAsia_group', '--screen', '0.9', '--treat', 'winsorise:5', '--normalise', 'min-max', '--format', 'json']);
    expect(fromRaw.code, fromRaw.stderr).toBe(0);
    type Row = { unit: string; node: string; value: number };
    const a = (JSON.parse(fromTreated.stdout) as { rows: Row[] }).rows;
    const b = new Map((JSON.parse(fromRaw.stdout) as { rows: Row[] }).rows.map((x) => [`${x.unit}|${x.node}`, x.value]));
    for (const x of a) expect(Math.abs(b.get(`${x.unit}|${x.node}`)! - x.value), `${x.unit} ${x.node}`).toBeLessThan(1e-9);
  });

  it('the panel with scope panel: min-max over every year, 46 countries', async () => {
    const r = await run(['compute', ASEM('ASEM_iData_p.csv'), '--framework', ASEM('ASEM_iMeta.csv'), '--screen', '0.9', '--treat', 'winsorise:5', '--normalise', 'min-max', '--scope', 'panel', '--format', 'json', '--no-review']);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { unit: string; year: number; node: string; value: number | null }[] }).rows;
    const lpi = rows.filter((x) => x.node === 'LPI' && x.value !== null).map((x) => x.value!);
    // over the whole panel the extremes are 0 and 100, not within each year
    expect([Math.min(...lpi), Math.max(...lpi)]).toEqual([0, 100]);
    const byYear = [2018, 2019, 2020, 2021, 2022].map((y) => rows.filter((x) => x.node === 'LPI' && x.year === y && x.value !== null).map((x) => x.value!));
    expect(byYear.some((vs) => Math.max(...vs) < 100)).toBe(true);
    expect(new Set(rows.filter((x) => x.value !== null).map((x) => x.unit)).size).toBe(46);
  });
});
