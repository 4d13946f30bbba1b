// Workbook numbers follow the CSV number rules in both readers; Excel's _xHHHH_
// escapes are decoded as SheetJS decodes them; 100·x does not overflow near
// 1e308; smei reads back the names it wrote to CSV with a ' guard.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { sheetjsSheets } from '../../src/input/sheetjs.js';
import { openXlsx } from '../../src/input/xlsx.js';
import { columnLetters } from '../../src/input/workbook.js';
import { fixture, rowsByKey, run, tempDir } from '../helpers.js';
import { HAND_ROWS, sheetXml, xlsxOf } from './hostile-files.js';

const FW = fixture('hand-worked-framework.json');
const where = (sheet: string, line: number, col: number): string => `${sheet}!${columnLetters(col)}${line}`;

/** The hand-worked rows with X's 2014 a1 given as a raw <v> text. */
function withBaseCell(v: string): Uint8Array {
  const rows = HAND_ROWS.map((r) => [...r]) as (string | number | { v: string })[][];
  rows[1]![2] = { v };
  return xlsxOf(sheetXml(rows));
}

/** Writes bytes to a temp file and runs compute on it with the hand-worked framework. */
async function compute(bytes: Uint8Array, extra: string[] = []): ReturnType<typeof run> {
  const dir = tempDir();
  writeFileSync(join(dir, 'data.xlsx'), bytes);
  return run(['compute', join(dir, 'data.xlsx'), '--framework', FW, ...extra]);
}

describe('workbook numbers as CSV numbers', () => {
  it.each([
    ['1e999', /data\.xlsx, sheet Data, C2: the stored number "1e999" is too large to be a finite number/, /data\.xlsx, sheet Data, C2：存储的数值 "1e999"太大，不是有限的数。/],
    ['0x3C', /data\.xlsx, sheet Data, C2: the stored number "0x3C" is not a number/, /data\.xlsx, sheet Data, C2：存储的数值 "0x3C"不是数字。/],
    ['Infinity', /C2: the stored number "Infinity" is infinite/, /C2：存储的数值 "Infinity"是无穷大（计算该数时除以了0？）。请把该单元格存为普通数字/],
  ])('<v>%s</v> is refused naming the cell', async (v, message, zh) => {
    const r = await compute(withBaseCell(v), ['--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect((await compute(withBaseCell(v))).stderr).toMatch(zh);
  });

  it('a blank <v> </v> is a missing value, not 0', async () => {
    const r = await compute(withBaseCell(' '), ['--format', 'json', '--no-review']);
    expect(r.code, r.stderr).toBe(0);
    const rows = rowsByKey(r.stdout);
    expect(rows.get('X|2014|a1')?.value).toBeNull();
    expect(rows.get('Q|2014|a1')?.value).toBe(100);
  });

  it('the SheetJS path refuses a stored number that is not finite, naming the cell', async () => {
    // SheetJS parses <v>1e999</v> to no number at all (it shows #DIV/0!)
    const sheets = await sheetjsSheets(Buffer.from(withBaseCell('1e999')), 'big.xlsx', where);
    expect(() => sheets[0]!.rows()).toThrow(/Data!C2: the stored number \((null|Infinity)\) is not a finite number/);
  });
});

describe("Excel's _xHHHH_ escapes", () => {
  it('decode as SheetJS decodes them, in shared and inline strings', async () => {
    const texts = ['a_x000D_b', 'x_x005F_x000D_y', '_x4E2D_国', 'plain_x00', '&#x110000;ok'];
    const shared = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${texts.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`;
    const rows = `<row r="1">${texts.map((_, i) => `<c r="${columnLetters(i)}1" t="s"><v>${i}</v></c>`).join('')}</row><row r="2">${texts.map((t, i) => `<c r="${columnLetters(i)}2" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`;
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    const rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
    const bytes = Buffer.from(xlsxOf(sheet, { 'xl/sharedStrings.xml': shared, 'xl/_rels/workbook.xml.rels': rels }));
    const lean = openXlsx(bytes, where)![0]!.rows().map((r) => r.cells);
    expect(lean[0]).toEqual(['a\rb', 'x_x000D_y', '中国', 'plain_x00', '\ufffdok']);
    expect(lean[1]).toEqual(lean[0]);
    // SheetJS reads the same texts (it keeps &#x110000; as a wrapped UTF-16 unit; smei gives U+FFFD)
    const theirs = XLSX.read(bytes, { type: 'buffer' }).Sheets['Data']!;
    for (let i = 0; i < 4; i++) expect(theirs[`${columnLetters(i)}1`].v, texts[i]).toBe(lean[0]![i]);
  });

  it('a header ending in _x000D_ (a CR as Excel writes it) reads as the header', async () => {
    const sheet = sheetXml([['unit_x000D_', 'year', 'a1', 'a2', 'b1'], ...HAND_ROWS.slice(1)]);
    const r = await compute(xlsxOf(sheet), ['--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(rowsByKey(r.stdout).get('X|2015|a1')?.value).toBe(120);
  });
});

describe('100·x near 1e308', () => {
  it('the base year is exactly 100 and the next year exact too', async () => {
    const dir = tempDir();
    const csv = 'unit,year,a1,a2,b1\nX,2014,1.5e308,1e308,1e308\nX,2015,1.5e308,5e307,1.2e308\nQ,2014,100,40,20\nQ,2015,120,50,24\n';
    writeFileSync(join(dir, 'big.csv'), csv);
    const r = await run(['compute', join(dir, 'big.csv'), '--framework', FW, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = rowsByKey(r.stdout);
    for (const n of ['a1', 'a2', 'b1', 'A', 'B', 'total']) expect(rows.get(`X|2014|${n}`)?.value, n).toBe(100);
    expect(rows.get('X|2015|a2')?.value).toBe(200);
    expect(rows.get('X|2015|b1')?.value).toBeCloseTo(120, 10);
  });
});

describe('smei reads back the CSV it wrote', () => {
  it("rebase --format csv, then diff: names guarded with ' come back as they were", async () => {
    const dir = tempDir();
    const names = ['=SUM(A1)', '-2+3', '@cmd', 'Plain'];
    const rows = ['unit,year,a1,a2,b1'];
    names.forEach((u, k) => rows.push(`"${u}",2014,${10 * (k + 1)},${5 * (k + 1)},${k + 1}`, `"${u}",2015,${11 * (k + 1)},${6 * (k + 1)},${2 * (k + 1)}`));
    writeFileSync(join(dir, 'in.csv'), `${rows.join('\n')}\n`);
    const rebased = await run(['rebase', join(dir, 'in.csv'), '--framework', FW, '--to', '2015', '--format', 'csv', '--out', join(dir, 'rebased.csv')]);
    expect(rebased.code, rebased.stderr).toBe(0);
    expect(readFileSync(join(dir, 'rebased.csv'), 'utf8')).toContain(`"'=SUM(A1)",2014,a1,`);
    const d = await run(['diff', join(dir, 'in.csv'), join(dir, 'rebased.csv'), '--framework', FW, '--format', 'json']);
    expect(d.code, d.stderr).toBe(0);
    const doc = JSON.parse(d.stdout) as { summary: { new: number; dropped: number; same: number }; units: { unit: string }[] };
    expect(doc.summary).toMatchObject({ new: 0, dropped: 0, same: 4 });
    expect(doc.units.map((u) => u.unit).sort()).toEqual([...names].sort());
  });
});
