// The (unit, year, node) table the reader fills and the core reads: one
// Float64Array of node values per unit and year, NaN where nothing was given.

/** Observed values by unit and year; NaN marks "not given" (internal only). */
export class Observations {
  readonly units: string[] = [];
  private readonly unitIndex = new Map<string, number>();
  private readonly rows = new Map<number, Float64Array>();
  private readonly yearSet = new Set<number>();
  private lastKey = -1;
  private lastRow: Float64Array | undefined;
  /** Whether each node has at least one value anywhere in the data. */
  readonly nodeHasData: boolean[];

  constructor(readonly file: string, readonly nodeCount: number) {
    this.nodeHasData = new Array<boolean>(nodeCount).fill(false);
  }

  /** The index of a unit, adding it in first-seen order. */
  unitId(name: string): number {
    let id = this.unitIndex.get(name);
    if (id === undefined) {
      id = this.units.length;
      this.units.push(name);
      this.unitIndex.set(name, id);
    }
    return id;
  }

  /** The index of a unit name, or undefined when the data has no such unit. */
  findUnit(name: string): number | undefined {
    return this.unitIndex.get(name);
  }

  /** The row for a unit and year, created (all NaN) on first use. */
  rowFor(unit: number, year: number): Float64Array {
    const key = unit * 10000 + year;
    if (key === this.lastKey) return this.lastRow!;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = new Float64Array(this.nodeCount).fill(NaN);
      this.rows.set(key, row);
      this.yearSet.add(year);
    }
    this.lastKey = key;
    this.lastRow = row;
    return row;
  }

  /** The row for a unit and year, or undefined when the data has none. */
  row(unit: number, year: number): Float64Array | undefined {
    return this.rows.get(unit * 10000 + year);
  }

  /** Sets one value (NaN for an explicitly missing cell). */
  set(unit: number, year: number, node: number, value: number): void {
    this.rowFor(unit, year)[node] = value;
    if (!Number.isNaN(value)) this.nodeHasData[node] = true;
  }

  /** The years present, ascending. */
  years(): number[] {
    return [...this.yearSet].sort((a, b) => a - b);
  }

  /** How many (unit, year) rows are held. */
  get rowCount(): number {
    return this.rows.size;
  }
}
