// Units of measure the data gives (a header's 营业收入总额（万元）, a units row,
// an indicator cell, a NBS title row, a copied form's 计量单位 column) against
// the framework's: another scale of the same quantity is converted once, as
// read, exactly (万元 -> 亿元 moves the decimal point four places); another
// quantity is refused; the same unit, or a node without one, reads as before.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishUnit, isCount, isCountBase, unitFamily, unitScale } from '../../src/framework/units.js';
import { inputRange } from '../../src/collect/form.js';
import { rawValue } from '../../src/render/phrases.js';
import { BUILT_IN } from '../../src/input/framework.js';
import type { ReadResult } from '../../src/input/read.js';
import { shiftDecimal } from '../../src/input/values.js';
import { unitStatement } from '../../src/input/layout.js';
import { describeNote } from '../../src/render/notes.js';
import { fixture, needViewers, run, tempDir, tempFile } from '../helpers.js';
import { cellsOf, expectSameCells, readWith } from '../reads.js';
import { nbsExport, officeSheet, pyWorkbook, synthetic, toWorkbook, type OfficeCell } from '../office-files.js';

const FW = BUILT_IN.zhejiang!();
const SYN = fixture('zhejiang-synthetic.csv');
const REVENUE = FW.byId.get('revenue')!;

const read = (path: string): Promise<ReadResult> => readWith(path, FW);
const cells = (r: ReadResult): Map<string, number> => cellsOf(r, FW);

/** A decimal text times 10^k, as an office would have typed the value in the smaller unit (12267.4 亿元 is 122674000 万元). */
const times = (text: string, k: number): string => String(Number(`${text}e${k}`));

/** The synthetic panel with the revenue column headed `header` and its values times 10^k; only the rows `keep` keeps. */
function revenueIn(header: string, k: number, keep: (row: string[]) => boolean = () => true): string {
  const { header: head, rows } = synthetic();
  const j = head.indexOf('revenue');
  const out = [head.map((h, i) => (i === j ? header : h)), ...rows.filter(keep).map((r) => r.map((v, i) => (i === j ? times(v, k) : v)))];
  return `${out.map((r) => r.join(',')).join('\n')}\n`;
}

describe('unit families', () => {
  it('gives the power of ten between scales of one quantity, and none between quantities', () => {
    expect(unitScale('万元', '亿元')).toBe(-4);
    expect(unitScale('亿元', '万元')).toBe(4);
    expect(unitScale('元', '亿元')).toBe(-8);
    expect(unitScale('人民币万元', '亿元')).toBe(-4);
    expect(unitScale('万人', '人')).toBe(4);
    expect(unitScale('户', '家')).toBe(0);
    expect(unitScale('万户', '家')).toBe(4);
    expect(unitScale('万件', '件')).toBe(4);
    expect(unitScale('‰', '%')).toBe(-1);
    expect(unitScale('（%）', '%')).toBe(0);
    expect(unitScale('%', '亿元')).toBeUndefined();
    expect(unitScale('万美元', '亿元')).toBeUndefined();
    expect(unitScale('人', '家')).toBeUndefined();
    expect(unitScale('点', '分')).toBeUndefined();
    expect(unitFamily('亿元')).toEqual(['元', '千元', '万元', '百万元', '千万元', '亿元', '万亿元']);
  });

  it('shifts a decimal exactly, as the typed value reads (no binary multiply)', () => {
    expect(shiftDecimal(20956200, -4)).toBe(2095.62);
    expect(shiftDecimal(0.07, 2)).toBe(7);
    expect(0.07 * 100).not.toBe(7);
    expect(shiftDecimal(975.41, 4)).toBe(9754100);
    expect(shiftDecimal(9754100, -4)).toBe(975.41);
    expect(shiftDecimal(1.5e-7, -4)).toBe(1.5e-11);
    expect(Object.is(shiftDecimal(-0, 3), 0)).toBe(true);
  });
});

describe('a column in 万元 for the framework\'s 亿元', () => {
  it('reads as the 亿元 original: the same compute JSON, byte for byte, and one note with both units and the factor', async () => {
    const wan = tempFile('wan.csv', revenueIn('营业收入总额（万元）', 4));
    const [a, b] = await Promise.all([run(['compute', SYN, '--format', 'json']), run(['compute', wan, '--format', 'json'])]);
    expect(b.code, b.stderr).toBe(0);
    const rows = (s: string): unknown => (JSON.parse(s) as { rows: unknown }).rows;
    expect(JSON.stringify(rows(b.stdout))).toBe(JSON.stringify(rows(a.stdout)));
    const notes = (JSON.parse(b.stdout) as { notes: { code: string }[] }).notes.filter((n) => n.code === 'unit-converted');
    expect(notes).toEqual([{ code: 'unit-converted', message: "营业收入总额(万元): converted from 万元 to 亿元, the framework's unit (1 亿元 = 10000 万元).", column: '营业收入总额(万元)', from: '万元', to: '亿元', factor: 0.0001 }]);
    expect(describeNote({ code: 'unit-converted', detail: { column: '营业收入总额（万元）', from: '万元', to: '亿元', factor: 0.0001 } }, 'zh')).toBe('营业收入总额（万元）按1亿元=10000万元换算为亿元。');
    expect(b.stderr).toBe(a.stderr.replace(/(说明: 浙江省)/, '说明: 已从表头去掉计量单位后匹配：营业收入总额(万元)。\n说明: 营业收入总额(万元)按1亿元=10000万元换算为亿元。\n$1'));
  });

  it('a 单位 line among the titles (单位：万元、%) gives the unit of the columns whose headers give none (the industry trial: 1565812000亿元 quoted)', async () => {
    // both of the framework's 亿元 columns (revenue, policy_funding) typed in 万元, their headers without a unit
    const { header: head, rows: data } = synthetic();
    const money = [head.indexOf('revenue'), head.indexOf('policy_funding')];
    const body = [head.map((h, i) => (i === money[0] ? '营业收入总额' : h)), ...data.map((r) => r.map((v, i) => (money.includes(i) ? times(v, 4) : v)))].map((r) => r.join(',')).join('\n');
    const wan = tempFile('title-wan.csv', `浙江省小微企业成长指数基础指标（2014—2018年）\n单位：万元、%\n${body}\n`);
    const [a, b] = await Promise.all([run(['compute', SYN, '--format', 'json']), run(['compute', wan, '--format', 'json'])]);
    expect(b.code, b.stderr).toBe(0);
    const rows = (s: string): unknown => (JSON.parse(s) as { rows: unknown }).rows;
    expect(JSON.stringify(rows(b.stdout))).toBe(JSON.stringify(rows(a.stdout)));
    const notes = (JSON.parse(b.stdout) as { notes: { code: string; column?: string; factor?: number }[] }).notes.filter((n) => n.code === 'unit-converted');
    expect(notes.map((n) => [n.column, n.factor])).toEqual([['营业收入总额', 0.0001], ['policy_funding', 0.0001]]);
    const report = await run(['report', wan, '--aggregate-unit', '浙江省', '--ref-year', '2015', '--no-review']);
    expect(report.stdout).toContain('实际值80608.1亿元');
    // a header's own unit wins over the line's; two units of one kind (万元、亿元) name no column: read as given
    const own = tempFile('title-own.csv', `单位：万元\n${revenueIn('营业收入总额（亿元）', 0)}`);
    const ownNotes = (JSON.parse((await run(['compute', own, '--format', 'json'])).stdout) as { notes: { code: string; column?: string }[] }).notes.filter((n) => n.code === 'unit-converted');
    expect(ownNotes.map((n) => n.column)).toEqual(['policy_funding']);
    const both = tempFile('title-both.csv', `标题\n单位：万元、亿元\n${revenueIn('营业收入总额', 0)}`);
    expect(JSON.stringify(rows((await run(['compute', both, '--format', 'json'])).stdout))).toBe(JSON.stringify(rows(a.stdout)));
  });

  it('reads the units a statement gives in the spellings tables print (a re-test found 金额单位, （单位：…） and a note under the table missed)', () => {
    expect(unitStatement('单位：万元、%')).toEqual(['万元', '%']);
    expect(unitStatement('金额单位：万元')).toEqual(['万元']);
    expect(unitStatement('（单位：万元）')).toEqual(['万元']);
    expect(unitStatement('浙江省小微企业成长指数基础指标（2021—2025年）（单位：万元）')).toEqual(['万元']);
    expect(unitStatement('注：金额单位为万元，满意度为百分制。')).toEqual(['万元']);
    expect(unitStatement('注：1.本表单位为万元；2.数据为初步统计数。')).toEqual(['万元']);
    expect(unitStatement('计量单位：万元；人数单位：万人')).toEqual(['万元', '万人']);
    // a reporting office, a unit column's header: no unit of measure
    expect(unitStatement('填报单位：浙江省统计局')).toEqual([]);
    expect(unitStatement('编制单位:杭州市市场监管局')).toEqual([]);
    expect(unitStatement('单位名称')).toEqual([]);
    expect(unitStatement('单位：浙江省统计局')).toEqual([]);
  });

  it('a statement of 万元 over the table or in the notes under it converts the money columns whose headers give none; one past the rows read first is refused', async () => {
    const { header: head, rows: data } = synthetic();
    const money = [head.indexOf('revenue'), head.indexOf('policy_funding')];
    const lines = (rows: string[][]): string => [head.map((h, i) => (i === money[0] ? '营业收入总额' : h)), ...rows.map((r) => r.map((v, i) => (money.includes(i) ? times(v, 4) : v)))].map((r) => r.join(',')).join('\n');
    const body = lines(data);
    const rows = (s: string): unknown => (JSON.parse(s) as { rows: unknown }).rows;
    const want = JSON.stringify(rows((await run(['compute', SYN, '--format', 'json'])).stdout));
    const files = {
      money: `浙江省小微企业成长指数基础指标\n金额单位：万元\n${body}\n`,
      bracketed: `浙江省小微企业成长指数基础指标（2014—2018年）（单位：万元）\n${body}\n`,
      office: `浙江省小微企业成长指数基础指标\n填报单位：浙江省统计局,,,,,,（单位：万元）\n${body}\n`,
      note: `${body}\n注：1.金额单位为万元；2.数据为初步统计数。\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      const r = await run(['compute', tempFile(`stated-${name}.csv`, text), '--format', 'json']);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(JSON.stringify(rows(r.stdout)), name).toBe(want);
      const notes = (JSON.parse(r.stdout) as { notes: { code: string; column?: string }[] }).notes.filter((n) => n.code === 'unit-converted');
      expect(notes.map((n) => n.column), name).toEqual(['营业收入总额', 'policy_funding']);
    }
    // a county table of 60 units: the note comes after the rows the layout is worked out from, when the
    // money columns have been read as 亿元 already; refused, naming its cell, rather than left 10000 times off
    const many = data.flatMap((r) => Array.from({ length: 6 }, (_, k) => [`${r[0]}${k}`, ...r.slice(1)]));
    const long = tempFile('stated-late.csv', `${lines(many)}\n注：金额单位为万元\n`);
    const late = await run(['compute', long]);
    expect(late.code).toBe(2);
    expect(late.stderr).toContain(`${long}:${many.length + 2}:1：这条注释写明单位为"万元"，但它在第221行之后，smei 此前已按框架的单位"亿元"读入了营业收入总额、政策资金扶持力度。请把这句移到表头之上`);
    expect(late.stdout).toBe('');
  });

  it('a whole column in 万元 under a header without a unit, read as 亿元, is a scale error by its average per firm (the county trial: the report quoted 2477940亿元)', async () => {
    const wan = tempFile('per-firm.csv', revenueIn('营业收入总额', 4));
    const r = await run(['review', wan, '--format', 'json']);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { findings: { unit: string; period: string; node: string; rule: string; level: string; message: string; detail: Record<string, unknown> }[] }).findings.filter((f) => f.detail.against === 'per-firm');
    // once, in the latest period; the median over the 11 cities of revenue × 10^8 ÷ firms
    expect(found.map((f) => [f.unit, f.period, f.node, f.rule, f.level])).toEqual([['', '2018', 'revenue', 'scale', 'error']]);
    const { header, rows } = synthetic();
    const per = rows.filter((x) => x[1] === '2018' && x[0] !== '浙江省').map((x) => (Number(x[header.indexOf('revenue')]) * 1e4 * 1e8) / Number(x[header.indexOf('firms')])).sort((a, b) => a - b);
    expect(found[0]!.detail.perFirm).toBeCloseTo((per[5]!), 0);
    const zh = await run(['compute', wan]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`2018年，各地区营业收入总额平均每家企业${(per[5]! / 1e8).toFixed(1)}亿元（营业收入总额÷小微企业总数，11个地区的中位数），远超小微企业的规模：是否以万元填报，却按亿元读取？请在表头注明单位（如“营业收入总额（万元）”），或核对数值`);
    // public funding in 万元 under its id alone (the county re-test: 9717.2亿元 quoted once revenue and employment were mended)
    const { header: h2, rows: r2 } = synthetic();
    const pf = h2.indexOf('policy_funding');
    const funding = tempFile('per-firm-funding.csv', `${[h2, ...r2.map((x) => x.map((v, i) => (i === pf ? times(v, 4) : v)))].map((x) => x.join(',')).join('\n')}\n`);
    const fr = JSON.parse((await run(['review', funding, '--format', 'json'])).stdout) as { findings: { node: string; rule: string; detail: Record<string, unknown> }[] };
    expect(fr.findings.filter((f) => f.detail.against === 'per-firm').map((f) => [f.node, f.rule])).toEqual([['policy_funding', 'scale']]);
    // the same values under 营业收入总额（万元） are converted, and no finding
    const ok = await run(['review', tempFile('per-firm-ok.csv', revenueIn('营业收入总额（万元）', 4)), '--format', 'json']);
    expect((JSON.parse(ok.stdout) as { findings: { detail: Record<string, unknown> }[] }).findings.filter((f) => f.detail.against === 'per-firm')).toEqual([]);
  });

  it('a slip of scale in a column typed in 万元 and converted is quoted as typed, and named 元 for 万元 (the county trial: 338949.6 against 31.51093, 万 for 亿)', async () => {
    const text = revenueIn('营业收入总额（万元）', 4);
    const lines = text.split('\n');
    const head = lines[0]!.split(',');
    const col = head.indexOf('营业收入总额（万元）');
    const at = lines.findIndex((l) => l.startsWith('杭州市,2018,'));
    const cells = lines[at]!.split(',');
    const typed = cells[col]!;
    const before = lines.find((l) => l.startsWith('杭州市,2017,'))!.split(',')[col]!;
    cells[col] = times(typed, 4); // 元 typed in the 万元 column
    lines[at] = cells.join(',');
    const r = await run(['compute', tempFile('yuan.csv', lines.join('\n'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`杭州市2018年，营业收入总额为${times(typed, 4)}万元（`);
    expect(r.stderr).toContain(`），上年为${before}万元，是上年的`);
    expect(r.stderr).toContain('倍：可能按元而不是万元填报，请核对');
  });

  it('the report quotes the value in 亿元 (80608.1亿元, not 806081000亿元)', async () => {
    const wan = tempFile('wan.csv', revenueIn('营业收入总额(万元)', 4));
    const args = ['--aggregate-unit', '浙江省', '--ref-year', '2015', '--no-review'];
    const [a, b] = await Promise.all([run(['report', SYN, ...args]), run(['report', wan, ...args])]);
    expect(b.code, b.stderr).toBe(0);
    const quoted = (s: string): string[] => s.match(/营业收入总额：[^\n]*?实际值[\d.]+亿元/g) ?? [];
    expect(quoted(b.stdout).length).toBeGreaterThan(0);
    expect(quoted(b.stdout)).toEqual(quoted(a.stdout));
    expect(b.stdout).toContain('实际值80608.1亿元');
  });

  it('a round of one county file in 万元 and one in 亿元 merges to the right values', async () => {
    const dir = tempDir();
    const half = new Set(['杭州市', '宁波市', '温州市', '嘉兴市', '湖州市']);
    const a = tempFile('a.csv', revenueIn('营业收入总额（亿元）', 0, (r) => !half.has(r[0]!)), dir);
    const b = tempFile('b.csv', revenueIn('营业收入总额（万元）', 4, (r) => half.has(r[0]!)), dir);
    const [clean, merged, data] = await Promise.all([run(['compute', SYN, '--format', 'json']), run(['compute', a, b, '--format', 'json']), run(['data', a, b, '--format', 'csv'])]);
    expect(merged.code, merged.stderr).toBe(0);
    const byKey = (s: string): Map<string, unknown> => new Map((JSON.parse(s) as { rows: { unit: string; year: number; node: string }[] }).rows.map((r) => [`${r.unit}|${r.year}|${r.node}`, r]));
    const want = byKey(clean.stdout);
    const got = byKey(merged.stdout);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [k, r] of want) expect(got.get(k), k).toEqual(r);
    // the merged raw data holds 亿元 throughout: 杭州市's 2014 revenue is 12267.4, not 122674000
    expect(data.code, data.stderr).toBe(0);
    expect(data.stdout).toMatch(/杭州市,2014,revenue,12267\.4\b/);
    expect(data.stdout).not.toContain('122674000');
  });

  it('review against last year\'s 亿元 file finds no 10,000-fold slip of scale', async () => {
    const dir = tempDir();
    const previous = tempFile('2017.csv', revenueIn('营业收入总额', 0, (r) => r[1] !== '2018'), dir);
    const current = tempFile('2018.csv', revenueIn('营业收入总额（万元）', 4, (r) => r[1] === '2018'), dir);
    const r = await run(['review', current, '--previous', previous, '--format', 'json']);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; node: string }[] }).findings;
    expect(findings.filter((f) => f.node === 'revenue')).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('in a long file\'s indicator cells (the fast path) and a years-as-columns title row (指标：营业收入总额(万元))', async () => {
    const clean = await read(SYN);
    const { header, rows } = synthetic();
    const long = [['地区', '年份', '指标', '数值']];
    for (const r of rows) header.slice(2).forEach((id, j) => long.push([r[0]!, r[1]!, id === 'revenue' ? '营业收入总额(万元)' : id, id === 'revenue' ? times(r[j + 2]!, 4) : r[j + 2]!]));
    const got = await read(tempFile('long.csv', `${long.map((r) => r.join(',')).join('\n')}\n`));
    expectSameCells(clean, got);
    expect(got.notes.filter((n) => n.code === 'unit-converted').map((n) => n.detail)).toEqual([{ column: '营业收入总额(万元)', from: '万元', to: '亿元', factor: 0.0001 }]);
    expect(got.observations.dataUnits[REVENUE]).toBe('');

    const nbs = nbsExport('revenue', '营业收入总额', '万元').map((r, i) => (i > 3 && r.length > 1 && !/^[注数]/.test(r[0]!) ? [r[0]!, ...r.slice(1).map((v) => times(v, 4))] : r));
    const years = await read(tempFile('nbs.csv', `${nbs.map((r) => r.join(',')).join('\n')}\n`));
    const want = [...cells(clean)].filter(([k]) => k.endsWith('|revenue'));
    expect([...cells(years)].sort()).toEqual(want.sort());
    expect(years.notes.find((n) => n.code === 'unit-converted')!.detail).toEqual({ column: '营业收入总额(万元)', from: '万元', to: '亿元', factor: 0.0001 });
  });

  it('a units row of 万元 in a workbook (SheetJS .xlsx, and openpyxl)', async (ctx) => {
    const sheet = officeSheet();
    const col = sheet[2]!.indexOf('营业收入总额(亿元)');
    sheet[2]![col] = '营业收入总额';
    sheet[3]![col] = '万元';
    for (const row of sheet.slice(4)) if (typeof row[col] === 'number') row[col] = Number(times(String(row[col]), 4));
    const clean = await read(SYN);
    const got = await read(tempFile('units-row.xlsx', toWorkbook({ 数据: sheet })));
    expectSameCells(clean, got);
    expect(got.notes.find((n) => n.code === 'unit-converted')!.detail).toEqual({ column: '营业收入总额（万元）', from: '万元', to: '亿元', factor: 0.0001 });
    if (needViewers(ctx, 'openpyxl') === undefined) return;
    const path = join(tempDir(), 'units-row-openpyxl.xlsx');
    pyWorkbook(path, 'xlsx', [{ name: '数据', rows: sheet as (OfficeCell | null)[][] }]);
    expectSameCells(clean, await read(path));
  });

  it('a form of a sheet per unit whose 计量单位 cell a clerk changed (万元 over 亿元) converts, with a note; % there is refused, naming the form', async () => {
    const dir = tempDir();
    const t = await run(['template', '--units', '杭州市', '--period', '2019', '--layout', 'sheets', '--out', join(dir, 'form.xlsx')]);
    expect(t.code, t.stderr).toBe(0);
    const fill = (unitCell: string, revenue: number): string => {
      const wb = XLSX.read(readFileSync(join(dir, 'form.xlsx')), { type: 'buffer' });
      const ws = wb.Sheets['杭州市']!;
      const grid = XLSX.utils.sheet_to_json<(string | number | null)[]>(ws, { header: 1, defval: null });
      const r = grid.findIndex((row) => row[0] === '营业收入总额');
      ws[XLSX.utils.encode_cell({ r, c: 1 })] = { t: 's', v: unitCell };
      ws[XLSX.utils.encode_cell({ r, c: grid[r]!.length - 1 })] = { t: 'n', v: revenue };
      const out = join(dir, `filled-${unitCell}.xlsx`);
      writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
      return out;
    };
    const got = await read(fill('万元', 125678900));
    expect(cells(got).get('杭州市|2019|revenue')).toBe(12567.89);
    expect(got.notes.map((n) => n.code)).toEqual(['form', 'unit-converted']);
    // the note names the indicator as the form prints it, not by its id
    expect(got.notes[1]!.detail.column).toBe('营业收入总额(万元)');
    // the framework's own unit, as printed: read as it is
    expect(cells(await read(fill('亿元', 12567.89))).get('杭州市|2019|revenue')).toBe(12567.89);
    const pct = await run(['compute', fill('%', 12.5)]);
    expect(pct.code).toBe(2);
    expect(pct.stderr).toMatch(/filled-%\.xlsx, sheet 杭州市, A\d+.*%.*亿元/);
  });

  it('a copied form\'s 计量单位 column (万元 written over 亿元) converts, and 户 for 家 and the framework\'s own units read as they are', async () => {
    const rows: OfficeCell[][] = [['杭州市 · 浙江省小微企业成长指数数据填报表（2019年）'], ['指标', '计量单位', '2019年'], ['小微企业总数', '户', 330000], ['营业收入总额', '万元', 125678900], ['就业人员总数', '万人', 200.5], ['新产品产值占比', '%', 17.5]];
    const got = await read(tempFile('copy.xlsx', toWorkbook({ 杭州市: rows })));
    const v = cells(got);
    expect(v.get('杭州市|2019|revenue')).toBe(12567.89);
    expect(v.get('杭州市|2019|firms')).toBe(330000);
    expect(v.get('杭州市|2019|employment')).toBe(200.5);
    expect(got.notes.map((n) => n.code)).toEqual(['form-copy', 'unit-converted']);
  });
});

describe('a unit that is another quantity', () => {
  it('% for the framework\'s 亿元 is refused: exit 2, file, column and both units named, no output written', async () => {
    const dir = tempDir();
    const pct = tempFile('pct.csv', revenueIn('营业收入总额（%）', 0), dir);
    const out = join(dir, 'index.json');
    const zh = await run(['compute', pct, '--out', out]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`${pct}:1:4："营业收入总额(%)"给出的"营业收入总额"（revenue）计量单位是"%"，但框架zhejiang以"亿元"计量，而"%"不是"亿元"换了倍数的单位。请以亿元填报数值，或以 元、千元、万元、百万元、千万元、万亿元 之一填报并在表头注明该单位（smei 会换算）；如果数值已经是亿元，请把单位写成亿元。`);
    const r = await run(['compute', pct, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${pct}:1:4: "营业收入总额(%)" gives "营业收入总额" (revenue) in "%", but framework zhejiang measures it in "亿元", and "%" is not "亿元" at another scale. Give the values in 亿元, or in one of 元, 千元, 万元, 百万元, 千万元, 万亿元 with that unit in the header (smei converts it); if they are in 亿元 already, write 亿元 as the unit.`);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown unit word (万美元 for 亿元) in a units row of a workbook is refused the same way, naming the cell', async () => {
    const sheet = officeSheet();
    const col = sheet[2]!.indexOf('营业收入总额(亿元)');
    sheet[2]![col] = '营业收入总额';
    sheet[3]![col] = '万美元';
    const r = await run(['compute', tempFile('usd.xlsx', toWorkbook({ 数据: sheet })), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usd\.xlsx, sheet 数据, E4: "营业收入总额（万美元）" gives "营业收入总额" \(revenue\) in "万美元", but framework zhejiang measures it in "亿元"/);
  });

  it('a node the framework gives no unit keeps the data\'s (点 for the composite), as before', async () => {
    const cities = fixture('zhejiang-cities-2018.csv');
    const text = readFileSync(cities, 'utf8').replace(/^([^,\n]*,[^,\n]*,)([^,\n]*)/, '$1$2（点）');
    const got = await read(tempFile('points.csv', text));
    expectSameCells(await read(cities), got);
    expect(got.observations.dataUnits[FW.byId.get('index')!]).toBe('点');
    expect(got.notes.some((n) => n.code === 'unit-converted')).toBe(false);
  });

  it('an office\'s word for the same count (个 or 项 for the framework\'s 件, 户 for 家) reads as it is, not refused', async () => {
    const syn = fixture('zhejiang-synthetic.csv');
    const [head, ...rest] = readFileSync(syn, 'utf8').split('\n');
    for (const word of ['个', '项']) {
      const got = await read(tempFile(`count-${word}.csv`, [head!.replace('patents_trademarks_brands', `拥有专利、商标、品牌数（${word}）`), ...rest].join('\n')));
      expectSameCells(await read(syn), got);
    }
    // another dimension still is refused: 万美元 (above), % for 亿元 (above), 亿元 for a count of firms
    const money = await run(['compute', tempFile('firms-money.csv', [head!.replace('firms', '小微企业总数（亿元）'), ...rest].join('\n'))]);
    expect(money.code).toBe(2);
  });

  it('a units row of scales the unit table knows (百万元, 千人) is a units row, converted', async () => {
    const { header, rows } = synthetic();
    const j = header.indexOf('revenue');
    const unitsRow = header.map((_, i) => (i === j ? '百万元' : ''));
    const text = [header, unitsRow, ...rows.map((r) => r.map((v, i) => (i === j ? String(Number(`${v}e2`)) : v)))].map((r) => r.join(',')).join('\n');
    const got = await read(tempFile('million.csv', `${text}\n`));
    expectSameCells(await read(fixture('zhejiang-synthetic.csv')), got);
    expect(got.notes.some((n) => n.code === 'unit-converted')).toBe(true);
  });

  it('a note in brackets that is no unit (小微企业总数（含个体户）, 营业收入总额（年报）) reads as before, not refused', async () => {
    const syn = fixture('zhejiang-synthetic.csv');
    const [head, ...rest] = readFileSync(syn, 'utf8').split('\n');
    const noted = head!.replace('firms', '小微企业总数（含个体户）').replace('revenue', '营业收入总额（年报）');
    expect(noted).not.toBe(head);
    const got = await read(tempFile('noted.csv', [noted, ...rest].join('\n')));
    expectSameCells(await read(syn), got);
    expect(got.notes.some((n) => n.code === 'unit-converted')).toBe(false);
    // the framework's units stay the data's: reports quote 家 and 亿元, and 浙江省 is still found a totals row by its counts
    expect([got.observations.dataUnits[FW.byId.get('firms')!], got.observations.dataUnits[REVENUE]]).toEqual(['', '']);
  });
});

describe('English units (COINr frameworks: USD Bn, Thousands)', () => {
  it('a scale word and what is counted, in either order; one scale of the same thing converts, another thing does not', () => {
    expect(englishUnit('USD Bn')).toEqual({ base: 'usd', exp: 9 });
    expect(englishUnit('bn USD')).toEqual({ base: 'usd', exp: 9 });
    expect(englishUnit('Thousands')).toEqual({ base: '', exp: 3 });
    expect(englishUnit('million bn')).toBeUndefined();
    expect(englishUnit('万元')).toBeUndefined();
    expect(unitScale('USD Mn', 'USD Bn')).toBe(-3);
    expect(unitScale('USD', 'USD Bn')).toBe(-9);
    expect(unitScale('Millions', 'Thousands')).toBe(3);
    expect(unitScale('Thousand square km', 'square km')).toBe(3);
    expect(unitScale('USD Bn', 'EUR Bn')).toBeUndefined();
    expect(unitScale('Thousands', 'thousand people')).toBeUndefined();
    expect(unitScale('万元', 'USD Bn')).toBeUndefined();
    expect(unitScale('%', 'USD Bn')).toBeUndefined();
  });
});

describe('a denominator column with its unit in the header (COINr ASEM: GDP in USD Bn)', () => {
  const META = fixture('coinr-asem/ASEM_iMeta.csv');
  const DATA = fixture('coinr-asem/ASEM_iData.csv');
  const ARGS = ['--framework', META, '--denominate', '--impute', 'group-mean:EurAsia_group', '--normalise', 'none', '--format', 'json'];
  /** ASEM's data with the GDP column headed `header` and its values times 10^k. */
  const gdpIn = (header: string, k: number): string => {
    const [head, ...rows] = readFileSync(DATA, 'utf8').trimEnd().split('\n');
    const cols = head!.split(',');
    const j = cols.indexOf('"GDP"');
    const out = rows.map((r) => r.split(',').map((v, i) => (i === j && v !== '' && v !== 'NA' ? times(v, k) : v)).join(','));
    return `${cols.map((c, i) => (i === j ? `"${header}"` : c)).join(',')}\n${out.join('\n')}\n`;
  };
  const noted = (json: string): { notes: { code: string }[] } => JSON.parse(json) as { notes: { code: string }[] };

  it('GDP (USD Bn), the framework\'s unit: the same JSON as a header of GDP alone (it was refused as no node, with a did-you-mean of FDI)', async () => {
    const plain = await run(['compute', DATA, ...ARGS]);
    const given = await run(['compute', tempFile('bn.csv', gdpIn('GDP (USD Bn)', 0)), ...ARGS]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toBe(plain.stdout);
  });

  it('GDP (USD Mn) with the values in millions: converted exactly, every value as in billions, and a note with the factor', async () => {
    const plain = noted((await run(['compute', DATA, ...ARGS])).stdout);
    const r = await run(['compute', tempFile('mn.csv', gdpIn('GDP (USD Mn)', 3)), ...ARGS]);
    expect(r.code, r.stderr).toBe(0);
    const got = noted(r.stdout);
    const converted = got.notes.filter((n) => n.code === 'unit-converted');
    expect(converted).toEqual([expect.objectContaining({ column: 'GDP (USD Mn)', from: 'USD Mn', to: 'USD Bn', factor: 0.001 })]);
    expect({ ...got, notes: got.notes.filter((n) => n.code !== 'unit-converted') }).toEqual(plain);
  });

  it('a denominator in 万元 for the framework\'s 亿元 converts; in % it is refused, naming the cell and both units', async () => {
    const fw = tempFile('fw.json', JSON.stringify({
      name: 'per-gdp', baseYear: 2017,
      denominators: [{ id: 'gdp', zh: '地区生产总值', unit: '亿元' }],
      nodes: [{ id: 'index', zh: '指数' }, { id: 'revenue', zh: '营业收入', parent: 'index', weight: 1, unit: '亿元', denominator: 'gdp' }],
    }));
    const args = ['--framework', fw, '--denominate', '--format', 'json'];
    const yi = await run(['compute', tempFile('yi.csv', '地区,年份,营业收入,地区生产总值（亿元）\n甲,2017,10,200\n甲,2018,12,250\n乙,2017,5,100\n乙,2018,6,110\n'), ...args]);
    const wan = await run(['compute', tempFile('wan.csv', '地区,年份,营业收入,地区生产总值（万元）\n甲,2017,10,2000000\n甲,2018,12,2500000\n乙,2017,5,1000000\n乙,2018,6,1100000\n'), ...args]);
    expect(yi.code, yi.stderr).toBe(0);
    expect(wan.code, wan.stderr).toBe(0);
    const strip = (j: string): unknown => ({ ...noted(j), notes: noted(j).notes.filter((n) => n.code !== 'unit-converted') });
    expect(strip(wan.stdout)).toEqual(strip(yi.stdout));
    expect(noted(wan.stdout).notes).toContainEqual(expect.objectContaining({ code: 'unit-converted', from: '万元', to: '亿元', factor: 0.0001 }));
    const pct = await run(['compute', tempFile('pct.csv', '地区,年份,营业收入,地区生产总值（%）\n甲,2017,10,2\n甲,2018,12,2\n'), ...args]);
    expect(pct.code).toBe(2);
    expect(pct.stdout).toBe('');
    expect(pct.stderr).toContain('pct.csv:1:4');
    expect(pct.stderr).toMatch(/%.*亿元/);
  });

  it('a unit in Latin letters smei cannot relate to the framework\'s (current USD for USD Bn) reads as before, with a note asking for a check', async () => {
    const r = await run(['compute', tempFile('cur.csv', gdpIn('GDP (current USD)', 0)), ...ARGS]);
    expect(r.code, r.stderr).toBe(0);
    const note = noted(r.stdout).notes.find((n) => n.code === 'unit-unchecked');
    expect(note).toEqual(expect.objectContaining({ column: 'GDP (current USD)', from: 'current USD', to: 'USD Bn' }));
    const table = await run(['compute', tempFile('cur.csv', gdpIn('GDP (current USD)', 0)), ...ARGS.slice(0, -2)]);
    expect(table.stderr).toContain('说明: GDP (current USD)的单位“current USD”与框架的“USD Bn”不同，smei 无法换算，已按USD Bn读取：请核对该列的数值。');
  });
});

describe('counts, from the one unit table', () => {
  it('a count is never negative on a form, and a report writes a large count in 万 or 亿 of its own unit', () => {
    for (const u of ['家', '户', '个', '人', '名', '人次', '件', '项', '次', '万人', '万户', '千人', '万件']) expect(isCount(u), u).toBe(true);
    for (const u of ['亿元', '%', '吨', '分', '']) expect(isCount(u), u).toBe(false);
    expect(['家', '人次', '万人'].map(isCountBase)).toEqual([true, true, false]);
    const node = (unit: string): Parameters<typeof inputRange>[0] => ({ ...FW.nodes[REVENUE]!, unit, min: undefined, max: undefined, negative: false });
    expect(inputRange(node('万件'))).toEqual({ lower: 0 });
    expect(inputRange(node('亿元'))).toEqual({});
    expect(inputRange(node('%'))).toEqual({ lower: 0, upper: 100 });
    expect(rawValue(2382345, '家', 'zh', 2)).toBe('238.23万家');
    expect(rawValue(123456, '人次', 'zh', 2)).toBe('12.35万人次');
    expect(rawValue(123456, '万人', 'zh', 2)).toBe('123456万人');
    // under one of a unit in 亿 or 万: in the unit 10,000 times smaller (the county trial: 718万元 quoted as 0.07亿元)
    expect(rawValue(0.0718, '亿元', 'zh', 2)).toBe('718万元');
    expect(rawValue(0.07183, '亿元', 'zh', 2)).toBe('718.3万元');
    expect(rawValue(0.45772, '万人', 'zh', 2)).toBe('4577.2人');
    expect(rawValue(0.5, '万元', 'zh', 2)).toBe('5000元');
    expect(rawValue(1.5, '亿元', 'zh', 2)).toBe('1.5亿元');
    // rounded, three significant digits at least
    expect(rawValue(0.0123456, '%', 'zh', 2)).toBe('0.0123%');
    expect(rawValue(12.345678, '%', 'zh', 2)).toBe('12.35%');
  });
});
