// The (unit, period, node) table the reader fills and the core reads. Rows of
// node values live in one growing Float64Array (a typed array per row would
// cost an allocation each); NaN marks "not given" (internal only). A period is
// its key (time/period.ts): the year itself for annual data.
import type { Frequency } from '../time/period.js';

/** Observed values by unit and year. */
export class Observations {
  readonly units: string[] = [];
  private readonly unitIndex = new Map<string, number>();
  /** Each unit's rows by period (a map per unit: its keys stay small integers, which V8 hashes fastest). */
  private readonly rowIndex: Map<number, number>[] = [];
  private readonly yearSet = new Set<number>();
  private slab: Float64Array;
  private rows = 0;
  private lastUnit = -1;
  private lastYear = -1;
  private lastRow = -1;
  /** Whether each node has at least one value anywhere in the data. */
  readonly nodeHasData: boolean[];
  /** Units of measure the data gives (a units row, or units in headers), by node; '' where none. */
  readonly dataUnits: string[];
  /** By node, the unit its values were typed in where the reader converted them to the framework's (万元 for 亿元); '' where none. */
  readonly convertedFrom: string[];
  /** Numeric columns besides the indicators (denominators such as GDP or population): by column id, by row. */
  readonly aux = new Map<string, Map<number, number>>();
  /** Text columns that group units (EurAsia_group): by column id, by unit name. */
  readonly groups = new Map<string, Map<string, string>>();
  /** The frequency of the periods (one per file): 'year' unless the reader saw half-years, quarters, months or cumulative spans. */
  frequency: Frequency = 'year';
  /** The header of the column the unit names came from (行业, 地区, 县（市、区）), where a table gave one: what reports call the units. */
  unitHeader: string | undefined;
  /** The place a title row over the table names (柯城区 in 柯城区小微企业成长指数基础数据表), where one does: what titles call the round. */
  titlePlace: string | undefined;
  /** Where the value at a slot of `data` came from ("data.csv:7:3", "form.xlsx, sheet 填报表, D5"), when the reader knows. */
  source: ((at: number) => string | undefined) | undefined;

  /** `rows`: room for this many rows at first (a copy knows its size: a slab made once, not grown). */
  constructor(readonly file: string, readonly nodeCount: number, rows = 256) {
    this.nodeHasData = new Array<boolean>(nodeCount).fill(false);
    this.dataUnits = new Array<string>(nodeCount).fill('');
    this.convertedFrom = new Array<string>(nodeCount).fill('');
    this.source = undefined;
    this.unitHeader = undefined;
    this.titlePlace = undefined;
    this.slab = new Float64Array(Math.max(1, rows) * nodeCount).fill(NaN);
  }

  /** The values of every row, row r's node n at r * nodeCount + n (re-read after adding rows: it grows). */
  get data(): Float64Array {
    return this.slab;
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

  /** The number of (unit, period) rows. */
  get rowCount(): number {
    return this.rows;
  }

  /** Makes room for this many rows in all: as rows come, or at once when a reader can tell the file's size. */
  reserve(rows: number): void {
    if (rows * this.nodeCount <= this.slab.length) return;
    const bigger = new Float64Array(rows * this.nodeCount).fill(NaN);
    bigger.set(this.slab);
    this.slab = bigger;
  }

  /** The row number for a unit and year, created (all NaN) on first use. */
  rowFor(unit: number, year: number): number {
    if (unit === this.lastUnit && year === this.lastYear) return this.lastRow; // long files give a row's cells one after another
    const rows = (this.rowIndex[unit] ??= new Map<number, number>());
    let row = rows.get(year);
    if (row === undefined) {
      row = this.rows++;
      // grows by half: a million-row file ends nearer its size (the line and column arrays follow it)
      if (this.rows * this.nodeCount > this.slab.length) this.reserve(Math.ceil((this.slab.length * 1.5) / this.nodeCount));
      rows.set(year, row);
      this.yearSet.add(year);
    }
    this.lastUnit = unit;
    this.lastYear = year;
    this.lastRow = row;
    return row;
  }

  /** The row number for a unit and year, or -1 when the data has none. */
  row(unit: number, year: number): number {
    return this.rowIndex[unit]?.get(year) ?? -1;
  }

  /** The value in a row (NaN where not given). */
  value(row: number, node: number): number {
    return this.slab[row * this.nodeCount + node]!;
  }

  /** Sets one value (NaN for an explicitly missing cell). */
  set(unit: number, year: number, node: number, value: number): void {
    this.setAt(this.rowFor(unit, year) * this.nodeCount + node, node, value);
  }

  /** Sets the value at a slot of `data` (row * nodeCount + node), as `set` does. */
  setAt(at: number, node: number, value: number): void {
    this.slab[at] = value;
    if (!Number.isNaN(value)) this.nodeHasData[node] = true;
  }

  /** The years present, ascending. */
  years(): number[] {
    return [...this.yearSet].sort((a, b) => a - b);
  }
}
