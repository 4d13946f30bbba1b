// Reading a file as compute reads it, and comparing two reads cell by cell:
// the office-file tests hold a workbook or an odd CSV to the clean one's values.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Framework } from '../src/framework/types.js';
import { BUILT_IN } from '../src/input/framework.js';
import { readObservations, type ReadResult } from '../src/input/read.js';

const ZHEJIANG = BUILT_IN.zhejiang!();

/** Reads a file (CSV or workbook) with a framework (the built-in one by default). */
export async function readWith(path: string, fw: Framework = ZHEJIANG): Promise<ReadResult> {
  return readObservations({ name: path, chunks: (async function* () { yield readFileSync(path); })() }, fw);
}

/** Every value of a read by unit|period|node; a missing one left out, or kept as NaN with `missing`. */
export function cellsOf(r: ReadResult, fw: Framework = ZHEJIANG, missing = false): Map<string, number> {
  const obs = r.observations;
  const out = new Map<string, number>();
  obs.units.forEach((unit, u) => {
    for (const y of obs.years()) {
      const row = obs.row(u, y);
      if (row < 0) continue;
      for (let n = 0; n < obs.nodeCount; n++) if (missing || !Number.isNaN(obs.value(row, n))) out.set(`${unit}|${y}|${fw.nodes[n]!.id}`, obs.value(row, n));
    }
  });
  return out;
}

/**
 * Asserts two reads hold the same cells, each exactly (Object.is: 3.5 is not
 * 3.5000000000000004; NaN is NaN). Keys are compared sorted (layouts order
 * units differently) unless `ordered`; missing cells count with `missing`.
 */
export function expectSameCells(a: ReadResult, b: ReadResult, o: { fw?: Framework; missing?: boolean; ordered?: boolean } = {}): void {
  const x = cellsOf(a, o.fw, o.missing);
  const y = cellsOf(b, o.fw, o.missing);
  const keys = (m: Map<string, number>): string[] => (o.ordered ? [...m.keys()] : [...m.keys()].sort());
  expect(keys(y)).toEqual(keys(x));
  for (const [k, v] of x) expect(Object.is(y.get(k), v), `${k}: ${y.get(k)} against ${v}`).toBe(true);
}
