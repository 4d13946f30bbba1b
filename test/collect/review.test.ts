// smei review (issue 15): each rule on a hand-made case, fired and not fired;
// a planted set of anomalies found exactly; merging submissions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewAll, reviewData, scaleSlip, type Finding } from '../../src/collect/review.js';
import { Observations } from '../../src/core/observations.js';
import { checkFramework } from '../../src/framework/check.js';
import { reviewSentence } from '../../src/render/review.js';
import { zipPart } from '../../src/input/xlsx.js';
import { fixture, printSetups, run, tempDir, tempFile } from '../helpers.js';
import { synthetic, toWorkbook } from '../office-files.js';

const FW = {
  name: 'review-test', baseYear: 2017,
  nodes: [
    { id: 'index' },
    { id: 'm', parent: 'index' },
    { id: 'count', parent: 'm', unit: '家' },
    { id: 'share', parent: 'm', unit: '%' },
    { id: 'score', parent: 'm', min: 0, max: 100 },
    { id: 'optional', parent: 'm', required: false },
  ],
};
const fw = checkFramework(FW, 'test');

/** Observations from rows [unit, year, count, share, score, optional]. */
function obs(rows: [string, number, ...(number | null)[]][]): Observations {
  const o = new Observations('t.csv', fw.nodes.length);
  for (const [unit, year, ...values] of rows) {
    const u = o.unitId(unit);
    values.forEach((v, i) => o.set(u, year, 2 + i, v === null ? NaN : v));
  }
  return o;
}

/** A clean panel: 8 units, 2017 and 2018, every indicator growing 5% with a small spread. */
function clean(): [string, number, ...(number | null)[]][] {
  const rows: [string, number, ...(number | null)[]][] = [];
  for (let i = 0; i < 8; i++) {
    const g = 1.05 + (i % 4) * 0.002;
    rows.push([`U${i}`, 2017, 100 + i, 20 + i, 60 + i, 5], [`U${i}`, 2018, (100 + i) * g, (20 + i) * g, (60 + i) * g, 5 * g]);
  }
  return rows;
}

/** Findings as short strings: "unit node rule level". */
const short = (fs: Finding[]): string[] => fs.map((f) => `${f.unit} ${f.node || '*'} ${f.rule} ${f.level}`);

describe('review rules, each fired and not fired', () => {
  it('a clean panel has no finding', () => {
    expect(reviewData(obs(clean()), fw, { year: 2018 })).toEqual([]);
  });

  it('missing: a required indicator empty; an optional one is not a finding', () => {
    const rows = clean();
    rows[3]![3] = null; // U1 2018 share
    rows[3]![5] = null; // U1 2018 optional
    expect(short(reviewData(obs(rows), fw, { year: 2018 }))).toEqual(['U1 share missing error']);
  });

  it('missing: a unit --units expects but no file has', () => {
    expect(short(reviewData(obs(clean()), fw, { year: 2018, expectedUnits: ['U0', 'U9'] }))).toEqual(['U9 * missing error']);
  });

  it('findings come in --units order, not in the order the returns were read (the quarterly trial: by character code)', () => {
    const rows = clean();
    rows[3]![3] = null; // U1 2018 share
    rows[13]![3] = null; // U6 2018 share
    expect(short(reviewData(obs(rows), fw, { year: 2018 }))).toEqual(['U1 share missing error', 'U6 share missing error']);
    const listed = ['U6', 'U5', 'U4', 'U3', 'U2', 'U1', 'U0', 'U7'];
    expect(short(reviewData(obs(rows), fw, { year: 2018, expectedUnits: listed }))).toEqual(['U6 share missing error', 'U1 share missing error']);
  });

  it('yoy-jump: beyond ±50% (and the node\'s maxChange), not at 50% exactly', () => {
    const rows = clean();
    rows[1]![2] = 100 * 1.5; // U0 count +50%: not beyond
    rows[3]![2] = 101 * 1.51; // U1 count +51%
    rows[5]![4] = 62 * 0.49; // U2 score −51%
    const fs = reviewData(obs(rows), fw, { year: 2018, levels: { outlier: 'off' } });
    expect(short(fs)).toEqual(['U1 count yoy-jump warning', 'U2 score yoy-jump warning']);
    expect(fs[0]!.detail.pct).toBeCloseTo(51, 10);
    const strict = checkFramework({ ...FW, nodes: FW.nodes.map((n) => (n.id === 'count' ? { ...n, maxChange: 40 } : n)) }, 'test');
    expect(short(reviewData(obs(rows), strict, { year: 2018, levels: { outlier: 'off' } })).filter((s) => s.includes('count'))).toEqual(['U0 count yoy-jump warning', 'U1 count yoy-jump warning']);
  });

  it('out-of-range: a share above 100, a negative count, a score outside its bounds; 0 and 100 are in range', () => {
    const rows = clean();
    rows[1]![3] = 130; // U0 share
    rows[3]![2] = -1; // U1 count
    rows[5]![4] = 100.5; // U2 score
    rows[7]![3] = 100; // U3 share: in range
    rows[9]![2] = 0; // U4 count: in range
    const fs = reviewData(obs(rows), fw, { year: 2018, levels: { 'yoy-jump': 'off', outlier: 'off' } });
    expect(short(fs)).toEqual(['U0 share out-of-range error', 'U1 count out-of-range error', 'U2 score out-of-range error']);
    expect(fs.map((f) => f.detail.kind)).toEqual(['share', 'negative', 'bounds']);
  });

  it('unchanged: every indicator equal to the year before; one different is enough not to fire', () => {
    const rows = clean();
    rows[1] = ['U0', 2018, 100, 20, 60, 5];
    rows[3] = ['U1', 2018, 101, 21, 61, 5.1];
    const fs = reviewData(obs(rows), fw, { year: 2018, levels: { outlier: 'off' } });
    expect(short(fs)).toEqual(['U0 * unchanged error']);
    expect(fs[0]!.detail.count).toBe(4);
  });

  it('outlier: a YoY far from the others by the modified z-score (0.6745 (x − median) / MAD > 3.5)', () => {
    const rows = clean();
    rows[1]![2] = 100 * 1.3; // U0 count +30%: not a jump, but far from ~5%
    const fs = reviewData(obs(rows), fw, { year: 2018 });
    expect(short(fs)).toEqual(['U0 count outlier warning']);
    // by hand: the YoY of count is 30 for U0 and 5.2, 5.4, 5.6, 5.0, 5.2, 5.4, 5.6 for U1-U7;
    // sorted 5.0 5.2 5.2 5.4 5.4 5.6 5.6 30: median 5.4; |x − 5.4| sorted 0 0 0.2 0.2 0.2 0.2 0.4 24.6: MAD 0.2,
    // under the floor of 1 point: z = 0.6745 × (30 − 5.4) / 1 = 16.59
    expect(fs[0]!.detail.median as number).toBeCloseTo(5.4, 9);
    expect(fs[0]!.detail.z as number).toBeCloseTo(0.6745 * (30 - 5.4), 6);
    // a county 0.3 points above peers that all grew 0.2-0.5 % (a trial round: z was 39): no finding
    const close = clean();
    close[1]![2] = 100 * 1.0053;
    for (const [i, g] of [[3, 1.0025], [5, 1.0024], [7, 1.0026], [9, 1.0025], [11, 1.0023], [13, 1.0027], [15, 1.0025]] as const) close[i]![2] = (close[i - 1]![2] as number) * g;
    expect(reviewData(obs(close), fw, { year: 2018, levels: { outlier: 'warning' } }).filter((f) => f.rule === 'outlier')).toEqual([]);
  });

  it('levels: off silences a rule; warning and error move it', () => {
    const rows = clean();
    rows[3]![3] = null;
    expect(reviewData(obs(rows), fw, { year: 2018, levels: { missing: 'off' } })).toEqual([]);
    expect(short(reviewData(obs(rows), fw, { year: 2018, levels: { missing: 'warning' } }))).toEqual(['U1 share missing warning']);
    const byFramework = checkFramework({ ...FW, review: { levels: { missing: 'warning' } } }, 'test');
    expect(short(reviewData(obs(rows), byFramework, { year: 2018 }))).toEqual(['U1 share missing warning']);
  });
});

/**
 * The clean panel as a CSV text with one planted anomaly per rule, each
 * planted so that it breaks that rule alone.
 */
function plantedCsv(): string {
  const rows = clean();
  // `optional` grows exactly 5% everywhere (its MAD, 0, counts as 1 point): U2's +80% below is a yoy-jump, and not an outlier too
  for (const r of rows) if (r[1] === 2018) r[5] = 5 * 1.05;
  rows[0]![3] = 124; // U0 share 124 in 2017 ...
  rows[1]![3] = 124 * 1.05; // ... and 130.2 in 2018: out-of-range (its growth is ordinary)
  rows[3]![2] = null; // U1 count: missing
  rows[5]![5] = 5 * 1.8; // U2 optional +80%: a yoy-jump
  rows[7] = ['U3', 2018, 103, 23, 63, 5]; // U3: every value as in 2017, unchanged
  rows[9]![2] = 104 * 1.3; // U4 count +30%: an outlier, not a jump
  return ['unit,year,count,share,score,optional', ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n');
}

describe('smei review on a planted set of anomalies', () => {
  it('finds exactly one finding per rule, nothing more, and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fw.json'), JSON.stringify(FW));
    writeFileSync(join(dir, 'a.csv'), plantedCsv());
    // a second submission giving U5's 2018 count differently: a conflict
    writeFileSync(join(dir, 'b.csv'), `unit,year,count\nU5,2018,999\n`);
    const r = await run(['review', 'a.csv', 'b.csv', '--framework', 'fw.json', '--format', 'json', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; periods: { period: string; errors: number; warnings: number }[]; summary: { errors: number; warnings: number }; findings: { unit: string; period: string; node: string; rule: string; level: string; value: number | null; source: string | null; message: string }[] };
    expect(doc.schemaVersion).toBe(3);
    // every period compute checks, latest first: U0's share is out of range in 2017 too
    expect(doc.periods).toEqual([{ period: '2018', errors: 4, warnings: 2, notes: 0 }, { period: '2017', errors: 1, warnings: 0, notes: 0 }]);
    expect(doc.findings.map((f) => `${f.period} ${f.unit} ${f.node || '*'} ${f.rule} ${f.level}`)).toEqual([
      '2018 U0 share out-of-range error',
      '2018 U1 count missing error',
      '2018 U2 optional yoy-jump warning',
      '2018 U3 * unchanged error',
      '2018 U4 count outlier warning',
      '2018 U5 count conflict error',
      '2017 U0 share out-of-range error',
    ]);
    expect(doc.summary).toEqual({ errors: 5, warnings: 2, notes: 0 });
    const latest = await run(['review', 'a.csv', 'b.csv', '--framework', 'fw.json', '--format', 'json', '--period', '2018'], { cwd: dir });
    expect((JSON.parse(latest.stdout) as typeof doc).summary).toEqual({ errors: 4, warnings: 2, notes: 0 });
    const share = doc.findings.find((f) => f.rule === 'out-of-range')!;
    expect(share).toMatchObject({ value: 124 * 1.05, source: 'a.csv:3:4', message: 'share is 130.2; a share lies between 0 and 100.' });
    const conflict = doc.findings.find((f) => f.rule === 'conflict')!;
    // U5's count in 2018 is 105 × 1.052 = 110.46 in a.csv
    expect(conflict.message).toBe('count: 110.46 (a.csv:13:3) and 999 (b.csv:2:3) differ; keep one.');
  });

  it('no fixture has an error-level finding in any period (the new scale rule and every-period review included)', async () => {
    const cases: string[][] = [
      ['zhejiang-synthetic.csv'], ['zhejiang-synthetic-revised.csv'], ['zhejiang-office.xlsx'], ['zhejiang-cities-2018.csv'], ['zhejiang-province-2018.csv'],
      ['hand-worked.csv', '--framework', fixture('hand-worked-framework.json'), '--aggregate-unit', 'ALL'],
      ['quarterly-synthetic.csv', '--framework', fixture('quarterly-framework.json')], ['halfyear-synthetic.csv', '--framework', fixture('quarterly-framework.json')],
      ['coinr-asem/example_coin_dset_Treated.csv', '--framework', fixture('coinr-asem/ASEM_iMeta.csv')],
    ];
    for (const [file, ...args] of cases) {
      const r = await run(['review', fixture(file!), ...args, '--format', 'json']);
      const doc = JSON.parse(r.stdout) as { summary: { errors: number }; findings: { level: string; message: string }[] };
      expect(doc.summary.errors, `${file}: ${doc.findings.filter((f) => f.level === 'error').map((f) => f.message).slice(0, 3).join(' ')}`).toBe(0);
      expect(r.code).toBe(0);
    }
  });

  it('the synthetic fixture has no error-level finding', async () => {
    const r = await run(['review', fixture('zhejiang-synthetic.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: { errors: number } }).summary.errors).toBe(0);
  });

  it('the summary line counts the units without the totals row, and names the totals row', async () => {
    const zh = await run(['review', fixture('zhejiang-synthetic.csv')]);
    expect(zh.stdout.split('\n')[0]).toMatch(/^数据审核（2014年至2018年，5期，11个地区及汇总行浙江省）：0个错误，\d+个警告$/);
    const en = await run(['review', fixture('zhejiang-synthetic.csv'), '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toMatch(/^review of 2014 to 2018, 5 periods \(11 units and the totals row 浙江省\): 0 errors, \d+ warnings$/);
    // a file without one: the units alone
    expect((await run(['review', fixture('zhejiang-cities-2018.csv')])).stdout.split('\n')[0]).toBe('数据审核（2017年至2018年，2期，11个地区）：0个错误，0个警告');
  });

  it('writes every format; the xlsx colours and comments the flagged cells', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fw.json'), JSON.stringify(FW));
    writeFileSync(join(dir, 'a.csv'), plantedCsv());
    const table = await run(['review', 'a.csv', '--framework', 'fw.json'], { cwd: dir });
    expect(table.stdout.split('\n')[0]).toBe('数据审核（2017年至2018年，2期，8个地区）：4个错误，2个警告');
    // grouped by period, latest first
    expect(table.stdout.split('\n').filter((l) => /^\d{4}年：/.test(l))).toEqual(['2018年：3个错误，2个警告', '2017年：1个错误，0个警告']);
    expect(table.stdout).toMatch(/│ 错误 │ U0   │ 2018 │ share    │ 超出范围\s+│ 130\.2 │ a\.csv:3:4\s+│ share为130\.2，比重应在0到100之间。/);
    const md = await run(['review', 'a.csv', '--framework', 'fw.json', '--format', 'md'], { cwd: dir });
    expect(md.stdout).toContain('| 错误 | U0 | 2018 | share | 超出范围 | 130.2 | a.csv:3:4 | share为130.2，比重应在0到100之间。 |');
    expect(md.stdout.indexOf('### 2018年：3个错误，2个警告')).toBeLessThan(md.stdout.indexOf('### 2017年：1个错误，0个警告'));
    const csv = await run(['review', 'a.csv', '--framework', 'fw.json', '--format', 'csv', '--lang', 'en'], { cwd: dir });
    expect(csv.stdout.split('\r\n')[0]).toBe('unit,period,node,rule,level,value,previous,source,message');
    const out = await run(['review', 'a.csv', '--framework', 'fw.json', '--format', 'xlsx', '--out', 'review.xlsx', '--date', '2019-07-01'], { cwd: dir });
    expect(out.code).toBe(1);
    const bytes = readFileSync(join(dir, 'review.xlsx'));
    expect(zipPart(bytes, 'xl/comments1.xml')).toContain('错误（超出范围）share为130.2，比重应在0到100之间。');
    expect(zipPart(bytes, 'xl/styles.xml')).toContain('FFFFC7CE');
    expect(zipPart(bytes, 'xl/worksheets/sheet1.xml')).toMatch(/<c r="D4" s="\d+"><v>130\.2\d*<\/v><\/c>/);
  });

  it('--format xlsx prints each sheet one page wide on A4, landscape when wide, the summary and header rows on every page', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fw.json'), JSON.stringify(FW));
    writeFileSync(join(dir, 'a.csv'), plantedCsv());
    // four indicators: the data sheet (6 columns) fits a portrait page; the findings (8 columns, a long sentence) do not
    expect((await run(['review', 'a.csv', '--framework', 'fw.json', '--format', 'xlsx', '--out', 'small.xlsx'], { cwd: dir })).code).toBe(1);
    const page = { paper: '9', fitToWidth: '1', fitToPage: true };
    expect(printSetups(readFileSync(join(dir, 'small.xlsx')))).toEqual([
      { sheet: '审核结果', ...page, orientation: 'portrait', titles: '$1:$3' },
      { sheet: '问题清单', ...page, orientation: 'landscape', titles: '$1:$1' },
    ]);
    // eighteen indicators (20 columns): landscape; in English too
    const wide = await run(['review', fixture('zhejiang-synthetic.csv'), '--format', 'xlsx', '--out', 'wide.xlsx', '--lang', 'en'], { cwd: dir });
    expect(wide.code, wide.stderr).toBe(0);
    const bytes = readFileSync(join(dir, 'wide.xlsx'));
    expect(printSetups(bytes)).toEqual([
      { sheet: 'Reviewed data', ...page, orientation: 'landscape', titles: '$1:$3' },
      { sheet: 'Findings', ...page, orientation: 'landscape', titles: '$1:$1' },
    ]);
    // the header row is as tall as its longest wrapped label needs (LibreOffice cuts a row without a height to one line):
    // "Share of technical talent (incl. senior technicians)", 52 characters in a column of 14, four lines of 15 points
    expect(/<row r="3"[^>]*>/.exec(zipPart(bytes, 'xl/worksheets/sheet1.xml')!)?.[0]).toBe('<row r="3" ht="60" customHeight="1">');
    // the findings' sentences wrap in their column (H, 60 wide), each row as tall as its sentence: no text runs past H
    const list = zipPart(bytes, 'xl/worksheets/sheet2.xml')!;
    const rows = [...list.matchAll(/<row r="(\d+)"([^>]*)>/g)].slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const [, , attrs] of rows) expect(attrs).toMatch(/ht="(30|45|60)" customHeight="1"/);
    const styles = /<cellXfs.*<\/cellXfs>/s.exec(zipPart(bytes, 'xl/styles.xml')!)![0];
    const wrapped = [...styles.matchAll(/<xf [^>]*>(?:<alignment[^>]*\/>)?<\/xf>|<xf [^>]*\/>/g)].map((m, i) => [i, m[0].includes('wrapText="1"')] as const).filter(([, w]) => w).map(([i]) => i);
    const hStyles = [...list.matchAll(/<c r="H(\d+)" s="(\d+)"/g)].filter(([, r]) => r !== '1').map(([, , st]) => Number(st));
    expect(hStyles.length).toBe(rows.length);
    for (const st of hStyles) expect(wrapped).toContain(st);
  });

  it('compute refuses data with error-level findings unless --no-review', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fw.json'), JSON.stringify(FW));
    writeFileSync(join(dir, 'a.csv'), plantedCsv());
    const r = await run(['compute', 'a.csv', '--framework', 'fw.json', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    // every year is checked: U0's share is out of range in 2017 too; labels, one sentence, the review command named
    expect(r.stderr).toBe('smei: the data fails 4 review checks at error level, so no index was computed: U0, 2018: share is 130.2; a share lies between 0 and 100 (a.csv:3:4); U1, 2018: count is empty (a required indicator) (a.csv:5:3); U3, 2018: all 4 indicators equal the year before: last year\'s form sent again? (a.csv); U0, 2017: share is 124; a share lies between 0 and 100 (a.csv:2:4); run smei review a.csv --framework fw.json --lang en to list every finding and correct the data, or relax a rule with --level RULE=warning, or skip the review with --no-review.\n');
    const zh = await run(['compute', 'a.csv', '--framework', 'fw.json'], { cwd: dir });
    expect(zh.stderr).toBe('smei: 数据有4处未通过审核（错误级），未计算指数：U0 2018年，share为130.2，比重应在0到100之间（a.csv:3:4）；U1 2018年，count未填报（必填指标）（a.csv:5:3）；U3 2018年全部4个指标与上年完全相同，可能重复报送了上年的数据（a.csv）；U0 2017年，share为124，比重应在0到100之间（a.csv:2:4）；请运行 smei review a.csv --framework fw.json 查看全部问题并改正数据，或用 --level 规则=warning 调低某条规则的级别，或用 --no-review 跳过审核。\n');
    // the command it names lists the same findings
    const listed = await run(['review', 'a.csv', '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    expect((JSON.parse(listed.stdout) as { summary: { errors: number } }).summary.errors).toBe(4);
    // --level relaxes one rule without switching the review off
    const relaxed = await run(['compute', 'a.csv', '--framework', 'fw.json', '--level', 'out-of-range=warning', '--level', 'missing=off', '--level', 'unchanged=warning'], { cwd: dir });
    expect(relaxed.code, relaxed.stderr).toBe(0);
    const still = await run(['compute', 'a.csv', '--framework', 'fw.json', '--level', 'out-of-range=warning'], { cwd: dir });
    expect(still.stderr).toContain('smei review a.csv --framework fw.json --level out-of-range=warning');
    // report, audit and sensitivity take --level too; diff takes it and compares without reviewing
    const relax = ['--level', 'out-of-range=warning', '--level', 'missing=off', '--level', 'unchanged=warning'];
    for (const cmd of [['report'], ['audit'], ['sensitivity', '--vary-weights', '10', '--samples', '20']]) {
      expect((await run([...cmd, 'a.csv', '--framework', 'fw.json'], { cwd: dir })).code, cmd[0]).toBe(2);
      const ok = await run([...cmd, 'a.csv', '--framework', 'fw.json', ...relax], { cwd: dir });
      expect(ok.code, `${cmd[0]}: ${ok.stderr}`).toBe(0);
    }
    // (min-max: under fixed-base the base year 2017 ties every unit at 100, and diff refuses it)
    expect((await run(['diff', 'a.csv', '--framework', 'fw.json', '--normalise', 'min-max', ...relax], { cwd: dir })).code).toBe(0);
    // the report names the relaxed findings of its period in plain words
    const report = await run(['report', 'a.csv', '--framework', 'fw.json', ...relax], { cwd: dir });
    expect(report.stdout).toContain('- U0 2018年：share为130.2%，超出合理范围。');
    expect(report.stdout).toContain('- U3 2018年的全部4项指标与2017年完全相同，可能沿用了上期数据。');
    expect((await run(['compute', 'a.csv', '--framework', 'fw.json', '--no-review'], { cwd: dir })).code).toBe(0);
  });
});

describe('merging submissions', () => {
  it('12 unit workbooks equal the single combined file, number for number', async () => {
    const { header, rows } = synthetic();
    const dir = tempDir();
    const units = [...new Set(rows.map((r) => r[0]!))];
    for (const u of units) {
      const mine = rows.filter((r) => r[0] === u).map((r) => [r[0]!, Number(r[1]), ...r.slice(2).map(Number)]);
      writeFileSync(join(dir, `${u}.xlsx`), toWorkbook({ [u]: [['地区', '年份', ...header.slice(2)], ...mine] }));
    }
    const merged = await run(['compute', dir, '--format', 'json']);
    const single = await run(['compute', fixture('zhejiang-synthetic.csv'), '--format', 'json']);
    expect(merged.code, merged.stderr).toBe(0);
    const key = (doc: string): Map<string, unknown> => new Map((JSON.parse(doc) as { rows: { unit: string; year: number; node: string }[] }).rows.map((r) => [`${r.unit}|${r.year}|${r.node}`, r]));
    const a = key(merged.stdout);
    const b = key(single.stdout);
    expect(a.size).toBe(b.size);
    for (const [k, v] of b) expect(a.get(k), k).toEqual(v);
  });

  it('identical duplicates are one note; a folder without data is an error', async () => {
    const dir = tempDir();
    tempFile('a.csv', 'unit,year,firms\nA,2014,10\nA,2015,11\n', dir);
    tempFile('b.csv', 'unit,year,firms\nA,2015,11\nB,2014,5\nB,2015,6\n', dir);
    const r = await run(['compute', 'a.csv', 'b.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const notes = (JSON.parse(r.stdout) as { notes: { code: string; message: string }[] }).notes;
    expect(notes.find((n) => n.code === 'identical-duplicates')!.message).toBe('1 identical duplicate value(s) counted once (e.g. A, 2015, Number of small and micro enterprises: in both a.csv:3:3 and b.csv:2:3).');
    const zh = await run(['compute', 'a.csv', 'b.csv'], { cwd: dir });
    expect(zh.stderr).toContain('说明: 1个相同的重复值只计一次（如A2015年的小微企业总数，同时见于a.csv:3:3和b.csv:2:3）。\n');
    const empty = tempDir();
    tempFile('readme.md', 'nothing here', empty);
    expect((await run(['review', empty])).stderr).toBe(`smei: ${empty}：此文件夹中没有 CSV 文件或工作簿（.csv、.xlsx、.xls）。请把报送的文件放在这里，或直接给出文件名。\n`);
    const none = await run(['review', empty, '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(`smei: ${empty}: no CSV or workbook (.csv, .xlsx, .xls) in this folder. Put the submissions there, or name the files.\n`);
  });

  it('the identical-duplicates note says the period as the data\'s frequency does, the indicator by its label, and joins the places in the run\'s language (a tester\'s dup-a/dup-b/dup-m)', async () => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify({ name: 'm', baseYear: 2020, nodes: [{ id: 'index', zh: '指数' }, { id: 'revenue', parent: 'index', zh: '营业收入', en: 'Revenue', unit: '亿元' }] }), dir);
    tempFile('dup-a.csv', '地区,时期,营业收入\n甲县,2020Q3,10\n乙县,2020Q3,12\n', dir);
    tempFile('dup-b.csv', '地区,时期,营业收入\n甲县,2020Q3,10\n乙县,2020Q3,12\n', dir);
    tempFile('dup-m.csv', '地区,时期,营业收入\n甲县,2020-03,10\n', dir);
    const q = await run(['compute', 'dup-a.csv', 'dup-b.csv', '--framework', 'fw.json', '--no-review'], { cwd: dir });
    expect(q.stderr).toContain('说明: 2个相同的重复值只计一次（如甲县2020年第三季度的营业收入，同时见于dup-a.csv:2:3和dup-b.csv:2:3）。\n');
    expect(q.stderr).not.toContain('202003');
    const en = await run(['compute', 'dup-a.csv', 'dup-b.csv', '--framework', 'fw.json', '--no-review', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toContain('note: 2 identical duplicate value(s) counted once (e.g. 甲县, Q3 2020, Revenue: in both dup-a.csv:2:3 and dup-b.csv:2:3).\n');
    // a month prints as a month, not as the same key 202003 a quarter has
    const m = await run(['compute', 'dup-m.csv', 'dup-m.csv', '--framework', 'fw.json', '--no-review'], { cwd: dir });
    expect(m.stderr).toContain('说明: 1个相同的重复值只计一次（如甲县2020年3月的营业收入，同时见于dup-m.csv:2:3和dup-m.csv:2:3）。\n');
    // review and data say the note too; JSON keeps its parts, the period as the data writes it
    expect((await run(['review', 'dup-a.csv', 'dup-b.csv', '--framework', 'fw.json'], { cwd: dir })).stderr).toContain('如甲县2020年第三季度的营业收入，同时见于dup-a.csv:2:3和dup-b.csv:2:3');
    expect((await run(['data', 'dup-m.csv', 'dup-m.csv', '--framework', 'fw.json', '--lang', 'en'], { cwd: dir })).stderr).toContain('(e.g. 甲县, March 2020, Revenue: in both dup-m.csv:2:3 and dup-m.csv:2:3)');
    const j = await run(['compute', 'dup-a.csv', 'dup-b.csv', '--framework', 'fw.json', '--no-review', '--format', 'json'], { cwd: dir });
    const note = (JSON.parse(j.stdout) as { notes: Record<string, unknown>[] }).notes.find((n) => n.code === 'identical-duplicates');
    expect(note).toEqual({ code: 'identical-duplicates', message: '2 identical duplicate value(s) counted once (e.g. 甲县, Q3 2020, Revenue: in both dup-a.csv:2:3 and dup-b.csv:2:3).', count: 2, unit: '甲县', period: '2020Q3', indicator: 'revenue', label: '营业收入', labelEn: 'Revenue', first: 'dup-a.csv:2:3', second: 'dup-b.csv:2:3' });
    // a conflict names the period as the data writes it too
    tempFile('dup-c.csv', '地区,时期,营业收入\n甲县,2020Q3,11\n', dir);
    const c = await run(['compute', 'dup-a.csv', 'dup-c.csv', '--framework', 'fw.json', '--lang', 'en'], { cwd: dir });
    expect(c.stderr).toBe('smei: 1 value given differently by two files: 甲县, 2020Q3, revenue: 10 (dup-a.csv:2:3) and 11 (dup-c.csv:2:3). Keep one of each pair (smei review lists them as findings).\n');
    const cz = await run(['compute', 'dup-a.csv', 'dup-c.csv', '--framework', 'fw.json'], { cwd: dir });
    expect(cz.stderr).toBe('smei: 有1个数值在两个文件中不一致：甲县2020年第三季度的营业收入：10（dup-a.csv:2:3）与11（dup-c.csv:2:3）。每对请只保留一个（smei review 会把它们列为审核发现）。\n');
  });

  it('compute names both places of a conflict and exits 2', async () => {
    const dir = tempDir();
    tempFile('a.csv', 'unit,year,firms\nA,2014,10\nA,2015,11\n', dir);
    tempFile('b.xlsx', toWorkbook({ 提交: [['地区', '年份', 'firms'], ['A', 2015, 12]] }), dir);
    const zh = await run(['compute', 'a.csv', 'b.xlsx'], { cwd: dir });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe('smei: 有1个数值在两个文件中不一致：A2015年的小微企业总数：11（a.csv:3:3）与12（b.xlsx, sheet 提交, C2）。每对请只保留一个（smei review 会把它们列为审核发现）。\n');
    const r = await run(['compute', 'a.csv', 'b.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: 1 value given differently by two files: A, 2015, firms: 11 (a.csv:3:3) and 12 (b.xlsx, sheet 提交, C2). Keep one of each pair (smei review lists them as findings).\n');
  });
});

describe('issue 21: totals rows, slips of scale, goalposts apart from the plausible range', () => {
  it('a totals row\'s gaps are one note (with how many indicators its composite rests on), never a missing error; its YoY stays out of the outlier pool', () => {
    const rows = clean();
    // 全市: counts and sums only, its count growing 30% (a total's change is no unit's outlier)
    rows.push(['全市', 2017, 1000, null, null, 50], ['全市', 2018, 1300, null, null, 52.5]);
    const o = obs(rows);
    const fs = reviewData(o, fw, { year: 2018, aggregates: new Set(['全市']) });
    expect(short(fs)).toEqual(['全市 * missing note']);
    // count and optional have values, share and score none: 2 of the data's 4 indicators (as the report's headline counts)
    expect(fs[0]!.detail).toEqual({ aggregate: 'share,score', used: 2, indicators: 4 });
    expect(findingSentenceOf(fs[0]!)).toBe('汇总单位没有share、score，不算缺报；其综合指数仅由4个指标中的2个计算。');
    // without the mark it is two errors, and its +30% is an outlier among the units
    expect(short(reviewData(o, fw, { year: 2018 }))).toEqual(['全市 count outlier warning', '全市 share missing error', '全市 score missing error']);
    // compute's error-only pass has no note
    expect(reviewData(o, fw, { year: 2018, aggregates: new Set(['全市']), only: 'error' })).toEqual([]);
  });

  it('the outlier median is the ranked units\' median', () => {
    const rows = clean();
    rows[1]![2] = 100 * 1.3; // U0 count +30%
    rows.push(['全市', 2017, 1000, 20, 60, 5], ['全市', 2018, 1000 * 1.9, 20 * 1.05, 60 * 1.05, 5 * 1.05]);
    const fs = reviewData(obs(rows), fw, { year: 2018, aggregates: new Set(['全市']), levels: { 'yoy-jump': 'off' } });
    expect(short(fs)).toEqual(['U0 count outlier warning']);
    expect(fs[0]!.detail.median as number).toBeCloseTo(5.4, 9); // the eight units' median, as without 全市
  });

  it('a month whose whole form is year-to-date (1-3月累计 for 3月): one scale error for the row, not a warning per cell (the monthly trial ranked it 1st)', () => {
    const monthly = (ytd: (u: number, l: number) => boolean): Observations => {
      const o = new Observations('m.csv', fw.nodes.length);
      o.frequency = 'month';
      for (let i = 0; i < 8; i++) {
        const u = o.unitId(`U${i}`);
        const base = [100 + i, 20 + i, 30 + i, 5];
        for (const key of [202401, 202402, 202403, 202501, 202502, 202503]) {
          const g = key > 202500 ? 1.04 + (i % 4) * 0.003 : 1;
          base.forEach((b, l) => o.set(u, key, 2 + l, b * g * (1 + (key % 100) / 50) * (key === 202503 && ytd(i, l) ? 3 : 1)));
        }
      }
      return o;
    };
    const all = reviewData(monthly((i) => i === 0), fw, { year: 202503 });
    expect(short(all)).toEqual(['U0 * scale error']);
    expect(all[0]!.detail).toMatchObject({ against: 'ytd', month: 3, count: 4, compared: 4 });
    expect(findingSentenceOf(all[0]!)).toBe('4个可比指标中有4个约为上年同月的3倍：像是填了1-3月的累计数，而不是3月的当月数，请改为当月数后重报。');
    // two of the four (a form's flows, its stocks and scores as they were): the row still (the industry trial: 1-9月 for 9月)
    expect(short(reviewData(monthly((i, l) => i === 0 && l < 2), fw, { year: 202503 }))).toEqual(['U0 * scale error']);
    // one indicator alone so: a large change, with the question asked, as before
    const one = reviewData(monthly((i, l) => i === 0 && l === 0), fw, { year: 202503, levels: { outlier: 'off' } });
    expect(short(one)).toEqual(['U0 count yoy-jump warning']);
    expect(one[0]!.detail.ytd).toBe(3);
  });

  it('a slip in the year before, in line with the year after: the later finding blames the year before and names its cell (the county trial)', () => {
    // 8 units over 2015-2018, growing 5% a year; U0's 2016 count typed 100 times over (10500): 2016 is 100 times
    // 2015, 2017 (110.25) a 95th of 2016 and in line with 2018 (115.7625)
    const panel = (slip: (u: number, y: number) => number): [string, number, ...(number | null)[]][] => {
      const rows: [string, number, ...(number | null)[]][] = [];
      for (let i = 0; i < 8; i++) for (const y of [2015, 2016, 2017, 2018]) rows.push([`U${i}`, y, (100 + i) * 1.05 ** (y - 2015) * slip(i, y), 20 + i, 60 + i, 5]);
      return rows;
    };
    const o = obs(panel((i, y) => (i === 0 && y === 2016 ? 100 : 1)));
    o.source = (at) => `t.csv:${Math.floor(at / o.nodeCount) + 2}:3`;
    const fs = reviewAll(o, fw, { levels: { outlier: 'off' } }).filter((f) => f.rule === 'scale');
    expect(fs.map((f) => `${f.period} ${f.unit} ${f.detail.culprit ?? ''}`)).toEqual(['2017 U0 previous', '2016 U0 ']);
    expect(fs[0]!.detail).toMatchObject({ nextPeriod: 2018, previousSource: 't.csv:3:3' });
    expect(findingSentenceOf(fs[0]!)).toBe(`count为110.25家（t.csv:4:3），上年为10500家（t.csv:3:3），仅为上年的1/95.2；本期与2018年的115.7625家相近，填错的更可能是上年的值：请核对上年的count。`);
    // the first period typed so: the only finding, 2016's, blames it
    const first = reviewAll(obs(panel((i, y) => (i === 0 && y === 2015 ? 100 : 1))), fw, { levels: { outlier: 'off' } }).filter((f) => f.rule === 'scale');
    expect(first.map((f) => `${f.period} ${f.unit} ${f.detail.culprit ?? ''}`)).toEqual(['2016 U0 previous']);
    // two years at one level, then two at another: which side is wrong cannot be told, and no year is blamed
    const run2 = reviewAll(obs(panel((i, y) => (i === 0 && y >= 2017 ? 100 : 1))), fw, { levels: { outlier: 'off' } }).filter((f) => f.rule === 'scale');
    expect(run2.map((f) => `${f.period} ${f.unit} ${f.detail.culprit ?? ''}`)).toEqual(['2017 U0 ']);
    // a count's slip without a named unit says no 元 and 万元
    expect(findingSentenceOf(fs[1]!)).toContain('可能填错了计量单位或多写、少写了几位数');
  });

  it('scale: 10 times or a tenth of the year before is an error naming the slip, not a yoy-jump; 9.9 times is a yoy-jump', () => {
    const rows = clean();
    rows[1]![2] = 100 * 10; // U0 count ×10: an extra zero
    rows[3]![3] = 21 / 100; // U1 share 0.21 for 21%: a fraction (×1/100)
    rows[5]![2] = 102 * 9.9; // U2 count ×9.9: a jump, not a slip
    rows[7]![4] = 63 / 10; // U3 score a tenth: a missing zero
    const fs = reviewData(obs(rows), fw, { year: 2018, levels: { outlier: 'off' } });
    expect(short(fs)).toEqual(['U0 count scale error', 'U1 share scale error', 'U2 count yoy-jump warning', 'U3 score scale error']);
    expect(fs.map((f) => f.detail.slip ?? '')).toEqual(['zero', 'fraction', '', 'zero']);
    expect(findingSentenceOf(fs[0]!)).toBe('count为1000家，上年为100家，是上年的10倍：可能多写了一个0或小数点错位，请核对。');
    expect(findingSentenceOf(fs[1]!, 'en')).toBe('share is 0.21%, 1/100 of 21% a year earlier: likely a fraction for a percentage (0.21 for 21); check it.');
    expect(findingSentenceOf(fs[3]!)).toBe('score为6.3，上年为63，仅为上年的1/10：可能少写了一个0或小数点错位，请核对。');
  });

  it('scale against the other units, with no year before: only a slip the unit names (万/亿 about 10,000 times, a fraction for %)', () => {
    const money = checkFramework({ name: 'm', baseYear: 2018, nodes: [{ id: 'index' }, { id: 'revenue', parent: 'index', unit: '亿元' }, { id: 'share', parent: 'index', unit: '%' }, { id: 'count', parent: 'index', unit: '家' }] }, 'test');
    const o = new Observations('t.csv', money.nodes.length);
    const put = (unit: string, revenue: number, share: number, count: number): void => {
      const u = o.unitId(unit);
      o.set(u, 2018, 1, revenue);
      o.set(u, 2018, 2, share);
      o.set(u, 2018, 3, count);
    };
    ['A', 'B', 'C', 'D', 'E'].forEach((u, i) => put(u, 20 + 5 * i, 12 + i, 1000 * (i + 1)));
    put('F', 19.87 * 10000, 0.149, 300000); // 万元 for 亿元; a fraction; a count 100 times the others' (a big city is legitimate)
    put('全市', 400, 13, 320000); // a totals row: many times its parts, never a slip for that
    const fs = reviewData(o, money, { year: 2018, aggregates: new Set(['全市']) });
    expect(short(fs)).toEqual(['F revenue scale error', 'F share scale error']);
    expect(fs[0]!.detail).toMatchObject({ against: 'median', median: 30, units: 5, slip: 'wan-yi' });
    expect(findingSentenceOf(fs[0]!, 'zh', money)).toBe('revenue为198700亿元，其他5个地区的中位数为30亿元，是中位数的6,623倍：可能按万元而不是亿元填报（万与亿之差），请核对。');
  });

  it('lower/upper are goalposts only: a value beyond them is no finding; min/max (JSON and table columns, English and Chinese) bound the review and the form', async () => {
    const goal = checkFramework({ name: 'g', baseYear: 2017, nodes: [{ id: 'index' }, { id: 'score', parent: 'index', lower: 50, upper: 80 }, { id: 'rate', parent: 'index', min: 0, max: 10 }] }, 'test');
    const o = new Observations('t.csv', goal.nodes.length);
    for (const [unit, score, rate] of [['A', 95, 5], ['B', 40, 12], ['C', 60, -1]] as const) {
      const u = o.unitId(unit);
      o.set(u, 2017, 1, score);
      o.set(u, 2017, 2, rate);
    }
    const fs = reviewData(o, goal, { year: 2017 });
    expect(short(fs)).toEqual(['B rate out-of-range error', 'C rate out-of-range error']);
    expect(fs[0]!.detail).toEqual({ lower: 0, upper: 10, kind: 'bounds' });
    // a framework table: min/max columns by their English and Chinese names, beside lower/upper
    const dir = tempDir();
    for (const [name, head] of [['en.csv', 'id,parent,unit,lower,upper,min,max'], ['zh.csv', '代码,上级,单位,下限,上限,最小值,最大值']] as const) {
      writeFileSync(join(dir, name), `${head}\nindex,,,,,,\nscore,index,分,50,80,0,100\n`);
      writeFileSync(join(dir, 'd.csv'), 'unit,year,score\nA,2017,95\nB,2017,101\nC,2017,40\n');
      const r = await run(['review', 'd.csv', '--framework', name, '--format', 'json', '--lang', 'en'], { cwd: dir });
      const doc = JSON.parse(r.stdout) as { findings: { unit: string; rule: string; message: string }[] };
      expect(doc.findings.map((f) => `${f.unit} ${f.rule}`), name).toEqual(['B out-of-range']);
      expect(doc.findings[0]!.message).toBe('score is 101, outside its plausible range (0 to 100).');
      // goalposts still normalise: 95 is capped at 100, 40 at 0
      const c = await run(['compute', 'd.csv', '--framework', name, '--normalise', 'goalposts', '--level', 'out-of-range=off', '--format', 'json'], { cwd: dir });
      const rows = (JSON.parse(c.stdout) as { rows: { unit: string; node: string; value: number }[] }).rows.filter((x) => x.node === 'score');
      expect(rows.map((x) => [x.unit, x.value])).toEqual([['A', 100], ['B', 100], ['C', 0]]);
      // the form's data validation is the plausible range, not the goalposts
      expect((await run(['template', '--units', 'A', '--period', '2018', '--framework', name, '--out', 'f.xlsx'], { cwd: dir })).code).toBe(0);
      const sheet = zipPart(readFileSync(join(dir, 'f.xlsx')), 'xl/worksheets/sheet1.xml');
      expect(sheet).toMatch(/operator="between"[^>]*>.*<formula1>0<\/formula1><formula2>100<\/formula2>/s);
      expect(sheet).not.toContain('<formula1>50</formula1>');
    }
  });
});

/** A finding's sentence as review prints it. */
function findingSentenceOf(f: Finding, lang: 'zh' | 'en' = 'zh', framework = fw): string {
  return reviewSentence(f, { fw: framework, lang, decimals: 2, freq: 'year' });
}

describe('the outlier sentence', () => {
  it('shows a score just past its threshold with the digits that put it past (3.5004, not 3.50)', () => {
    const f = (z: number): Finding => ({ unit: 'U1', period: 2018, node: 'share', rule: 'outlier', level: 'warning', value: 1, detail: { pct: 12.5, median: 3.25, z, threshold: 3.5 } });
    expect(findingSentenceOf(f(3.5004))).toContain('修正z分数3.5004，绝对值超过3.5');
    expect(findingSentenceOf(f(-3.50001), 'en')).toContain('modified z-score -3.50001, beyond ±3.5');
    expect(findingSentenceOf(f(5.371))).toContain('修正z分数5.37，');
  });
});

describe('scaleSlip', () => {
  const node = (unit: string): Parameters<typeof scaleSlip>[1] => ({ unit } as Parameters<typeof scaleSlip>[1]);
  it('names a slip only when the ratio is near its power of ten', () => {
    expect(scaleSlip(1000, node('家'))).toBe('thousand');
    expect(scaleSlip(1 / 1200, node('家'))).toBe('thousand');
    expect(scaleSlip(10_250, node('亿元'))).toBe('wan-yi');
    expect(scaleSlip(0.0096, node('%'))).toBe('fraction');
    expect(scaleSlip(12, node('家'))).toBe('zero');
    // a totals row that sums one county typed in 万元 instead of 亿元: 2,108 times, no slip of its own
    expect(scaleSlip(2108, node('亿元'))).toBe('power');
    expect(scaleSlip(250, node('%'))).toBe('power');
  });
});

describe('gaps in history and in research panels', () => {
  const { header, rows } = synthetic();
  const csv = (blank: (r: string[]) => boolean): string => `${[header, ...rows.map((r) => (blank(r) ? [...r.slice(0, 3), '', ...r.slice(4)] : r))].map((r) => r.join(',')).join('\n')}\n`;

  it('a gap in an earlier period (the published history\'s 暂缺) is a warning; one in the latest period stops compute', async () => {
    const old = await run(['compute', tempFile('old-gap.csv', csv((r) => r[0] === '杭州市' && r[1] === '2015')), '--lang', 'en']);
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toContain('warning: 杭州市, 2015: Total operating revenue is empty (a required indicator)');
    const now = await run(['compute', tempFile('new-gap.csv', csv((r) => r[0] === '杭州市' && r[1] === '2018')), '--lang', 'en']);
    expect(now.code).toBe(2);
    expect(now.stderr).toContain('杭州市, 2018: Total operating revenue is empty (a required indicator)');
    // the review of one earlier period (--period) holds that period to the round's rules
    const one = await run(['review', tempFile('old-gap2.csv', csv((r) => r[0] === '杭州市' && r[1] === '2015')), '--period', '2015', '--format', 'json']);
    expect((JSON.parse(one.stdout) as { summary: { errors: number } }).summary.errors).toBe(1);
  });

  it('COINr\'s iMeta does not make its indicators required (ASEM has 64 gaps); a table\'s 是否必填 column says which are', async () => {
    const asem = await run(['compute', 'fixtures/coinr-asem/ASEM_iData.csv', '--framework', 'fixtures/coinr-asem/ASEM_iMeta.csv', '--normalise', 'min-max', '--format', 'json']);
    expect(asem.code, asem.stderr).toBe(0);
    const dir = tempDir();
    tempFile('fw.csv', '代码,上级,名称,是否必填\nindex,,指数,\na,index,甲,是\nb,index,乙,否\n', dir);
    tempFile('d.csv', '地区,a,b\nU1,1,\nU2,,2\nU3,3,4\n', dir);
    const r = await run(['compute', 'd.csv', '--framework', 'fw.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the data fails 1 review check at error level');
    expect(r.stderr).toContain('U2: 甲 is empty (a required indicator)');
    tempFile('bad.csv', '代码,上级,是否必填\nindex,,\na,index,maybe\n', dir);
    expect((await run(['compute', 'd.csv', '--framework', 'bad.csv', '--lang', 'en'], { cwd: dir })).stderr).toContain('bad.csv:3: required "maybe" of "a" is not yes or no (是 or 否).');
  });
});

describe('a round\'s returns against --previous: units missing or spelt another way', () => {
  const { header, rows } = synthetic();
  const text = (rs: string[][]): string => `${[header, ...rs].map((r) => r.join(',')).join('\n')}\n`;
  const history = text(rows.filter((r) => Number(r[1]) <= 2017));
  const round = (map: (r: string[]) => string[] | undefined): string => text(rows.filter((r) => r[1] === '2018' && r[0] !== '浙江省').map(map).filter((r): r is string[] => r !== undefined));
  const findings = async (files: Record<string, string>, extra: string[] = []): Promise<Finding[]> => {
    const dir = tempDir();
    for (const [name, content] of Object.entries(files)) tempFile(name, content, dir);
    const r = await run(['review', 'now.csv', '--previous', 'history.csv', '--format', 'json', ...extra], { cwd: dir });
    return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  };

  it('a unit of the period before that this round lacks is dropped (a warning); the province\'s totals row in history is not', async () => {
    const fs = await findings({ 'history.csv': history, 'now.csv': round((r) => (r[0] === '杭州市' ? undefined : r)) });
    expect(short(fs).filter((f) => !f.includes('outlier'))).toEqual(['杭州市 * dropped warning']);
  });

  it('a unit written another way (杭州 for 杭州市) is renamed, an error naming the --rename; with --units too', async () => {
    const files = { 'history.csv': history, 'now.csv': round((r) => (r[0] === '杭州市' ? ['杭州', ...r.slice(1)] : r)), 'units.txt': '杭州市\n宁波市\n温州市\n湖州市\n嘉兴市\n绍兴市\n金华市\n衢州市\n舟山市\n台州市\n丽水市\n' };
    for (const extra of [[], ['--units', 'units.txt']]) {
      const fs = await findings(files, extra);
      expect(short(fs).filter((f) => !f.includes('outlier')), extra.join(' ')).toEqual(['杭州市 * renamed error']);
      expect(fs.find((f) => f.rule === 'renamed')!.detail).toMatchObject({ to: '杭州', rename: '杭州=杭州市', last: 2017 });
    }
  });
});

describe('a name mistyped in one period of history, and a totals row under another name (the industry trial)', () => {
  const { header, rows } = synthetic();
  const text = (rs: string[][]): string => `${[header, ...rs].map((r) => r.join(',')).join('\n')}\n`;

  it('杭州 for 杭州市 in 2016 alone: compute and review both stop on it, naming the --rename that mends it; with it, 2016 ranks 杭州市 again', async () => {
    const dir = tempDir();
    tempFile('d.csv', text(rows.map((r) => (r[0] === '杭州市' && r[1] === '2016' ? ['杭州', ...r.slice(1)] : r))), dir);
    const c = await run(['compute', 'd.csv', '--lang', 'en'], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('杭州市, 2016: no data for this period, while 杭州 has data in this period only (d.csv): the name mistyped? If so, correct it with --rename 杭州=杭州市');
    const r = await run(['review', 'd.csv', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const f = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((x) => x.rule === 'renamed');
    expect(f.map((x) => [x.unit, x.period, x.level, x.detail.rename])).toEqual([['杭州市', '2016', 'error', '杭州=杭州市']]);
    const mended = await run(['compute', 'd.csv', '--rename', '杭州=杭州市', '--year', '2016', '--format', 'json'], { cwd: dir });
    expect(mended.code, mended.stderr).toBe(0);
    const same = await run(['compute', fixture('zhejiang-synthetic.csv'), '--year', '2016', '--format', 'json']);
    const index = (out: string) => (JSON.parse(out) as { rows: { unit: string; node: string; value: number; rank: number }[] }).rows.filter((x) => x.node === 'index' && x.unit === '杭州市');
    expect(index(mended.stdout)).toEqual(index(same.stdout));
  });

  it('a unit that begins in a period and goes on is not a mistyped name; a unit that leaves and comes back alone is not either', async () => {
    const dir = tempDir();
    // 杭州 only from 2017 on is a new unit (history's own finding is the latest period's); 宁波市 skips 2016
    tempFile('d.csv', text(rows.filter((r) => !(r[0] === '宁波市' && r[1] === '2016')).map((r) => (r[0] === '衢州市' && Number(r[1]) >= 2017 ? ['新区', ...r.slice(1)] : r))), dir);
    const r = await run(['review', 'd.csv', '--format', 'json', '--period', '2016'], { cwd: dir });
    expect((JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((x) => x.rule === 'renamed')).toEqual([]);
  });

  it('the province\'s totals row written 合计 in the latest period is renamed (an error): the headline\'s figure would go', async () => {
    const dir = tempDir();
    tempFile('d.csv', text(rows.map((r) => (r[0] === '浙江省' && r[1] === '2018' ? ['合计', ...r.slice(1)] : r))), dir);
    const c = await run(['compute', 'd.csv', '--lang', 'en'], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('浙江省, 2018: no data for this period (its latest is 2017), while 合计\'s data begins in it (d.csv): one unit under another name or spelling? If so, join them with --rename 合计=浙江省');
    const mended = await run(['compute', 'd.csv', '--rename', '合计=浙江省', '--format', 'json'], { cwd: dir });
    expect(mended.code, mended.stderr).toBe(0);
    expect((JSON.parse(mended.stdout) as { rows: { unit: string; year: number; node: string; value: number }[] }).rows.find((x) => x.unit === '浙江省' && x.year === 2018 && x.node === 'index')!.value).toBeGreaterThan(100);
  });
});

describe('a year-to-date figure typed for a month\'s own (the monthly trial)', () => {
  it('is a yoy-jump that says so when the month\'s value is about m times the same month a year earlier', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = tempDir();
    // quarterly revenue as months is not at hand: make a monthly panel of two years, one unit's June 2019 the Jan-Jun sum
    const lines = ['地区,时期,营业收入总额,小微企业总数'];
    for (const u of ['甲县', '乙县', '丙县', '丁县', '戊县']) for (const y of [2018, 2019]) for (let m = 1; m <= 6; m++) {
      const month = 100 + m + (u === '乙县' ? 5 : 0) + (y - 2018) * 3;
      const v = u === '甲县' && y === 2019 && m === 6 ? 6 * month : month;
      lines.push(`${u},${y}-0${m},${v},${1000 + m}`);
    }
    tempFile('m.csv', `${lines.join('\n')}\n`, dir);
    const r = await run(['review', 'm.csv', '--base-year', '2018', '--format', 'json'], { cwd: dir });
    const jump = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.find((f) => f.rule === 'yoy-jump' && f.unit === '甲县')!;
    expect(jump.detail.ytd).toBe(6);
    expect((jump as Finding & { message: string }).message).toMatch(/；约为上年同月的6倍：是否填了1-6月的累计数，而不是当月数？$/);
    expect(readFileSync(join(dir, 'm.csv'), 'utf8')).toContain('甲县,2019-06,');
  });
});

describe('a share typed in percent into a cell formatted as a percentage (the county trial)', () => {
  it('is out of range in its own year with the hint, and the right value a year later is not blamed for it (9.7应为970)', async () => {
    const { header, rows } = synthetic();
    const col = header.indexOf('new_product_share');
    const cells = rows.map((r) => r.map((v, i) => (i === 0 ? v : i === col && r[0] === '杭州市' && r[1] === '2016' ? { pct: Number(v) } : Number(v))));
    const dir = tempDir();
    tempFile('pct.xlsx', toWorkbook({ 基础数据: [header, ...cells] }), dir);
    const r = await run(['review', 'pct.xlsx', '--format', 'json'], { cwd: dir });
    const found = (JSON.parse(r.stdout) as { findings: Finding[] & { message: string }[] }).findings.filter((f) => f.unit === '杭州市' && f.node === 'new_product_share');
    const value = Number(rows.find((x) => x[0] === '杭州市' && x[1] === '2016')![col]);
    // its own year: out of range, and 100 times the year before; the year after, against it, nothing
    expect(found.map((f) => [f.period, f.rule])).toEqual([['2016', 'out-of-range'], ['2016', 'scale']]);
    expect((found[0] as unknown as { message: string }).message).toBe(`新产品产值占比为${Number((value * 100).toFixed(6))}，比重应在0到100之间：若单元格设为百分比格式，填入${value}会显示为${Number((value * 100).toFixed(6))}%，请改填${Number((value / 100).toFixed(6))}或取消百分比格式。`);
  });
});
