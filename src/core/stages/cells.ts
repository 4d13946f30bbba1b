// The table's cells as the stages share them: the observation row of each
// (unit, period), and warnings keyed to cells so that they come out unit by
// unit, period by period (a whole-cell warning first, then from the last node
// back to the root), whatever order the stages found them in.
import type { Observations } from '../observations.js';
import type { Warning } from '../types.js';

/** Warnings keyed to the cell (unit, period index, node) they are about. */
export class CellWarnings {
  private readonly keyed: { k: number; w: Warning }[] = [];
  constructor(private readonly nodeCount: number, private readonly periodCount: number) {}

  /** A warning about a cell; node -1 for the whole unit-period (sorted first). */
  at(u: number, yi: number, n: number, w: Warning): void {
    const N = this.nodeCount;
    this.keyed.push({ k: (u * this.periodCount + yi) * (N + 2) + (n < 0 ? 0 : N + 1 - n), w });
  }

  /** The warnings in cell order (a stable sort: one cell's keep the order they were found in). */
  sorted(): Warning[] {
    this.keyed.sort((a, b) => a.k - b.k);
    return this.keyed.map((x) => x.w);
  }
}

/** The observation row of every (unit, period index), -1 where the data has none (with a missing-year warning). */
export function cellRows(obs: Observations, years: number[], warn: CellWarnings): Int32Array {
  const U = obs.units.length;
  const Y = years.length;
  const rowOf = new Int32Array(U * Y);
  for (let u = 0; u < U; u++) {
    for (let yi = 0; yi < Y; yi++) {
      const row = obs.row(u, years[yi]!);
      rowOf[u * Y + yi] = row;
      if (row < 0) warn.at(u, yi, -1, { code: 'missing-year', unit: obs.units[u]!, year: years[yi]! });
    }
  }
  return rowOf;
}

/** Flags the cells whose raw value was imputed (slots of the observations: row × nodes + node). */
export function flagImputed(flags: Uint8Array, imputed: Set<number> | undefined, rowOf: Int32Array, nodeCount: number, rowCount: number): void {
  if (!imputed || imputed.size === 0) return;
  const N = nodeCount;
  // each row's (unit, period) cell, so that an imputed slot finds its cell at once
  const cellOf = new Int32Array(rowCount).fill(-1);
  for (let c = 0; c < rowOf.length; c++) if (rowOf[c]! >= 0) cellOf[rowOf[c]!] = c;
  for (const slot of imputed) {
    const row = Math.floor(slot / N);
    const c = row < cellOf.length ? cellOf[row]! : -1;
    if (c >= 0) flags[c * N + (slot % N)] = 1;
  }
}
