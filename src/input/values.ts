// Cell values as Excel users write them: full-width digits, thousands
// separators, percent signs, and the usual spellings of "missing".
import { SmeiError } from '../errors.js';
import { cleanCell } from '../text.js';

/** Cell texts that mean "no value" (compared lower-cased, after NFKC). */
export const MISSING_TOKENS = new Set(['', '-', '--', '—', '–', '——', 'na', 'n/a', '#n/a', '..', '...', '…', 'null', 'nan']);

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** A parsed cell: a finite number, missing (null), or why it is not a number. */
export type ParsedNumber = number | null | { error: 'not-a-number' | 'not-finite' | 'infinite' | 'ambiguous' };

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses a plain ASCII decimal ("-1234.567", at most 15 digits) in
 * src[start, end), text or UTF-8 bytes, without a regex; undefined for
 * anything else. Exact: the digits form an integer below 2^53 and dividing
 * two exactly represented doubles rounds correctly, so the result equals
 * Number(text) (Clinger's fast path).
 */
export function parsePlain(src: string | Uint8Array, start = 0, end = src.length): number | undefined {
  const n = end - start;
  if (n <= 0 || n > 17) return undefined;
  const text = typeof src === 'string';
  const minus = (text ? src.charCodeAt(start) : src[start]) === 45; // '-'
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (let i = minus ? start + 1 : start; i < end; i++) {
    const c = text ? src.charCodeAt(i) : src[i]!;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0 && digits > 0 && i < end - 1) {
      scale = 0;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const v = scale > 0 ? mantissa / POW10[scale]! : mantissa;
  return minus && v !== 0 ? -v : v; // never -0
}

/**
 * A fraction in percent, exactly as its decimal reads: the decimal point of
 * the value's shortest decimal text (the text Excel stores for it, or the
 * one that reads back to the same double) moved two places, then read once
 * (0.035 -> "0.035e2" -> 3.5). A binary multiply rounds twice: 0.035 * 100 is
 * 3.5000000000000004 and 0.07 * 100 is 7.000000000000001, and such a value
 * is not equal to the 3.5 typed beside it.
 */
export function percentOf(fraction: number): number {
  return shiftDecimal(fraction, 2);
}

/**
 * A value times 10^exp, exactly as its decimal reads: the decimal point of
 * its shortest decimal text moved `exp` places, then read once (a column in
 * 万元 read in 亿元: 20956200 -> 2095.62, the double the typed 2095.62 is;
 * percentOf is the shift by 2).
 */
export function shiftDecimal(value: number, exp: number): number {
  if (exp === 0) return value;
  if (!Number.isFinite(value)) return value * 10 ** exp;
  const text = String(value);
  const e = text.indexOf('e');
  const v = e < 0 ? Number(`${text}e${exp}`) : Number(`${text.slice(0, e)}e${Number(text.slice(e + 1)) + exp}`);
  return v === 0 ? 0 : v; // never -0
}

const ONE_GROUP = /^[+-]?\d{1,3},\d{3}$/;

/**
 * Parses a numeric cell. `decimalComma` says a comma may be a decimal comma
 * (a file separated by ; or tab, as European exports are): there "1,500"
 * could mean 1500 or 1.5, and is refused rather than guessed.
 */
export function parseNumber(raw: string, decimalComma = false): ParsedNumber {
  const plain = parsePlain(raw);
  if (plain !== undefined) return plain;
  let s = cleanCell(raw);
  if (MISSING_TOKENS.has(s.toLowerCase())) return null;
  if (s.endsWith('%')) s = s.slice(0, -1).trimEnd();
  if (decimalComma && ONE_GROUP.test(s)) return { error: 'ambiguous' };
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  if (!NUMBER.test(s)) return /^[+-]?(?:inf|infinity|∞)$/i.test(s) ? { error: 'infinite' } : { error: 'not-a-number' };
  const v = Number(s);
  if (!Number.isFinite(v)) return { error: 'not-finite' };
  return v === 0 ? 0 : v;
}

/** A parsed year cell: the year, or why it is not one. */
export type ParsedYear = number | { error: string };

/** Parses a year: four digits, an optional trailing 年. */
export function parseYear(raw: string): ParsedYear {
  const s = cleanCell(raw).replace(/\s*年$/, '');
  if (/^\d{4}$/.test(s)) return Number(s);
  if (s === '') return { error: 'is empty' };
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) return { error: 'is not a whole four-digit year' };
  return { error: 'is not a year' };
}

/** Shortens a cell for a message. */
export function excerpt(s: string, max = 40): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}

/**
 * A workbook cell's stored number (its <v>, or a value SheetJS parsed) by the
 * CSV number rules: blank is missing (null); a text that is not a plain
 * number (0x3C) or not finite (1e999) is refused, naming the cell.
 */
export function cellNumber(v: unknown, where: () => string): number | null {
  if (typeof v !== 'string') {
    if (typeof v === 'number' && Number.isFinite(v)) return v === 0 ? 0 : v;
    throw new SmeiError('value', `${where()}: the stored number (${String(v)}) is not a finite number. Correct the cell: save a plain number, or leave it empty for a missing value.`, { zh: `${where()}：存储的数值（${String(v)}）不是有限的数。请改正该单元格：存为普通数字，缺失值请留空。` });
  }
  const parsed = parseNumber(v);
  if (parsed === null || typeof parsed === 'number') return parsed;
  const { why, whyZh } = notANumber(parsed.error);
  throw new SmeiError('value', `${where()}: the stored number ${JSON.stringify(excerpt(v))} ${why}. Save the cell as a plain number (the workbook may have been written by a broken tool), or leave it empty for a missing value.`, { zh: `${where()}：存储的数值 ${JSON.stringify(excerpt(v))}${whyZh}。请把该单元格存为普通数字（工作簿可能是由有缺陷的工具写出的），缺失值请留空。` });
}

/** Why a cell is not a number, in words. */
export function notANumber(error: 'not-a-number' | 'not-finite' | 'infinite' | 'ambiguous'): { why: string; whyZh: string } {
  switch (error) {
    case 'not-finite': return { why: 'is too large to be a finite number', whyZh: '太大，不是有限的数' };
    case 'infinite': return { why: 'is infinite (a division by zero where the figure was worked out?)', whyZh: '是无穷大（计算该数时除以了0？）' };
    default: return { why: 'is not a number', whyZh: '不是数字' };
  }
}

/**
 * Whether a number format shows a date, and to what: 'month' for a year and
 * month (yyyy"年"m"月", mmm-yy: a period typed as 2025年6月, which Excel
 * stores as the date 2025-06-01), 'day' for a full date, undefined for any
 * other (numbers, percents, times). Built-in formats by id: 14-17 and the
 * Chinese 27-36 and 50-58 (57 and 58 are 年月 without a day).
 */
export function dateFormatKind(code: string | undefined, id?: number): 'month' | 'day' | undefined {
  if (code === undefined) {
    if (id === undefined) return undefined;
    if (id === 17 || id === 57 || id === 58) return 'month';
    return (id >= 14 && id <= 16) || (id >= 27 && id <= 36) || (id >= 50 && id <= 56) ? 'day' : undefined;
  }
  // the format's own tokens: quoted text ("年"), escapes (\-) and colours or locales ([Red], [$-804]) left out
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase();
  if (!/y/.test(bare) || !/m/.test(bare) || /[hs0#@%]/.test(bare)) return undefined;
  return /d/.test(bare) ? 'day' : 'month';
}

/** An Excel date serial (1900 system) as text: 2025-06 for a month format, 2025-06-01 for a day's. */
export function excelDateText(serial: number, kind: 'month' | 'day'): string {
  // serial 25569 is 1970-01-01 (Excel's 1900 leap-year slip lies before March 1900, outside any data)
  const d = new Date(Math.round((serial - 25569) * 86400000));
  const ym = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return kind === 'month' ? ym : `${ym}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
