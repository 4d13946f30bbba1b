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
