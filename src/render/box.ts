// Terminal tables through cli-table3, in chunks: cli-table3's layout is
// quadratic in the number of rows, so a 2,000-unit table is drawn as tables
// of CHUNK rows with the same column widths, stitched at the borders. The
// header is drawn on its own, so a rule separates it from the compact body.
import type TableType from 'cli-table3';
import displayWidth from './width.js';

/** cli-table3, loaded only when a command draws a terminal table (start-up does not pay for it otherwise). */
let Table: typeof TableType | undefined;

/** Loads cli-table3; commands call it before drawing a terminal table. */
export async function loadBoxTables(): Promise<void> {
  Table ??= (await import('cli-table3')).default;
}

const CHUNK = 100;
// compact: no rule between body rows
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Draws a table; `paint` may colour a cell after the widths are measured. */
export function boxTable(head: string[], rows: string[][], right: boolean[], paint: (cell: string, col: number) => string = (c) => c): string {
  // a cell of several lines is as wide as its widest line
  const cellWidths = rows.map((r) => head.map((_, i) => Math.max(...(r[i] ?? '').split('\n').map(displayWidth))));
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...cellWidths.map((w) => w[i]!)) + 2);
  const colAligns = right.map((r) => (r ? 'right' : 'left') as 'right' | 'left');
  if (Table === undefined) throw new Error('boxTable before loadBoxTables()');
  const T = Table;
  const draw = (withHead: boolean, body: string[][]): string[] => {
    const t = new T({ head: withHead ? head : [], colWidths: widths, colAligns, style: { head: [], border: [] }, chars: CHARS });
    for (const r of body) t.push(r.map(paint));
    return t.toString().split('\n');
  };
  const header = draw(true, []);
  if (rows.length === 0) return header.join('\n');
  // the header's bottom border becomes the rule under it
  const lines = [...header.slice(0, -1), header[header.length - 1]!.replace('└', '├').replaceAll('┴', '┼').replace('┘', '┤')];
  if (rows.every((r) => r.length === head.length && r.every((c) => !c.includes('\n')))) {
    // One-line cells, as smei's are: each body line is drawn here by cli-table3's rule (one space either
    // side, the text padded to the column's width on the side away from its alignment), without
    // cli-table3's per-cell layout, which costs a millisecond per few dozen cells. A property test
    // holds this to cli-table3's own drawing.
    rows.forEach((r, ri) => {
      let line = '│';
      for (let i = 0; i < head.length; i++) {
        const pad = ' '.repeat(widths[i]! - 2 - cellWidths[ri]![i]!);
        const text = paint(r[i] ?? '', i);
        line += right[i] ? ` ${pad}${text} │` : ` ${text}${pad} │`;
      }
      lines.push(line);
    });
    lines.push(header[header.length - 1]!);
    return lines.join('\n');
  }
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = draw(false, rows.slice(start, start + CHUNK));
    lines.push(...chunk.slice(1, start + CHUNK >= rows.length ? undefined : -1));
  }
  return lines.join('\n');
}
