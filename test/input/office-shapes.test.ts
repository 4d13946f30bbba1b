// What offices send (issue 20), part two: totals rows named after the region,
// renamed units, and layouts that were refused (indicator names with units,
// year blocks, units rows of unit words, filled forms copied without their
// marker). Files generated as offices make them, compared value by value with
// their clean twins.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { findAggregates, sumTotals } from '../../src/core/aggregates.js';
import { Observations } from '../../src/core/observations.js';
import { renameArgument } from '../../src/core/renamed.js';
import { checkFramework, frameworkToSpec } from '../../src/framework/check.js';
import { BUILT_IN } from '../../src/input/framework.js';
import { readObservations, type ReadResult } from '../../src/input/read.js';
import { fixture, needViewers, PYTHON, ROOT, run, tempDir, tempFile } from '../helpers.js';
import { cellsOf, expectSameCells as sameCells, readWith } from '../reads.js';
import { pyCopyWorkbook, pyWorkbook, synthetic, type PyCell } from '../office-files.js';

const FW = BUILT_IN.zhejiang!();
const SYN = fixture('zhejiang-synthetic.csv');

const read = (path: string, fw = FW): Promise<ReadResult> => readWith(path, fw);
const cells = (r: ReadResult, fw = FW): Map<string, number> => cellsOf(r, fw);
const expectSameCells = (a: ReadResult, b: ReadResult, fw = FW): void => sameCells(a, b, { fw });

interface JsonRow { unit: string; year: number; node: string; value: number | null; rank: number | null }

/** compute --format json: rows by unit|year|node, notes. */
async function computeJson(args: string[]): Promise<{ rows: Map<string, JsonRow>; notes: { code: string; message: string; [k: string]: unknown }[]; stderr: string }> {
  const r = await run(['compute', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { rows: JsonRow[]; notes: { code: string; message: string }[] };
  return { rows: new Map(doc.rows.map((x) => [`${x.unit}|${x.year}|${x.node}`, x])), notes: doc.notes, stderr: r.stderr };
}

/** The synthetic panel as CSV text with a function over its rows. */
function syntheticCsv(map: (row: string[]) => string[] = (r) => r): string {
  const { header, rows } = synthetic();
  return `${[header, ...rows.map(map)].map((r) => r.join(',')).join('\n')}\n`;
}

describe('files pandas and R write', () => {
  it('an index column without a header (0, 1, 2… or R\'s 1, 2, 3…) is ignored with a note; the numbers are the plain file\'s', async () => {
    const { header, rows } = synthetic();
    const clean = await computeJson([SYN]);
    for (const from of [0, 1]) {
      const text = `${['', ...header].join(',')}\n${rows.map((r, i) => [String(i + from), ...r].join(',')).join('\n')}\n`;
      const got = await computeJson([tempFile(`index${from}.csv`, text), '--lang', 'en']);
      expect(got.notes.find((n) => n.code === 'row-numbers')!.message).toBe("column 1 has no header and numbers the rows (0, 1, 2…: pandas' index, R's row names): ignored.");
      for (const [k, row] of clean.rows) expect(got.rows.get(k)!.value, k).toBe(row.value);
    }
    // a column without a header that is not row numbers still holds values nobody named: refused
    const other = `${['', ...header].join(',')}\n${rows.map((r, i) => [String(i * 2), ...r].join(',')).join('\n')}\n`;
    const r = await run(['compute', tempFile('other.csv', other), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a value in a column with an empty header');
  });

  it('NaN and nan are missing values, as pandas and R read them', async () => {
    const nan = syntheticCsv((r) => (r[0] === '杭州市' && r[1] === '2018' ? [...r.slice(0, 3), 'NaN', ...r.slice(4)] : r[0] === '宁波市' && r[1] === '2018' ? [...r.slice(0, 3), 'nan', ...r.slice(4)] : r));
    const blank = syntheticCsv((r) => ((r[0] === '杭州市' || r[0] === '宁波市') && r[1] === '2018' ? [...r.slice(0, 3), '', ...r.slice(4)] : r));
    const a = await computeJson([tempFile('nan.csv', nan), '--no-review']);
    const b = await computeJson([tempFile('blank.csv', blank), '--no-review']);
    expect(a.rows.get('杭州市|2018|revenue')!.value).toBeNull();
    for (const [k, row] of b.rows) expect(a.rows.get(k)!.value, k).toBe(row.value);
  });
});

describe('totals rows named after the region', () => {
  it('赣州市 above its counties: its counts equal the others\' sums, so it is an aggregate, with a note naming indicator and sums', async () => {
    // the synthetic province row renamed as a region the framework does not know
    const path = tempFile('ganzhou.csv', syntheticCsv((r) => (r[0] === '浙江省' ? ['赣州市', ...r.slice(1)] : r)));
    const named = await computeJson([path, '--lang', 'en']);
    const clean = await computeJson([SYN, '--lang', 'en']);
    for (const [k, row] of clean.rows) {
      const other = named.rows.get(k.replace(/^浙江省/, '赣州市'))!;
      expect(other.value, k).toBe(row.value);
      expect(other.rank, k).toBe(row.rank);
    }
    expect(named.rows.get('赣州市|2018|index')!.rank).toBeNull();
    const note = named.notes.find((n) => n.code === 'sum-aggregate')!;
    // firms in 2018: the synthetic 浙江省 row against the sum of the 11 cities (worked out from the fixture)
    const { header, rows } = synthetic();
    const j = header.indexOf('firms');
    const sum = rows.filter((r) => r[0] !== '浙江省' && r[1] === '2018').reduce((a, r) => a + Number(r[j]), 0);
    const own = Number(rows.find((r) => r[0] === '浙江省' && r[1] === '2018')![j]);
    expect(Math.abs(own - sum) / sum).toBeLessThan(0.005);
    expect(note).toMatchObject({ unit: '赣州市', indicator: 'firms', period: '2018', value: own, sum, others: 11, periods: 30 });
    expect(note.message).toBe(`赣州市: its counts equal the sum of the other 11 units' (e.g. firms, 2018: ${own} against a sum of ${sum}; all 30 comparisons within 0.5%): a totals row, shown but not ranked (--no-auto-aggregate to rank it).`);
  });

  it('--no-auto-aggregate ranks it; --aggregate-unit names it without the sums note', async () => {
    const path = tempFile('ganzhou.csv', syntheticCsv((r) => (r[0] === '浙江省' ? ['赣州市', ...r.slice(1)] : r)));
    const ranked = await computeJson([path, '--no-auto-aggregate']);
    expect(ranked.rows.get('赣州市|2018|index')!.rank).not.toBeNull();
    expect(ranked.notes.map((n) => n.code)).not.toContain('sum-aggregate');
    const given = await computeJson([path, '--aggregate-unit', '赣州市']);
    expect(given.rows.get('赣州市|2018|index')!.rank).toBeNull();
    expect(given.notes.map((n) => n.code)).not.toContain('sum-aggregate');
  });

  it('the synthetic fixture\'s 浙江省 stays an aggregate by name (no second note); with a framework that does not name it, by its sums', async () => {
    const clean = await computeJson([SYN]);
    expect(clean.notes.map((n) => n.code)).toEqual(['auto-aggregate']);
    const spec = frameworkToSpec(FW);
    delete spec.aggregates;
    const fwPath = tempFile('fw.json', JSON.stringify(spec));
    const bySums = await computeJson([SYN, '--framework', fwPath]);
    expect(bySums.notes.map((n) => [n.code, n.unit])).toEqual([['sum-aggregate', '浙江省']]);
    for (const [k, row] of clean.rows) {
      expect(bySums.rows.get(k)!.rank, k).toBe(row.rank);
      expect(bySums.rows.get(k)!.value, k).toBe(row.value);
    }
  });

  it('within 0.5% in every period where all are present: 0.4% off is a total, 0.6% off is not; shares never decide; two others at least', () => {
    const fw = checkFramework({ name: 't', baseYear: 2014, nodes: [{ id: 'root' }, { id: 'n', parent: 'root', unit: '户' }, { id: 's', parent: 'root', unit: '%' }] }, 'test');
    const make = (total: number[], share: number[] = [50, 50, 50], units = ['A', 'B', 'T']) => {
      const obs = new Observations('x', fw.nodes.length);
      [[100, 200], [110, 220], [120, NaN]].forEach(([a, b], i) => {
        const year = 2014 + i;
        obs.set(obs.unitId(units[0]!), year, 1, a!);
        obs.set(obs.unitId(units[1]!), year, 1, b!);
        obs.set(obs.unitId(units[2]!), year, 1, total[i]!);
        obs.set(obs.unitId(units[2]!), year, 2, share[i]!);
      });
      return obs;
    };
    // 2016: B missing, so only 2014 and 2015 are compared
    expect(sumTotals(make([300 * 1.004, 330 * 0.996, 9999]), fw, [false, false, false]).map((t) => [t.unit, t.periods])).toEqual([[2, 2]]);
    expect(sumTotals(make([300 * 1.006, 330, 9999]), fw, [false, false, false])).toEqual([]);
    const found = findAggregates(make([300, 330, 1]), fw);
    expect(found.aggregate).toEqual([false, false, true]);
    expect(found.notes[0]).toMatchObject({ code: 'sum-aggregate', detail: { unit: 'T', indicator: 'n', period: '2015', value: 330, sum: 330, others: 2, periods: 2 } });
    expect(findAggregates(make([300, 330, 1]), fw, { autoAggregate: false }).aggregate).toEqual([false, false, false]);
    // a framework without count units never finds a total by sums
    const shares = checkFramework({ name: 't', baseYear: 2014, nodes: [{ id: 'root' }, { id: 'n', parent: 'root', unit: '%' }, { id: 's', parent: 'root' }] }, 'test');
    expect(sumTotals(make([300, 330, 1]), shares, [false, false, false])).toEqual([]);
  });
});

describe('renamed units', () => {
  /** The synthetic panel with 丽水市 called 龙南县 up to 2016 (renamed 2017). */
  const renamed = (): string => syntheticCsv((r) => (r[0] === '丽水市' && Number(r[1]) <= 2016 ? ['龙南县', ...r.slice(1)] : r));

  it('without a rename: a note suggests it (one unit\'s data stops the year before the other\'s starts)', async () => {
    const r = await run(['compute', tempFile('r.csv', renamed()), '--lang', 'en', '--no-review']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('note: 龙南县\'s data ends in 2016 and 丽水市\'s begins in 2017: if one unit was renamed or spelt another way, join them with --rename 龙南县=丽水市 (or the framework\'s "aliases").');
    const clean = await computeJson([SYN]);
    expect(clean.notes.map((n) => n.code)).not.toContain('rename-hint');
    // reviewed, it is an error: 丽水市 has no base of its own and would drop out of every ranking (the trial's 洞头县/洞头区)
    const reviewed = await run(['compute', tempFile('r2.csv', renamed()), '--lang', 'en']);
    expect(reviewed.code).toBe(2);
    expect(reviewed.stderr).toContain("龙南县, 2018: no data for this period (its latest is 2016), while 丽水市's data begins in 2017 (");
    expect(reviewed.stderr).toContain('join them with --rename 龙南县=丽水市 (or the framework\'s "aliases"), or 丽水市, without a base of its own, drops out of this period\'s ranking');
    expect(reviewed.stderr).not.toContain("龙南县's data ends in 2016");
  });

  it('--rename OLD=NEW, the framework\'s "aliases" and a config file continue the series: the clean twin\'s numbers and ranks, a note naming the rows', async () => {
    const dir = tempDir();
    const path = tempFile('r.csv', renamed(), dir);
    const clean = await computeJson([SYN]);
    const spec = { ...frameworkToSpec(FW), aliases: { 龙南县: '丽水市' } };
    const fwPath = tempFile('fw.json', JSON.stringify(spec), dir);
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ rename: ['龙南县=丽水市'] }));
    for (const args of [[path, '--rename', '龙南县=丽水市'], [path, '--rename', '龙南县＝丽水市'], [path, '--framework', fwPath], [path, '--config', join(dir, 'smei.config.json')]]) {
      const got = await computeJson([...args, '--lang', 'en']);
      expect([...got.rows.keys()]).toEqual([...clean.rows.keys()]);
      for (const [k, row] of clean.rows) {
        expect(got.rows.get(k)!.value, `${args.join(' ')} ${k}`).toBe(row.value);
        expect(got.rows.get(k)!.rank, k).toBe(row.rank);
      }
      expect(got.notes.find((n) => n.code === 'renamed')!.message).toBe('龙南县 renamed 丽水市 (3 row(s), 2014-2016): one series.');
      expect(got.notes.map((n) => n.code)).not.toContain('rename-hint');
    }
  });

  it('both names giving one cell differently is an error naming both places; a --rename of no unit is an error', async () => {
    // 丽水市's 2016 row given again under its old name, firms one higher
    const row2016 = synthetic().rows.find((r) => r[0] === '丽水市' && r[1] === '2016')!;
    const both = `${syntheticCsv()}${['龙南县', '2016', String(Number(row2016[2]) + 1), ...row2016.slice(3)].join(',')}\n`;
    const dir = tempDir();
    const path = tempFile('both.csv', both, dir);
    const r = await run(['compute', path, '--rename', '龙南县=丽水市', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"丽水市" and its old name give 2016 "firms" differently: \d+ \(.*both\.csv:\d+:3\) and \d+ \(.*both\.csv:\d+:3\)/);
    const typo = await run(['compute', tempFile('r.csv', renamed(), dir), '--rename', '龙南=丽水市', '--lang', 'en']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--rename: no unit "龙南" in');
    const bad = await run(['compute', tempFile('r.csv', renamed(), dir), '--rename', '龙南县', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rename "龙南县": write the old name and the new one, OLD=NEW');
  });
});

describe('layouts that were refused', () => {
  const { header, rows } = synthetic();
  const unitOf: Record<string, string> = { firms: '家', revenue: '亿元', employment: '万人', new_product_share: '%' };
  const label = (id: string): string => FW.nodes[FW.byId.get(id)!]!.zh;

  it('indicator names with units in a long file\'s indicator column (营业收入总额(亿元), 小微企业总数（家）) match, the unit kept', async () => {
    const long = [['地区', '年份', '指标', '数值']];
    rows.forEach((r) => header.slice(2).forEach((id, j) => long.push([r[0]!, r[1]!, unitOf[id] ? `${label(id)}${j % 2 === 0 ? `(${unitOf[id]})` : `（${unitOf[id]}）`}` : label(id), r[j + 2]!])));
    const got = await read(tempFile('long.csv', long.map((r) => r.join(',')).join('\n')));
    expectSameCells(await read(SYN), got);
    expect(got.observations.dataUnits[FW.byId.get('revenue')!]).toBe('亿元');
    // matched after NFKC, as headers are: the full-width brackets read as ASCII ones
    expect(got.notes.find((n) => n.code === 'header-units')!.detail.columns).toContain('营业收入总额(亿元)');
  });

  it('…and in a years-as-columns file\'s indicator column, in a workbook', async () => {
    const years = [...new Set(rows.map((r) => r[1]!))];
    const units = [...new Set(rows.map((r) => r[0]!))];
    const aoa: (string | number)[][] = [['地区', '指标', ...years.map((y) => `${y}年`)]];
    for (const u of units) header.slice(2).forEach((id, j) => aoa.push([u, unitOf[id] ? `${label(id)}（${unitOf[id]}）` : id, ...years.map((y) => Number(rows.find((r) => r[0] === u && r[1] === y)![j + 2]))]));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '分年');
    expectSameCells(await read(SYN), await read(tempFile('years.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer)));
  });

  /** Year blocks: the year written once over its units' rows (merged), the year column first. */
  const yearBlocks = (): PyCell[][] => {
    const sorted = [...rows].sort((a, b) => Number(a[1]) - Number(b[1]));
    return [['年份', '地区', ...header.slice(2)], ...sorted.map((r, i) => [i > 0 && sorted[i - 1]![1] === r[1] ? null : Number(r[1]), r[0]!, ...r.slice(2).map(Number)])];
  };

  it('year cells merged over a block of rows are filled down: CSV with the blanks, and an .xlsx (SheetJS) with merged cells', async () => {
    const clean = await read(SYN);
    const csv = await read(tempFile('blocks.csv', `${yearBlocks().map((r) => r.map((c) => c ?? '').join(',')).join('\n')}\n`));
    expectSameCells(clean, csv);
    expect(csv.notes.find((n) => n.code === 'fill-down')!.detail).toEqual({ count: 55, column: '年份' });
    const ws = XLSX.utils.aoa_to_sheet(yearBlocks().map((r) => r.map((c) => c ?? undefined)));
    ws['!merges'] = [0, 1, 2, 3, 4].map((b) => ({ s: { r: 1 + 12 * b, c: 0 }, e: { r: 12 + 12 * b, c: 0 } }));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'data');
    expectSameCells(clean, await read(tempFile('blocks.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer)));
  });

  for (const format of ['xlsx', 'xls'] as const) {
    it(`year blocks merged by ${format === 'xlsx' ? 'openpyxl' : 'xlwt'} (.${format}) read as the clean fixture`, async (ctx) => {
      if (needViewers(ctx, format === 'xlsx' ? 'openpyxl' : 'xlwt') === undefined) return;
      const path = join(tempDir(), `blocks.${format}`);
      pyWorkbook(path, format, [{ name: '分年', rows: yearBlocks(), merges: [0, 1, 2, 3, 4].map((b) => `A${2 + 12 * b}:A${13 + 12 * b}`) }]);
      expectSameCells(await read(SYN), await read(path));
    });
  }

  it('a units row of unit words only (,,点 under the header, no 单位 label, no unit name, no year) is a units row', async () => {
    const cities = fixture('zhejiang-cities-2018.csv');
    const text = readFileSync(cities, 'utf8').replace(/^(.*\n)/, '$1,,点\n');
    const got = await read(tempFile('units-row.csv', text));
    expectSameCells(await read(cities), got);
    expect(got.notes.find((n) => n.code === 'units-row')!.detail).toEqual({ line: 2, units: '点' });
    expect(got.observations.dataUnits[FW.byId.get('index')!]).toBe('点');
    // in brackets, over several columns
    const wide = syntheticCsv().replace(/^(.*\n)/, (h) => `${h},,（家）,[亿元],万人,%,件,%,%,%,次,家,次,%,%,亿元,分,分,分,分\n`);
    const got2 = await read(tempFile('units-row2.csv', wide));
    expectSameCells(await read(SYN), got2);
    expect(got2.observations.dataUnits[FW.byId.get('firms')!]).toBe('家');
  });
});

describe('a filled form copied into a new workbook (its hidden marker lost)', () => {
  /** A form from `smei template`, filled and saved by openpyxl, then copied value by value into a new workbook. */
  async function formAndCopy(layout: 'units' | 'sheets', lang: 'zh' | 'en', rename: Record<string, string> = {}): Promise<{ filled: string; copy: string }> {
    const dir = tempDir();
    const form = join(dir, 'form.xlsx');
    const t = await run(['template', '--units', '杭州市,宁波市,温州市', '--period', '2019', '--layout', layout, '--lang', lang, '--previous', SYN, '--out', form]);
    expect(t.code, t.stderr).toBe(0);
    const filled = join(dir, 'filled.xlsx');
    execFileSync(PYTHON, [join(ROOT, 'test', 'office-py.py')], { input: JSON.stringify({ fillFrom: form, path: filled }) });
    const copy = join(dir, 'copy.xlsx');
    pyCopyWorkbook(filled, copy, rename);
    return { filled, copy };
  }

  for (const [layout, lang] of [['sheets', 'zh'], ['sheets', 'en'], ['units', 'zh']] as const) {
    it(`layout ${layout} (${lang}): read by its shape, value for value the filled form read by its marker, with a note`, async (ctx) => {
      if (needViewers(ctx, 'openpyxl') === undefined) return;
      const { filled, copy } = await formAndCopy(layout, lang);
      const original = await read(filled);
      expect(original.notes.map((n) => n.code)).toEqual(['form']);
      const copied = await read(copy);
      expectSameCells(original, copied);
      expect(cells(copied).size).toBe(3 * 18);
      // the 参考 column (2018) is not data: only 2019 is read
      expect(copied.observations.years()).toEqual([2019]);
      const note = copied.notes.find((n) => n.code === 'form-copy')!;
      expect(note.detail).toMatchObject({ period: '2019', units: 3 });
    });
  }

  it('sheets renamed in the copy: the unit comes from each sheet\'s title', async (ctx) => {
    if (needViewers(ctx, 'openpyxl') === undefined) return;
    const { filled, copy } = await formAndCopy('sheets', 'zh', { 杭州市: 'Sheet1', 宁波市: '表2', 温州市: '第三张' });
    expectSameCells(await read(filled), await read(copy));
    const r = await run(['review', copy, '--lang', 'en']);
    expect(r.stderr).toContain('note: sheet(s) "Sheet1, 表2, 第三张" read as an smei form by its shape (2019, 3 units); its hidden marker sheet is missing, so it could not be checked against its framework; the 参考 (reference) column is not read.');
  });

  it('a copy made by SheetJS (titles lost: the sheet name is the unit) reads too, and --sheet picks one unit', async () => {
    const sheets: Record<string, (string | number)[][]> = {
      丽水市: [['指标', '计量单位', '2018年（参考）', '2019年'], ...FW.nodes.filter((n) => n.children.length === 0).map((n, i) => [n.zh, n.unit, 100 + i, 110 + i])],
      衢州市: [['指标', '计量单位', '2019年'], ...FW.nodes.filter((n) => n.children.length === 0).map((n, i) => [n.zh, n.unit, 200 + i])],
    };
    const wb = XLSX.utils.book_new();
    for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
    const path = tempFile('copy.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const got = cells(await read(path));
    expect(got.get('丽水市|2019|firms')).toBe(110);
    expect(got.get('衢州市|2019|government_efficiency')).toBe(217);
    expect(got.size).toBe(36);
    // the same shape with several period columns (a unit's own yearbook table): every period is read, none dropped
    const years = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(years, XLSX.utils.aoa_to_sheet([['指标', '计量单位', '2017年', '2018年', '2019年'], ['小微企业总数', '家', 1, 2, 3], ['营业收入总额', '亿元', 4, 5, 6]]), '龙南市');
    const several = cells(await read(tempFile('years.xlsx', XLSX.write(years, { type: 'buffer', bookType: 'xlsx' }) as Buffer)));
    expect([...several].sort()).toEqual([['龙南市|2017|firms', 1], ['龙南市|2017|revenue', 4], ['龙南市|2018|firms', 2], ['龙南市|2018|revenue', 5], ['龙南市|2019|firms', 3], ['龙南市|2019|revenue', 6]]);
    const one = await readObservations({ name: path, chunks: (async function* () { yield readFileSync(path); })() }, FW, { sheet: '衢州市' });
    expect(one.observations.units).toEqual(['衢州市']);
    expect(cells(one).size).toBe(18);
  });
});

describe('a unit renamed or spelt another way in the latest period: the review\'s renamed rule, an error', () => {
  // the synthetic panel with 丽水市's 2018 row returned as 丽水 (the county's 县 left off, as a 德清 for 德清县 was)
  const short = (): string => syntheticCsv((r) => (r[0] === '丽水市' && r[1] === '2018' ? ['丽水', ...r.slice(1)] : r));

  it('stops compute, naming both names and the --rename that keeps the established one; --rename gives the clean numbers', async () => {
    const dir = tempDir();
    const path = tempFile('s.csv', short(), dir);
    const r = await run(['compute', 's.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("丽水市, 2018: no data for this period (its latest is 2017), while 丽水's data begins in it (s.csv): one unit under another name or spelling? If so, join them with --rename 丽水=丽水市 (or the framework's \"aliases\"), or it drops out of this period's ranking; if they are two units, use --level renamed=warning");
    // no second note saying the same
    expect(r.stderr).not.toContain('rename-hint');
    expect(r.stderr).not.toContain("丽水市's data ends in 2017");
    const clean = await computeJson([SYN]);
    const joined = await computeJson([path, '--rename', '丽水=丽水市']);
    for (const [k, row] of clean.rows) expect(joined.rows.get(k)!.value, k).toBe(row.value);
    // two units after all: a warning, and the ranking goes on without either
    const two = await run(['compute', 's.csv', '--level', 'renamed=warning', '--lang', 'en'], { cwd: dir });
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toContain("warning: 丽水市, 2018: no data for this period");
  });

  it('a real rename (龙南县 to 龙南市) suggests OLD=NEW; the review lists it', async () => {
    const renamed = syntheticCsv((r) => (r[0] === '丽水市' ? [r[1] === '2018' ? '龙南市' : '龙南县', ...r.slice(1)] : r));
    const r = await run(['review', tempFile('l.csv', renamed), '--format', 'json']);
    const findings = (JSON.parse(r.stdout) as { findings: { unit: string; rule: string; level: string; detail: Record<string, string | number> }[] }).findings.filter((f) => f.rule === 'renamed');
    expect(findings).toEqual([expect.objectContaining({ unit: '龙南县', level: 'error', detail: expect.objectContaining({ to: '龙南市', rename: '龙南县=龙南市' }) })]);
    expect(renameArgument('德清县', '德清')).toBe('德清=德清县');
    expect(renameArgument('龙南县', '龙南市')).toBe('龙南县=龙南市');
    expect(renameArgument('德清', '德清县')).toBe('德清=德清县');
  });
});

describe('rename hints when several units were renamed in one year', () => {
  it('pairs each old name with the new one that shares its beginning (龙南县/龙南市, 南康县/南康区)', async () => {
    const rows = ['地区,年份,firms'];
    for (let y = 2016; y <= 2021; y++) {
      rows.push(`赣县,${y},${10 + y - 2016}`);
      rows.push(`${y <= 2019 ? '龙南县' : '龙南市'},${y},${20 + y - 2016}`);
      rows.push(`${y <= 2019 ? '南康县' : '南康区'},${y},${30 + y - 2016}`);
    }
    const r = await run(['compute', tempFile('two.csv', `${rows.join('\n')}\n`), '--base-year', '2016', '--no-review', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const notes = (JSON.parse(r.stdout) as { notes: { code: string; from: string; to: string }[] }).notes.filter((n) => n.code === 'rename-hint');
    expect(notes.map((n) => `${n.from}=${n.to}`)).toEqual(['龙南县=龙南市', '南康县=南康区']);
  });

  it('never offers a totals row as a rename: 赣州市 as the totals row until 2018, 合计 after', async () => {
    const rows = ['地区,年份,firms'];
    for (let y = 2016; y <= 2020; y++) {
      rows.push(`赣县,${y},${10 + y}`, `龙南县,${y},${20 + y}`);
      rows.push(`${y <= 2018 ? '赣州市' : '合计'},${y},${30 + 2 * y}`);
    }
    const r = await run(['compute', tempFile('totals.csv', `${rows.join('\n')}\n`), '--base-year', '2016', '--no-review', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const codes = (JSON.parse(r.stdout) as { notes: { code: string }[] }).notes.map((n) => n.code);
    expect(codes).not.toContain('rename-hint');
  });
});
