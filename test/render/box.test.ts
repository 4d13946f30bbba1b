// The chunked table: a rule under the header, then the compact body that one
// cli-table3 table would draw, however many chunks it takes.
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { boxTable, loadBoxTables } from '../../src/render/box.js';

describe('boxTable', () => {
  beforeAll(loadBoxTables);

  it('stitches chunks into the body cli-table3 draws in one piece, under a header rule', () => {
    const head = ['排名', '地区', '指数'];
    const rows = Array.from({ length: 250 }, (_, i) => [String(i + 1), `县${'区'.repeat(i % 4)}${i}`, (100 + i / 7).toFixed(2)]);
    const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))) + 2);
    const one = new Table({ colWidths: widths, colAligns: ['right', 'left', 'right'], style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
    one.push(...rows);
    const body = one.toString().split('\n');
    const lines = boxTable(head, rows, [true, false, true]).split('\n');
    expect(lines[0]).toBe(body[0]);
    expect(lines[1]).toMatch(/^│\s+排名 │ 地区\s+│\s+指数 │$/);
    expect(lines[2]).toBe(body[0]!.replace('┌', '├').replaceAll('┬', '┼').replace('┐', '┤'));
    expect(lines.slice(3)).toEqual(body.slice(1));
  });

  it('draws a header-only table', () => {
    expect(boxTable(['a', 'b'], [], [false, false]).split('\n')).toHaveLength(3);
  });
});
