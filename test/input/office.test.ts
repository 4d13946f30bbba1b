// Data as offices have it (issue 13): printed layouts in CSV and workbooks read
// without options, number for number equal to the clean fixture; every refusal
// a clear message naming file, sheet and cell.
import { writeFileSync } from 'node:fs';
import { dirname as dirOf, join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { fixture, run, tempDir, tempFile } from '../helpers.js';
import { nbsExport, officeSheet, toCsv, toGb18030, toWorkbook, yearsAsColumns } from '../office-files.js';

const SYN = fixture('zhejiang-synthetic.csv');

interface Row { unit: string; year: number; node: string; value: number | null; rank: number | null }

/** compute --format json, as rows by unit|year|node, and the notes and warnings. */
async function computeJson(path: string, args: string[] = [], cwd?: string, bytes?: Uint8Array): Promise<{ rows: Map<string, Row>; notes: { code: string; message: string }[]; warnings: { code: string; message: string }[]; stderr: string }> {
  if (bytes !== undefined) tempFile(path, bytes, cwd);
  const r = await run(['compute', path, '--format', 'json', ...args], cwd === undefined ? {} : { cwd });
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { rows: Row[]; notes: { code: string; message: string }[]; warnings: { code: string; message: string }[] };
  return { rows: new Map(doc.rows.map((x) => [`${x.unit}|${x.year}|${x.node}`, x])), notes: doc.notes, warnings: doc.warnings, stderr: r.stderr };
}

/** Asserts two computations agree on every value (1e-9 relative) and rank. */
function expectSameIndex(a: Map<string, Row>, b: Map<string, Row>, nodes?: string[]): void {
  const keys = [...a.keys()].filter((k) => nodes === undefined || nodes.includes(k.split('|')[2]!));
  expect(keys.length).toBeGreaterThan(0);
  for (const k of keys) {
    const x = a.get(k)!;
    const y = b.get(k);
    expect(y, k).toBeDefined();
    if (x.value === null) expect(y!.value, k).toBeNull();
    else expect(Math.abs(y!.value! - x.value) / Math.abs(x.value), k).toBeLessThan(1e-9);
    expect(y!.rank, k).toBe(x.rank);
  }
}

describe('printed layouts read without options', async () => {
  const clean = await computeJson(SYN);

  it('the clean fixture ranks 浙江省 as an aggregate on its own (the framework names it)', () => {
    expect(clean.rows.get('浙江省|2018|index')!.rank).toBeNull();
    expect(clean.rows.get('金华市|2018|index')!.rank).toBe(1);
    expect(clean.notes.map((n) => n.code)).toEqual(['auto-aggregate']);
  });

  it('a CSV saved from a printed sheet (UTF-8 and GB18030) gives the same numbers, ranks and aggregates', async () => {
    const csv = toCsv(officeSheet());
    for (const [name, bytes] of [['office.csv', Buffer.from(csv, 'utf8')], ['office-gb.csv', toGb18030(csv)]] as const) {
      const office = await computeJson(tempFile(name, bytes));
      expectSameIndex(clean.rows, office.rows);
      expect(office.rows.size).toBe(clean.rows.size);
      const codes = office.notes.map((n) => n.code);
      expect(codes).toEqual(['header-row', 'header-units', 'units-row', 'ignored-columns', 'note-rows', 'fill-down', 'auto-aggregate']);
      expect(office.notes.find((n) => n.code === 'fill-down')!.message).toBe('48 empty cell(s) in column "地 区" filled down from above (merged cells).');
      expect(office.notes.find((n) => n.code === 'header-row')!.message).toBe('the header is on row 3; 2 title row(s) above it skipped.');
    }
  });

  it('the same sheet as .xlsx and .xls, shares stored as percentages, gives the same numbers', async () => {
    const dir = tempDir();
    for (const [name, type] of [['office.xlsx', 'xlsx'], ['office.xls', 'biff8']] as const) {
      const path = join(dir, name);
      writeFileSync(path, toWorkbook({ 封面: [['模拟数据']], 数据: officeSheet({ percent: true }) }, type));
      const office = await computeJson(path);
      expectSameIndex(clean.rows, office.rows);
      expect(office.notes[0]!.message).toBe('read sheet "数据".');
    }
  });

  it('a workbook is known by its content, not its name', async () => {
    const path = tempFile('data.csv', toWorkbook({ S: officeSheet() }));
    expectSameIndex(clean.rows, (await computeJson(path)).rows);
  });

  it('years as columns, with an indicator column', async () => {
    const office = await computeJson(tempFile('years.csv', yearsAsColumns().map((r) => r.join(',')).join('\n')));
    expectSameIndex(clean.rows, office.rows);
  });

  it("the National Bureau of Statistics portal's export reads as it is (指标 row names the node, years newest first)", async () => {
    const nbs = nbsExport('firms', '小微企业总数', '家');
    const office = await computeJson(tempFile('nbs.csv', nbs.map((r) => r.join(',')).join('\n')));
    expectSameIndex(clean.rows, office.rows, ['firms']);
    expect(office.notes.map((n) => n.code)).toContain('years-as-columns');
    // and as a workbook, and with --indicator when there is no 指标 row
    const xlsx = tempFile('nbs.xlsx', toWorkbook({ sheet1: nbs }));
    expectSameIndex(clean.rows, (await computeJson(xlsx)).rows, ['firms']);
    const bare = tempFile('bare.csv', nbs.filter((r) => !r[0]!.startsWith('指标')).map((r) => r.join(',')).join('\n'));
    expectSameIndex(clean.rows, (await computeJson(bare, ['--indicator', 'firms'])).rows, ['firms']);
    const refused = await run(['compute', bare, '--lang', 'en']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the columns are years (2018, 2017, 2016, 2015, 2014) but nothing says which indicator the values are. Give --indicator ID');
  });

  it('a portal\'s two-row header (modules merged over their indicators, 地区 and 年份 merged down) reads as one header, with a note', async () => {
    const { header, rows } = await import('../office-files.js').then((m) => m.synthetic());
    const { BUILT_IN } = await import('../../src/input/framework.js');
    const fw = BUILT_IN.zhejiang!();
    const leaves = header.slice(2);
    const moduleOf = (id: string): string => fw.nodes[fw.nodes[fw.byId.get(id)!]!.parent]!.zh;
    const top: (string | number)[] = ['地区', '年份', ...leaves.map((id, i) => (i === 0 || moduleOf(leaves[i - 1]!) !== moduleOf(id) ? moduleOf(id) : ''))];
    const lower: (string | number)[] = ['', '', ...leaves.map((id) => fw.nodes[fw.byId.get(id)!]!.zh)];
    const ws = XLSX.utils.aoa_to_sheet([['浙江省各市小微企业主要指标'], top, lower, ...rows.map((r) => [r[0]!, Number(r[1]), ...r.slice(2).map(Number)])]);
    // the merges a portal's export carries: 地区 and 年份 down two rows, each module across its indicators
    const merges = [XLSX.utils.decode_range('A2:A3'), XLSX.utils.decode_range('B2:B3')];
    for (let c = 2; c < top.length; ) {
      let end = c;
      while (end + 1 < top.length && top[end + 1] === '') end++;
      merges.push({ s: { r: 1, c }, e: { r: 1, c: end } });
      c = end + 1;
    }
    ws['!merges'] = merges;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '2018年');
    const got = await computeJson('portal.xlsx', [], tempDir(), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expectSameIndex((await computeJson(SYN)).rows, got.rows);
    expect(got.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['two-row-header', 'header-row']));
    // the header is rows 2-3 with one title row above it (not "row 3, 2 title rows")
    expect(got.notes.find((n) => n.code === 'header-row')).toMatchObject({ line: '2-3', skipped: 1 });
    expect(got.stderr).toBe('');
  });

  it('a portal\'s quarters as columns (2020年第四季度 or 2020Q4, newest first) read as quarters; years and quarters in one header are refused', async () => {
    const head = ['地区', '2019年第二季度', '2019年第一季度'];
    const body = [['杭州市', 12.5, 11], ['宁波市', 9.25, 8]];
    const text = (h: string[]): string => [['指标：营业收入总额(亿元)'], h, ...body].map((r) => r.join(',')).join('\n');
    for (const h of [head, ['地区', '2019Q2', '2019Q1']]) {
      const r = await run(['data', tempFile('quarters.csv', text(h))]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim().split(/\r?\n/).slice(1).sort()).toEqual(['宁波市,2019Q1,revenue,8', '宁波市,2019Q2,revenue,9.25', '杭州市,2019Q1,revenue,11', '杭州市,2019Q2,revenue,12.5']);
      expect(r.stderr).toContain('各列为时期（2019Q2, 2019Q1），指标为revenue。');
    }
    const mixed = await run(['data', tempFile('mixed.csv', text(['地区', '2019年', '2019年第一季度']))]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/mixed\.csv:2:3.*2019年第一季度/);
  });

  it('a portal\'s table of one period named only in its title reads as that period; a title of two periods is no period', async () => {
    const body = [['地区', '小微企业总数', '营业收入总额'], ['单位', '家', '亿元'], ['杭州市', 330000, 12567.89], ['宁波市', 280000, 9876.5]];
    for (const [title, period] of [['浙江省各市小微企业主要指标（2019年第二季度）', '2019Q2'], ['浙江省各市小微企业主要指标（2018年）', '2018']] as const) {
      const r = await run(['data', tempFile('portal.xlsx', toWorkbook({ 表1: [[title], ...body] }))]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim().split(/\r?\n/).slice(1).sort()).toEqual([`宁波市,${period},firms,280000`, `宁波市,${period},revenue,9876.5`, `杭州市,${period},firms,330000`, `杭州市,${period},revenue,12567.89`]);
      expect(r.stderr).toContain(`说明: 表中没有时期列：全部数据按标题所写的时期（${period === '2018' ? '2018年' : '2019年第二季度'}）读取。`);
    }
    const two = await run(['data', tempFile('two.csv', [['浙江省各市小微企业主要指标（2017-2018年）'], ...body].map((r) => r.join(',')).join('\n'))]);
    expect(two.code).toBe(2);
  });

  it('more unit headers, --unit-column, --header-row and --ignore-column', async () => {
    for (const h of ['县（市、区）', '县(市、区)', '区县', '地区名称', '单位名称']) {
      const office = await computeJson(tempFile('u.csv', toCsv(officeSheet({ unitHeader: h }))));
      expectSameIndex(clean.rows, office.rows);
    }
    const odd = await computeJson(tempFile('odd.csv', toCsv(officeSheet({ unitHeader: '乡镇街道' }))), ['--unit-column', '乡镇街道', '--header-row', '3']);
    expectSameIndex(clean.rows, odd.rows);
    const extra = toCsv(officeSheet()).replace('备注', 'zzz得分').replace(',模拟数据', ',7');
    const listed = await run(['compute', tempFile('extra.csv', extra)]);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('列"zzz得分"不是框架zhejiang中的指标');
    expectSameIndex(clean.rows, (await computeJson(tempFile('extra.csv', extra), ['--ignore-column', 'zzz得分'])).rows);
  });

  it('totals rows are aggregates by name; --no-auto-aggregate ranks them; --aggregate-unit adds more', async () => {
    const text = toCsv(officeSheet()).replaceAll('浙江省,', '合计,');
    const totals = await computeJson(tempFile('totals.csv', text));
    expect(totals.rows.get('合计|2018|index')!.rank).toBeNull();
    expect(totals.rows.get('金华市|2018|index')!.rank).toBe(1);
    const ranked = await computeJson(tempFile('totals.csv', text), ['--no-auto-aggregate']);
    expect(ranked.rows.get('合计|2018|index')!.rank).toBe(6); // 127.37, after 金华 台州 杭州 舟山 温州
    const more = await computeJson(SYN, ['--aggregate-unit', '杭州市']);
    expect(more.rows.get('杭州市|2018|index')!.rank).toBeNull();
    // the README's own example does not rank 浙江省 among the cities
    const competitiveness = await run(['compute', SYN, '--node', 'competitiveness', '--lang', 'en']);
    expect(competitiveness.stdout).toMatch(/│\s+— │ 浙江省 │/);
  });
});

describe('the office workbook fixture', async () => {
  const clean = await computeJson(SYN);

  it('fixtures/zhejiang-office.xlsx (cover sheet, merged names, 全省合计 row, units row, notes) equals the clean fixture', async () => {
    const office = await computeJson(fixture('zhejiang-office.xlsx'));
    for (const [k, row] of clean.rows) {
      const key = k.startsWith('浙江省|') ? k.replace('浙江省|', '全省合计|') : k;
      const other = office.rows.get(key)!;
      expect(Math.abs(other.value! - row.value!) / row.value!, k).toBeLessThan(1e-9);
      expect(other.rank, k).toBe(row.rank);
    }
  });

  it("a report quotes raw values with the data's own units when the framework has none", async () => {
    const spec = JSON.parse((await run(['framework'])).stdout) as { nodes: Record<string, unknown>[] };
    for (const n of spec.nodes) {
      delete n.unit;
      delete n.unitEn;
    }
    const dir = tempDir();
    const fw = tempFile('plain.json', JSON.stringify(spec), dir);
    const r = await run(['report', fixture('zhejiang-office.xlsx'), '--framework', fw, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- 小微企业总数：149.87点，同比增长10.66%；实际值238.24万家');
    expect(r.stdout).toContain('- 科技投入占比：142.99点，同比增长9.34%；实际值3.16%');
  });
});

describe('merged cells in a long file', () => {
  it('empty unit and year cells are filled down from above, with one note each', async () => {
    const csv = 'unit,year,indicator,value\nA,2014,firms,10\n,,revenue,20\n,2015,firms,11\n,,revenue,22\nB,2014,firms,5\n,,revenue,6\n,2015,firms,6\n,,revenue,7\n';
    const r = await computeJson(tempFile('long.csv', csv));
    const flat = await computeJson(tempFile('flat.csv', 'unit,year,indicator,value\nA,2014,firms,10\nA,2014,revenue,20\nA,2015,firms,11\nA,2015,revenue,22\nB,2014,firms,5\nB,2014,revenue,6\nB,2015,firms,6\nB,2015,revenue,7\n'));
    expectSameIndex(flat.rows, r.rows);
    expect(r.notes.map((n) => n.message)).toEqual(['6 empty cell(s) in column "unit" filled down from above (merged cells).', '4 empty cell(s) in column "year" filled down from above (merged cells).']);
  });
});

describe('cells that need a word', () => {
  it('error cells (#DIV/0!, #N/A...) are missing values with a warning naming the cell, in CSV and workbooks', async () => {
    const csv = 'unit,year,firms,revenue\nA,2014,10,20\nA,2015,#DIV/0!,22\nB,2014,5,#REF!\nB,2015,6,7\n';
    // a required indicator left as an error is missing: compute refuses until told --no-review, naming the cell
    const refused = await run(['compute', 'e.csv'], { cwd: dirOf(tempFile('e.csv', csv)) });
    expect(refused.code).toBe(2);
    // (the cell's error said, not 未填报: the county trial)
    expect(refused.stderr).toContain('A2015年，小微企业总数为 #DIV/0!：公式出错，按未填报处理；请填入数值（必填指标）（e.csv:3:3）');
    const r = await computeJson(tempFile('e.csv', csv), ['--no-review']);
    expect(r.rows.get('A|2015|firms')!.value).toBeNull();
    expect(r.warnings.filter((w) => w.code === 'error-cell').map((w) => w.message)).toEqual([
      expect.stringMatching(/^A, 2015, Number of small and micro enterprises: the cell .*e\.csv:3:3 holds the error #DIV\/0!; read as missing\.$/),
      expect.stringMatching(/^B, 2014, Total operating revenue: the cell .*e\.csv:4:4 holds the error #REF!; read as missing\.$/),
    ]);
    const wb = toWorkbook({ S: [['unit', 'year', 'firms'], ['A', 2014, 10], ['A', 2015, 11]] }, 'xlsx', { S: { C3: { t: 'e', v: 0x07 } } });
    const w = await computeJson('e.xlsx', ['--no-review'], tempDir(), wb);
    expect(w.warnings.find((x) => x.code === 'error-cell')!.message).toBe('A, 2015, Number of small and micro enterprises: the cell e.xlsx, sheet S, C3 holds the error #DIV/0!; read as missing.');
  });

  it('mixed scales in one indicator are a warning naming both cells, never a silent 100-fold jump', async () => {
    const csv = 'unit,year,new_product_share\nA,2014,13.1%\nA,2015,0.125\nB,2014,12%\nB,2015,13%\n';
    // the review's scale rule stops compute at the fraction (issue 21); with it relaxed the reader's warning remains
    const refused = await run(['compute', 'm.csv'], { cwd: dirOf(tempFile('m.csv', csv)) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('A2015年，新产品产值占比为0.125%（m.csv:3:3），上年为13.1%，仅为上年的1/105：可能把百分数填成了小数（0.125应为12.5）');
    const r = await computeJson(tempFile('m.csv', csv), ['--level', 'scale=warning']);
    const w = r.warnings.find((x) => x.code === 'mixed-scale')!;
    expect(w.message).toMatch(/^Share of new-product output value: some cells are written as percentages \(.*m\.csv:2:3\) and others as plain numbers or fractions \(.*m\.csv:3:3\)/);
    // a cell shown as 13.1% reads 13.1 (from its value, 0.131); a plain 0.125 beside it is 100 times off
    const wb = toWorkbook({ S: [['unit', 'year', 'new_product_share'], ['A', 2014, { pct: 0.131 }], ['A', 2015, 0.125], ['B', 2014, { pct: 0.12 }], ['B', 2015, { pct: 0.126 }]] });
    const x = await computeJson('m.xlsx', ['--level', 'scale=warning'], tempDir(), wb);
    expect(x.warnings.find((y) => y.code === 'mixed-scale')!.message).toContain('(m.xlsx, sheet S, C2) and others as plain numbers or fractions (m.xlsx, sheet S, C3)');
    expect(x.rows.get('B|2015|new_product_share')!.value).toBeCloseTo(105, 10);
    const same = toWorkbook({ S: [['unit', 'year', 'new_product_share'], ['A', 2014, { pct: 0.131 }], ['A', 2015, 13.5]] });
    const y = await computeJson('s.xlsx', [], tempDir(), same);
    expect(y.warnings.filter((w) => w.code === 'mixed-scale')).toEqual([]);
    expect(y.rows.get('A|2015|new_product_share')!.value).toBeCloseTo((100 * 13.5) / 13.1, 10);
  });
});

describe('workbook refusals: a clear message, exit 2, no stack trace', () => {
  const refuse = async (name: string, bytes: Uint8Array | string, args: string[] = []): Promise<string> => {
    const dir = tempDir();
    tempFile(name, bytes, dir);
    const r = await run(['compute', name, ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    return r.stderr;
  };

  it('no sheet fits: the sheets are listed with what each looked like', async () => {
    expect(await refuse('none.xlsx', toWorkbook({ 封面: [['2018年报表']], 空表: [] }))).toBe('smei: none.xlsx：没有一个工作表的表头能被 smei 识别（前 20 行中应有地区列如“地区”“乡镇（街道）”和年份列如“年份”，或以年份为列如“2016年”）。工作表："封面"（第一行：2018年报表）；"空表"（空表）。请用 --sheet NAME 和 --header-row N 指定；地区名称所在列的列名另有叫法（如“村社”“园区”）时，用 --unit-column 列名 指定。\n');
    const msg = await refuse('none.xlsx', toWorkbook({ 封面: [['2018年报表']], 空表: [] }), ['--lang', 'en']);
    expect(msg).toBe('smei: none.xlsx: no sheet has a header smei recognises (a unit column such as 地区 and a year column such as 年份, or years as columns such as 2016年, in its first 20 rows). Sheets: "封面" (first row: 2018年报表); "空表" (empty). Pick one with --sheet NAME and --header-row N; if the column of unit names has another header (村社, 园区), name it with --unit-column NAME.\n');
  });

  it('--sheet picks a sheet by name or number; an unknown one lists them', async () => {
    const bytes = toWorkbook({ 说明: [['x']], 数据: officeSheet() });
    const path = tempFile('two.xlsx', bytes);
    expect((await run(['compute', path, '--sheet', '2', '--format', 'json'])).code).toBe(0);
    expect((await run(['compute', path, '--sheet', '数据', '--format', 'json'])).code).toBe(0);
    expect(await refuse('two.xlsx', bytes, ['--sheet', '2019', '--lang', 'en'])).toBe('smei: --sheet "2019": two.xlsx has no such sheet. Its sheets: 1 "说明", 2 "数据".\n');
    expect(await refuse('two.xlsx', bytes, ['--sheet', '1'])).toContain('two.xlsx, sheet 说明, row 1：没有地区列');
  });

  it('a formula without a saved value names the cell', async () => {
    const bytes = toWorkbook({ 2018: [['地区', '年份', 'firms'], ['A', 2014, 10], ['A', 2015, 11]] }, 'xlsx', { 2018: { C3: { t: 'n', f: 'C2*1.1' } as XLSX.CellObject } });
    expect(await refuse('f.xlsx', bytes)).toBe('smei: f.xlsx, sheet 2018, C3：公式（=C2*1.1）没有保存计算结果。请在 Excel 或 WPS 中打开工作簿，让它计算后重新保存（或粘贴为数值）。\n');
    expect(await refuse('f.xlsx', bytes, ['--lang', 'en'])).toBe('smei: f.xlsx, sheet 2018, C3: a formula (=C2*1.1) without a saved value. Open the workbook in Excel or WPS, let it calculate, and save it again (or paste the values).\n');
  });

  it('numeric columns that name no node are listed together, each with a near name only when plausible', async () => {
    const bytes = toWorkbook({ S: [['地区', '年份', 'firm', '营业收入', 'qqqqqq', '备注'], ['A', 2014, 1, 2, 3, 'x'], ['A', 2015, 1, 2, 3, 'y']] });
    expect(await refuse('u.xlsx', bytes, ['--lang', 'en'])).toBe('smei: u.xlsx, sheet S, row 1: 3 columns hold numbers but name no node of framework zhejiang: C "firm" (did you mean "firms"?), D "营业收入" (did you mean "营业收入总额"?), E "qqqqqq". Rename each to a node id or label (`smei framework` lists them), skip it with --ignore-column NAME, or remove it.\n');
    expect(await refuse('u.xlsx', bytes)).toBe('smei: u.xlsx, sheet S, row 1：有3列是数字，但都不是框架zhejiang中的指标：C "firm"（是否指“firms”）、D "营业收入"（是否指“营业收入总额”）、E "qqqqqq"。请逐一改为指标代码或名称（smei framework 列出全部指标），或用 --ignore-column 列名 跳过，或删除。\n');
  });

  it('an encrypted workbook, a file that is not one, and a damaged one', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(64, 7));
    expect(await refuse('secret.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer)).toBe('smei: secret.xlsx：工作簿已加密（有密码保护）。请在 Excel 或 WPS 中打开，去掉密码（文件 > 信息 > 保护工作簿），然后重新保存。\n');
    expect(await refuse('secret.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer, ['--lang', 'en'])).toBe('smei: secret.xlsx: the workbook is encrypted (password-protected). Open it in Excel or WPS, remove the password (File > Info > Protect Workbook), and save it again.\n');
    expect(await refuse('text.xlsx', 'unit,year,firms\nA,2014,1\n', ['--lang', 'en'])).toBe('smei: text.xlsx: not a workbook (it does not start as an .xlsx or .xls file does). If it is CSV text, rename it to .csv; if it came from Excel, open it there and save it again as .xlsx.\n');
    expect(await refuse('broken.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]), ['--lang', 'en'])).toBe('smei: broken.xlsx: cannot be read as a workbook: it has no ZIP end record: the file is cut short (truncated) or is not a ZIP archive. Open it in Excel or WPS and save it again as .xlsx (or ask for the file again).\n');
  });

  it('a bad value in a workbook names the sheet and cell', async () => {
    const bytes = toWorkbook({ 数据: [['地区', '年份', 'firms'], ['A', 2014, 10], ['A', 2015, 'abc']] });
    expect(await refuse('v.xlsx', bytes)).toBe('smei: v.xlsx, sheet 数据, C3 (firms)："abc"不是数字。请填写普通数字，如 1234.5（1,234.5 和全角数字也可以）；缺失值请留空或写 NA。\n');
    const dup = toWorkbook({ 数据: [['地区', '年份', 'firms'], ['A', 2014, 10], ['A', 2014, 11]] });
    expect(await refuse('d.xlsx', dup)).toBe('smei: d.xlsx, sheet 数据, row 3："A"2014年的"小微企业总数"出现两次且数值不同：第2行与第3行。请保留正确的一个。\n');
    expect(await refuse('d.xlsx', dup, ['--lang', 'en'])).toBe('smei: d.xlsx, sheet 数据, row 3: "A", 2014, "Number of small and micro enterprises" is given twice, differently: rows 2 and 3. Keep the right one of the two values.\n');
  });
});

describe('what clerks leave in a table (a trial round, 湖州市 2024)', () => {
  const csv = (lines: string[]): string => `${['地区,年份,小微企业总数,营业收入总额', '吴兴区,2023,100,10', '南浔区,2023,90,9', '吴兴区,2024,110,11', '南浔区,2024,95,9.5', ...lines].join('\n')}\n`;
  const base = computeJson('base.csv', ['--base-year', '2023'], tempDir(), Buffer.from(csv([])));

  it('a row pasted twice is counted once, with a note naming both lines; the same row with another value is refused', async () => {
    const dir = tempDir();
    const twice = await computeJson('twice.csv', ['--base-year', '2023', '--lang', 'en'], dir, Buffer.from(csv(['南浔区,2024,95,9.5'])));
    expectSameIndex((await base).rows, twice.rows);
    expect(twice.notes.find((n) => n.code === 'identical-duplicates')!.message).toBe('2 identical duplicate value(s) counted once (e.g. 南浔区, 2024, Number of small and micro enterprises: in both twice.csv:5 and twice.csv:6).');
  });

  it('signature lines, a sentence and 以上… under the table are notes, not units', async () => {
    const dir = tempDir();
    for (const tail of [['填表人：张三,,联系电话：0572-1234567,'], ['填报单位：湖州市市场监管局,填报人：李四,审核人：王五,'], ['"以上数据为快报数，仅供参考"'], ['"数据由各区县市场监管局报送，经市局汇总。"']]) {
      const r = await computeJson('tail.csv', ['--base-year', '2023'], dir, Buffer.from(csv(tail)));
      expectSameIndex((await base).rows, r.rows);
      expect([...r.rows.keys()].map((k) => k.split('|')[0]).filter((u) => u !== '吴兴区' && u !== '南浔区'), tail[0]).toEqual([]);
      expect(r.notes.map((n) => n.code), tail[0]).toContain('note-rows');
    }
  });
});

describe('a workbook of several sheets of data (a trial round: 2023上半年 and 2023下半年)', () => {
  const head = ['地区', '时期', '小微企业总数', '营业收入总额'];
  it('reads and merges every sheet with a header, says so, and skips a sheet of another frequency naming --sheet', async () => {
    const dir = tempDir();
    const halves = toWorkbook({ '2023上半年': [head, ['吴兴区', '2023H1', 100, 10], ['南浔区', '2023H1', 90, 9]], '2023下半年': [head, ['吴兴区', '2023H2', 105, 10.5], ['南浔区', '2023H2', 92, 9.1]], 说明: [['本表数据来源：市场监管局']] });
    tempFile('halves.xlsx', halves, dir);
    const r = await run(['data', 'halves.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('unit,period,indicator,value\r\n吴兴区,2023H1,firms,100\r\n吴兴区,2023H1,revenue,10\r\n吴兴区,2023H2,firms,105\r\n吴兴区,2023H2,revenue,10.5\r\n南浔区,2023H1,firms,90\r\n南浔区,2023H1,revenue,9\r\n南浔区,2023H2,firms,92\r\n南浔区,2023H2,revenue,9.1\r\n');
    expect(r.stderr).toBe('note: 2 sheets read and merged: "2023上半年", "2023下半年".\n');
    const mixed = toWorkbook({ '2023上半年': [head, ['吴兴区', '2023H1', 100, 10]], 全年: [['地区', '年份', '小微企业总数', '营业收入总额'], ['吴兴区', '2023', 205, 20.5]] });
    tempFile('mixed.xlsx', mixed, dir);
    const m = await run(['data', 'mixed.xlsx'], { cwd: dir });
    expect(m.stdout).toBe('地区,时期,指标,数值\r\n吴兴区,2023H1,firms,100\r\n吴兴区,2023H1,revenue,10\r\n');
    expect(m.stderr).toBe('说明: 读取工作表“2023上半年”。\n说明: 工作表“全年”未读取：它是年度数据，而工作表“2023上半年”是半年度数据；要读它，请用 --sheet "全年"。\n');
  });

  it('many conflicts of one period between the same two sheets ask whether one names the wrong period (the county trial: a 2024年 sheet whose title still said 2023年 gave 216 conflicts and no cause)', async () => {
    const dir = tempDir();
    const head = ['地区', '小微企业总数', '营业收入总额', '就业人员总数'];
    const rows = (k: number): (string | number)[][] => [['吴兴区', 100 + k, 10 + k, 5 + k], ['南浔区', 90 + k, 9 + k, 4 + k]];
    tempFile('stale.xlsx', toWorkbook({ '2023年': [['吴兴区小微企业基础数据（2023年）'], head, ...rows(0)], '2024年': [['吴兴区小微企业基础数据（2023年）'], head, ...rows(1)] }), dir);
    const r = await run(['data', 'stale.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    // the cause first, and the sheet named as another period than its values'
    expect(r.stderr).toMatch(/^smei: 有6个数值在两个工作表中不一致。这6个都是2023年的数值，都在stale\.xlsx, sheet 2023年与stale\.xlsx, sheet 2024年之间：工作表“2024年”以另一时期命名，其数值却按2023年读取，是它的标题或时期列写错了吗？吴兴区2023年的/);
  });

  it('a sheet named as a period that cannot be read is refused, not left out (the county trial: 2024年\'s misnamed column silently ended the index in 2023); another sheet is skipped with a note', async () => {
    const dir = tempDir();
    const year = ['地区', '年份', '小微企业总数', '营业收入总额'];
    const odd = ['地区', '年份', '小微企业总数', '营业收入'];
    tempFile('years.xlsx', toWorkbook({ '2022年': [year, ['吴兴区', 2022, 100, 10], ['南浔区', 2022, 90, 9]], '2023年': [year, ['吴兴区', 2023, 105, 10.5], ['南浔区', 2023, 92, 9.1]], '2024年': [odd, ['吴兴区', 2024, 110, 11], ['南浔区', 2024, 95, 9.5]] }), dir);
    const r = await run(['data', 'years.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('smei: years.xlsx：以时期命名的工作表"2024年"无法与其他工作表一起读取，缺了它，指数就少了这一期：years.xlsx, sheet 2024年, D1：列"营业收入"不是框架zhejiang中的指标。是否指“营业收入总额”？请改为指标代码或名称（smei framework 列出全部指标），或用 --ignore-column 跳过此列，或删除此列。\n');
    // a summary sheet of its own columns beside them is no period of the data: skipped, and said so
    tempFile('summary.xlsx', toWorkbook({ '2022年': [year, ['吴兴区', 2022, 100, 10]], '2023年': [year, ['吴兴区', 2023, 105, 10.5]], 汇总: [['地区', '年份', '增幅'], ['吴兴区', 2023, 5]] }), dir);
    const sum = await run(['data', 'summary.xlsx'], { cwd: dir });
    expect(sum.code, sum.stderr).toBe(0);
    expect(sum.stderr).toContain('说明: 工作表“汇总”未读取：');
  });

  it('a portal\'s year-to-date sheets that begin with January alone (2023年1月, 2023年1-2月, …) are read together, January as 1-1月 (the monthly trial: the whole 累计 series was dropped)', async () => {
    const dir = tempDir();
    const sheets: Record<string, (string | number)[][]> = {};
    for (const year of [2023, 2024]) {
      sheets[`${year}年1月`] = [head, ['吴兴区', `${year}年1月`, 100, 10], ['南浔区', `${year}年1月`, 90, 9]];
      for (const m of [2, 3]) sheets[`${year}年1-${m}月`] = [head, ['吴兴区', `${year}年1-${m}月`, 100 + m, 10 * m], ['南浔区', `${year}年1-${m}月`, 90 + m, 9 * m]];
    }
    tempFile('ytd.xlsx', toWorkbook(sheets), dir);
    const r = await run(['data', 'ytd.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\r\n').filter((l) => l.startsWith('吴兴区,') && l.includes(',revenue,'))).toEqual(['吴兴区,2023M1-1,revenue,10', '吴兴区,2023M1-2,revenue,20', '吴兴区,2023M1-3,revenue,30', '吴兴区,2024M1-1,revenue,10', '吴兴区,2024M1-2,revenue,20', '吴兴区,2024M1-3,revenue,30']);
    expect(r.stderr).not.toContain('not read');
  });

  it('a sheet left out for its frequency that holds indicators no sheet read gives is refused, naming them (the monthly trial: 营业收入 累计 beside monthly counts, an index of 6 of 9 indicators)', async () => {
    const dir = tempDir();
    const firms = [['地区', '时期', '小微企业总数'], ['吴兴区', '2023年1月', 100], ['吴兴区', '2023年2月', 101]];
    const revenue = [['地区', '时期', '营业收入总额'], ['吴兴区', '2023年1-2月', 20], ['吴兴区', '2023年1-3月', 30]];
    tempFile('ind.xlsx', toWorkbook({ 小微企业总数: firms, 营业收入总额: revenue }), dir);
    const r = await run(['compute', 'ind.xlsx', '--base-year', '2023', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('smei: ind.xlsx: sheets of monthly data ("小微企业总数") are read, but other sheets hold indicators none of them gives, in another frequency: "营业收入总额" (cumulative (year to date): Total operating revenue).');
    // a sheet of another frequency whose indicators the read sheets give too is still only a note (a 全年 sheet beside half-years, above)
  });

  it('a cell two sheets give differently is refused naming both cells; the same value twice is counted once', async () => {
    const dir = tempDir();
    tempFile('c.xlsx', toWorkbook({ A: [head, ['吴兴区', '2023H1', 100, 10]], B: [head, ['吴兴区', '2023H1', 101, 10]] }), dir);
    const c = await run(['data', 'c.xlsx', '--lang', 'en'], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toBe('smei: 1 value given differently by two sheets: 吴兴区, 2023H1, firms: 100 (c.xlsx, sheet A, C2) and 101 (c.xlsx, sheet B, C2). Keep one of each pair, or read one sheet with --sheet NAME.\n');
    tempFile('s.xlsx', toWorkbook({ A: [head, ['吴兴区', '2023H1', 100, 10]], B: [head, ['吴兴区', '2023H1', 100, 10], ['南浔区', '2023H1', 90, 9]] }), dir);
    const s = await run(['data', 's.xlsx', '--lang', 'en'], { cwd: dir });
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.split('\r\n').length).toBe(6);
    expect(s.stderr).toContain('note: 2 identical duplicate value(s) counted once (e.g. 吴兴区, first half of 2023');
  });
});

describe('periods as offices type them in a monthly round (the monthly trial)', () => {
  // two units, Jan-Feb 2023 and 2024: the long CSV with 2023-01 text is the reference
  const text: string[][] = [['地区', '时期', '小微企业总数']];
  let v = 100;
  for (const y of [2023, 2024]) for (const m of [1, 2]) for (const u of ['海曙区', '江北区']) text.push([u, `${y}-0${m}`, String(v++)]);
  const serial = (y: number, m: number): number => Date.UTC(y, m - 1, 1) / 86400000 + 25569;

  it('a period typed 2025年6月 in Excel (a date cell, yyyy"年"m"月") reads as that month, in .xlsx and .xls, under 月份 too', async () => {
    const dir = tempDir();
    tempFile('ref.csv', `${text.map((r) => r.join(',')).join('\n')}\n`, dir);
    const ref = (await run(['data', 'ref.csv'], { cwd: dir })).stdout;
    for (const [header, book] of [['时期', 'xlsx'], ['月份', 'xlsx'], ['月份', 'biff8']] as const) {
      const rows = text.map((r, i) => (i === 0 ? [r[0]!, header, r[2]!] : [r[0]!, '', Number(r[2])]));
      const cells: Record<string, XLSX.CellObject> = {};
      text.slice(1).forEach((r, i) => {
        const [y, m] = r[1]!.split('-').map(Number) as [number, number];
        cells[`B${i + 2}`] = { t: 'n', v: serial(y, m), z: 'yyyy"年"m"月"' };
      });
      const name = `dates-${header}.${book === 'biff8' ? 'xls' : 'xlsx'}`;
      tempFile(name, toWorkbook({ Sheet1: rows }, book, { Sheet1: cells }), dir);
      const r = await run(['data', name], { cwd: dir });
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout.replace('月份', '时期'), name).toBe(ref);
    }
  });

  it('an older system\'s 202506 is June 2025; 2025.6 and a full date are refused with the month to write', async () => {
    const { parsePeriod } = await import('../../src/time/period.js');
    expect(parsePeriod('202506')).toMatchObject({ year: 2025, sub: 6, freq: 'month' });
    expect(parsePeriod('202513')).toMatchObject({ zh: '不是四位整数年份' });
    expect(parsePeriod('2025.6')).toMatchObject({ zh: '不是四位整数年份；如指月份，请写成 2025-06 或 2025年6月（小数无法区分10月 2025.1 与1月）' });
    expect(parsePeriod('2025-06-01')).toMatchObject({ error: 'is a date, not a period; for its month write 2025-06 (or format the cell as yyyy"年"m"月")' });
    const { dateFormatKind, excelDateText } = await import('../../src/input/values.js');
    expect(['yyyy"年"m"月"', 'yyyy/m/d', 'mmm-yy', '0.00', '0.00%', 'h:mm', '[$-804]yyyy"年"m"月"', 'General'].map((c) => dateFormatKind(c))).toEqual(['month', 'day', 'month', undefined, undefined, undefined, 'month', undefined]);
    expect([14, 17, 57, 9, 0].map((id) => dateFormatKind(undefined, id))).toEqual(['day', 'month', 'month', undefined, undefined]);
    expect(excelDateText(serial(2025, 6), 'month')).toBe('2025-06');
    expect(excelDateText(44927, 'day')).toBe('2023-01-01');
  });
});

describe('a portal workbook of a sheet per period, each with its period in its title only', () => {
  it('is one note for all the sheets, not one a sheet (the monthly trial: 27 identical lines)', async () => {
    const dir = tempDir();
    const sheets: Record<string, (string | number)[][]> = {};
    for (const m of [2, 3, 4]) sheets[`2023年1-${m}月`] = [[`宁波市分县（市、区）小微企业主要指标（2023年1-${m}月）`], ['县（市、区）', '小微企业总数（家）', '营业收入总额（亿元）'], ['海曙区', 100 + m, 10 * m], ['江北区', 90 + m, 9 * m]];
    tempFile('portal.xlsx', toWorkbook(sheets), dir);
    const r = await run(['data', 'portal.xlsx'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes('时期列'));
    expect(lines).toEqual(['说明: 3个工作表都没有时期列：各按其标题所写的时期读取（2023年1-2月、2023年1-3月、2023年1-4月）。']);
    expect(r.stdout.split('\r\n').filter((l) => l.startsWith('海曙区') && l.includes('firms'))).toEqual(['海曙区,2023M1-2,firms,102', '海曙区,2023M1-3,firms,103', '海曙区,2023M1-4,firms,104']);
  });
});

describe('a workbook of a sheet per period, named by it, without a period column or a title', () => {
  it('reads each sheet as the period its name gives (the county and industry trials: refused, 没有一个工作表的表头能被 smei 识别)', async () => {
    const sheet = (k: number): (string | number)[][] => [['地区', '小微企业总数', '营业收入总额'], ...['杭州市', '宁波市', '温州市'].map((c, i) => [c, 100 + i + k * 5, 50 + i + k * 3])];
    const years = await computeJson('y.xlsx', ['--base-year', '2017'], tempDir(), toWorkbook({ '2017年': sheet(0), '2018年': sheet(1) }, 'xlsx'));
    expect(years.rows.get('杭州市|2018|firms')!.value).toBeCloseTo(105, 9);
    expect(years.notes.map((n) => n.message)).toContain('2 sheets without a period column: each read as of the period its name gives (2017, 2018).');
    const quarters = await run(['compute', 'q.xlsx', '--base-year', '2024', '--format', 'csv', '--quiet'], { cwd: dirOf(tempFile('q.xlsx', toWorkbook({ '2024年第一季度': sheet(0), '2024年第二季度': sheet(1), '2025年第一季度': sheet(2) }, 'xlsx'))) });
    expect(quarters.code, quarters.stderr).toBe(0);
    expect(quarters.stdout).toContain('杭州市,2025,2025Q1,index,');
  });
});
