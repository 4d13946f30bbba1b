// The chunked table draws exactly what one cli-table3 table would.
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { boxTable } from '../../src/render/box.js';

describe('boxTable', () => {
  it('stitches chunks into the same table cli-table3 draws in one piece', () => {
    const head = ['排名', '地区', '指数'];
    const rows = Array.from({ length: 250 }, (_, i) => [String(i + 1), `县${'区'.repeat(i % 4)}${i}`, (100 + i / 7).toFixed(2)]);
    const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))) + 2);
    const one = new Table({ head, colWidths: widths, colAligns: ['right', 'left', 'right'], style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
    one.push(...rows);
    expect(boxTable(head, rows, [true, false, true])).toBe(one.toString());
  });

  it('draws a header-only table', () => {
    expect(boxTable(['a', 'b'], [], [false, false]).split('\n')).toHaveLength(3);
  });
});
