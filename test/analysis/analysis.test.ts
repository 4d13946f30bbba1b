// smei audit and smei sensitivity (issue 11): numbers by hand, invariants, determinism, refusals.
import { describe, expect, it } from 'vitest';
import { cronbachAlpha, firstComponentShare } from '../../src/analysis/audit.js';
import { mulberry32 } from '../../src/analysis/sensitivity.js';
import { splitLevels } from '../../src/cli/commands/analysis.js';
import { fixture, run, tempDir, tempFile } from '../helpers.js';

const SYN = fixture('zhejiang-synthetic.csv');

describe('audit statistics by hand', () => {
  it("Cronbach's alpha: items (1,2,3) and (2,4,6): 2/1 · (1 − (1 + 4)/9) = 8/9", () => {
    expect(cronbachAlpha([[1, 2, 3], [2, 4, 6]])).toBeCloseTo(8 / 9, 12);
    expect(firstComponentShare([[1, 2, 3], [2, 4, 6]])).toBeCloseTo(1, 12);
    // uncorrelated items: the first component explains half of two
    expect(firstComponentShare([[1, -1, 1, -1], [1, 1, -1, -1]])).toBeCloseTo(0.5, 12);
  });

  it('smei audit: per-indicator statistics, flags and per-node consistency', async () => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify({ name: 'a', baseYear: 2014, nodes: [{ id: 'index' }, { id: 'm', parent: 'index' }, { id: 'x', parent: 'm' }, { id: 'y', parent: 'm' }, { id: 'z', parent: 'm' }] }), dir);
    // x and y move together, z against them; D's base value of x is tiny
    const csv = ['unit,year,x,y,z', 'A,2014,10,10,10', 'B,2014,10,10,10', 'C,2014,10,10,10', 'D,2014,0.05,10,10', 'A,2015,11,11,20', 'B,2015,12,12,18', 'C,2015,13,13,16', 'D,2015,0.06,14,14'].join('\n');
    tempFile('d.csv', csv, dir);
    const r = await run(['audit', 'd.csv', '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as { year: number; units: number; indicators: { node: string; count: number; mean: number; sd: number; tinyBase: string[]; outlier: boolean }[]; nodes: { node: string; among: { a: string; b: string; r: number; flag: string | null }[]; cronbachAlpha: number | null }[] };
    expect([a.year, a.units]).toEqual([2015, 4]);
    const y = a.indicators.find((s) => s.node === 'y')!;
    expect(y.mean).toBe(12.5); // (11 + 12 + 13 + 14) / 4
    expect(y.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(a.indicators.find((s) => s.node === 'x')!.tinyBase).toEqual(['D']);
    const m = a.nodes.find((n) => n.node === 'm')!;
    expect(m.among.find((c) => c.a === 'y' && c.b === 'z')!.flag).toBe('negative');
    const table = await run(['audit', 'd.csv', '--framework', 'fw.json', '--lang', 'en'], { cwd: dir });
    expect(table.stdout).toContain('tiny base: D');
    const md = await run(['audit', SYN, '--format', 'md']);
    expect(md.stdout).toContain('| 指标 | 个数 | 缺失比例 |');
  });
});

describe('smei sensitivity', () => {
  const json = async (args: string[]): Promise<{ code: number; stderr: string; stdout: string; doc: { units?: { unit: string; nominalRank: number; medianRank: number; p05Rank: number; p95Rank: number; meanAbsShift: number }[]; assumptions?: { name: string; firstOrder: number }[]; removeOne?: { element: string; meanAbsShift: number; units: { unit: string; rankWithout: number; valueWithout: number }[] }[] } }> => {
    const r = await run(['sensitivity', SYN, '--format', 'json', ...args]);
    return { code: r.code, stderr: r.stderr, stdout: r.stdout, doc: r.code === 0 ? JSON.parse(r.stdout) : {} };
  };

  it('with no variation every interval is the nominal rank', async () => {
    const { doc } = await json(['--vary', 'normalise=fixed-base,fixed-base', '--samples', '50']);
    for (const u of doc.units!.filter((x) => x.nominalRank !== null)) expect([u.medianRank, u.p05Rank, u.p95Rank, u.meanAbsShift]).toEqual([u.nominalRank, u.nominalRank, u.nominalRank, 0]);
    expect(doc.assumptions).toEqual([{ name: 'normalise', firstOrder: null }]);
  });

  it('the same seed gives the same bytes; another seed changes only the sampled figures', async () => {
    const a = await json(['--vary-weights', '30', '--samples', '200', '--seed', '7']);
    const b = await json(['--vary-weights', '30', '--samples', '200', '--seed', '7']);
    const c = await json(['--vary-weights', '30', '--samples', '200', '--seed', '8']);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    expect(c.doc.units!.map((u) => u.nominalRank)).toEqual(a.doc.units!.map((u) => u.nominalRank));
    const r1 = mulberry32(7);
    const r2 = mulberry32(7);
    expect([r1(), r1(), r1()]).toEqual([r2(), r2(), r2()]);
    expect(arr(a.doc.units!.map((u) => u.p05Rank <= u.medianRank && u.medianRank <= u.p95Rank))).toBe(true);
  });

  it('a method that decides the ranks has the larger first-order index', async () => {
    const { doc } = await json(['--vary-weights', '10', '--vary', 'normalise=fixed-base,min-max:1,100', '--samples', '400']);
    const [w, n] = doc.assumptions!;
    expect(w!.name).toBe('weights±10%');
    expect(n!.name).toBe('normalise');
    expect(n!.firstOrder).toBeGreaterThan(w!.firstOrder);
    expect(n!.firstOrder).toBeLessThanOrEqual(1);
  });

  it('remove-one equals computing with a framework that lacks that element', async () => {
    const { doc } = await json(['--remove-one', 'indicator']);
    const revenue = doc.removeOne!.find((e) => e.element === 'revenue')!;
    const spec = JSON.parse((await run(['framework'])).stdout) as { nodes: { id: string }[] };
    spec.nodes = spec.nodes.filter((n) => n.id !== 'revenue');
    const dir = tempDir();
    tempFile('lacking.json', JSON.stringify(spec), dir);
    const without = JSON.parse((await run(['compute', SYN, '--framework', `${dir}/lacking.json`, '--ignore-column', 'revenue', '--format', 'json', '--year', '2018'])).stdout) as { rows: { unit: string; node: string; value: number; rank: number | null }[] };
    for (const u of revenue.units) {
      const row = without.rows.find((x) => x.unit === u.unit && x.node === 'index')!;
      expect(u.valueWithout, u.unit).toBeCloseTo(row.value, 10);
      expect(u.rankWithout, u.unit).toBe(row.rank);
    }
    const modules = await json(['--remove-one', 'module']);
    expect(modules.doc.removeOne!.map((e) => e.element)).toEqual(['contribution', 'competitiveness', 'activity', 'institution']);
  });

  it('--node X: the elements left out are X\'s children (module) or the indicators below X, not the root\'s (which never move X)', async () => {
    const byModule = await json(['--remove-one', 'module', '--node', 'competitiveness']);
    expect(byModule.doc.removeOne!.map((e) => e.element)).toEqual(['new_product_share', 'patents_trademarks_brands', 'tech_investment_share', 'bachelor_share', 'technical_talent_share', 'asset_turnover']);
    expect(byModule.doc.removeOne!.some((e) => e.meanAbsShift > 0)).toBe(true);
    const byIndicator = await json(['--remove-one', 'indicator', '--node', 'activity']);
    expect(byIndicator.doc.removeOne!.map((e) => e.element)).toEqual(['new_firms', 'fairs_forums', 'upgrade_share', 'survival_rate_3y']);
    // leaving out new_firms = the mean of the other three (equal weights) for 杭州市's activity
    const compute = JSON.parse((await run(['compute', SYN, '--format', 'json', '--year', '2018'])).stdout) as { rows: { unit: string; node: string; value: number }[] };
    const v = (id: string): number => compute.rows.find((r) => r.unit === '杭州市' && r.node === id)!.value;
    expect(byIndicator.doc.removeOne![0]!.units.find((u) => u.unit === '杭州市')!.valueWithout).toBeCloseTo((v('fairs_forums') + v('upgrade_share') + v('survival_rate_3y')) / 3, 10);
    const leaf = await json(['--remove-one', 'module', '--node', 'firms', '--lang', 'en']);
    expect(leaf.code).toBe(2);
    expect(leaf.stderr).toContain('--remove-one: firms is an indicator; nothing below it can be left out. Analyse a module or the composite (--node).');
  });

  it('refuses what cannot be honoured: geometric means of zero scores, --samples 0, an unknown assumption, nothing to vary', async () => {
    const geo = await json(['--vary', 'aggregation=arithmetic,geometric', '--normalise', 'min-max', '--samples', '10', '--lang', 'en']);
    expect(geo.code).toBe(2);
    expect((await json(['--vary', 'aggregation=arithmetic,geometric', '--normalise', 'min-max', '--samples', '10'])).stderr).toMatch(/变动方案 aggregation=geometric 使 \d+ 个地区没有数值或有节点无定义（.*）（几何、调和或幂平均需要正的得分：min-max 得分为 0 时无定义；请用 min-max:1,100）。该框架无法支持这一方案：请从 --vary 中去掉这个取值。/);
    expect(geo.stderr).toContain('the variation aggregation=geometric leaves');
    expect(geo.stderr).toContain('use min-max:1,100');
    expect((await json(['--vary-weights', '10', '--samples', '0'])).stderr).toContain('错误：选项 --samples <n> 的值"0"无效。--samples 必须在 1 到 1000000 之间，实际为 0。');
    expect((await json(['--vary-weights', '10', '--samples', '0', '--lang', 'en'])).stderr).toContain('--samples must be between 1 and 1000000, got 0');
    expect((await json(['--vary', 'colour=red,blue', '--lang', 'en'])).stderr).toContain('--vary must be NAME=LEVEL,LEVEL with NAME one of normalise, aggregation, impute, weights');
    expect((await json(['--vary', 'colour=red,blue'])).stderr).toContain('错误：选项 --vary <name=levels> 的值"colour=red,blue"无效。');
    expect((await json([])).stderr).toContain('sensitivity 需要指定要变动的内容：--vary-weights PCT、--vary NAME=LEVELS');
    expect((await json(['--lang', 'en'])).stderr).toContain('sensitivity needs something to vary');
    expect(splitLevels('fixed-base,min-max:1,100,z-score')).toEqual(['fixed-base', 'min-max:1,100', 'z-score']);
    expect(splitLevels('mpi,mpi:+,sample,geometric,efficacy:70,60')).toEqual(['mpi', 'mpi:+,sample', 'geometric', 'efficacy:70,60']);
  });
});

/** Whether every element is true. */
function arr(xs: boolean[]): boolean {
  return xs.every((x) => x);
}
