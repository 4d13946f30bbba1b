// Warnings on stderr: at most 20, the ones about the whole data first (the
// trial: an indicator with no data was warning 25 of 40, cut off behind the
// cells' and the review's).
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, tempFile } from '../helpers.js';

describe('warnings on stderr', () => {
  it('an indicator with no data is said before 30 cells\' warnings, and the cut says how many more', async () => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify({ name: 'w', baseYear: 2014, nodes: [{ id: 'root' }, { id: 'm', parent: 'root' }, { id: 'a', parent: 'm', en: 'Alpha' }, { id: 'b', parent: 'm', en: 'Beta' }, { id: 'c', parent: 'm', en: 'Gamma' }] }), dir);
    // 30 units, b left empty in 2015 for each (a missing value and a renormalised m: 60 warnings), and no column c at all
    const rows = ['unit,year,a,b'];
    for (let u = 1; u <= 30; u++) rows.push(`U${u},2014,${u},${u + 1}`, `U${u},2015,${u + 1},`);
    tempFile('d.csv', `${rows.join('\n')}\n`, dir);
    const r = await run(['compute', 'd.csv', '--framework', 'fw.json', '--no-review', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toHaveLength(20);
    expect(warnings[0]).toBe('warning: Gamma: not in the data; its weight goes to its siblings.');
    expect(warnings[1]).toMatch(/^warning: U1, 2015, Beta: /);
    expect(r.stderr).toContain('... and 41 more warnings (--format json lists them all)');
    // JSON keeps them all, in the order found
    const json = await run(['compute', 'd.csv', '--framework', 'fw.json', '--no-review', '--format', 'json'], { cwd: dir });
    const codes = (JSON.parse(json.stdout) as { warnings: { code: string }[] }).warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'missing-value')).toHaveLength(30);
    expect(codes).toContain('no-data');
  });

  it('a value left undefined by a missing denominator says it was imputed, when it was (ASEM: LAO has no energy consumption)', async () => {
    const args = ['compute', 'fixtures/coinr-asem/ASEM_iData.csv', '--framework', 'fixtures/coinr-asem/ASEM_iMeta.csv', '--denominate', '--normalise', 'min-max', '--format', 'json', '--lang', 'en'];
    const message = async (extra: string[]): Promise<string> => ((JSON.parse((await run([...args, ...extra])).stdout) as { warnings: { code: string; unit: string; node: string; message: string }[] }).warnings.find((w) => w.code === 'denominator' && w.unit === 'LAO' && w.node === 'Elec')!.message);
    expect(await message([])).toBe('LAO, 2018, Trade in electricity: the denominator Energy consumption is missing, so the value is undefined.');
    expect(await message(['--impute', 'mean'])).toBe('LAO, 2018, Trade in electricity: the denominator Energy consumption is missing, so the value is undefined; it was imputed (mean).');
  });
});

describe("earlier periods' review warnings", () => {
  // 8 units over 2014-2016; U1's a grows 80 % in 2015 (a large change, and an outlier among the others' 2 %)
  const setup = (extra: (u: number, y: number) => string | undefined = () => undefined): string => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify({ name: 'h', baseYear: 2014, nodes: [{ id: 'root' }, { id: 'm', parent: 'root' }, { id: 'a', parent: 'm' }, { id: 'b', parent: 'm' }] }), dir);
    const rows = ['unit,year,a,b'];
    for (let u = 1; u <= 8; u++) {
      for (const y of [2014, 2015, 2016]) {
        const a = y === 2014 ? 100 + u : y === 2015 ? (u === 1 ? 1.8 : 1.02) * (100 + u) : 1.02 * (u === 1 ? 1.8 : 1.02) * (100 + u);
        rows.push(`U${u},${y},${extra(u, y) ?? a},${50 + u + (y - 2014)}`);
      }
    }
    tempFile('d.csv', `${rows.join('\n')}\n`, dir);
    return dir;
  };

  it('are looked for only where an output says them: compute --quiet writes the same CSV, and its JSON still lists them', async () => {
    const dir = setup();
    const args = ['compute', 'd.csv', '--framework', 'fw.json', '--lang', 'en'];
    const loud = await run([...args, '--format', 'csv'], { cwd: dir });
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toMatch(/review warnings? of earlier periods \(2015/);
    const quiet = await run([...args, '--format', 'csv', '--quiet'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(loud.stdout);
    const json = await run([...args, '--format', 'json', '--quiet'], { cwd: dir });
    const rules = (JSON.parse(json.stdout) as { warnings: { code: string; unit?: string; year?: number; message: string }[] }).warnings.filter((w) => w.code === 'review' && w.unit === 'U1' && w.year === 2015);
    expect(rules.length).toBeGreaterThan(0);
  });

  it('an earlier period\'s error still stops compute --quiet: U3 typed 100 times its value in 2015', async () => {
    const dir = setup((u, y) => (u === 3 && y === 2015 ? '10506' : undefined));
    const r = await run(['compute', 'd.csv', '--framework', 'fw.json', '--lang', 'en', '--format', 'csv', '--quiet'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/U3/);
    expect(r.stderr).toMatch(/2015/);
  });
});

describe('a folder of returns with other files in it', () => {
  it('reads its CSVs and workbooks only: a README.txt, a Word file and an Excel lock file are left alone; a .txt named on the command line is read', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'returns'));
    tempFile('returns/a.csv', 'unit,year,firms\nA,2014,10\nA,2015,11\n', dir);
    tempFile('returns/b.csv', 'unit,year,firms\nB,2014,20\nB,2015,21\n', dir);
    tempFile('returns/README.txt', '这是2025年一季度各县报送的数据。\n请勿改动。\n', dir);
    tempFile('returns/说明.docx', 'PK\u0003\u0004not really', dir);
    tempFile('returns/~$a.xlsx', 'lock', dir);
    const r = await run(['compute', 'returns', '--no-review', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { rows: { unit: string }[] }).rows.map((x) => x.unit)).toContain('B');
    tempFile('data.txt', 'unit\tyear\tfirms\nA\t2014\t10\nA\t2015\t12\n', dir);
    expect((await run(['compute', 'data.txt', '--no-review'], { cwd: dir })).code).toBe(0);
  });
});

describe('warnings of half-years, quarters and months', () => {
  it('say 当期 and "that period", not 当年 (the trial\'s quarterly round)', async () => {
    const { describeWarning } = await import('../../src/render/warnings.js');
    const q = { code: 'missing-value' as const, unit: '鹿城区', year: 202501, node: 'firms' };
    expect(describeWarning(q, 'zh', (id) => id, () => '2025年第一季度')).toBe('鹿城区2025年第一季度firms：缺少数值，当期无指数。');
    expect(describeWarning(q, 'en', (id) => id, () => 'Q1 2025')).toBe('鹿城区, Q1 2025, firms: the value is missing, so the indicator has no index that period.');
    expect(describeWarning({ ...q, year: 2025 }, 'zh', (id) => id, () => '2025年')).toBe('鹿城区2025年firms：缺少数值，当年无指数。');
    expect(describeWarning({ code: 'missing-year', unit: '鹿城区', year: 202501 }, 'zh', (id) => id, () => '2025年第一季度')).toBe('鹿城区：数据中没有2025年第一季度，该期无指数。');
  });
});

describe('a unit whose value comes from part of its indicators', () => {
  // 金华市 never reports 新产品产值占比 (a 核心竞争力 indicator): 核心竞争力 and the index are its 5 others' mean
  const gapData = async (dir: string): Promise<void> => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync('fixtures/zhejiang-synthetic.csv', 'utf8').trimEnd().split('\n');
    const head = lines[0]!.split(',');
    const col = head.indexOf('new_product_share');
    const out = lines.map((l, i) => {
      const cells = l.split(',');
      if (i > 0 && cells[0] === '金华市') cells[col] = '';
      return cells.join(',');
    });
    tempFile('gap.csv', `${out.join('\n')}\n`, dir);
  };

  it('is marked * in the table where its value is shown, with a note naming it, the node and the count; the others stay aligned', async () => {
    const dir = tempDir();
    await gapData(dir);
    const r = await run(['compute', 'gap.csv', '--level', 'missing=warning'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.includes('金华市'))!;
    const cells = row.split('│').map((c) => c.trim());
    // rank, unit, index, YoY, then the four modules: the index and 核心竞争力 are marked, 综合贡献力 is not
    expect(cells.slice(1, 9)).toEqual(['1', '金华市', '129.63*', '+7.32', '137.66', '131.33*', '127.63', '121.88']);
    const other = r.stdout.split('\n').find((l) => l.includes('台州市'))!;
    // an unmarked value of a marked column ends in a space, so the decimal points line up
    expect(other).toContain(' 128.28  │');
    expect(row.indexOf('129.63*') + 6).toBe(other.indexOf('128.28 ') + 6);
    expect(r.stdout).toContain('* 有下级指标缺失，按现有的指标计算（权重在其间重新归一），排名仅供参考：金华市（核心竞争力 5/6）');
    // a unit with every indicator is not named; the markdown report says the same under its table
    expect(r.stdout).not.toContain('台州市（');
    const md = await run(['report', 'gap.csv', '--level', 'missing=warning', '--lang', 'en'], { cwd: dir });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('| 1 | 金华市 | 129.63\\* |');
    expect(md.stdout).toContain('\\* Computed from the children present only (weights renormalised over them); read the rank with care: 金华市 (Core competitiveness 5/6).');
  });

  it('gets one warning over the years it lacks the indicator, not one a year', async () => {
    const dir = tempDir();
    await gapData(dir);
    const r = await run(['compute', 'gap.csv', '--level', 'missing=warning'], { cwd: dir });
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('警告: 金华市'));
    // (the missing base first: it leaves the indicator undefined in every year)
    expect(warnings).toEqual([
      '警告: 金华市新产品产值占比：缺少基期（2014年）数值，各年指数均无定义。',
      '警告: 金华市2014—2018年：新产品产值占比未填报（必填指标）。',
      '警告: 金华市2014—2018年核心竞争力：只有5/6个下级指标有值，权重按现有指标重新归一。',
    ]);
  });

  it('a run of periods breaks where a period is not in it, and quarters are named in words', async () => {
    const { foldPeriods, describeWarning } = await import('../../src/render/warnings.js');
    const g = (year: number) => ({ code: 'renormalised' as const, unit: 'A', year, nodes: ['m'], detail: { present: 1, expected: 2 } });
    const folded = foldPeriods([g(2014), g(2015), g(2017), g(2018)], [2014, 2015, 2016, 2017, 2018]);
    expect(folded.map((w) => [w.year, w.yearTo])).toEqual([[2014, 2015], [2017, 2018]]);
    expect(describeWarning(folded[0]!, 'en')).toBe('A, 2014–2015, m: only 1 of 2 children have values; weights renormalised over them.');
    const q = foldPeriods([g(202501), g(202502)], [202501, 202502]);
    expect(describeWarning(q[0]!, 'zh', (id) => id, (k) => `2025年第${k % 100}季度`)).toBe('A2025年第1季度至2025年第2季度m：只有1/2个下级指标有值，权重按现有指标重新归一。');
    // a missing value over a run: 这些年, not 当年
    const mv = foldPeriods([{ code: 'missing-value', unit: 'A', year: 2014, nodes: ['x'] }, { code: 'missing-value', unit: 'A', year: 2015, nodes: ['x'] }], [2014, 2015]);
    expect(describeWarning(mv[0]!, 'zh')).toBe('A2014—2015年x：缺少数值，这些年无指数。');
  });
});

describe('a base averaged over the base year\'s periods, one of them missing (the monthly trial: 北仑区 lost every month for its 2023-08)', () => {
  it('names the missing period, and comes right after the warnings about the whole data', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = tempDir();
    const text = readFileSync('fixtures/quarterly-synthetic.csv', 'utf8').split('\n').filter((l) => !l.startsWith('宁波市,2014Q3,')).join('\n');
    tempFile('q.csv', text, dir);
    const r = await run(['compute', 'q.csv', '--framework', `${process.cwd()}/fixtures/quarterly-framework.json`, '--no-review'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('警告: '));
    expect(warnings[0]).toMatch(/^警告: 宁波市.*：基期2014年缺少2014年第三季度的数值（基期取2014年各期的平均），各期指数均无定义。$/);
    const en = await run(['compute', 'q.csv', '--framework', `${process.cwd()}/fixtures/quarterly-framework.json`, '--no-review', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toMatch(/warning: 宁波市, .*: the base year 2014 lacks (Q3 2014|2014Q3|the third quarter of 2014)[^(]*\(the base is the mean of its periods\), so (its|their) index is undefined in every period\./);
  });
});
