// Workbooks (.xlsx, .xls) -> the rows the CSV reader would give -> the same
// folder. Numbers come from the cell values, not their display text; a
// formula uses its cached value. Read with SheetJS Community Edition (npm
// @e965/xlsx: the official SheetJS builds republished unmodified, 0.20.3,
// past the advisories of npm `xlsx` 0.18.5), loaded only when a workbook is read.
import * as XLSX from '@e965/xlsx';
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import { quote } from '../text.js';
import { RecordFolder } from './fold.js';
import { cellText, Fraction, type Cell, type Locator } from './layout.js';
import { layoutOptions, type ReadOptions, type ReadResult } from './read.js';
import { excerpt } from './values.js';

/** Spreadsheet error codes as Excel shows them. */
const ERROR_TEXT: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

/** A sheet's locator: "data.xlsx, sheet 2018, C7". */
function sheetLocator(file: string, sheet: string): Locator {
  const at = `${file}, sheet ${sheet}`;
  return { file, row: (line) => `${at}, row ${line}`, cell: (line, col) => `${at}, ${XLSX.utils.encode_col(col)}${line}`, colName: (col) => XLSX.utils.encode_col(col), lineWord: 'row' };
}

/** One cell as the folder takes it. */
function cellValue(cell: XLSX.CellObject | undefined, where: () => string): Cell {
  if (cell === undefined) return '';
  if (cell.f !== undefined && cell.v === undefined) {
    throw new SmeiError('value', `${where()}: a formula (=${excerpt(cell.f)}) without a saved value. Open the workbook in Excel or WPS, let it calculate, and save it again (or paste the values).`);
  }
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      return typeof cell.z === 'string' && cell.z.includes('%') ? new Fraction(v) : v;
    }
    case 'e': return ERROR_TEXT[cell.v as number] ?? '#VALUE!';
    case 's': return String(cell.v ?? '');
    case 'b': return cell.v ? 'TRUE' : 'FALSE';
    case 'd': return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    default: return '';
  }
}

/** A short picture of a sheet for the "no sheet fits" message: its first non-empty row. */
function firstRowText(rows: Cell[][]): string {
  const row = rows.find((r) => r.some((c) => cellText(c).trim() !== ''));
  if (row === undefined) return 'empty';
  return `first row: ${excerpt(row.map((c) => cellText(c).trim()).filter((t) => t !== '').join(' | '), 60)}`;
}

/** Reads a workbook into observations: the sheet --sheet names, or the first whose header smei recognises. */
export function readWorkbook(bytes: Buffer, file: string, fw: Framework, options: ReadOptions): Omit<ReadResult, 'sha256'> {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', cellFormula: true, cellNF: true, cellText: false, cellDates: false, dense: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw new SmeiError('file', `${file}: the workbook is encrypted (password-protected). Open it in Excel or WPS, remove the password (File > Info > Protect Workbook), and save it again.`, { cause: e });
    throw new SmeiError('file', `${file}: cannot be read as a workbook (${msg}). Open it in Excel or WPS and save it again as .xlsx.`, { cause: e });
  }
  const names = wb.SheetNames;
  let candidates = names;
  if (options.sheet !== undefined) {
    const n = /^\d+$/.test(options.sheet) ? Number(options.sheet) : undefined;
    const name = n !== undefined && n >= 1 && n <= names.length && !names.includes(options.sheet) ? names[n - 1] : names.find((s) => s === options.sheet || s.trim() === options.sheet!.trim());
    if (name === undefined) throw new SmeiError('usage', `--sheet ${quote(options.sheet)}: ${file} has no such sheet. Its sheets: ${names.map((s, i) => `${i + 1} ${quote(s)}`).join(', ')}.`);
    candidates = [name];
  }
  const looked: string[] = [];
  for (const sheet of candidates) {
    const ws = wb.Sheets[sheet]!;
    const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const where = sheetLocator(file, sheet);
    const folder = new RecordFolder(where, fw, { ...layoutOptions(options), firstRowFallback: options.sheet !== undefined });
    const rows: Cell[][] = [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r] ?? [];
      const cells: Cell[] = [];
      for (let c = 0; c < src.length; c++) cells.push(cellValue(src[c], () => where.cell(r + 1, c)));
      while (cells.length > 0 && cellText(cells[cells.length - 1]).trim() === '') cells.pop();
      rows.push(cells);
      // blank rows are skipped, as the CSV reader skips blank lines
      if (cells.length > 0) folder.add(cells, r + 1);
    }
    folder.finish();
    if (!folder.hasLayout) {
      looked.push(`${quote(sheet)} (${firstRowText(rows)})`);
      continue;
    }
    const notes = names.length > 1 ? [{ code: 'sheet' as const, detail: { sheet } }, ...folder.notes] : folder.notes;
    return { observations: folder.observations, format: folder.format, encoding: 'workbook', delimiter: ',', records: folder.records, notes, warnings: folder.warnings, sheet };
  }
  throw new SmeiError('header', `${file}: no sheet has a header smei recognises (a unit column such as 地区 and a year column such as 年份, or years as columns such as 2016年, in its first 20 rows). Sheets: ${looked.join('; ')}. Pick one with --sheet NAME and --header-row N.`);
}
