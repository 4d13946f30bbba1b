// The table is sized once from the file's size: the rows (and cells) read in
// the first mebibytes, scaled up. Sorted by unit or by indicator, a long file
// gets a table within the half it grows by, not five times its size.
import { describe, expect, it } from 'vitest';
import { checkFramework } from '../../src/framework/check.js';
import { readObservations } from '../../src/input/read.js';

const LEAVES = 25;
const FW = checkFramework({ name: 't', baseYear: 2001, nodes: [{ id: 'root' }, ...Array.from({ length: LEAVES }, (_, i) => ({ id: `i${i}`, parent: 'root' }))] }, 'test');
const UNITS = 2000;
const YEARS = 8;

/** A long CSV, one line per unit, year and indicator, in the order given. */
function longCsv(byIndicator: boolean): Buffer {
  const lines = ['unit,year,indicator,value'];
  const cell = (u: number, y: number, i: number): string => `U${u},${2001 + y},i${i},${(u + y + i + 1).toFixed(2)}`;
  if (byIndicator) for (let i = 0; i < LEAVES; i++) for (let u = 0; u < UNITS; u++) for (let y = 0; y < YEARS; y++) lines.push(cell(u, y, i));
  else for (let u = 0; u < UNITS; u++) for (let y = 0; y < YEARS; y++) for (let i = 0; i < LEAVES; i++) lines.push(cell(u, y, i));
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('the table sized from the file size', () => {
  for (const byIndicator of [false, true]) {
    it(`a long file sorted by ${byIndicator ? 'indicator' : 'unit'}: the table holds its rows with little to spare`, async () => {
      const bytes = longCsv(byIndicator);
      expect(bytes.length).toBeGreaterThan(8 << 20);
      const chunks = (async function* () {
        for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
      })();
      const r = await readObservations({ name: 'f.csv', chunks }, FW, { size: bytes.length });
      const rows = UNITS * YEARS;
      expect(r.observations.rowCount).toBe(rows);
      expect(r.observations.data.length).toBeGreaterThanOrEqual(rows * FW.nodes.length);
      // at most the half the table grows by before the size is known (the old estimate, rows alone, gave 5 times)
      expect(r.observations.data.length).toBeLessThanOrEqual(rows * FW.nodes.length * 1.5);
    }, 30_000);
  }
});
