// The lean .xlsx reader against SheetJS, cell by cell: fixed cases and random sheets.
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction } from '../../src/input/layout.js';
import { sheetjsSheets } from '../../src/input/sheetjs.js';
import { columnLetters } from '../../src/input/workbook.js';
import { openXlsx } from '../../src/input/xlsx.js';
import { readFileSync } from 'node:fs';
import { fixture } from '../helpers.js';

const where = (sheet: string, line: number, col: number): string => `${sheet}!${columnLetters(col)}${line}`;

/** Both readers' rows for every sheet, with fractions made plain for comparison. */
async function both(buf: Buffer): Promise<{ lean: unknown; sheetjs: unknown }> {
  const plain = (sheets: { name: string; rows: () => { line: number; cells: unknown[] }[] }[]): unknown =>
    sheets.map((s) => ({ name: s.name, rows: s.rows().map((r) => ({ line: r.line, cells: r.cells.map((c) => (c instanceof Fraction ? { pct: c.value } : c)) })) }));
  const lean = openXlsx(buf, where);
  expect(lean).toBeDefined();
  return { lean: plain(lean!), sheetjs: plain(await sheetjsSheets(buf, 'x.xlsx', where, Infinity)) };
}

/** A workbook from sheets of cell objects or plain values. */
function book(sheets: Record<string, unknown[][]>, extra: Record<string, Record<string, XLSX.CellObject>> = {}): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    for (const [addr, cell] of Object.entries(extra[name] ?? {})) ws[addr] = cell;
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('the lean .xlsx reader', () => {
  it('column letters', () => {
    expect([0, 2, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'C', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('reads what SheetJS reads: strings, numbers, percentages, booleans, errors, gaps, formulas with values, two sheets', async () => {
    const buf = book({
      '数据 & <说明>': [['地区', '年份', 'x'], ['A&B "q"', 2014, { t: 'n', v: 0.125, z: '0.00%' }], ['', 2015, { t: 'n', v: 0.5, z: '0.0%' }], [], ['C', 2016, true, null, 'tail']],
      two: [[1e-7, -2.5e21, '１２３', ' spaced '], ['x\ny', { t: 'e', v: 0x07 }, { t: 'e', v: 0x2a }]],
    }, { two: { E1: { t: 'n', f: 'A1*2', v: 2e-7 } } });
    const { lean, sheetjs } = await both(buf);
    expect(lean).toEqual(sheetjs);
    expect((lean as { rows: { cells: unknown[] }[] }[])[0]!.rows[1]!.cells[2]).toEqual({ pct: 0.125 });
  });

  it('refuses a formula without a saved value, naming the cell', () => {
    const buf = book({ S: [['a', 'b'], [1, 2]] }, { S: { B2: { t: 'n', f: 'A2*2' } } });
    const sheets = openXlsx(buf, where)!;
    expect(() => sheets[0]!.rows()).toThrow('S!B2: a formula (=A2*2) without a saved value.');
  });

  it('reads the office workbook fixture as SheetJS does', async () => {
    const { lean, sheetjs } = await both(readFileSync(fixture('zhejiang-office.xlsx')));
    expect(lean).toEqual(sheetjs);
  });

  it('reads random sheets as SheetJS does', async () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '&', '<', '>', '"', "'", '地', '区', ' ', '\n', '1', '%') , maxLength: 6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.constant(null),
      fc.boolean(),
      fc.double({ min: -2, max: 2, noNaN: true }).map((v) => ({ t: 'n', v, z: '0.00%' })),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }), async (aoa) => {
      const { lean, sheetjs } = await both(book({ S: aoa }));
      expect(lean).toEqual(sheetjs);
    }), { numRuns: 150 });
  });
});
