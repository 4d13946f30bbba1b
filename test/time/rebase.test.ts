// smei rebase: another period = 100, YoY unchanged; splicing an old series onto a new base.
import { describe, expect, it } from 'vitest';
import { fixture, run, tempDir, tempFile } from '../helpers.js';

describe('smei rebase', () => {
  it("Table 1 with 2017 = 100 keeps every YoY rate (computed again from the rebased file)", async () => {
    const dir = tempDir();
    const r = await run(['rebase', fixture('zhejiang-cities-2018.csv'), '--to', '2017', '--format', 'csv', '--out', 'rebased.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const original = JSON.parse((await run(['compute', fixture('zhejiang-cities-2018.csv'), '--format', 'json'])).stdout) as { rows: { unit: string; year: number; value: number; yoyPct: number | null }[] };
    const again = JSON.parse((await run(['compute', 'rebased.csv', '--format', 'json'], { cwd: dir })).stdout) as { rows: { unit: string; year: number; value: number; yoyPct: number | null }[] };
    for (const row of original.rows.filter((x) => x.year === 2018)) {
      const other = again.rows.find((x) => x.unit === row.unit && x.year === 2018)!;
      expect(other.yoyPct!).toBeCloseTo(row.yoyPct!, 10);
      // 杭州市: 100 × 135.30 / 126.30 = 107.126
      if (row.unit === '杭州市') expect(other.value).toBeCloseTo((100 * 135.3) / 126.3, 10);
    }
    expect(again.rows.filter((x) => x.year === 2017).every((x) => Math.abs(x.value - 100) < 1e-9)).toBe(true);
  });

  it('splices an old series onto a new base at the overlap, marking each value\'s source', async () => {
    const dir = tempDir();
    // old base 2010: 2012 = 120, 2013 = 132, 2014 = 150; new base 2014: 2014 = 100, 2015 = 108
    tempFile('old.csv', '地区,年份,小微企业成长指数\nA,2012,120\nA,2013,132\nA,2014,150\n', dir);
    tempFile('new.csv', '地区,年份,小微企业成长指数\nA,2014,100\nA,2015,108\n', dir);
    const r = await run(['rebase', 'old.csv', 'new.csv', '--splice', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { period: string; value: number; source: string }[] }).rows;
    // factor = new(2014) / old(2014) = 100 / 150: 2012 → 80, 2013 → 88
    expect(rows.map((x) => [x.period, Number(x.value.toFixed(10)), x.source])).toEqual([['2012', 80, 'old'], ['2013', 88, 'old'], ['2014', 100, 'new'], ['2015', 108, 'new']]);
    // and rebased on top: 2012 = 100
    const to = await run(['rebase', 'old.csv', 'new.csv', '--splice', '--to', '2012', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(to.stdout) as { rows: { value: number }[] }).rows.map((x) => Number(x.value.toFixed(10)))).toEqual([100, 110, 125, 135]);
    const table = await run(['rebase', 'old.csv', 'new.csv', '--splice'], { cwd: dir });
    expect(table.stdout).toContain('旧序列（已衔接）');
  });

  it('refuses what it cannot do, clearly', async () => {
    const dir = tempDir();
    tempFile('a.csv', '地区,年份,小微企业成长指数\nA,2012,120\n', dir);
    tempFile('b.csv', '地区,年份,小微企业成长指数\nA,2014,100\n', dir);
    expect((await run(['rebase', 'a.csv', '--lang', 'en'], { cwd: dir })).stderr).toBe('smei: rebase needs --to PERIOD: the period that becomes 100 (or --splice with two files).\n');
    expect((await run(['rebase', 'a.csv', '--to', '2013', '--lang', 'en'], { cwd: dir })).stderr).toBe('smei: --to 2013: a.csv has no data for it (it has 2012).\n');
    expect((await run(['rebase', 'a.csv', 'b.csv', '--splice', '--lang', 'en'], { cwd: dir })).stderr).toBe('smei: a.csv and b.csv have no period in common: splicing links them at a period both have.\n');
    // in Chinese by default
    expect((await run(['rebase', 'a.csv'], { cwd: dir })).stderr).toBe('smei: rebase 需要 --to PERIOD：作为 100 的时期（或用 --splice 并给出两个文件）。\n');
    expect((await run(['rebase', 'a.csv', '--to', '2013'], { cwd: dir })).stderr).toBe('smei: --to 2013：a.csv没有该时期的数据（数据有2012）。\n');
    expect((await run(['rebase', 'a.csv', 'b.csv', '--splice'], { cwd: dir })).stderr).toBe('smei: a.csv和b.csv没有共同的时期：衔接要在两者都有的时期把它们连起来。\n');
  });
});
