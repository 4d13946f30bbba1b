// Large sheets: written row by row and deflated in pieces, so memory follows
// the compressed output (issue 22). Generated here, never committed.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PartWriter, writeXlsx, type WRow, type WSheet } from '../../src/render/xlsx-writer.js';
import { openXlsx } from '../../src/input/xlsx.js';
import { ZipArchive } from '../../src/zip.js';

// a full collection on demand, so that the heap measured is what is still held, not garbage not yet collected
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 20_000;
const COLS = 60;
/** A value per cell that no two cells share by accident, with decimals (as results are). */
const value = (r: number, c: number) => r * 1000 + c + ((r * 7 + c * 13) % 997) / 1000;
const fmt = { numFmt: '0.00' };

/** A sheet of ROWS data rows under a header, made on demand; `seen` records the live heap while rows are made. */
function bigSheet(seen?: { base: number; peak: number }): WSheet {
  const head: WRow = ['unit', ...Array.from({ length: COLS - 1 }, (_, c) => `x${c}`)];
  return {
    name: 'big',
    rows: {
      length: ROWS + 1,
      width: COLS,
      row: (r) => {
        if (seen && r % 2_500 === 0) {
          gc();
          seen.peak = Math.max(seen.peak, process.memoryUsage().heapUsed - seen.base);
        }
        if (r === 0) return head;
        const row: WRow = [`U${r}`];
        for (let c = 1; c < COLS; c++) row.push({ v: value(r, c), style: fmt });
        return row;
      },
    },
    freeze: { rows: 1, cols: 1 },
  };
}

describe('large sheets', () => {
  it('a part written in pieces inflates to the same text with the CRC of the whole', () => {
    const text = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${value(i, 3)}</v></c></row>`).join('');
    expect(text.length).toBeGreaterThan(3 << 20);
    const w = new PartWriter();
    for (let i = 0; i < text.length; i += 10_000) w.add(text.slice(i, i + 10_000));
    const part = w.end();
    expect(part.packed.length).toBeGreaterThan(3);
    const whole = Buffer.from(text, 'utf8');
    expect(part.size).toBe(whole.length);
    expect(part.crc).toBe(crc32(whole));
    const packed = Buffer.concat(part.packed);
    expect(part.packedSize).toBe(packed.length);
    expect(inflateRawSync(packed).equals(whole)).toBe(true);
  });

  it(`${ROWS.toLocaleString('en')} rows x ${COLS} columns write within bounded heap and read back by smei`, () => {
    gc();
    const seen = { base: process.memoryUsage().heapUsed, peak: 0 };
    const bytes = Buffer.from(writeXlsx({ sheets: [bigSheet(seen)], date: '2019-06-30' }));
    const xmlSize = new ZipArchive(bytes).entries.get('xl/worksheets/sheet1.xml')!.size;
    // the sheet's XML is about 50 MB; what the heap holds while it is written stays a
    // small fraction of it (the writer held the whole XML as one string before)
    expect(xmlSize).toBeGreaterThan(45e6);
    // (measured: 6 MB held while 52 MB of XML is written)
    expect(seen.peak).toBeLessThan(xmlSize / 4);

    const sheets = openXlsx(bytes, () => '')!;
    const rows = sheets[0]!.rows();
    expect(rows.length).toBe(ROWS + 1);
    expect(rows[0]!.cells[COLS - 1]).toBe(`x${COLS - 2}`);
    for (const r of [1, 2, 9_999, ROWS]) {
      expect(rows[r]!.cells[0]).toBe(`U${r}`);
      expect(rows[r]!.cells[1]).toBe(value(r, 1));
      expect(rows[r]!.cells[COLS - 1]).toBe(value(r, COLS - 1));
    }
  });

  it('is deterministic: the same rows give the same bytes', () => {
    const a = Buffer.from(writeXlsx({ sheets: [bigSheet()] }));
    const b = Buffer.from(writeXlsx({ sheets: [bigSheet()] }));
    expect(a.equals(b)).toBe(true);
  });
});
