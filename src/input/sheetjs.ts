// Workbooks through SheetJS Community Edition (npm @e965/xlsx: the official
// SheetJS builds republished unmodified, 0.20.3, past the advisories of npm
// `xlsx` 0.18.5): every .xls, and any .xlsx the lean reader does not handle.
// Loaded only then: it is large.
import type * as XLSX from '@e965/xlsx';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SmeiError } from '../errors.js';
import { Fraction, type Cell } from './layout.js';
import { cellNumber, dateFormatKind, excelDateText, excerpt } from './values.js';
import type { XlsxSheet } from './xlsx.js';

/** Spreadsheet error codes as Excel shows them. */
const ERROR_TEXT: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

/** One cell as the folder takes it. */
function cellValue(cell: XLSX.CellObject | undefined, where: () => string): Cell {
  if (cell === undefined) return '';
  if (cell.f !== undefined && cell.v === undefined) {
    throw new SmeiError('value', `${where()}: a formula (=${excerpt(cell.f)}) without a saved value. Open the workbook in Excel or WPS, let it calculate, and save it again (or paste the values).`, { zh: `${where()}：公式（=${excerpt(cell.f)}）没有保存计算结果。请在 Excel 或 WPS 中打开工作簿，让它计算后重新保存（或粘贴为数值）。` });
  }
  switch (cell.t) {
    case 'n': {
      // the CSV number rules: a stored number that is not finite (1e999, a BIFF NaN) is refused, naming the cell
      const v = cellNumber(cell.v, where);
      if (v === null) return '';
      if (typeof cell.z !== 'string') return v;
      if (cell.z.replace(/"[^"]*"|\\./g, '').includes('%')) return new Fraction(v);
      // a period typed 2025年6月 is stored as a date: read as the date's text
      const date = dateFormatKind(cell.z);
      return date === undefined ? v : excelDateText(v, date);
    }
    case 'e': return ERROR_TEXT[cell.v as number] ?? '#VALUE!';
    case 's': return String(cell.v ?? '');
    case 'b': return cell.v ? 'TRUE' : 'FALSE';
    case 'd': return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    default: return '';
  }
}

/** The time SheetJS may take for a file: 5 s, plus 1 s per MB (a damaged .xls can send its formula parser round forever). */
export function sheetjsTimeLimit(bytes: number): number {
  return 5000 + bytes / 1000;
}

/** What the worker reading a workbook with SheetJS sends back. */
type WorkerAnswer = { names: string[]; sheets: Record<string, unknown[][]> } | { error: string };

/** The worker's code: SheetJS in a thread of its own, its console silenced, the workbook's sheets sent back as data. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
console.error = console.warn = console.log = () => {};
try {
  const { read } = require(workerData.lib);
  const wb = read(workerData.bytes, { type: 'buffer', cellFormula: true, cellNF: true, cellText: false, cellDates: false, dense: true });
  const sheets = {};
  for (const n of wb.SheetNames) sheets[n] = (wb.Sheets[n] && wb.Sheets[n]['!data']) || [];
  parentPort.postMessage({ names: wb.SheetNames, sheets });
} catch (e) {
  parentPort.postMessage({ error: e && e.message ? String(e.message) : String(e) });
}`;

/** Where SheetJS is installed (resolved from this file, in the bundle and in the sources alike). */
function sheetjsPath(): string {
  const from = typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
  return createRequire(from).resolve('@e965/xlsx');
}

/**
 * Reads a workbook with SheetJS in a worker thread, bounded in time and
 * memory: a file that sends it spinning ends with a message, not a hang.
 */
async function readInWorker(bytes: Buffer, file: string, limit: number): Promise<{ names: string[]; sheets: Record<string, unknown[][]> }> {
  if (limit === Infinity) {
    // unbounded: in this thread (the differential tests compare thousands of small sheets)
    const { read } = await import('@e965/xlsx');
    const wb = read(bytes, { type: 'buffer', cellFormula: true, cellNF: true, cellText: false, cellDates: false, dense: true });
    return { names: wb.SheetNames, sheets: Object.fromEntries(wb.SheetNames.map((n) => [n, (wb.Sheets[n]?.['!data'] ?? []) as unknown[][]])) };
  }
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(WORKER, { eval: true, workerData: { lib: sheetjsPath(), bytes }, resourceLimits: { maxOldGenerationSizeMb: 768 }, stdout: true, stderr: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      timer = setTimeout(() => reject(new SmeiError('file', `${file}: reading it took longer than ${Math.round(limit / 1000)} s and was stopped (the workbook library went round in circles: the file is most likely damaged). Open it in Excel or WPS and save it again as .xlsx.`, { zh: `${file}：读取超过 ${Math.round(limit / 1000)} 秒，已停止（工作簿读取库陷入了循环：文件很可能已损坏）。请在 Excel 或 WPS 中打开并重新另存为 .xlsx。` })), limit);
      worker.once('message', resolve);
      worker.once('error', (e) => reject(new SmeiError('file', `${file}: cannot be read as a workbook (${e.message}${/memory|heap/i.test(e.message) ? ': it needs more memory than smei gives a workbook' : ''}). Open it in Excel or WPS and save it again as .xlsx, or save the sheet as CSV.`, { cause: e, zh: `${file}：无法作为工作簿读取（${e.message}${/memory|heap/i.test(e.message) ? '：它需要的内存超过 smei 给工作簿的上限' : ''}）。请在 Excel 或 WPS 中打开并重新另存为 .xlsx，或把工作表另存为 CSV。` })));
      worker.once('exit', (code) => reject(new SmeiError('file', `${file}: cannot be read as a workbook (the reader stopped, code ${code}). Open it in Excel or WPS and save it again as .xlsx.`, { zh: `${file}：无法作为工作簿读取（读取程序停止，代码 ${code}）。请在 Excel 或 WPS 中打开并重新另存为 .xlsx。` })));
    });
    if ('error' in answer) {
      const msg = answer.error;
      if (/password|encrypt/i.test(msg)) throw new SmeiError('file', `${file}: the workbook is encrypted (password-protected). Open it in Excel or WPS, remove the password (File > Info > Protect Workbook), and save it again.`, { zh: `${file}：工作簿已加密（有密码保护）。请在 Excel 或 WPS 中打开，去掉密码（文件 > 信息 > 保护工作簿），然后重新保存。` });
      throw new SmeiError('file', `${file}: cannot be read as a workbook (${msg}). Open it in Excel or WPS and save it again as .xlsx.`, { zh: `${file}：无法作为工作簿读取（${msg}）。请在 Excel 或 WPS 中打开并重新另存为 .xlsx。` });
    }
    return answer;
  } finally {
    clearTimeout(timer);
    void worker.terminate();
  }
}

/** The sheets of a workbook read by SheetJS, rows as the folder takes them (blank rows left out). */
export async function sheetjsSheets(bytes: Buffer, file: string, where: (sheet: string, line: number, col: number) => string, timeLimit = sheetjsTimeLimit(bytes.length)): Promise<XlsxSheet[]> {
  // SheetJS is large, and only .xls and odd .xlsx files need it: it is loaded in the worker, only then
  const wb = await readInWorker(bytes, file, timeLimit);
  return wb.names.map((name) => ({
    name,
    rows: () => {
      // a sheet SheetJS listed but could not read (a damaged .xls) has no data: it reads as empty
      const data = (wb.sheets[name] ?? []) as (XLSX.CellObject | undefined)[][];
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
