// Workbooks through SheetJS Community Edition (npm @e965/xlsx: the official
// SheetJS builds republished unmodified, 0.20.3, past the advisories of npm
// `xlsx` 0.18.5): every .xls, and any .xlsx the lean reader does not handle.
// Loaded only then: it is large.
import type * as XLSX from '@e965/xlsx';
import { SmeiError } from '../errors.js';
import { Fraction, type Cell } from './layout.js';
import { cellNumber, excerpt } from './values.js';
import type { XlsxSheet } from './xlsx.js';

/** Spreadsheet error codes as Excel shows them. */
const ERROR_TEXT: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

/** One cell as the folder takes it. */
function cellValue(cell: XLSX.CellObject | undefined, where: () => string): Cell {
  if (cell === undefined) return '';
  if (cell.f !== undefined && cell.v === undefined) {
    throw new SmeiError('value', `${where()}: a formula (=${excerpt(cell.f)}) without a saved value. Open the workbook in Excel or WPS, let it calculate, and save it again (or paste the values).`);
  }
  switch (cell.t) {
    case 'n': {
      // the CSV number rules: a stored number that is not finite (1e999, a BIFF NaN) is refused, naming the cell
      const v = cellNumber(cell.v, where);
      if (v === null) return '';
      return typeof cell.z === 'string' && cell.z.replace(/"[^"]*"|\\./g, '').includes('%') ? new Fraction(v) : v;
    }
    case 'e': return ERROR_TEXT[cell.v as number] ?? '#VALUE!';
    case 's': return String(cell.v ?? '');
    case 'b': return cell.v ? 'TRUE' : 'FALSE';
    case 'd': return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    default: return '';
  }
}

/** The sheets of a workbook read by SheetJS, rows as the folder takes them (blank rows left out). */
export async function sheetjsSheets(bytes: Buffer, file: string, where: (sheet: string, line: number, col: number) => string): Promise<XlsxSheet[]> {
  // loaded here: SheetJS is large, and only .xls and odd .xlsx files need it
  const { read } = await import('@e965/xlsx');
  let wb: XLSX.WorkBook;
  try {
    wb = read(bytes, { type: 'buffer', cellFormula: true, cellNF: true, cellText: false, cellDates: false, dense: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw new SmeiError('file', `${file}: the workbook is encrypted (password-protected). Open it in Excel or WPS, remove the password (File > Info > Protect Workbook), and save it again.`, { cause: e });
    throw new SmeiError('file', `${file}: cannot be read as a workbook (${msg}). Open it in Excel or WPS and save it again as .xlsx.`, { cause: e });
  }
  return wb.SheetNames.map((name) => ({
    name,
    rows: () => {
      const data = (wb.Sheets[name]!['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
      const rows: { line: number; cells: Cell[] }[] = [];
      for (let r = 0; r < data.length; r++) {
        const src = data[r] ?? [];
        const cells: Cell[] = [];
        for (let c = 0; c < src.length; c++) cells.push(cellValue(src[c], () => where(name, r + 1, c)));
        while (cells.length > 0 && (cells[cells.length - 1] === '' || (typeof cells[cells.length - 1] === 'string' && (cells[cells.length - 1] as string).trim() === ''))) cells.pop();
        if (cells.length > 0) rows.push({ line: r + 1, cells });
      }
      return rows;
    },
  }));
}
