// Periods (issue 9): reading them, 同比 and 环比 worked out by hand, bases, reports and diffs.
import { describe, expect, it } from 'vitest';
import { formatPeriod, parsePeriod, periodWords, previousPeriod, sameLastYear } from '../../src/time/period.js';
import { fixture, run, tempDir, tempFile } from '../helpers.js';

const FW = JSON.stringify({ name: 'p', baseYear: 2014, nodes: [{ id: 'index' }, { id: 'm', parent: 'index' }, { id: 'x', parent: 'm' }, { id: 'y', parent: 'm' }] });

/** compute --format json on a CSV text with the two-indicator framework. */
async function compute(csv: string, args: string[] = []): Promise<{ code: number; stderr: string; rows: Map<string, { value: number | null; yoyPct: number | null; popPct?: number | null; year: number; period: string }>; doc: Record<string, unknown> }> {
  const dir = tempDir();
  tempFile('fw.json', FW, dir);
  tempFile('d.csv', csv, dir);
  const r = await run(['compute', 'd.csv', '--framework', 'fw.json', '--format', 'json', '--quiet', ...args], { cwd: dir });
  const doc = r.code === 0 ? (JSON.parse(r.stdout) as { rows: { unit: string; period: string; node: string; value: number | null; yoyPct: number | null; year: number }[] }) : { rows: [] };
  return { code: r.code, stderr: r.stderr, rows: new Map(doc.rows.map((x) => [`${x.unit}|${x.period}|${x.node}`, x])), doc: doc as unknown as Record<string, unknown> };
}

describe('parsePeriod', () => {
  it('reads the ways offices write periods', () => {
    const cases: [string, string][] = [
      ['2018', '2018'], ['2018年', '2018'], ['2018年度', '2018'],
      ['2018H1', '2018H1'], ['2018-H2', '2018H2'], ['2018年上半年', '2018H1'], ['2018年下半年', '2018H2'],
      ['2018Q3', '2018Q3'], ['2018-Q3', '2018Q3'], ['2018年三季度', '2018Q3'], ['2018年第三季度', '2018Q3'], ['2018年第4季度', '2018Q4'],
      ['2018-03', '2018-03'], ['2018/3', '2018-03'], ['2018年3月', '2018-03'], ['２０１８年１２月', '2018-12'],
      ['2018年1-6月', '2018M1-6'], ['2018年1—6月累计', '2018M1-6'], ['2018M1-12', '2018M1-12'],
      // as clerks write them (a trial round): no 年 before 上半年, 半年度, a dot before the months
      ['2018上半年', '2018H1'], ['2018年下半年度', '2018H2'], ['2018.1-6', '2018M1-6'], ['2018.1-6月', '2018M1-6'],
    ];
    for (const [raw, norm] of cases) {
      const p = parsePeriod(raw);
      expect('error' in p ? p.error : formatPeriod(p.key, p.freq), raw).toBe(norm);
    }
  });

  it('refuses periods that do not exist, saying why', () => {
    expect(parsePeriod('2018Q5')).toEqual({ error: 'names quarter 5, which does not exist (quarters are 1-4)', zh: '中的季度 5 不存在（季度为 1-4）' });
    expect(parsePeriod('2018年13月')).toEqual({ error: 'names month 13, which does not exist (months are 1-12)', zh: '中的月份 13 不存在（月份为 1-12）' });
    expect(parsePeriod('2018H3')).toEqual({ error: 'names half 3, which does not exist (halves are 1-2)', zh: '中的半年 3 不存在（半年为 1-2）' });
    expect(parsePeriod('2018年3-6月')).toEqual({ error: 'is a span from month 3; a cumulative period runs from January (1-6月)', zh: '是从 3 月开始的时段；累计期须从 1 月开始（1-6月）' });
  });

  it('same period a year earlier and the period before, across the year boundary', () => {
    const q1 = parsePeriod('2019Q1') as { key: number };
    expect(formatPeriod(sameLastYear(q1.key, 'quarter'), 'quarter')).toBe('2018Q1');
    expect(formatPeriod(previousPeriod(q1.key, 'quarter')!, 'quarter')).toBe('2018Q4');
    const jan = parsePeriod('2019-01') as { key: number };
    expect(formatPeriod(previousPeriod(jan.key, 'month')!, 'month')).toBe('2018-12');
    expect(previousPeriod((parsePeriod('2019年1-6月') as { key: number }).key, 'cumulative')).toBeUndefined();
    expect(periodWords(q1.key, 'quarter', 'zh')).toBe('2019年第一季度');
    expect(periodWords((parsePeriod('2019H1') as { key: number }).key, 'half', 'en')).toBe('first half of 2019');
  });
});

describe('quarterly data, worked by hand', () => {
  // x in 2014: 100, 110, 120, 130 (mean 115); y: 50 every quarter (mean 50); B's x 9, 10, 11, 10 (mean 10)
  // (a quarter whose every value is the quarter before's is a copied form: the review's unchanged error)
  const csv = [
    'unit,period,x,y',
    'A,2014Q1,100,50', 'A,2014Q2,110,50', 'A,2014Q3,120,50', 'A,2014Q4,130,50',
    'A,2015Q1,138,55', 'A,2015Q2,121,60',
    'B,2014Q1,9,10', 'B,2014Q2,10,10', 'B,2014Q3,11,10', 'B,2014Q4,10,10',
    'B,2015Q2,12,10',
  ].join('\n');

  it('the base is the mean of the base year\'s quarters; 同比 against the same quarter a year earlier; 环比 against the quarter before (Q1 against Q4)', async () => {
    const { code, rows, doc } = await compute(csv);
    expect(code).toBe(0);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.frequency).toBe('quarter');
    const a = rows.get('A|2015Q1|x')!;
    expect(a.year).toBe(2015);
    expect(a.value).toBeCloseTo((100 * 138) / 115, 10); // 120.00
    expect(a.yoyPct).toBeCloseTo((138 / 100 - 1) * 100, 10); // +38.00%
    expect(a.popPct).toBeCloseTo((138 / 130 - 1) * 100, 10); // +6.15%: 2015Q1 against 2014Q4
    expect(rows.get('A|2015Q2|x')!.popPct).toBeCloseTo((121 / 138 - 1) * 100, 10);
    // the module: mean of x and y indices; y's index 2015Q1 = 100 × 55 / 50 = 110
    expect(rows.get('A|2015Q1|m')!.value).toBeCloseTo(((100 * 138) / 115 + 110) / 2, 10);
    expect(rows.get('A|2015Q1|m')!.yoyPct).toBeCloseTo((((100 * 138) / 115 + 110) / 2 / (((100 * 100) / 115 + 100) / 2) - 1) * 100, 10);
    // the first year's quarters: a base-year index averaging 100
    const base = ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => rows.get(`A|2014${q}|x`)!.value!);
    expect(base.reduce((s, v) => s + v, 0) / 4).toBeCloseTo(100, 10);
    expect(rows.get('A|2014Q1|x')!.yoyPct).toBeNull();
  });

  it('a missing period leaves 同比 and 环比 that need it undefined, with warnings', async () => {
    const { rows } = await compute(csv);
    expect(rows.get('B|2015Q1|x')).toMatchObject({ value: null });
    const b2 = rows.get('B|2015Q2|x')!;
    expect(b2.value).toBeCloseTo(120, 10);
    expect(b2.yoyPct).toBeCloseTo(20, 10);
    expect(b2.popPct).toBeNull(); // 2015Q1 is missing
    const dir = tempDir();
    tempFile('fw.json', FW, dir);
    tempFile('d.csv', csv, dir);
    const r = await run(['compute', 'd.csv', '--framework', 'fw.json', '--period', '2015Q2'], { cwd: dir });
    expect(r.stderr).toContain('警告: B：数据中没有2015年第一季度，该期无指数。');
    expect(r.stdout).toContain('· 2015年第二季度 · 基期2014年平均=100');
    expect(r.stdout).toMatch(/│\s+2 │ B    │\s+110\.00 │\s+\+10\.00 │\s+— │/);
  });

  it('--base-period sets one quarter = 100', async () => {
    const { rows } = await compute(csv, ['--base-period', '2014Q1']);
    expect(rows.get('A|2015Q1|x')!.value).toBeCloseTo(138, 10);
    expect(rows.get('A|2014Q1|x')!.value).toBe(100);
    const missing = await compute(csv, ['--base-period', '2013Q4', '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--base-period Q4 2013: d.csv has no data for that period (it has 2014Q1-2015Q2).');
    expect((await compute(csv, ['--base-period', '2013Q4'])).stderr).toContain('--base-period 2013年第四季度：d.csv没有该期的数据（数据有2014Q1-2015Q2）。请给出数据中有的时期。');
    const wrong = await compute(csv, ['--base-period', '2014']);
    expect(wrong.stderr).toContain('--base-period 2014：d.csv是季度数据，请给出 2018Q3 这样的时期。');
    expect((await compute(csv, ['--base-period', '2014', '--lang', 'en'])).stderr).toContain('--base-period 2014: d.csv is quarterly data; give a period like 2018Q3.');
  });

  it('half-years and cumulative spans: cumulative periods compare with the same span and have no 环比', async () => {
    const half = await compute('unit,period,x,y\nA,2014H1,100,10\nA,2014H2,300,10\nA,2015H1,150,10\nA,2015H2,330,12\n');
    expect(half.rows.get('A|2015H1|x')!.value).toBeCloseTo(75, 10); // 100 × 150 / 200
    expect(half.rows.get('A|2015H1|x')!.popPct).toBeCloseTo((150 / 300 - 1) * 100, 10);
    const cum = await compute('unit,period,x,y\nA,2014年1-3月,30,10\nA,2014年1-6月,70,10\nA,2015年1-3月,33,10\nA,2015年1-6月,84,10\n');
    const c = cum.rows.get('A|2015M1-6|x')!;
    expect(c.value).toBeCloseTo(120, 10); // against 2014年1-6月, the same span
    expect(c.yoyPct).toBeCloseTo(20, 10);
    expect('popPct' in c).toBe(false);
    expect(cum.doc.frequency).toBe('cumulative');
  });

  it('one file holds one frequency: a mix names a line of each', async () => {
    const r = await compute('unit,period,x,y\nA,2014,1,2\nA,2014Q1,1,2\n', ['--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: d.csv:3:2 (period): "2014Q1" is quarterly, but d.csv:2:2 has "2014", annual. One file holds one frequency: split the file, or convert the periods.\n');
    expect((await compute('unit,period,x,y\nA,2014,1,2\nA,2014Q1,1,2\n')).stderr).toBe('smei: d.csv:3:2 (period)："2014Q1"是季度时期，但 d.csv:2:2 是"2014"，为年度时期。一个文件只能有一种频率：请拆分文件，或换算时期。\n');
    expect((await compute('unit,period,x,y\nA,2018Q5,1,2\n')).stderr).toContain('d.csv:2:2 (period)："2018Q5"中的季度 5 不存在（季度为 1-4）。时期请写成 2018、2018H1、2018Q3、2018-03 或 2018年1-6月。');
    const bad = await compute('unit,period,x,y\nA,2018Q5,1,2\n', ['--lang', 'en']);
    expect(bad.stderr).toContain('d.csv:2:2 (period): "2018Q5" names quarter 5, which does not exist (quarters are 1-4). Write a period as 2018, 2018H1, 2018Q3, 2018-03 or 2018年1-6月.');
  });
});

describe('a half-year round with one return written as 1-6月 (a trial round)', () => {
  it('the merge refusal names both spellings and says to write 2024H1 or 2024年上半年', async () => {
    const dir = tempDir();
    tempFile('fw.json', FW, dir);
    tempFile('a.csv', 'unit,period,x,y\nA,2024H1,1,2\n', dir);
    tempFile('b.csv', 'unit,period,x,y\nB,2024年1-6月,1,2\n', dir);
    const r = await run(['compute', 'a.csv', 'b.csv', '--framework', 'fw.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: a.csv是半年度数据（2024年上半年），而b.csv是累计数据（2024年1-6月）：合并的文件必须是同一种频率。请分别读取，或换算其中一个。如果b.csv的2024年1-6月指上半年，请在该文件中写成 2024H1 或 2024年上半年。\n');
    tempFile('b.csv', 'unit,period,x,y\nB,2024上半年,1,2\n', dir);
    expect((await run(['data', 'a.csv', 'b.csv', '--framework', 'fw.json', '-q'], { cwd: dir })).stdout).toBe('地区,时期,指标,数值\r\nA,2024H1,x,1\r\nA,2024H1,y,2\r\nB,2024H1,x,1\r\nB,2024H1,y,2\r\n');
  });
});

describe('the quarterly and half-year fixtures', () => {
  const Q = ['--framework', fixture('quarterly-framework.json')];

  it('the half-year fixture is built from the quarterly one: flows summed, the score averaged', async () => {
    const q = await run(['compute', fixture('quarterly-synthetic.csv'), ...Q, '--format', 'json']);
    const h = await run(['compute', fixture('halfyear-synthetic.csv'), ...Q, '--format', 'json']);
    expect(q.code).toBe(0);
    expect(h.code).toBe(0);
    const qdoc = JSON.parse(q.stdout) as { frequency: string; rows: { unit: string; period: string; node: string; value: number }[] };
    const hdoc = JSON.parse(h.stdout) as { frequency: string; rows: { unit: string; period: string; node: string; value: number }[] };
    expect([qdoc.frequency, hdoc.frequency]).toEqual(['quarter', 'half']);
    expect(new Set(hdoc.rows.map((r) => r.period)).size).toBe(12);
  });

  it('reports title the period in words, with 环比, in both languages', async () => {
    const zh = await run(['report', fixture('quarterly-synthetic.csv'), ...Q, '--period', '2019Q1', '--quiet']);
    expect(zh.code).toBe(0);
    expect(zh.stdout.split('\n')[0]).toBe('# 小微企业景气指数（季度示例）报告（2019年第一季度）');
    expect(zh.stdout).toMatch(/2019年第一季度，浙江省景气指数为\d+\.\d\d点，同比(增长|下降)\d+\.\d\d%，环比(增长|下降)\d+\.\d\d%/);
    expect(zh.stdout).toContain('季度数据：同比为与上年同期相比，环比为与上一期相比（第一期与上年最后一期相比）。基期为2014年各期的平均值=100。指数未经季节调整：各期与基期比较，季节因素（如一季度、春节所在月份）会使某些期每年都偏低或偏高，环比也受其影响；同比与上年同期相比，不受季节影响。');
    expect(zh.stdout).toContain('x-axis ["2014Q1", "2014Q2"');
    const en = await run(['report', fixture('halfyear-synthetic.csv'), ...Q, '--period', '2019H1', '--quiet', '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toBe('# SME climate index (quarterly example): first half of 2019 report');
  });

  it('diff --from 2018H1 --to 2019H1', async () => {
    const r = await run(['diff', fixture('halfyear-synthetic.csv'), ...Q, '--from', '2018H1', '--to', '2019H1', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { from: { period: string; year: number }; to: { period: string } };
    expect(doc.from).toMatchObject({ period: '2018H1', year: 2018 });
    expect(doc.to.period).toBe('2019H1');
    const plain = await run(['diff', fixture('halfyear-synthetic.csv'), ...Q, '--format', 'json']);
    expect((JSON.parse(plain.stdout) as { from: { period: string } }).from.period).toBe('2019H1');
  });
});
