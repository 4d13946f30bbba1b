// Making user strings safe for each output: terminals, Markdown, CSV.

import { FORMULA_START } from '../text.js';
// C0/C1 controls and the bidirectional controls that can reorder a line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Shows control and bidi characters as visible escapes (\n, \u202e). */
export function terminalSafe(s: string): string {
  return s.replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Escapes text for a GitHub Markdown table cell or paragraph. */
export function markdownText(s: string): string {
  return terminalSafe(s.replace(/\r\n|\r|\n/g, ' '))
    .replace(/\\(?![nrtu])/g, '\\\\')
    .replace(/([|*_`<>[\]#~])/g, '\\$1')
    // no autolinks from user text: break "scheme://" and "www."
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

/** Quotes a CSV cell when needed and defuses spreadsheet formulas. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let s = value;
  // A leading = + - @ tab or CR can run as a formula in a spreadsheet.
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== value ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Joins CSV cells into a line. */
export function csvLine(cells: (string | number | null)[]): string {
  return cells.map(csvCell).join(',');
}
