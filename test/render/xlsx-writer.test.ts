// The .xlsx writer: what it writes, SheetJS and smei's own reader read back.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { writeXlsx, zip } from '../../src/render/xlsx-writer.js';
import { openXlsx } from '../../src/input/xlsx.js';
import { Fraction } from '../../src/input/layout.js';

const book = () => writeXlsx({
  date: '2019-06-30',
  title: '测试 & <test>',
  sheets: [
    {
      name: '表 1',
      rows: [
        [{ v: '地区', style: { bold: true, fill: 'DDEBF7' } }, '年份', 'x & <y>'],
        ['杭州市', 2019, { v: 0.125, style: { numFmt: '0.00%', unlocked: true }, comment: '同比增长 80%，请核实。' }],
        ['宁波市', 2019, { v: 1234.5678, style: { numFmt: '0.00' } }],
        [null, { v: true }, { v: null, style: { unlocked: true, fill: 'FFFFFF' } }],
      ],
      cols: [12, 8, 14],
      freeze: { rows: 1, cols: 1 },
      merges: ['A4:A5'],
      validations: [{ ref: 'C2:C3', type: 'decimal', operator: 'between', formula1: 0, formula2: 100, error: '0-100' }],
      protect: true,
    },
    { name: '_smei', rows: [['marker', '{"a":1}']], state: 'veryHidden' },
  ],
});

describe('writeXlsx', () => {
  it('SheetJS reads the values, formats, comments, merges, validation and the hidden sheet', () => {
    const wb = XLSX.read(book(), { type: 'buffer', cellNF: true, cellStyles: true });
    expect(wb.SheetNames).toEqual(['表 1', '_smei']);
    const ws = wb.Sheets['表 1']!;
    expect(ws.A1!.v).toBe('地区');
    expect(ws.C1!.v).toBe('x & <y>');
    expect(ws.C2!.v).toBe(0.125);
    expect(ws.C2!.z).toBe('0.00%');
    expect(ws.C3!.z).toBe('0.00');
    expect(ws.B4!.v).toBe(true);
    expect((ws.C2!.c as { t: string }[])[0]!.t).toBe('同比增长 80%，请核实。');
    expect(ws['!merges']).toEqual([{ s: { r: 3, c: 0 }, e: { r: 4, c: 0 } }]);
    expect(wb.Workbook!.Sheets![1]!.Hidden).toBe(2);
    expect(wb.Props!.Title).toBe('测试 & <test>');
  });

  it("smei's own reader reads it too, percentages as fractions", () => {
    const sheets = openXlsx(Buffer.from(book()), () => '')!;
    expect(sheets.map((s) => s.name)).toEqual(['表 1', '_smei']);
    const rows = sheets[0]!.rows();
    expect(rows[1]!.cells).toEqual(['杭州市', 2019, new Fraction(0.125)]);
    expect(rows[2]!.cells).toEqual(['宁波市', 2019, 1234.5678]);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    expect(Buffer.from(book()).equals(Buffer.from(book()))).toBe(true);
  });

  it('zip entries carry the given date and inflate back', () => {
    const bytes = Buffer.from(zip([['a.txt', 'hello']], '2019-06-30'));
    expect(bytes.readUInt16LE(12)).toBe(((2019 - 1980) << 9) | (6 << 5) | 30);
  });
});
