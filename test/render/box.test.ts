// The chunked table: a rule under the header, then the compact body that one
// cli-table3 table would draw, however many chunks it takes.
import Table from 'cli-table3';
import stringWidth from 'string-width';
import fc from 'fast-check';
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

  it('draws what one cli-table3 table draws, for random cells, widths, alignments and colours', () => {
    const cell = fc.array(fc.constantFrom('a', 'Z', '1', '.', ' ', '-', '县', '浙', '江', 'é', '🙂', '％', '·', '—', '\u0301'), { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.record({
      head: fc.array(cell, { minLength: n, maxLength: n }),
      rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 12 }),
      right: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      paint: fc.constantFrom('none', 'bold', 'red-odd'),
    })), ({ head, rows, right, paint }) => {
      const painter = paint === 'none' ? (c: string) => c : paint === 'bold' ? (c: string) => `\u001b[1m${c}\u001b[22m` : (c: string, i: number) => (i % 2 === 1 ? `\u001b[31m${c}\u001b[39m` : c);
      const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))) + 2);
      const options = { colWidths: widths, colAligns: right.map((r) => (r ? 'right' : 'left') as 'right' | 'left'), style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } };
      const top = new Table({ ...options, head }).toString().split('\n');
      const lines = boxTable(head, rows, right, painter).split('\n');
      if (rows.length === 0) {
        expect(lines).toEqual(top);
        return;
      }
      const one = new Table(options);
      one.push(...rows.map((r) => r.map(painter)));
      const body = one.toString().split('\n');
      expect(lines).toEqual([...top.slice(0, -1), top[top.length - 1]!.replace('└', '├').replaceAll('┴', '┼').replace('┘', '┤'), ...body.slice(1)]);
    }), { numRuns: 300 });
  });
});
