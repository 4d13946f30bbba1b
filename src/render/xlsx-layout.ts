// How a sheet of smei's workbooks is laid out for the page: the print setup
// that suits its width, and the height a wrapped header row needs. Pure:
// widths and texts in, numbers out (xlsx-writer.ts writes them).
import displayWidth from './width.js';
import type { WSheet } from './xlsx-writer.js';

/** The columns, in characters (Excel's width unit), that a portrait A4 page holds at full size within the writer's 0.5" margins. */
const PORTRAIT_CHARS = 94;

/**
 * A print setup that suits a sheet of these column widths: A4, one page
 * wide, landscape when the sheet is wide (more than 8 columns, or wider than
 * portrait holds at full size), rows 1 to `titleRows` repeated on every page.
 */
export function printSetup(cols: readonly number[], titleRows?: number): NonNullable<WSheet['print']> {
  const width = cols.reduce((a, w) => a + w, 0);
  return { landscape: cols.length > 8 || width > PORTRAIT_CHARS, ...(titleRows ? { titleRows } : {}) };
}

/**
 * The height in points of a row of wrapped text (a header) over columns of
 * these widths: 15 points a line, as many lines as its longest cell needs
 * (CJK counts double). LibreOffice shows and prints a row without a height
 * as one line, cutting the rest of a wrapped header off.
 */
export function wrappedHeight(texts: readonly string[], cols: readonly number[]): number {
  let lines = 1;
  texts.forEach((t, i) => {
    lines = Math.max(lines, Math.ceil(displayWidth(t) / Math.max(1, (cols[i] ?? 9) - 1)));
  });
  return 15 * lines;
}
