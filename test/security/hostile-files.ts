// Builders of hostile workbooks for the security tests: each is made here, in
// code, by smei's own ZIP writer (never committed, never hand-edited bytes).
import { zip } from '../../src/render/xlsx-writer.js';

/** The hand-worked data as rows of cells; a number cell is written as <v>text</v>, a string inline. */
export const HAND_ROWS: (string | number)[][] = [
  ['unit', 'year', 'a1', 'a2', 'b1'],
  ['X', 2014, 50, 20, 10],
  ['X', 2015, 60, 25, 12],
  ['Q', 2014, 100, 40, 20],
  ['Q', 2015, 120, 50, 24],
];

/** Column letters of a 0-based column. */
function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One cell's XML: numbers (and raw number texts given as { v }) as <v>, strings inline. */
export function cellXml(ref: string, c: string | number | { v: string }): string {
  if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
  if (typeof c === 'object') return `<c r="${ref}"><v>${c.v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${c.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
}

/** A sheet's XML from rows of cells. */
export function sheetXml(rows: (string | number | { v: string })[][]): string {
  const body = rows.map((r, i) => `<row r="${i + 1}">${r.map((c, j) => cellXml(`${letters(j)}${i + 1}`, c)).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** The parts of a minimal workbook with one sheet (named Data) whose XML is given; more parts may be added or replaced. */
export function workbookParts(sheet: string, extra: Record<string, string | Uint8Array> = {}): [string, string | Uint8Array][] {
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheet,
    ...extra,
  };
  if ('xl/sharedStrings.xml' in extra) {
    parts['[Content_Types].xml'] = (parts['[Content_Types].xml'] as string).replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>');
  }
  return Object.entries(parts);
}

/** A minimal .xlsx with one sheet of the given XML. */
export function xlsxOf(sheet: string, extra: Record<string, string | Uint8Array> = {}): Uint8Array {
  return zip(workbookParts(sheet, extra));
}
