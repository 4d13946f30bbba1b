// Table 1 of the seed paper: the 11 cities' 2018 index, YoY rate and rank.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFixed, formatSigned } from '../../src/render/number.js';
import { ROOT, fixture, rowsByKey, run } from '../helpers.js';

const published = JSON.parse(readFileSync(`${ROOT}/test/data/zhejiang-published-figures.json`, 'utf8')) as {
  cities_2018_table1: { city: string; index: number; yoy_pct: number }[];
  hangzhou_2017: { index: number };
};
const cities = published.cities_2018_table1;
// Ranks worked out by hand from the published 2018 indices (1 = highest).
const expectedRank: Record<string, number> = {
  杭州市: 1, 金华市: 2, 宁波市: 3, 绍兴市: 4, 嘉兴市: 5, 温州市: 6, 丽水市: 7, 衢州市: 8, 湖州市: 9, 台州市: 10, 舟山市: 11,
};

describe('Table 1 fixture', () => {
  it('reproduces all 33 published numbers (index, YoY, rank) in JSON', async () => {
    const r = await run(['compute', fixture('zhejiang-cities-2018.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = rowsByKey(r.stdout);
    expect(cities).toHaveLength(11);
    for (const c of cities) {
      const row = rows.get(`${c.city}|2018|index`)!;
      expect(formatFixed(row.value!, 2)).toBe(c.index.toFixed(2));
      expect(formatFixed(row.yoyPct!, 2)).toBe(c.yoy_pct.toFixed(2));
      expect(row.rank).toBe(expectedRank[c.city]);
    }
  });

  it('prints Table 1 as the default table, ranked', async () => {
    const r = await run(['compute', fixture('zhejiang-cities-2018.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n').filter((l) => /^│\s+\d+ │/.test(l));
    expect(lines).toHaveLength(11);
    for (const c of cities) {
      const line = lines.find((l) => l.includes(c.city))!;
      const cells = line.split('│').map((s) => s.trim()).filter((s) => s !== '');
      expect(cells).toEqual([String(expectedRank[c.city]), c.city, c.index.toFixed(2), formatSigned(c.yoy_pct, 2)]);
    }
    expect(lines[0]).toContain('杭州市');
    expect(lines[1]).toContain('金华市');
    expect(lines[2]).toContain('宁波市');
    expect(lines[10]).toContain('舟山市');
  });

  it("derives Hangzhou's 2017 index as its separately published 126.3", async () => {
    const r = await run(['compute', fixture('zhejiang-cities-2018.csv'), '--format', 'json', '--year', '2017']);
    const rows = rowsByKey(r.stdout);
    expect(rows.get('杭州市|2017|index')!.value).toBeCloseTo(published.hangzhou_2017.index, 10);
  });
});

describe('province module fixture', () => {
  const published = JSON.parse(readFileSync(`${ROOT}/test/data/zhejiang-published-figures.json`, 'utf8')) as {
    province_2018: { modules: Record<string, { value: number; yoy_pct: number; vs2015_pct?: number; vs2015_points?: number }> };
  };

  it('reproduces the four modules, their YoY and their changes against 2015 as printed', async () => {
    const r = await run(['compute', fixture('zhejiang-province-2018.csv'), '--ref-year', '2015', '--format', 'json', '--year', '2018']);
    expect(r.code).toBe(0);
    const rows = rowsByKey(r.stdout);
    let checked = 0;
    for (const [module, p] of Object.entries(published.province_2018.modules)) {
      const row = rows.get(`浙江省|2018|${module}`)!;
      expect(formatFixed(row.value!, 2)).toBe(p.value.toFixed(2));
      expect(formatFixed(row.yoyPct!, 2)).toBe(p.yoy_pct.toFixed(2));
      if (p.vs2015_pct !== undefined) expect(formatFixed(row.vsRefPct!, 2)).toBe(p.vs2015_pct.toFixed(2));
      if (p.vs2015_points !== undefined) expect(formatFixed(row.vsRefPoints!, 2)).toBe(p.vs2015_points.toFixed(2));
      checked += 3;
    }
    expect(checked).toBe(12);
  });
});
