// A stale period (a tester's quarterly round, 宜昌市 2019Q1-2020Q4): a county
// returned last quarter's form again. The review's `unchanged` rule compared
// only with the same period a year earlier, so `smei review` found nothing,
// the report called the data complete and 环比 was exactly 0.00. For
// half-years, quarters and months it now compares with the period before
// too, and says which period the form equals; annual data is as before.
import { describe, expect, it } from 'vitest';
import { reviewData, type Finding } from '../../src/collect/review.js';
import { Observations } from '../../src/core/observations.js';
import { checkFramework } from '../../src/framework/check.js';
import { reviewSentence } from '../../src/render/review.js';
import { periodKey, type Frequency } from '../../src/time/period.js';
import { run, tempDir, tempFile } from '../helpers.js';

const fw = checkFramework({
  name: 'stale', baseYear: 2019,
  nodes: [
    { id: 'index' },
    { id: 'firms', parent: 'index', zh: '小微企业户数', en: 'Firms', unit: '户' },
    { id: 'revenue', parent: 'index', zh: '营业收入', en: 'Revenue', unit: '亿元' },
    { id: 'rd', parent: 'index', zh: '研发投入占比', en: 'R&D share', unit: '%' },
  ],
}, 'test');

/** Six units over two years of `freq` periods, each value growing 2% a period (each unit at its own scale). */
function panel(freq: Frequency): { o: Observations; keys: number[]; set: (unit: number, key: number, values: number[]) => void; row: (unit: number, key: number) => number[] } {
  const per = { half: 2, quarter: 4, month: 12, year: 1, cumulative: 12 }[freq];
  const keys = [2019, 2020].flatMap((y) => Array.from({ length: per }, (_, i) => periodKey(y, i + 1, freq)));
  const o = new Observations('t.csv', fw.nodes.length);
  o.frequency = freq;
  const values = new Map<string, number[]>();
  for (let u = 0; u < 6; u++) {
    const id = o.unitId(`U${u}`);
    keys.forEach((k, i) => {
      const g = (1 + 0.02 * i) * (1 + 0.1 * u);
      const v = [Math.round(1000 * g), Math.round(1000 * g) / 100, Math.round(200 * g) / 100];
      values.set(`${u}|${k}`, v);
      v.forEach((x, n) => o.set(id, k, 1 + n, x));
    });
  }
  return {
    o, keys,
    set: (u, k, v) => v.forEach((x, n) => o.set(u, k, 1 + n, x)),
    row: (u, k) => values.get(`${u}|${k}`)!,
  };
}

const short = (fs: Finding[]): string[] => fs.map((f) => `${f.unit} ${f.node || '*'} ${f.rule} ${f.level}`);

describe('unchanged against the period before (half-years, quarters, months)', () => {
  it('a quarter equal to the quarter before is an error naming that quarter; a clean quarterly panel has none', () => {
    const p = panel('quarter');
    expect(reviewData(p.o, fw, { year: 202004 })).toEqual([]);
    p.set(2, 202004, p.row(2, 202003));
    const fs = reviewData(p.o, fw, { year: 202004, levels: { outlier: 'off' } });
    expect(short(fs)).toEqual(['U2 * unchanged error']);
    expect(fs[0]!.detail).toEqual({ count: 3, against: '2020Q3', equals: 'previous-period' });
    const view = { fw, decimals: 2, freq: 'quarter' as const };
    expect(reviewSentence(fs[0]!, { ...view, lang: 'zh' })).toBe('全部3个指标与上一期（2020年第三季度）完全相同，可能重复报送了上一期的数据。');
    expect(reviewSentence(fs[0]!, { ...view, lang: 'en' })).toBe("all 3 indicators equal the period before (Q3 2020): the previous period's form sent again?");
    // the quarter before is not reviewed as a copy of anything
    expect(reviewData(p.o, fw, { year: 202003 })).toEqual([]);
  });

  it('Q1 is compared with the Q4 before it, across the year', () => {
    const p = panel('quarter');
    p.set(4, 202001, p.row(4, 201904));
    const fs = reviewData(p.o, fw, { year: 202001, levels: { outlier: 'off' } });
    expect(short(fs)).toEqual(['U4 * unchanged error']);
    expect(fs[0]!.detail.against).toBe('2019Q4');
  });

  it('one value different is enough not to fire; a value missing on either side is not compared (two at least)', () => {
    const p = panel('quarter');
    const stale = p.row(1, 202003);
    p.set(1, 202004, [stale[0]!, stale[1]!, stale[2]! + 0.01]);
    expect(reviewData(p.o, fw, { year: 202004, levels: { outlier: 'off' } })).toEqual([]);
    // rd left empty this quarter: the two it reports equal the quarter before's
    p.set(1, 202004, [stale[0]!, stale[1]!, NaN]);
    const two = reviewData(p.o, fw, { year: 202004, levels: { outlier: 'off', missing: 'off' } });
    expect(short(two)).toEqual(['U1 * unchanged error']);
    expect(two[0]!.detail.count).toBe(2);
    // one compared is not enough
    p.set(1, 202004, [stale[0]!, NaN, NaN]);
    expect(reviewData(p.o, fw, { year: 202004, levels: { outlier: 'off', missing: 'off' } })).toEqual([]);
  });

  it('half-years and months too, each period named in words; cumulative spans have no period before', () => {
    const h = panel('half');
    h.set(0, 202002, h.row(0, 202001));
    const half = reviewData(h.o, fw, { year: 202002, levels: { outlier: 'off' } });
    expect(half[0]!.detail).toEqual({ count: 3, against: '2020H1', equals: 'previous-period' });
    expect(reviewSentence(half[0]!, { fw, decimals: 2, freq: 'half', lang: 'zh' })).toBe('全部3个指标与上一期（2020年上半年）完全相同，可能重复报送了上一期的数据。');
    const m = panel('month');
    m.set(3, 202001, m.row(3, 201912));
    const month = reviewData(m.o, fw, { year: 202001, levels: { outlier: 'off' } });
    expect(short(month)).toEqual(['U3 * unchanged error']);
    expect(reviewSentence(month[0]!, { fw, decimals: 2, freq: 'month', lang: 'en' })).toBe("all 3 indicators equal the period before (December 2019): the previous period's form sent again?");
    const c = panel('cumulative');
    c.set(3, 202006, c.row(3, 202005));
    expect(reviewData(c.o, fw, { year: 202006, levels: { outlier: 'off' } })).toEqual([]);
  });

  it('the same quarter a year earlier still fires, and says so; a form equal to both is the period before\'s', () => {
    const p = panel('quarter');
    p.set(5, 202004, p.row(5, 201904));
    const fs = reviewData(p.o, fw, { year: 202004, levels: { outlier: 'off', 'yoy-jump': 'off' } });
    expect(short(fs)).toEqual(['U5 * unchanged error']);
    expect(fs[0]!.detail).toEqual({ count: 3, against: '2019Q4', equals: 'same-period-last-year' });
    expect(reviewSentence(fs[0]!, { fw, decimals: 2, freq: 'quarter', lang: 'zh' })).toBe('全部3个指标与上年同期（2019年第四季度）完全相同，可能重复报送了上年同期的数据。');
    p.set(5, 202003, p.row(5, 201904));
    const both = reviewData(p.o, fw, { year: 202004, levels: { outlier: 'off', 'yoy-jump': 'off' } });
    expect(both.map((f) => f.detail.equals)).toEqual(['previous-period']);
  });

  it('the period before may come from --previous when the data holds the round only', () => {
    const p = panel('quarter');
    const round = new Observations('round.csv', fw.nodes.length);
    round.frequency = 'quarter';
    for (let u = 0; u < 6; u++) {
      const id = round.unitId(`U${u}`);
      (u === 2 ? p.row(2, 202003) : p.row(u, 202004)).forEach((x, n) => round.set(id, 202004, 1 + n, x));
    }
    expect(short(reviewData(round, fw, { year: 202004, previous: p.o, levels: { outlier: 'off' } }))).toEqual(['U2 * unchanged error']);
  });

  it('annual data is as before: the year before, detail { count }', () => {
    const p = panel('year');
    p.set(1, 2020, p.row(1, 2019));
    const fs = reviewData(p.o, fw, { year: 2020, levels: { outlier: 'off' } });
    expect(fs[0]!.detail).toEqual({ count: 3 });
    expect(reviewSentence(fs[0]!, { fw, decimals: 2, freq: 'year', lang: 'zh' })).toBe('全部3个指标与上年完全相同，可能重复报送了上年的数据。');
  });
});

/** The tester's reproduction (stale_quarter.py), built here: five counties, 2019Q1-2020Q4; 丙县's 2020Q4 is its 2020Q3. */
function staleRound(): string {
  const dir = tempDir();
  tempFile('fw.json', JSON.stringify({ name: 'q', baseYear: 2019, nodes: [{ id: 'index', zh: '指数' }, { id: 'firms', parent: 'index', zh: '小微企业户数', unit: '户' }, { id: 'revenue', parent: 'index', zh: '营业收入', unit: '亿元' }, { id: 'rd', parent: 'index', zh: '研发投入占比', unit: '%' }] }), dir);
  const units: [string, number][] = [['甲县', 1.0], ['乙县', 1.3], ['丙县', 0.8], ['丁县', 1.1], ['戊县', 0.9]];
  const lines = ['地区,时期,小微企业户数,营业收入,研发投入占比'];
  for (const [u, s] of units) {
    ['2019Q1', '2019Q2', '2019Q3', '2019Q4', '2020Q1', '2020Q2', '2020Q3', '2020Q4'].forEach((p, k) => {
      const kk = u === '丙县' && p === '2020Q4' ? 6 : k;
      lines.push(`${u},${p},${Math.round(1000 * s * (1 + 0.02 * kk))},${Math.round(1000 * s * (1 + 0.03 * kk)) / 100},${Math.round(100 * (2 + 0.05 * kk)) / 100}`);
    });
  }
  tempFile('stale-quarter.csv', `${lines.join('\n')}\n`, dir);
  return dir;
}

describe('the stale quarter through the commands', () => {
  const args = ['stale-quarter.csv', '--framework', 'fw.json'];

  it('review: one error, in the table, Markdown and JSON, in both languages; exit 1', async () => {
    const cwd = staleRound();
    const table = await run(['review', ...args], { cwd });
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('数据审核（2019年第一季度至2020年第四季度，8期，5个地区）：1个错误，0个警告');
    expect(table.stdout).toMatch(/│ 错误 │ 丙县 │ 2020年第四季度 │ —\s+│ 与上期相同 │/);
    const md = await run(['review', ...args, '--format', 'md'], { cwd });
    expect(md.stdout).toContain('| 错误 | 丙县 | 2020年第四季度 | — | 与上期相同 | — | stale-quarter.csv | 全部3个指标与上一期（2020年第三季度）完全相同，可能重复报送了上一期的数据。 |');
    for (const lang of ['zh', 'en'] as const) {
      const j = await run(['review', ...args, '--format', 'json', '--lang', lang], { cwd });
      expect(j.code).toBe(1);
      const doc = JSON.parse(j.stdout) as { summary: unknown; findings: Record<string, unknown>[] };
      expect(doc.summary).toEqual({ errors: 1, warnings: 0, notes: 0 });
      expect(doc.findings).toEqual([{
        unit: '丙县', period: '2020Q4', node: '', rule: 'unchanged', level: 'error', value: null, source: 'stale-quarter.csv',
        message: lang === 'zh' ? '全部3个指标与上一期（2020年第三季度）完全相同，可能重复报送了上一期的数据。' : "all 3 indicators equal the period before (Q3 2020): the previous period's form sent again?",
        detail: { count: 3, against: '2020Q3', equals: 'previous-period' },
      }]);
    }
  });

  it('compute refuses it as the rule\'s level says (error); relaxed to a warning, it computes and says it; the report names it in its data notes', async () => {
    const cwd = staleRound();
    const zh = await run(['compute', ...args], { cwd });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe('smei: 数据有1处未通过审核（错误级），未计算指数：丙县2020年第四季度全部3个指标与上一期（2020年第三季度）完全相同，可能重复报送了上一期的数据（stale-quarter.csv）；请运行 smei review stale-quarter.csv --framework fw.json 查看全部问题并改正数据，或用 --level 规则=warning 调低某条规则的级别，或用 --no-review 跳过审核。\n');
    const en = await run(['compute', ...args, '--lang', 'en'], { cwd });
    expect(en.stderr).toContain("丙县, Q4 2020: all 3 indicators equal the period before (Q3 2020): the previous period's form sent again?");
    const relaxed = await run(['compute', ...args, '--level', 'unchanged=warning'], { cwd });
    expect(relaxed.code, relaxed.stderr).toBe(0);
    expect(relaxed.stderr).toContain('警告: 丙县2020年第四季度：全部3个指标与上一期（2020年第三季度）完全相同，可能重复报送了上一期的数据。');
    // its 环比 is what a copied quarter gives: exactly 0
    expect(relaxed.stdout).toMatch(/│ 丙县 │\s+110\.83 │\s+\+6\.97 │\s+0\.00 │/);
    const json = await run(['compute', ...args, '--level', 'unchanged=warning', '--format', 'json'], { cwd });
    const warnings = (JSON.parse(json.stdout) as { warnings: { code: string; message: string; unit?: string; period?: string }[] }).warnings.filter((w) => w.code === 'review');
    expect(warnings).toMatchObject([{ unit: '丙县', period: '2020Q4', message: "丙县, Q4 2020: all 3 indicators equal the period before (Q3 2020): the previous period's form sent again?" }]);
    const report = await run(['report', ...args, '--level', 'unchanged=warning'], { cwd });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('- 丙县2020年第四季度的全部3项指标与2020年第三季度完全相同，可能沿用了上期数据。');
    expect(report.stdout).not.toContain('数据完整');
    const reportEn = await run(['report', ...args, '--level', 'unchanged=warning', '--lang', 'en'], { cwd });
    expect(reportEn.stdout).toContain("- 丙县, Q4 2020: all 3 indicators equal Q3 2020's; the previous figures may have been reused.");
  });

  it('the review command a stopped compute names lists the same finding', async () => {
    const cwd = staleRound();
    const listed = await run(['review', ...args, '--format', 'json'], { cwd });
    expect((JSON.parse(listed.stdout) as { findings: { unit: string; rule: string }[] }).findings.map((f) => `${f.unit} ${f.rule}`)).toEqual(['丙县 unchanged']);
  });
});
