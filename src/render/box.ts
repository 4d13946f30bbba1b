// Terminal tables through cli-table3, in chunks: cli-table3's layout is
// quadratic in the number of rows, so a 2,000-unit table is drawn as tables
// of CHUNK rows with the same column widths, stitched at the borders.
import Table from 'cli-table3';
import stringWidth from 'string-width';

const CHUNK = 100;
// compact: no rule between body rows
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Draws a table; `paint` may colour a cell after the widths are measured. */
export function boxTable(head: string[], rows: string[][], right: boolean[], paint: (cell: string, col: number) => string = (c) => c): string {
  const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))) + 2);
  const colAligns = right.map((r) => (r ? 'right' : 'left') as 'right' | 'left');
  const parts: string[][] = [];
  for (let start = 0; start === 0 || start < rows.length; start += CHUNK) {
    const t = new Table({ head: start === 0 ? head : [], colWidths: widths, colAligns, style: { head: [], border: [] }, chars: CHARS });
    for (const r of rows.slice(start, start + CHUNK)) t.push(r.map(paint));
    parts.push(t.toString().split('\n'));
  }
  return parts.map((lines, i) => lines.slice(i === 0 ? 0 : 1, i === parts.length - 1 ? undefined : -1).join('\n')).join('\n');
}
