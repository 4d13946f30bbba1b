// The report's words (issue 8): reverse indicators, labels, grouped notes,
// raw values with units, fewer modules, the weights used and the framework's origin.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, run, tempDir, tempFile } from '../helpers.js';

const FRAMEWORK = {
  name: 'cost-test',
  zh: '测试指数',
  en: 'Test index',
  baseYear: 2014,
  nodes: [
    { id: 'index', zh: '测试指数', en: 'Test index' },
    { id: 'A', parent: 'index', zh: '经营', en: 'Business', weight: 3 },
    { id: 'a1', parent: 'A', zh: '企业数', en: 'Firms', unit: '家', unitEn: 'firms', required: false },
    { id: 'a2', parent: 'A', zh: '融资成本', en: 'Financing cost', unit: '%', direction: -1 },
    { id: 'B', parent: 'index', zh: '环境', en: 'Environment' },
    { id: 'b1', parent: 'B', zh: '满意度', en: 'Satisfaction', unit: '分', unitEn: 'points', required: false },
  ],
};
const DATA = [
  '地区,年份,a1,a2,b1',
  'ALL,2014,200000,10,50',
  'ALL,2015,220000,9.5,55',
  'ALL,2016,242000,9.025,',
  'X,2014,100,4,60',
  'X,2015,110,4,66',
  'X,2016,,4,',
  'Y,2014,100,5,70',
  'Y,2015,120,5,70',
  'Y,2016,130,5.5,75',
].join('\n');

/** A folder with the framework and the data. */
function setup(): { dir: string; fw: string; data: string } {
  const dir = tempDir();
  const fw = join(dir, 'fw.json');
  writeFileSync(fw, JSON.stringify(FRAMEWORK, null, 2));
  return { dir, fw, data: tempFile('data.csv', DATA, dir) };
}

describe('the report in the reader\'s words', () => {
  it('a lower-is-better indicator says the index rose because the value fell', async () => {
    const { fw, data } = setup();
    const zh = await run(['report', data, '--framework', fw, '--aggregate-unit', 'ALL', '--quiet']);
    // a2: index 2016 = 100 × 10 / 9.025 = 110.80; YoY = 9.5 / 9.025 − 1 = 5.26%; the value fell 9.025 / 9.5 − 1 = −5.00%
    expect(zh.stdout).toContain('- 融资成本：110.80点，同比增长5.26%（逆向指标：指数上升是因为实际值下降5.00%）；实际值9.025%');
    // a1: 242000家 = 24.20万家
    expect(zh.stdout).toContain('- 企业数：121.00点，同比增长10.00%；实际值24.20万家');
    const en = await run(['report', data, '--framework', fw, '--aggregate-unit', 'ALL', '--quiet', '--lang', 'en']);
    expect(en.stdout).toContain('- Financing cost: 110.80 points, up 5.26% (a lower-is-better indicator: the index rose because the value went down 5.00%); value 9.025%');
    expect(en.stdout).toContain('- Firms: 121.00 points, up 10.00%; value 242,000 firms');
  });

  it('the headline says the composite was computed from fewer modules', async () => {
    const { fw, data } = setup();
    const zh = await run(['report', data, '--framework', fw, '--aggregate-unit', 'ALL', '--quiet']);
    // ALL 2016: B has no value, so the index is module A alone: (121 + 110.80) / 2
    expect(zh.stdout).toContain('2016年，ALL测试指数为115.90点');
    expect(zh.stdout).toMatch(/。该指数仅由2个模块中的1个计算，环境无数据。\n/);
    const en = await run(['report', data, '--framework', fw, '--aggregate-unit', 'ALL', '--quiet', '--lang', 'en']);
    expect(en.stdout).toContain(' The index was computed from 1 of the 2 modules: Environment has no data.');
  });

  it('data notes name nodes by label and group them by unit, year and cause', async () => {
    const { fw, data } = setup();
    const zh = await run(['report', data, '--framework', fw, '--aggregate-unit', 'ALL']);
    expect(zh.stdout).toContain('- X2016年企业数、满意度：缺少数值，当年无指数。');
    expect(zh.stdout).not.toMatch(/X2016年企业数：/);
    expect(zh.stderr).toContain('警告: X2016年企业数、满意度：缺少数值，当年无指数。');
    const en = await run(['report', data, '--framework', fw, '--aggregate-unit', 'ALL', '--lang', 'en']);
    expect(en.stdout).toContain('- X, 2016, Firms, Satisfaction: the values are missing, so these indicators have no index that year.');
    // JSON keeps one warning per node, with ids
    const json = JSON.parse((await run(['compute', data, '--framework', fw, '--aggregate-unit', 'ALL', '--format', 'json'])).stdout) as { warnings: { code: string; unit: string; node: string }[] };
    expect(json.warnings.filter((w) => w.code === 'missing-value' && w.unit === 'X').map((w) => w.node)).toEqual(['b1', 'a1']);
  });

  it('the method states the weights used, the framework file\'s SHA-256, and "unpublished" only for the built-in', async () => {
    const { fw, data } = setup();
    const zh = await run(['report', data, '--framework', fw, '--aggregate-unit', 'ALL', '--quiet']);
    expect(zh.stdout).toMatch(/- 框架文件：`fw\.json`, SHA-256 `[0-9a-f]{64}`\n/);
    expect(zh.stdout).toContain('  - 经营 (`A`)：权重3（占75.00%），正向');
    expect(zh.stdout).toContain('  - 环境 (`B`)：权重1（占25.00%），正向');
    expect(zh.stdout).toContain('    - 融资成本 (`a2`)：权重1（占50.00%），逆向，单位：%');
    expect(zh.stdout).not.toContain('官方权重');
    const builtIn = await run(['report', 'fixtures/zhejiang-synthetic.csv', '--quiet']);
    expect(builtIn.stdout).toContain('官方权重与汇总公式未公开');
    // a file that spells out the built-in framework unchanged is still the built-in
    const dir = tempDir();
    writeFileSync(join(dir, 'zj.json'), (await run(['framework'])).stdout);
    const copy = await run(['report', fixture('zhejiang-synthetic.csv'), '--framework', join(dir, 'zj.json'), '--quiet']);
    expect(copy.stdout).toContain('官方权重与汇总公式未公开');
    expect(copy.stdout).toContain('，与内置框架 zhejiang 相同');
    const edited = JSON.parse(readFileSync(join(dir, 'zj.json'), 'utf8')) as { nodes: { weight: number }[] };
    edited.nodes[1]!.weight = 2;
    writeFileSync(join(dir, 'zj2.json'), JSON.stringify(edited));
    const changed = await run(['report', fixture('zhejiang-synthetic.csv'), '--framework', join(dir, 'zj2.json'), '--quiet']);
    expect(changed.stdout).not.toContain('官方权重');
    expect(changed.stdout).toContain('  - 综合贡献力 (`contribution`)：权重2（占40.00%），正向');
  });

  it('--check does not depend on how the data path is spelled or where it runs', async () => {
    const out = join(tempDir(), 'report.md');
    expect((await run(['report', 'fixtures/zhejiang-synthetic.csv', '--out', out])).code).toBe(0);
    for (const [path, cwd] of [['./fixtures/zhejiang-synthetic.csv', ROOT], ['../fixtures/zhejiang-synthetic.csv', join(ROOT, 'test')], [fixture('zhejiang-synthetic.csv'), '/']]) {
      const r = await run(['report', path!, '--check', out], { cwd: cwd! });
      expect(r.code, `${path} from ${cwd}: ${r.stderr}`).toBe(0);
    }
    expect(readFileSync(out, 'utf8')).toContain('`fixtures/zhejiang-synthetic.csv`');
  });
});

describe('a totals row sent with part of its indicators', () => {
  /** A folder holding d.csv: the synthetic panel with 浙江省's 2018 row keeping one or two indicators of each module (5 of 18); 2017 has all 18. */
  function partialTotalsRow(): string {
    const lines = readFileSync(fixture('zhejiang-synthetic.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const header = lines[0]!;
    const keep = new Set(['firms', 'revenue', 'new_product_share', 'new_firms', 'policy_funding']);
    const partial = lines.map((r, i) => (i > 0 && r[0] === '浙江省' && r[1] === '2018' ? r.map((v, j) => (j < 2 || keep.has(header[j]!) ? v : '')) : r));
    const dir = tempDir();
    writeFileSync(join(dir, 'd.csv'), partial.map((r) => r.join(',')).join('\n') + '\n');
    return dir;
  }

  it('says in the headline how many indicators its composite rests on, and that its growth rate compares different sets', async () => {
    const dir = partialTotalsRow();
    const zh = await run(['report', 'd.csv', '--aggregate-unit', '浙江省', '--format', 'md'], { cwd: dir });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('该指数仅由18个指标中的5个计算（上年同期为18个，同比口径不同，仅供参考）。');
    const en = await run(['report', 'd.csv', '--aggregate-unit', '浙江省', '--format', 'md', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain('The index was computed from 5 of the 18 indicators (18 a year earlier, so its growth rate compares different sets and is indicative only).');
    // the whole fixture: every indicator, no such sentence
    const full = await run(['report', fixture('zhejiang-synthetic.csv'), '--aggregate-unit', '浙江省', '--format', 'md']);
    expect(full.stdout).not.toContain('个指标中的');
  });

  it('the review\'s note on that row counts the same indicators as the report\'s headline (5 of 18), not modules', async () => {
    const dir = partialTotalsRow();
    const note = async (lang: string): Promise<string> => {
      const r = await run(['review', 'd.csv', '--aggregate-unit', '浙江省', '--format', 'json', '--lang', lang], { cwd: dir });
      const doc = JSON.parse(r.stdout) as { findings: { unit: string; period: string; level: string; message: string; detail: Record<string, unknown> }[] };
      const notes = doc.findings.filter((f) => f.unit === '浙江省' && f.level === 'note');
      expect(notes.map((f) => f.period)).toEqual(['2018']);
      expect(notes[0]!.detail).toMatchObject({ used: 5, indicators: 18 });
      return notes[0]!.message;
    };
    expect(await note('zh')).toMatch(/^汇总单位没有.+，不算缺报；其综合指数仅由18个指标中的5个计算。$/);
    expect(await note('en')).toMatch(/^a totals row without .+: not a gap to fill; its composite was computed from 5 of the 18 indicators\.$/);
    const report = await run(['report', 'd.csv', '--aggregate-unit', '浙江省', '--format', 'md'], { cwd: dir });
    expect(report.stdout).toContain('该指数仅由18个指标中的5个计算');
  });
});
