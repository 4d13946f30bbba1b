// Office files built the way offices build them, from the clean synthetic
// fixture: title rows, units in headers, a units row, merged unit cells,
// bookkeeping columns, notes under the table; as CSV (UTF-8, GB18030) and as
// workbooks (.xlsx, .xls), with shares stored as percentages.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { fixture, PYTHON, ROOT } from './helpers.js';

/** A cell of a generated sheet: text, a number, or a number shown as a percentage. */
export type OfficeCell = string | number | { pct: number };

/** The clean synthetic fixture as a header and rows of text. */
export function synthetic(): { header: string[]; rows: string[][] } {
  const lines = readFileSync(fixture('zhejiang-synthetic.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  return { header: lines[0]!, rows: lines.slice(1) };
}

/** Labels and units of the synthetic columns as an office header writes them. */
const OFFICE_HEADER: Record<string, [string, string]> = {
  firms: ['小微企业总数（家）', '家'],
  revenue: ['营业收入总额(亿元)', '亿元'],
  employment: ['就业人员总数[万人]', '万人'],
  new_product_share: ['新产品产值占比（%）', '%'],
  tech_investment_share: ['科技投入占比(%)', '%'],
};

/**
 * The synthetic panel laid out for printing: two title rows, a header with
 * units and full-width spaces, a units row, 序号 and 备注 columns, rows sorted
 * by unit with the unit written once (merged cells), and two note rows.
 * Shares become percentages (19.46% as 0.1946) where `percent` is set.
 */
export function officeSheet(options: { percent?: boolean; unitHeader?: string } = {}): OfficeCell[][] {
  const { header, rows } = synthetic();
  const head = ['序号', options.unitHeader ?? '地　区', '年 份', ...header.slice(2).map((h) => OFFICE_HEADER[h]?.[0] ?? h), '备注'];
  const units = ['', '单位', '', ...header.slice(2).map((h) => OFFICE_HEADER[h]?.[1] ?? ''), ''];
  const sorted = [...rows].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1]) - Number(b[1])));
  let prev = '';
  const body = sorted.map((r, i): OfficeCell[] => {
    const unit = r[0] === prev ? '' : r[0]!;
    prev = r[0]!;
    const values = r.slice(2).map((v, j): OfficeCell => (options.percent && OFFICE_HEADER[header[j + 2]!]?.[1] === '%' ? { pct: Number(v) / 100 } : Number(v)));
    return [i + 1, unit, Number(r[1]), ...values, i === 0 ? '模拟数据' : ''];
  });
  return [
    ['浙江省小微企业成长指标（模拟数据）'],
    ['填报单位：（模拟）', '', '', '', '', '日期：2019年6月'],
    head,
    units,
    ...body,
    ['注：本表为模拟数据，不是官方统计。'],
    ['数据来源：smei 测试生成。'],
  ];
}

/** The text of an office cell (a percentage as written, 19.46%). */
function text(c: OfficeCell): string {
  if (typeof c === 'object') return `${Number((c.pct * 100).toFixed(10))}%`;
  return String(c);
}

/** A sheet as CSV text, Excel-style (every row as wide as the widest, CRLF). */
export function toCsv(sheet: OfficeCell[][]): string {
  const width = Math.max(...sheet.map((r) => r.length));
  return `${sheet.map((r) => Array.from({ length: width }, (_, i) => {
    const t = r[i] === undefined ? '' : text(r[i]!);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  }).join(',')).join('\r\n')}\r\n`;
}

/** A sheet as GB18030 bytes (the synthetic text is all in GBK's range). */
export function toGb18030(textValue: string): Uint8Array {
  // Node has no GB18030 encoder: build one from the decoder over the two-byte range.
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of textValue) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (bytes === undefined) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** Sheets (name -> cells) as workbook bytes; percentages get a 0.00% format. */
export function toWorkbook(sheets: Record<string, OfficeCell[][]>, bookType: 'xlsx' | 'biff8' = 'xlsx', cells: Record<string, Record<string, XLSX.CellObject>> = {}): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const aoa = rows.map((r) => r.map((c) => (typeof c === 'object' ? { t: 'n', v: c.pct, z: '0.00%' } : c)));
    const ws = XLSX.utils.aoa_to_sheet(aoa as unknown as unknown[][]);
    for (const [addr, cell] of Object.entries(cells[name] ?? {})) ws[addr] = cell;
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return XLSX.write(wb, { type: 'buffer', bookType }) as Buffer;
}

/** Years as columns: 地区, 指标, 2014年 ... (one row per unit and indicator). */
export function yearsAsColumns(): string[][] {
  const { header, rows } = synthetic();
  const years = [...new Set(rows.map((r) => r[1]!))];
  const units = [...new Set(rows.map((r) => r[0]!))];
  const out = [['地区', '指标', ...years.map((y) => `${y}年`)]];
  for (const u of units) {
    for (let j = 2; j < header.length; j++) out.push([u, header[j]!, ...years.map((y) => rows.find((r) => r[0] === u && r[1] === y)![j]!)]);
  }
  return out;
}

/** The National Bureau of Statistics data portal's export: title rows, 地区 then years newest first, notes. */
export function nbsExport(node: string, label: string, unit: string): string[][] {
  const { header, rows } = synthetic();
  const j = header.indexOf(node);
  const years = [...new Set(rows.map((r) => r[1]!))].reverse();
  const units = [...new Set(rows.map((r) => r[0]!))];
  return [
    ['数据库：分省年度数据'],
    [`指标：${label}(${unit})`],
    ['时间：最近5年'],
    ['地区', ...years.map((y) => `${y}年`)],
    ...units.map((u) => [u, ...years.map((y) => rows.find((r) => r[0] === u && r[1] === y)![j]!)]),
    ['注：模拟数据。'],
    ['数据来源：smei 测试'],
  ];
}

/** A cell for test/office-py.py: null is not written at all (absent from the file, as Excel leaves an empty cell). */
export type PyCell = string | number | { pct: number } | null;

/** Writes a workbook with openpyxl (.xlsx) or xlwt (.xls) through test/office-py.py; merges like "A5:A9". */
export function pyWorkbook(path: string, format: 'xlsx' | 'xls', sheets: { name: string; rows: PyCell[][]; merges?: string[] }[]): void {
  execFileSync(PYTHON, [join(ROOT, 'test', 'office-py.py')], { input: JSON.stringify({ path, format, sheets }), stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
}

/** Copies the visible sheets of an .xlsx into a new workbook with openpyxl, values and number formats only (a form's hidden marker is lost). */
export function pyCopyWorkbook(from: string, path: string, rename: Record<string, string> = {}): void {
  execFileSync(PYTHON, [join(ROOT, 'test', 'office-py.py')], { input: JSON.stringify({ path, copyFrom: from, rename }), stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
}
