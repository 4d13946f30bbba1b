// What offices send (issue 20), read right the first time: rows whose last
// cells are empty, percent cells read exactly, and one equality for every rule
// that compares two values. Each case is a file generated as offices make it
// (openpyxl, xlwt, SheetJS, a trimmed CSV), compared value by value with its clean twin.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { EQUAL_TOLERANCE, sameValue } from '../../src/core/equal.js';
import { isTie } from '../../src/core/compute.js';
import { differs } from '../../src/core/diff.js';
import { BUILT_IN } from '../../src/input/framework.js';
import { readObservations, type ReadResult } from '../../src/input/read.js';
import { percentOf } from '../../src/input/values.js';
import { fixture, needViewers, run, tempDir, tempFile } from '../helpers.js';
import { pyWorkbook, synthetic, type PyCell } from '../office-files.js';
import { cellsOf, expectSameCells as sameCells, readWith } from '../reads.js';

const FW = BUILT_IN.zhejiang!();

const read = (path: string): Promise<ReadResult> => readWith(path, FW);
/** Every (unit, period, node) value of a read, NaN for missing, by key. */
const cells = (r: ReadResult): Map<string, number> => cellsOf(r, FW, true);
/** Asserts two reads hold the same cells, each exactly equal (Object.is: 3.5 is not 3.5000000000000004, NaN is NaN), in the same order. */
const expectSameCells = (a: ReadResult, b: ReadResult): void => sameCells(a, b, { missing: true, ordered: true });

/** The synthetic panel with the last `drop` indicators of every 浙江省 row left empty (a totals row saved without its trailing columns). */
function trailingEmpty(drop: number): { header: string[]; rows: (string | null)[][] } {
  const { header, rows } = synthetic();
  return { header, rows: rows.map((r) => (r[0] === '浙江省' ? [...r.slice(0, r.length - drop), ...Array<null>(drop).fill(null)] : r)) };
}

/** Rows for test/office-py.py: numbers as numbers, null (absent cell) kept. */
function pyRows(header: string[], rows: (string | null)[][]): PyCell[][] {
  return [header, ...rows.map((r) => r.map((c, i) => (c === null ? null : i === 0 ? c : Number(c))))];
}

describe('rows whose last cells are empty', () => {
  const { header, rows } = trailingEmpty(4);
  const twinText = `${[header, ...rows.map((r) => r.map((c) => c ?? ''))].map((r) => r.join(',')).join('\n')}\n`;

  it('an .xlsx from SheetJS whose rows lack their trailing cells reads them as missing values', async () => {
    const twin = await read(tempFile('twin.csv', twinText));
    const ws = XLSX.utils.aoa_to_sheet([header, ...rows.map((r) => r.filter((c) => c !== null).map((c, i) => (i === 0 ? c : Number(c))))]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'data');
    const book = await read(tempFile('short.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expectSameCells(twin, book);
    expect(book.notes.map((n) => n.code)).not.toContain('short-rows');
    expect(Number.isNaN(cells(book).get('浙江省|2018|government_efficiency')!)).toBe(true);
  });

  for (const format of ['xlsx', 'xls'] as const) {
    it(`an .${format} written by ${format === 'xlsx' ? 'openpyxl' : 'xlwt'} (no cell stored for an empty one) reads as its CSV twin`, async (ctx) => {
      if (needViewers(ctx, format === 'xlsx' ? 'openpyxl' : 'xlwt') === undefined) return;
      const twin = await read(tempFile('twin.csv', twinText));
      const path = join(tempDir(), `short.${format}`);
      pyWorkbook(path, format, [{ name: '数据', rows: pyRows(header, rows) }]);
      expectSameCells(twin, await read(path));
    });
  }

  it('a CSV row shorter than the header (trailing separators trimmed) reads with empty fields and one note naming the lines', async () => {
    const twin = await read(tempFile('twin.csv', twinText));
    const trimmed = twinText.replace(/,+$/gm, '');
    expect(trimmed).not.toBe(twinText);
    const short = await read(tempFile('short.csv', trimmed));
    expectSameCells(twin, short);
    const notes = short.notes.filter((n) => n.code === 'short-rows');
    expect(notes).toHaveLength(1);
    // 浙江省's five rows: lines 2, 14, 26, 38, 50
    expect(notes[0]!.detail).toEqual({ count: 5, lines: '2, 14, 26, 38, 50', width: 20 });
    const r = await run(['compute', tempFile('short.csv', trimmed), '--no-review', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("note: 5 row(s) have fewer fields than the header's 20 (line(s) 2, 14, 26, 38, 50): the missing trailing fields read as empty (missing values).");
  });

  it('short rows deep in a large CSV read the same through every splitter (byte loop, WebAssembly kernel, csv-parse)', async () => {
    const lines = ['unit,year,firms,revenue,employment'];
    const twin = ['unit,year,firms,revenue,employment'];
    for (let i = 0; i < 3000; i++) {
      const short = i % 7 === 3;
      lines.push(short ? `U${i},2014,${i}` : `U${i},2014,${i},${i * 2},${i / 4}`);
      twin.push(short ? `U${i},2014,${i},,` : `U${i},2014,${i},${i * 2},${i / 4}`);
    }
    const text = `${lines.join('\n')}\n`;
    const expected = await read(tempFile('twin.csv', `${twin.join('\n')}\n`));
    for (const csvPath of ['bytes', 'kernel', 'csv-parse'] as const) {
      const got = await readObservations({ name: 'big.csv', chunks: (async function* () { yield Buffer.from(text); })() }, FW, { csvPath });
      expectSameCells(expected, got);
      const note = got.notes.find((n) => n.code === 'short-rows')!;
      expect(note.detail.count, csvPath).toBe(429);
      expect(String(note.detail.lines).startsWith('5, 12, 19, ')).toBe(true);
      expect(String(note.detail.lines).endsWith(', …')).toBe(true);
    }
  });

  it('a CSV row longer than the header stays an error naming the line and column', async () => {
    const r = await run(['compute', tempFile('long.csv', 'unit,year,firms\nA,2014,1\nA,2015,2,3\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('long.csv:3:4：这一行有 4 个字段，但表头只有 3 个。');
  });

  it('a short CSV row through csv-parse (a quoted field) reads the same as through the byte splitter', async () => {
    const plain = await read(tempFile('a.csv', 'unit,year,firms,revenue\nA,2014,1\nA,2015,2,3\n'));
    const quoted = await read(tempFile('b.csv', 'unit,year,firms,revenue\n"A",2014,1\nA,2015,2,3\n'));
    expectSameCells(plain, quoted);
    expect(quoted.notes.find((n) => n.code === 'short-rows')!.detail.lines).toBe('2');
  });
});

/** Percentages offices type: the fraction stored, the percent a person means. */
const PERCENTS: [number, number][] = [[0.035, 3.5], [0.07, 7], [0.1946, 19.46], [0.0001, 0.01], [0.5, 50], [-0.035, -3.5], [0.123456789, 12.3456789], [1.5e-10, 1.5e-8], [0.29, 29], [0.57, 57]];

describe('percent cells read exactly', () => {
  it('moves the decimal point of the stored decimal: 0.035 is 3.5, where 0.035 * 100 is 3.5000000000000004', () => {
    expect(0.035 * 100).not.toBe(3.5);
    expect(0.07 * 100).not.toBe(7);
    for (const [f, p] of PERCENTS) expect(percentOf(f), String(f)).toBe(p);
    expect(Object.is(percentOf(-0), 0)).toBe(true);
  });

  /** A sheet of one unit: firms and new_product_share for 2014-2023, the shares as percentage cells. */
  const pctRows = (pct: (p: number, f: number) => PyCell): PyCell[][] => [['地区', '年份', 'firms', 'new_product_share'], ...PERCENTS.map(([f, p], i) => ['A', 2014 + i, 10 + i, pct(p, f)])];
  const twinCsv = (): string => `${pctRows((p) => p).map((r) => r.join(',')).join('\n')}\n`;

  it('SheetJS .xlsx and .xls percentage cells (lean reader and SheetJS path) equal the typed percents exactly', async () => {
    const twin = await read(tempFile('twin.csv', twinCsv()));
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const ws = XLSX.utils.aoa_to_sheet(pctRows((_, f) => ({ pct: f })).map((r) => r.map((c) => (typeof c === 'object' && c !== null ? { t: 'n', v: c.pct, z: '0.0%' } : c))) as unknown as unknown[][]);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, 'data');
      const book = await read(tempFile(bookType === 'xlsx' ? 'p.xlsx' : 'p.xls', XLSX.write(wb, { type: 'buffer', bookType }) as Buffer));
      expectSameCells(twin, book);
    }
  });

  for (const format of ['xlsx', 'xls'] as const) {
    it(`${format === 'xlsx' ? 'openpyxl' : 'xlwt'} .${format} percentage cells equal the typed percents exactly`, async (ctx) => {
      if (needViewers(ctx, format === 'xlsx' ? 'openpyxl' : 'xlwt') === undefined) return;
      const path = join(tempDir(), `p.${format}`);
      pyWorkbook(path, format, [{ name: 'data', rows: pctRows((_, f) => ({ pct: f })) }]);
      expectSameCells(await read(tempFile('twin.csv', twinCsv())), await read(path));
    });
  }

  it('last year\'s 3.5% (a percentage cell) and this year\'s typed 3.5 are the same value: diff finds no revision, merging finds no conflict', async () => {
    const dir = tempDir();
    const ws = XLSX.utils.aoa_to_sheet([['地区', '年份', 'firms', 'new_product_share'], ['A', 2014, 10, { t: 'n', v: 0.035, z: '0.0%' }], ['A', 2015, 11, { t: 'n', v: 0.07, z: '0.0%' }], ['B', 2014, 5, { t: 'n', v: 0.29, z: '0%' }], ['B', 2015, 6, { t: 'n', v: 0.57, z: '0%' }]] as unknown as unknown[][]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'data');
    const book = tempFile('a.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, dir);
    const csv = tempFile('b.csv', '地区,年份,firms,new_product_share\nA,2014,10,3.5\nA,2015,11,7\nB,2014,5,29\nB,2015,6,57\n', dir);
    const d = await run(['diff', book, csv, '--format', 'json', '--no-review']);
    expect(d.code, d.stderr).toBe(0);
    expect((JSON.parse(d.stdout) as { revision: { cells: unknown[] } }).revision.cells).toEqual([]);
    const merged = await run(['compute', book, csv, '--format', 'json', '--no-review']);
    expect(merged.code, merged.stderr).toBe(0);
    expect((JSON.parse(merged.stdout) as { notes: { code: string; count?: number }[] }).notes.find((n) => n.code === 'identical-duplicates')!.count).toBe(8);
  });
});

describe('one equality, one tolerance (core/equal.ts)', () => {
  it('is relative 1e-9: binary rounding is equal, a typed difference is not', () => {
    expect(EQUAL_TOLERANCE).toBe(1e-9);
    expect(sameValue(3.5000000000000004, 3.5)).toBe(true);
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameValue(3.5, 3.51)).toBe(false);
    expect(sameValue(1e12, 1e12 + 1)).toBe(true); // 1e-12 relative
    expect(sameValue(1e6, 1e6 + 0.01)).toBe(false); // 1e-8 relative
    expect(sameValue(0, 0)).toBe(true);
    expect(sameValue(0, 1e-300)).toBe(false);
    expect(sameValue(-2, 2)).toBe(false);
  });

  it('diff, ranks and review all use it', () => {
    for (const [a, b] of [[3.5000000000000004, 3.5], [3.5, 3.51], [100, 100 + 1e-8], [100, 100 + 1e-6]] as const) {
      expect(differs(a, b)).toBe(!sameValue(a, b));
      expect(isTie(a, b)).toBe(sameValue(a, b));
    }
  });

  it('review: a form copied from last year (its shares read from percentage cells) is flagged unchanged', async () => {
    const dir = tempDir();
    const { header, rows } = synthetic();
    // 杭州市's 2018 row copied as its 2019 row, the shares as percentage cells (as the form's reference column holds them)
    const shares = new Set(['new_product_share', 'tech_investment_share', 'bachelor_share', 'technical_talent_share', 'upgrade_share', 'survival_rate_3y']);
    const last = rows.find((r) => r[0] === '杭州市' && r[1] === '2018')!;
    const cellsOf = (year: number, pct: boolean): unknown[] => last.map((v, i) => (i === 0 ? v : i === 1 ? year : pct && shares.has(header[i]!) ? { t: 'n', v: Number(v) / 100, z: '0.00%' } : Number(v)));
    const ws = XLSX.utils.aoa_to_sheet([header, cellsOf(2019, true)] as unknown as unknown[][]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'data');
    writeFileSync(join(dir, 'y2019.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = await run(['review', join(dir, 'y2019.xlsx'), '--previous', fixture('zhejiang-synthetic.csv'), '--format', 'json', '--period', '2019']);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; unit: string }[] }).findings;
    expect(findings.filter((f) => f.rule === 'unchanged').map((f) => f.unit)).toEqual(['杭州市']);
  });
});
