// Cell values as Excel users write them: full-width digits, thousands
// separators, percent signs, and the usual spellings of "missing".
import { cleanCell } from '../text.js';

/** Cell texts that mean "no value" (compared lower-cased, after NFKC). */
export const MISSING_TOKENS = new Set(['', '-', '--', '—', '–', '——', 'na', 'n/a', '#n/a', '..', '...', '…', 'null']);

const PLAIN = /^-?\d+(?:\.\d+)?$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** A parsed cell: a finite number, missing (null), or why it is not a number. */
export type ParsedNumber = number | null | { error: 'not-a-number' | 'not-finite' };

/** Parses a numeric cell. */
export function parseNumber(raw: string): ParsedNumber {
  if (PLAIN.test(raw)) return Number(raw);
  let s = cleanCell(raw);
  if (MISSING_TOKENS.has(s.toLowerCase())) return null;
  if (s.endsWith('%')) s = s.slice(0, -1).trimEnd();
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  if (!NUMBER.test(s)) return { error: 'not-a-number' };
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
