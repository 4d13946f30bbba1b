// A round whose framework divides an indicator by a denominator (小微企业税收
// per 亿元 of 地区生产总值, --denominate), as a tester's quarterly 宜昌市 round
// ran it: the denominator arrives in the indicators' file, in a file of its
// own (long, wide, in 万元 for the framework's 亿元), on smei's forms and in
// smei data's archives, and every way gives the same index; review asks for
// it when it is missing; the totals row named after the city is found by its
// sums although the run divides; the report quotes the value typed and the
// ratio it ranks by.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { zipPart } from '../../src/input/xlsx.js';
import { run, tempDir } from '../helpers.js';

const FW = {
  name: 'mini',
  baseYear: 2019,
  denominators: [{ id: 'gdp', zh: '地区生产总值', unit: '亿元' }],
  nodes: [
    { id: 'index', zh: '指数' },
    { id: 'm1', parent: 'index', zh: '综合贡献力' },
    { id: 'firms', parent: 'm1', zh: '小微企业户数', unit: '户' },
    { id: 'revenue', parent: 'm1', zh: '营业收入', unit: '亿元' },
    { id: 'tax', parent: 'm1', zh: '小微企业税收', unit: '万元', denominator: 'gdp' },
  ],
};

/** Three districts and 宜昌市, their exact sum, 2019-2021: firms, revenue, tax, gdp. */
const DATA: [string, number, number, number, number, number][] = [];
const BASE: Record<string, [number, number, number, number]> = { 夷陵区: [100, 10, 500, 50], 西陵区: [200, 20, 900, 80], 点军区: [50, 5, 200, 20] };
for (const year of [2019, 2020, 2021]) {
  const k = year - 2019;
  const rows = Object.entries(BASE).map(([u, [f, r, t, g]]) => [u, year, f + 10 * k + (u === '点军区' ? k : 0), r + k, t + 40 * k * (u === '西陵区' ? 2 : 1), g + 5 * k] as [string, number, number, number, number, number]);
  const sum = (i: number): number => rows.reduce((s, r) => s + (r[i] as number), 0);
  DATA.push(...rows, ['宜昌市', year, sum(2), sum(3), sum(4), sum(5)]);
}

const csv = (head: string[], rows: (string | number)[][]): string => `${[head, ...rows].map((r) => r.join(',')).join('\n')}\n`;

/** A folder with the framework, the wide file (GDP in it), the indicators alone, and GDP alone (long in 万元, and wide). */
function setup(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'fw.json'), JSON.stringify(FW));
  writeFileSync(join(dir, 'all.csv'), csv(['地区', '年份', '小微企业户数', '营业收入', '小微企业税收', '地区生产总值'], DATA));
  writeFileSync(join(dir, 'ind.csv'), csv(['地区', '年份', '小微企业户数', '营业收入', '小微企业税收'], DATA.map((r) => r.slice(0, 5))));
  writeFileSync(join(dir, 'gdp-long.csv'), csv(['地区', '年份', '指标', '数值'], DATA.map((r) => [r[0], r[1], '地区生产总值（万元）', r[5] * 10000])));
  writeFileSync(join(dir, 'gdp-wide.csv'), csv(['地区', '年份', '地区生产总值'], DATA.map((r) => [r[0], r[1], r[5]])));
  // the indicators' file with an empty GDP column: the GDP file's values are not lost to it
  writeFileSync(join(dir, 'ind-blank.csv'), csv(['地区', '年份', '小微企业户数', '营业收入', '小微企业税收', '地区生产总值'], DATA.map((r) => [...r.slice(0, 5), ''])));
  return dir;
}

type Doc = { notes: { code: string }[]; [k: string]: unknown };
/** The compute JSON without what names the files read. */
const comparable = (stdout: string): unknown => {
  const j = JSON.parse(stdout) as Doc;
  return { ...j, inputs: undefined, notes: j.notes.filter((n) => !['merged', 'unit-converted'].includes(n.code)) };
};
const ARGS = ['--framework', 'fw.json', '--denominate', '--format', 'json'];

describe('a denominator from wherever the round has it', () => {
  it('in its own file, long (in 万元, converted) or wide, or after a blank column: the same index as in the indicators\' file', async () => {
    const dir = setup();
    const all = await run(['compute', 'all.csv', ...ARGS], { cwd: dir });
    expect(all.code, all.stderr).toBe(0);
    for (const files of [['ind.csv', 'gdp-long.csv'], ['ind.csv', 'gdp-wide.csv'], ['ind-blank.csv', 'gdp-wide.csv']]) {
      const r = await run(['compute', ...files, ...ARGS], { cwd: dir });
      expect(r.code, `${files.join(' ')}: ${r.stderr}`).toBe(0);
      expect(comparable(r.stdout), files.join(' ')).toEqual(comparable(all.stdout));
    }
    // the long file's 万元 said once
    const long = JSON.parse((await run(['compute', 'ind.csv', 'gdp-long.csv', ...ARGS], { cwd: dir })).stdout) as { notes: { code: string; from?: string; to?: string }[] };
    expect(long.notes.filter((n) => n.code === 'unit-converted')).toEqual([expect.objectContaining({ from: '万元', to: '亿元' })]);
  });

  it('smei data\'s archive, long or wide, keeps it: read back, the same index', async () => {
    const dir = setup();
    const all = await run(['compute', 'all.csv', ...ARGS], { cwd: dir });
    for (const layout of ['long', 'wide']) {
      const a = await run(['data', 'all.csv', '--framework', 'fw.json', '--layout', layout, '--out', `${layout}.csv`], { cwd: dir });
      expect(a.code, a.stderr).toBe(0);
      const text = readFileSync(join(dir, `${layout}.csv`), 'utf8');
      expect(text).toContain(layout === 'long' ? '夷陵区,2019,gdp,50' : '地区生产总值');
      const back = await run(['compute', `${layout}.csv`, ...ARGS], { cwd: dir });
      expect(back.code, back.stderr).toBe(0);
      expect(comparable(back.stdout), layout).toEqual(comparable(all.stdout));
    }
  });

  it('the totals row named after the city is found by its sums although the run divides (it was ranked among its districts)', async () => {
    const dir = setup();
    const r = await run(['compute', 'all.csv', ...ARGS], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { notes: { code: string }[]; rows: { unit: string; year: number; node: string; rank: number | null }[] };
    expect(doc.notes.map((n) => n.code)).toContain('sum-aggregate');
    const ranks = doc.rows.filter((x) => x.node === 'index' && x.year === 2021).map((x) => [x.unit, x.rank]);
    expect(ranks.find(([u]) => u === '宜昌市')![1]).toBeNull();
    expect(ranks.filter(([, rank]) => rank !== null).map(([u]) => u).sort()).toEqual(['夷陵区', '点军区', '西陵区']);
  });

  it('the report quotes the value typed and the ratio ranked, and its method says what is divided by what', async () => {
    const dir = setup();
    const md = await run(['report', 'all.csv', '--framework', 'fw.json', '--denominate', '--format', 'md'], { cwd: dir });
    expect(md.code, md.stderr).toBe(0);
    // 宜昌市 2021, the report's unit: its tax as typed, then per 亿元 of its GDP
    const [tax, gdp] = [DATA.find((r) => r[0] === '宜昌市' && r[1] === 2021)![4], DATA.find((r) => r[0] === '宜昌市' && r[1] === 2021)![5]];
    expect(md.stdout).toContain(`实际值${tax}万元，每亿元地区生产总值${(tax / gdp).toFixed(2)}万元`);
    expect(md.stdout).toContain('小微企业税收 (`tax`)：权重1（占33.33%），正向，单位：万元，除以地区生产总值（亿元）');
    const en = await run(['report', 'all.csv', '--framework', 'fw.json', '--denominate', '--format', 'md', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain(`value ${tax} 万元, ${(tax / gdp).toFixed(2)} 万元 per 亿元 of 地区生产总值`);
  });
});

/** Fills a form of layout units (SheetJS): the row of each unit, by the header's label without its unit. */
function fill(path: string, values: Record<string, Record<string, number>>): void {
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  const grid = XLSX.utils.sheet_to_json<(string | number | null)[]>(ws, { header: 1, defval: null });
  const head = grid[3]!.map((h) => String(h ?? '').replace(/（.*?）$/, ''));
  grid.forEach((row, r) => {
    const v = values[String(row[0])];
    if (v === undefined || r < 4) return;
    for (const [label, x] of Object.entries(v)) ws[XLSX.utils.encode_cell({ r, c: head.lastIndexOf(label) })] = { t: 'n', v: x };
  });
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

describe('the forms of a round that divides', () => {
  const next: Record<string, Record<string, number>> = {
    夷陵区: { 小微企业户数: 130, 营业收入: 14, 小微企业税收: 650, 地区生产总值: 66 },
    西陵区: { 小微企业户数: 220, 营业收入: 23, 小微企业税收: 1000, 地区生产总值: 90 },
    点军区: { 小微企业户数: 60, 营业收入: 6.5, 小微企业税收: 250, 地区生产总值: 25 },
  };

  it('ask for the denominator (a column, its unit, a definition), and read back as the same data typed in a CSV', async () => {
    const dir = setup();
    const t = await run(['template', '--framework', 'fw.json', '--units', '夷陵区,西陵区,点军区', '--period', '2022', '--previous', 'all.csv', '--out', 'form.xlsx'], { cwd: dir });
    expect(t.code, t.stderr).toBe(0);
    const wb = XLSX.read(readFileSync(join(dir, 'form.xlsx')), { type: 'buffer' });
    const grid = XLSX.utils.sheet_to_json<(string | number | null)[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, defval: null });
    expect(grid[3]).toEqual(['地区', '年份', '小微企业户数（2021年，参考）', '小微企业户数（户）', '营业收入（2021年，参考）', '营业收入（亿元）', '小微企业税收（2021年，参考）', '小微企业税收（万元）', '地区生产总值（2021年，参考）', '地区生产总值（亿元）']);
    // last year's GDP stands beside the input, as every indicator's does
    expect(grid[4]!.slice(0, 9)).toEqual(['夷陵区', 2022, 120, null, 12, null, 580, null, 60]);
    const defs = XLSX.utils.sheet_to_json<(string | null)[]>(wb.Sheets['指标说明']!, { header: 1, defval: null });
    expect(defs.at(-1)).toEqual(['分母', '地区生产总值', 'gdp', '亿元', '—', '> 0', '是', '小微企业税收除以此数']);
    fill(join(dir, 'form.xlsx'), next);
    writeFileSync(join(dir, 'typed.csv'), csv(['地区', '年份', '小微企业户数', '营业收入', '小微企业税收', '地区生产总值'], Object.entries(next).map(([u, v]) => [u, 2022, v['小微企业户数']!, v['营业收入']!, v['小微企业税收']!, v['地区生产总值']!])));
    const viaForm = await run(['compute', 'all.csv', 'form.xlsx', ...ARGS], { cwd: dir });
    const viaCsv = await run(['compute', 'all.csv', 'typed.csv', ...ARGS], { cwd: dir });
    expect(viaForm.code, viaForm.stderr).toBe(0);
    expect(viaCsv.code, viaCsv.stderr).toBe(0);
    const strip = (s: string): unknown => ({ ...(comparable(s) as object), notes: undefined });
    expect(strip(viaForm.stdout)).toEqual(strip(viaCsv.stdout));
  });

  it('without the denominator, review stops the round with a missing error naming it (a form of before it asked: still read)', async () => {
    const dir = setup();
    // a form made as smei made them before (no 地区生产总值 column): the framework without its denominator's use
    const before = { ...FW, nodes: FW.nodes.map((n) => ({ ...n, denominator: undefined })) };
    writeFileSync(join(dir, 'fw-before.json'), JSON.stringify(before));
    expect((await run(['template', '--framework', 'fw-before.json', '--units', '夷陵区,西陵区,点军区', '--period', '2022', '--out', 'old.xlsx'], { cwd: dir })).code).toBe(0);
    fill(join(dir, 'old.xlsx'), Object.fromEntries(Object.entries(next).map(([u, v]) => [u, { 小微企业户数: v['小微企业户数']!, 营业收入: v['营业收入']!, 小微企业税收: v['小微企业税收']! }])));
    const history = join(dir, 'history.csv');
    writeFileSync(history, csv(['地区', '年份', '小微企业户数', '营业收入', '小微企业税收', '地区生产总值'], DATA.filter((r) => r[0] !== '宜昌市')));
    const review = await run(['review', 'history.csv', 'old.xlsx', '--framework', 'fw.json', '--denominate', '--format', 'json'], { cwd: dir });
    expect(review.code, review.stderr).toBe(1);
    const found = (JSON.parse(review.stdout) as { findings: { unit: string; rule: string; level: string; message: string }[] }).findings;
    expect(found.map((f) => `${f.unit} ${f.rule} ${f.level}`).sort()).toEqual(['夷陵区 missing error', '点军区 missing error', '西陵区 missing error']);
    expect(found[0]!.message).toBe('小微企业税收要除以地区生产总值（--denominate），但地区生产总值未填报：请补填地区生产总值，否则该指标无法计算。');
    // the workbook sent back to the counties has the GDP column, its empty cells flagged where it is to be filled in
    expect((await run(['review', 'history.csv', 'old.xlsx', '--framework', 'fw.json', '--denominate', '--format', 'xlsx', '--out', 'review.xlsx'], { cwd: dir })).code).toBe(1);
    const book = XLSX.read(readFileSync(join(dir, 'review.xlsx')), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<(string | number | null)[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, defval: null });
    expect(sheet[2]).toEqual(['地区', '年份', '小微企业户数', '营业收入', '小微企业税收', '地区生产总值']);
    expect(zipPart(readFileSync(join(dir, 'review.xlsx')), 'xl/comments1.xml')).toContain('地区生产总值未填报');
    const gdpCol = XLSX.utils.encode_col(5);
    expect(zipPart(readFileSync(join(dir, 'review.xlsx')), 'xl/comments1.xml')).toMatch(new RegExp(`ref="${gdpCol}\\d+"`));
    // without --denominate nothing is divided, and nothing is missing
    expect((await run(['review', 'history.csv', 'old.xlsx', '--framework', 'fw.json'], { cwd: dir })).code).toBe(0);
    // compute refuses as review does, and says how to see it
    const c = await run(['compute', 'history.csv', 'old.xlsx', '--framework', 'fw.json', '--denominate'], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('smei review history.csv old.xlsx --framework fw.json --denominate');
  });
});

describe('the denominator reviewed as the values it divides', () => {
  const GDP_HEAD = ['地区', '年份', '小微企业户数', '营业收入', '小微企业税收', '地区生产总值'];
  const slip = (f: (r: (typeof DATA)[number]) => (typeof DATA)[number]): string => csv(GDP_HEAD, DATA.filter((r) => r[0] !== '宜昌市').map(f));

  it('GDP typed in 万元 for the framework\'s 亿元 is a scale error naming the slip; a negative GDP is out of range; both stop compute', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'slip.csv'), slip((r) => (r[0] === '夷陵区' && r[1] === 2021 ? [r[0], r[1], r[2], r[3], r[4], r[5] * 10000] : r)));
    const review = await run(['review', 'slip.csv', '--framework', 'fw.json', '--denominate', '--format', 'json'], { cwd: dir });
    expect(review.code).toBe(1);
    const f = (JSON.parse(review.stdout) as { findings: { unit: string; node: string; rule: string; level: string; message: string }[] }).findings;
    expect(f.map((x) => `${x.unit} ${x.node} ${x.rule} ${x.level}`)).toEqual(['夷陵区 gdp scale error']);
    expect(f[0]!.message).toMatch(/^地区生产总值为600000亿元（slip\.csv），上年为55亿元，是上年的10,909倍：可能按万元而不是亿元填报/);
    expect((await run(['compute', 'slip.csv', '--framework', 'fw.json', '--denominate'], { cwd: dir })).code).toBe(2);
    writeFileSync(join(dir, 'neg.csv'), slip((r) => (r[0] === '点军区' && r[1] === 2020 ? [r[0], r[1], r[2], r[3], r[4], -r[5]] : r)));
    const neg = await run(['review', 'neg.csv', '--framework', 'fw.json', '--denominate'], { cwd: dir });
    expect(neg.code).toBe(1);
    expect(neg.stdout).toContain('地区生产总值为-25：分母应为正数，请核对。');
    // without --denominate the denominator divides nothing, and is not reviewed
    expect((await run(['review', 'slip.csv', '--framework', 'fw.json'], { cwd: dir })).code).toBe(0);
  });

  it('two files giving one county\'s GDP differently conflict (the first file given no longer wins silently)', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'gdp-other.csv'), csv(['地区', '年份', '地区生产总值'], [['夷陵区', 2021, 61]]));
    const r = await run(['compute', 'all.csv', 'gdp-other.csv', '--framework', 'fw.json', '--denominate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: 有1个数值在两个文件中不一致：夷陵区2021年的地区生产总值：60（all.csv）与61（gdp-other.csv）。每对请只保留一个（smei review 会把它们列为审核发现）。\n');
    // the same value twice is one value
    writeFileSync(join(dir, 'gdp-same.csv'), csv(['地区', '年份', '地区生产总值'], [['夷陵区', 2021, 60]]));
    expect((await run(['compute', 'all.csv', 'gdp-same.csv', '--framework', 'fw.json', '--denominate'], { cwd: dir })).code).toBe(0);
  });

  it('the portal\'s GDP table (指标：地区生产总值(万元), periods as columns) merges with the indicators, converted', async () => {
    const dir = setup();
    const years = [2021, 2020, 2019];
    const rows = Object.keys(BASE).map((u) => [u, ...years.map((y) => DATA.find((r) => r[0] === u && r[1] === y)![5] * 10000)]);
    writeFileSync(join(dir, 'nbs-gdp.csv'), [['数据库：分县年度数据'], ['指标：地区生产总值(万元)'], ['地区', ...years.map((y) => `${y}年`)], ...rows].map((r) => r.join(',')).join('\n'));
    writeFileSync(join(dir, 'ind3.csv'), csv(['地区', '年份', '小微企业户数', '营业收入', '小微企业税收'], DATA.filter((r) => r[0] !== '宜昌市').map((r) => r.slice(0, 5))));
    writeFileSync(join(dir, 'all3.csv'), slip((r) => r));
    const want = await run(['compute', 'all3.csv', ...ARGS], { cwd: dir });
    const got = await run(['compute', 'ind3.csv', 'nbs-gdp.csv', ...ARGS], { cwd: dir });
    expect(got.code, got.stderr).toBe(0);
    // every value and rank the same; the notes say how the GDP table was read
    expect({ ...(comparable(got.stdout) as object), notes: undefined }).toEqual({ ...(comparable(want.stdout) as object), notes: undefined });
    expect((JSON.parse(got.stdout) as { notes: { code: string }[] }).notes.map((n) => n.code)).toEqual(expect.arrayContaining(['years-as-columns']));
  });
});
