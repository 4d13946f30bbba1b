// The hand-worked fixture through the CLI: every 2015 number worked out by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, rowsByKey, run, tempFile } from '../helpers.js';

const DATA = fixture('hand-worked.csv');
const FW = fixture('hand-worked-framework.json');

describe('hand-worked fixture', () => {
  it('arithmetic: weights, a lower-is-better indicator, a zero base, a missing value, a tie, an aggregate', async () => {
    const r = await run(['compute', DATA, '--framework', FW, '--aggregate-unit', 'ALL', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = rowsByKey(r.stdout);
    const v = (unit: string, node: string): number | null => rows.get(`${unit}|2015|${node}`)!.value;
    // X: a1 = 100*60/50 = 120; a2 = 100*20/25 = 80 (lower is better); A = 100; B = 100*12/10 = 120; total = (2*100 + 120)/3
    expect(v('X', 'a1')).toBeCloseTo(120, 12);
    expect(v('X', 'a2')).toBeCloseTo(80, 12);
    expect(v('X', 'A')).toBeCloseTo(100, 12);
    expect(v('X', 'total')).toBeCloseTo(320 / 3, 12);
    expect(rows.get('X|2015|total')!.yoyPct).toBeCloseTo(20 / 3, 12);
    // Q is X at twice the scale: the same indices, and a tie
    expect(v('Q', 'total')).toBeCloseTo(320 / 3, 12);
    // Y: a1's base is 0 -> undefined; A = a2 = 100*20/10 = 200; B = 150; total = (2*200 + 150)/3
    expect(v('Y', 'a1')).toBeNull();
    expect(v('Y', 'total')).toBeCloseTo(550 / 3, 12);
    // Z: b1 missing -> B undefined; total = A = (110 + 100)/2
    expect(v('Z', 'B')).toBeNull();
    expect(v('Z', 'total')).toBeCloseTo(105, 12);
    // ALL: a1 = 110, a2 = 100*70/65, b1 = 92.5
    expect(v('ALL', 'total')).toBeCloseTo((2 * ((110 + 7000 / 65) / 2) + 92.5) / 3, 12);
    const ranks = ['Y', 'X', 'Q', 'Z', 'ALL'].map((u) => rows.get(`${u}|2015|total`)!.rank);
    expect(ranks).toEqual([1, 2, 2, 4, null]);
    const codes = (JSON.parse(r.stdout) as { warnings: { code: string; unit?: string; node?: string }[] }).warnings.map((w) => `${w.code} ${w.unit} ${w.node}`);
    expect(codes).toContain('zero-base Y a1');
    expect(codes).toContain('missing-value Z b1');
  });

  it('geometric: weighted geometric means', async () => {
    const spec = JSON.parse(readFileSync(FW, 'utf8')) as Record<string, unknown>;
    const fw = tempFile('geo.json', JSON.stringify({ ...spec, aggregation: 'geometric' }));
    const r = await run(['compute', DATA, '--framework', fw, '--format', 'json']);
    const rows = rowsByKey(r.stdout);
    // X: A = sqrt(120*80); total = (A^2 * 120)^(1/3) = (120*80*120)^(1/3)
    expect(rows.get('X|2015|A')!.value).toBeCloseTo(Math.sqrt(9600), 10);
    expect(rows.get('X|2015|total')!.value).toBeCloseTo(Math.cbrt(1152000), 10);
  });

  it('prints the table with the tie and the aggregate', async () => {
    const r = await run(['compute', DATA, '--framework', FW, '--aggregate-unit', 'ALL', '--lang', 'en']);
    const body = r.stdout.split('\n').filter((l) => /^│\s+(\d+|—) │/.test(l)).map((l) => l.split('│').map((c) => c.trim()).filter(Boolean));
    expect(body).toEqual([
      ['—', 'ALL', '103.40', '+3.40', '108.85', '92.50'],
      // Y's a1 has a base of 0 and Z has no b: their values come from part of their indicators, marked *
      ['1', 'Y', '183.33*', '+83.33', '200.00*', '150.00'],
      ['2', 'X', '106.67', '+6.67', '100.00', '120.00'],
      ['2', 'Q', '106.67', '+6.67', '100.00', '120.00'],
      ['4', 'Z', '105.00*', '+5.00', '105.00', '—'],
    ]);
    expect(r.stdout).toContain('* Computed from the children present only (weights renormalised over them); read its rank with care: Y (Module A 1/2); Z (Composite 1/2)');
    expect(r.stderr).toContain("warning: Y, Indicator a1: the base-year (2014) value is 0, so its index is undefined in every year.");
  });
});
