// Folds rows, one at a time, into the (unit, year, node) table. The first
// rows are held until the layout is known (the header may sit under title
// rows); after that each row is folded as it arrives, so raw rows are never
// held. CSV and workbooks feed the same folder; a Locator names places.
import { SmeiError } from '../errors.js';
import { buildNodeLookup, nodeNames } from '../framework/check.js';
import { nodeLabel, type Framework } from '../framework/types.js';
import { unitScale } from '../framework/units.js';
import { Observations } from '../core/observations.js';
import { duplicatesNote, type DuplicateExample, type Warning } from '../core/types.js';
import { sameValue } from '../core/equal.js';
import { cleanCell, didYouMean, matchKey, quote, unguardFormula } from '../text.js';
import { cellText, CLASSIFY_ROWS, convertUnit, denominatorNamed, detectLayout, Fraction, HEADER_SEARCH_ROWS, isNoteRow, splitHeaderUnit, unitConversion, unitStatement, type Cell, type Layout, type LayoutOptions, type Locator, type Note, type Row } from './layout.js';
import { frequencyName, parsePeriod, periodWords, type Frequency } from '../time/period.js';
import { excerpt, notANumber, parseNumber, shiftDecimal } from './values.js';
import type { KernelLines } from './lines.js';

/** Spreadsheet error values: a missing value with a warning naming the cell. */
const ERROR_CELLS = new Set(['#div/0!', '#value!', '#ref!', '#n/a', '#num!', '#name?', '#null!', '#calc!', '#spill!', '#getting_data']);

/** Whether a cell is empty or white space only (trimmed only when it starts with a character trim() may remove). */
function isBlank(s: string): boolean {
  if (s === '') return true;
  const c = s.charCodeAt(0);
  return (c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) && s.trim() === '';
}

/** How a number was written, to catch a 100-fold jump between cells of one indicator. */
const enum Scale { Plain, PercentText }

/** Parsed cells by their raw text, the last one at hand: long files repeat units and years row after row. */
class CellCache {
  private lastRaw: Cell | undefined;
  private last = -1;
  private readonly byRaw = new Map<Cell, number>();

  constructor(private readonly parse: (raw: Cell, line: number, col: number) => number) {}

  /** The parsed value of a cell (parsing it only the first time it is seen). */
  get(raw: Cell, line: number, col: number): number {
    if (raw === this.lastRaw) return this.last;
    let v = this.byRaw.get(raw);
    if (v === undefined) {
      v = this.parse(raw, line, col);
      this.byRaw.set(raw, v);
    }
    this.lastRaw = raw;
    this.last = v;
    return v;
  }
}

/** Options of a folder: layout hints and whether the first row may stand in as the header. */
export interface FoldOptions extends LayoutOptions {
  /** When no row looks like a header: fail on the first row's problems (a CSV), or report "no layout" (a workbook sheet, to try the next). */
  firstRowFallback?: boolean;
  /**
   * Rows shorter than the header: their missing trailing fields are empty
   * either way; 'note' (CSV) lists their lines in one note, 'silent'
   * (workbooks, which store no empty trailing cells) says nothing.
   */
  shortRows?: 'note' | 'silent';
}

/** Folds rows into observations; knows the layout and the lines seen. */
export class RecordFolder {
  readonly observations: Observations;
  format: 'wide' | 'long' | 'years' = 'wide';
  records = 0;
  /** Values stored so far (cells, not rows: a long file's row takes many lines). */
  cells = 0;
  /** The line the last complete record ended on. */
  lastLine = 0;
  /** What smei did to read the file (title rows skipped, units row, fill-down...). */
  readonly notes: Note[] = [];
  /** Data-quality findings of the reading itself (error cells, mixed scales). */
  readonly warnings: Warning[] = [];
  /** Whether a comma in a number may be a decimal comma (the file is not comma-separated). */
  private decimalComma = false;
  /** The field separator, named for messages. */
  private separatorName = 'commas';
  private separatorNameZh = '逗号';
  private layout: Layout | undefined;
  private held: Row[] = [];
  /** No layout fits the first rows (a sheet to pass over): the rest is not read. */
  private gaveUp = false;
  private stopped = false;
  /** The line of the last row held while the layout was worked out (the layout read the unit statements among them). */
  private heldLast = 0;
  private emptyHeader = new Set<number>();
  private readonly lookup: Map<string, number>;
  private readonly units: CellCache;
  private readonly years: CellCache;
  private readonly indicatorCache = new Map<Cell, number>();
  /** Indicator cells whose unit is another scale of the framework's (营业收入(万元)): the power of ten their values are multiplied by. */
  private readonly indicatorShift = new Map<Cell, number>();
  /** The power of ten of the indicator cell nodeOf read last (0: none). */
  private cellShift = 0;
  /** Per node, the power of ten its column's values are multiplied by (a header or units row in 万元 for the framework's 亿元; 0: none). */
  private shift: Int8Array;
  /** The conversion notes of indicator cells, one per cell text. */
  private readonly convertedIndicators = new Map<string, Note>();
  /** By the line splitter's cell ids (foldIds): the unit, period and node each id's cell gives (-1, NaN: not yet). */
  private idUnit = new Int32Array(0);
  private idYear = new Float64Array(0);
  private idNode = new Int32Array(0);
  private idShift = new Int8Array(0);
  private lines = new Int32Array(0);
  /**
   * Whether `lines` holds a line per row rather than per cell: a wide table's row gives every cell of its
   * (unit, period) row from one line (a line per cell was 4 bytes a cell of fresh memory: 4 MB for a panel).
   */
  private perRow = false;
  /** The column of each cell, where the layout does not tell it (years as columns). */
  private cols = new Int32Array(0);
  /** The column of each node, where the layout tells it (wide and long files): no column per cell is kept. */
  private nodeCol: Int32Array | undefined;
  private lastUnit = -1;
  /** The columns of the unit, year and indicator (looked up once per file, not per row). */
  private unitCol = -1;
  private yearCol = -1;
  private indicatorCol = -1;
  /** The first cell of the last data row that was not a note row. */
  private lastDataFirst: Cell | undefined;
  /** The first period read: its frequency is the file's. */
  private firstPeriod: { freq: Frequency; text: string; line: number; col: number } | undefined;
  private lastYear = -1;
  private filledUnits = 0;
  /** Indicator cells read with their unit stripped (营业收入(亿元)), for the note. */
  private readonly unitIndicators = new Set<string>();
  /** Lines of CSV rows shorter than the header (read with empty trailing fields). */
  private readonly shortLines: number[] = [];
  private filledYears = 0;
  /** Cells given twice with the same value (a row pasted twice), and the first of them. */
  private identical = 0;
  private identicalExample: DuplicateExample | undefined;
  /** Per node: the first cell written with a percent sign, as a fraction, or plain (for mixed scales). */
  private scales: { pctText?: string; smallPlain?: string }[];

  /** Cells that are not numbers, named together when the file is read. */
  private readonly badNumbers: { en: string; zh: string }[] = [];

  constructor(private readonly where: Locator, private readonly fw: Framework, private readonly options: FoldOptions = {}) {
    this.observations = new Observations(where.file, fw.nodes.length);
    this.lookup = buildNodeLookup(fw);
    this.units = new CellCache(this.newUnit);
    this.years = new CellCache(this.newYear);
    this.scales = fw.nodes.map(() => ({}));
    this.shift = new Int8Array(fw.nodes.length);
  }

  /** Takes the field separator: it decides whether "1,500" is ambiguous, and how messages name it. */
  setDelimiter(d: string): void {
    this.decimalComma = d !== ',';
    this.separatorName = d === ',' ? 'commas' : d === ';' ? 'semicolons' : d === '\t' ? 'tabs' : JSON.stringify(d);
    this.separatorNameZh = d === ',' ? '逗号' : d === ';' ? '分号' : d === '\t' ? '制表符' : JSON.stringify(d);
  }

  /**
   * The columns that hold values (1 at their index), once the layout is
   * known: a line splitter may hand their plain decimals over as numbers,
   * which fold exactly as their text would. Null before then, or when no
   * more rows are folded.
   */
  get numericColumns(): Uint8Array | null {
    const layout = this.layout;
    if (layout === undefined || this.gaveUp || this.stopped) return null;
    const cols = layout.kind === 'wide' ? layout.nodeColumns.map((c) => c.col) : layout.kind === 'long' ? [layout.roles.value!] : layout.yearColumns.map((c) => c.col);
    const marks = new Uint8Array(Math.max(0, ...cols) + 1);
    for (const c of cols) marks[c] = 1;
    return marks;
  }

  /** Whether the table looks like a filled smei form read without its marker (its title, its 参考 columns). */
  get formCopy(): boolean {
    return this.layout?.formCopy === true;
  }

  /** Whether a layout was found (after finish). */
  get hasLayout(): boolean {
    return this.layout !== undefined;
  }

  /**
   * Makes room for the rows the whole file will give, from how far into it
   * the reader is (a fraction of its bytes): the rows so far scaled up, but
   * no more than the cells so far scaled up fill at one value per leaf. A
   * long file sorted by indicator has every row after its first indicator;
   * the cells tell how many rows that is. An estimate short of the truth
   * only means the table grows as it would have anyway.
   */
  reserve(fraction: number): void {
    const leaves = this.fw.nodes.filter((n) => n.children.length === 0).length;
    const rows = Math.min(this.observations.rowCount / fraction, this.cells / fraction / Math.max(1, leaves));
    this.observations.reserve(Math.ceil(rows * 1.05));
    this.growSources(this.sourceSlots());
  }

  /** The slots `lines` needs for the table as it stands: its rows, or its cells. */
  private sourceSlots(): number {
    const obs = this.observations;
    return this.perRow ? obs.data.length / obs.nodeCount : obs.data.length;
  }

  /** Handles one row: held until the layout is known, then folded. */
  add(record: Cell[], line: number): void {
    this.lastLine = line;
    if (this.gaveUp) return;
    if (this.layout === undefined) {
      this.held.push({ cells: record, line });
      if (this.held.length >= HEADER_SEARCH_ROWS + 1 + CLASSIFY_ROWS) this.decide();
      return;
    }
    this.fold(record, line);
  }

  /** Decides the layout now with the rows held (at the end, or before an error further on is reported). */
  drain(): void {
    if (this.layout === undefined && this.held.length > 0) this.decide();
  }

  /** Fails unless there were data rows, or if a cell was not a number (all of them named); notes what was filled down. */
  finish(): void {
    this.drain();
    const pending = this.pendingError();
    if (pending !== undefined) throw pending;
    if (this.layout === undefined) {
      if (this.options.firstRowFallback === false) return;
      throw new SmeiError('data', `${this.where.file}: the file has no header line (only blank lines). Give a CSV with a header line and data rows.`, { zh: `${this.where.file}：文件没有表头行（只有空行）。请提供有表头行和数据行的 CSV。` });
    }
    if (this.records === 0) throw new SmeiError('data', `${this.where.file}: no data rows, only the header. Add one row per unit and year.`, { zh: `${this.where.file}：没有数据行，只有表头。请为每个地区、每个年份各加一行。` });
    const N = this.observations.nodeCount;
    const nodeCol = this.nodeCol;
    if (this.layout.roles.unit !== undefined) this.observations.unitHeader = this.layout.header[this.layout.roles.unit];
    this.observations.titlePlace = this.layout.titlePlace;
    const perRow = this.perRow;
    this.observations.source = (at) => {
      const key = perRow ? Math.floor(at / N) : at;
      return key < this.lines.length && this.lines[key]! > 0 ? this.where.cell(this.lines[key]!, nodeCol === undefined ? this.cols[at]! : nodeCol[at % N]!) : undefined;
    };
    if (this.filledUnits > 0) this.notes.push({ code: 'fill-down', detail: { count: this.filledUnits, column: this.layout.header[this.layout.roles.unit!]! } });
    if (this.filledYears > 0) this.notes.push({ code: 'fill-down', detail: { count: this.filledYears, column: this.layout.header[this.layout.roles.year!]! } });
    if (this.unitIndicators.size > 0) this.notes.push({ code: 'header-units', detail: { columns: [...this.unitIndicators].join(', ') } });
    this.notes.push(...this.convertedIndicators.values());
    if (this.identical > 0) this.notes.push(duplicatesNote(this.identical, this.identicalExample!, this.fw, this.observations.frequency));
    if (this.shortLines.length > 0) {
      const shown = this.shortLines.slice(0, 20).join(', ');
      this.notes.push({ code: 'short-rows', detail: { count: this.shortLines.length, lines: this.shortLines.length > 20 ? `${shown}, …` : shown, width: this.layout.header.length } });
    }
    this.scales.forEach((s, node) => {
      // "13.1%" beside 0.125: one of them is 100 times off
      if (s.pctText !== undefined && s.smallPlain !== undefined) this.warnings.push({ code: 'mixed-scale', node: this.fw.nodes[node]!.id, detail: { percentCell: s.pctText, plainCell: s.smallPlain } });
    });
  }

  /**
   * The cells read so far that are not numbers, as one error naming them all
   * (the first 10 and how many); undefined when there are none. An error
   * further on in the file comes after them, so the reader throws this first.
   */
  pendingError(): SmeiError | undefined {
    const bad = this.badNumbers;
    if (bad.length === 0) return undefined;
    const shown = bad.slice(0, 10);
    const more = bad.length - shown.length;
    return new SmeiError('value', `${bad.length === 1 ? '' : `${bad.length} cells are not numbers: `}${shown.map((b) => b.en).join('; ')}${more > 0 ? `; and ${more} more` : ''}. Write a plain number such as 1234.5 (1,234.5 and full-width digits are fine); leave the cell empty or write NA for a missing value.`, {
      zh: `${bad.length === 1 ? '' : `有${bad.length}个单元格不是数字：`}${shown.map((b) => b.zh).join('；')}${more > 0 ? `；另有${more}个` : ''}。请填写普通数字，如 1234.5（1,234.5 和全角数字也可以）；缺失值请留空或写 NA。`,
    });
  }

  /** Works out the layout from the held rows, then folds the data rows among them. */
  private decide(): void {
    const layout = detectLayout(this.held, this.fw, this.options, this.where, this.options.firstRowFallback !== false);
    const held = this.held;
    this.held = [];
    this.heldLast = held[held.length - 1]?.line ?? 0;
    if (layout === undefined) {
      this.gaveUp = true;
      return;
    }
    this.layout = layout;
    this.perRow = layout.kind === 'wide';
    this.format = layout.kind;
    // periods as columns: their frequency is the file's (a portal's quarters)
    if (layout.kind === 'years' && layout.periodFreq !== undefined) this.observations.frequency = layout.periodFreq;
    // the one period a title names (a portal's quarter)
    if (layout.titlePeriod !== undefined) this.observations.frequency = layout.titlePeriod.freq;
    this.unitCol = layout.roles.unit ?? -1;
    this.yearCol = layout.roles.year ?? -1;
    this.indicatorCol = layout.roles.indicator ?? -1;
    if (layout.kind !== 'years') {
      this.nodeCol = new Int32Array(this.fw.nodes.length).fill(layout.kind === 'long' ? layout.roles.value! : -1);
      for (const { col, node } of layout.nodeColumns) this.nodeCol[node] = col;
    }
    this.notes.push(...layout.notes);
    for (const [node, unit] of layout.dataUnits) this.observations.dataUnits[node] = unit;
    for (const [node, unit] of layout.convertedFrom) this.observations.convertedFrom[node] = unit;
    for (const [node, exp] of layout.shifts) this.shift[node] = exp;
    layout.header.forEach((h, col) => {
      if (h === '' && !layout.ignored.has(col)) this.emptyHeader.add(col);
    });
    for (let i = layout.headerIndex + 1; i < held.length; i++) {
      if (i === layout.unitsRowIndex) continue;
      this.fold(held[i]!.cells, held[i]!.line);
    }
  }

  /** "file:line:col (header)" for messages. */
  private at(line: number, col: number): string {
    const h = this.layout?.header[col];
    return `${this.where.cell(line, col)}${h ? ` (${excerpt(h)})` : ''}`;
  }

  /**
   * A note under a long table, past the rows the layout was worked out from,
   * that states a unit for columns already read in the framework's (注：金额单位为万元):
   * refused, since those values stand at another scale.
   */
  private lateUnits(record: Cell[], line: number): void {
    const assumed = this.layout!.unitsAssumed;
    if (line <= this.heldLast || assumed.length === 0) return;
    record.forEach((c, col) => {
      for (const unit of unitStatement(cellText(c))) {
        const nodes = assumed.filter((node) => (unitScale(unit, this.fw.nodes[node]!.unit) ?? 0) !== 0);
        if (nodes.length === 0) continue;
        const fwUnit = this.fw.nodes[nodes[0]!]!.unit;
        const names = nodes.map((node) => this.fw.nodes[node]!.zh || this.fw.nodes[node]!.id);
        const place = this.where.cell(line, col);
        const example = `${names[0]}（${unit}）`;
        throw new SmeiError('header', `${place}: this note states the unit ${quote(unit)}, but it comes after row ${this.heldLast}, by when smei had read ${names.join(', ')} as ${quote(fwUnit)}, the framework's unit. Move the statement above the header (a title row 单位：${unit}), or write the unit in the header (${example}).`, {
          zh: `${place}：这条注释写明单位为${quote(unit)}，但它在第${this.heldLast}行之后，smei 此前已按框架的单位${quote(fwUnit)}读入了${names.join('、')}。请把这句移到表头之上（标题行写"单位：${unit}"），或在表头注明单位（如"${example}"）。`,
        });
      }
    });
  }

  /** Folds one data row. */
  private fold(record: Cell[], line: number): void {
    if (this.stopped) {
      this.lateUnits(record, line);
      return;
    }
    const layout = this.layout!;
    // long files repeat a unit row after row: a first cell already seen in a data row starts no note
    const first = record[0];
    if (first === '' || first !== this.lastDataFirst) {
      if (isNoteRow(record)) {
        this.stopped = true;
        this.notes.push({ code: 'note-rows', detail: { line } });
        this.lateUnits(record, line);
        return;
      }
      if (typeof first === 'string' && first !== '') this.lastDataFirst = first;
    }
    this.records++;
    this.checkWidth(record, line);
    const unit = this.unitOf(record, line);
    if (layout.kind === 'wide') {
      const year = this.yearOf(record, line);
      for (const { col, node } of layout.nodeColumns) this.store(unit, year, node, record[col] ?? '', line, col, this.shift[node]!);
      if (layout.auxColumns.length > 0 || layout.groupColumns.length > 0) this.storeAux(record, unit, year, line);
    } else if (layout.kind === 'long') {
      const year = this.yearOf(record, line);
      const node = this.indicatorOf(record, line);
      const col = layout.roles.value!;
      if (layout.indexPoints === true && node < this.fw.nodes.length && this.fw.nodes[node]!.children.length === 0) return;
      if (node >= this.fw.nodes.length) this.storeDenominator(unit, year, node, record[col] ?? '', line, col, this.cellShift);
      else this.store(unit, year, node, record[col] ?? '', line, col, this.cellShift);
    } else {
      const node = layout.fixedNode ?? this.indicatorOf(record, line);
      const shift = layout.fixedNode === undefined ? this.cellShift : node >= this.fw.nodes.length ? (layout.fixedShift ?? 0) : this.shift[node]!;
      const put = node >= this.fw.nodes.length ? this.storeDenominator.bind(this) : this.store.bind(this);
      for (const { col, year } of layout.yearColumns) put(unit, year, node, record[col] ?? '', line, col, shift);
    }
  }

  /**
   * Folds a kernel batch's lines `from` up to (not including) `count`
   * (lines.ts), numbered on from `line`, each as foldIds does; returns how
   * many it folded, stopping at the first that fold() must see itself.
   */
  foldLines(b: KernelLines, from: number, count: number, line: number): number {
    const { i32, f64 } = b;
    for (let i = from; i < count; i++) {
      const at = b.line + i * 4;
      const first = i32[at]!;
      if (!this.foldIds(i32, b.field + first * 3 + 2, f64, b.value + first, i32[at + 1]!, b.cells, line + (i - from))) return i - from;
    }
    return count - from;
  }

  /**
   * Folds a plain record as the line splitter's kernel gives it (lines.ts):
   * field f's cell id at ids[idAt + 3f] (0: none; its cell in `cells`), its
   * plain decimal at vals[valAt + f] (NaN: none). It does what fold() does
   * with the same cells, its caches kept by id instead of by text; it
   * returns false, having changed nothing fold() would not change the same
   * way, for any record fold() must see itself: before the layout, a width
   * other than the header's, a first cell other than the last data row's
   * (a note row?), a blank unit or period (filled down?), a value that is
   * not a plain decimal, denominator and group columns, years as columns.
   */
  private foldIds(ids: Int32Array, idAt: number, vals: Float64Array, valAt: number, n: number, cells: readonly string[], line: number): boolean {
    const layout = this.layout;
    if (layout === undefined || this.gaveUp || this.stopped || layout.kind === 'years' || n !== layout.header.length || this.emptyHeader.size > 0) return false;
    if (layout.auxColumns.length > 0 || layout.groupColumns.length > 0) return false;
    const first = ids[idAt]!;
    if (first <= 0 || cells[first] !== this.lastDataFirst) return false;
    const unitId = ids[idAt + 3 * this.unitCol]!;
    let unit = unitId < this.idUnit.length ? this.idUnit[unitId]! : -1;
    if (unit < 0) {
      if (unitId <= 0 || isBlank(cells[unitId]!)) return false;
      unit = this.units.get(cells[unitId]!, line, this.unitCol);
      this.remember(unitId);
      this.idUnit[unitId] = unit;
    }
    let year = 0;
    if (this.yearCol >= 0) {
      const yearId = ids[idAt + 3 * this.yearCol]!;
      year = yearId < this.idYear.length ? this.idYear[yearId]! : NaN;
      if (Number.isNaN(year)) {
        if (yearId <= 0 || isBlank(cells[yearId]!)) return false;
        year = this.years.get(cells[yearId]!, line, this.yearCol);
        this.remember(yearId);
        this.idYear[yearId] = year;
      }
    }
    if (layout.kind === 'long') {
      const nodeId = ids[idAt + 3 * this.indicatorCol]!;
      let node = nodeId < this.idNode.length ? this.idNode[nodeId]! : -1;
      if (node < 0) {
        if (nodeId <= 0) return false;
        node = this.nodeOf(cells[nodeId]!, line);
        this.remember(nodeId);
        this.idNode[nodeId] = node;
        this.idShift[nodeId] = this.cellShift;
      }
      // a denominator's row: fold() stores it beside the nodes
      if (node >= this.fw.nodes.length) return false;
      // smei's own output read back: an indicator's index points are not its raw value
      if (layout.indexPoints === true && this.fw.nodes[node]!.children.length === 0) return true;
      const col = layout.roles.value!;
      const v = vals[valAt + col]!;
      if (Number.isNaN(v)) return false;
      this.begin(line, unit, year);
      this.storePlain(unit, year, node, v, line, col, this.idShift[nodeId]!);
    } else {
      const columns = layout.nodeColumns;
      for (let i = 0; i < columns.length; i++) if (Number.isNaN(vals[valAt + columns[i]!.col]!)) return false;
      this.begin(line, unit, year);
      for (let i = 0; i < columns.length; i++) {
        const { col, node } = columns[i]!;
        this.storePlain(unit, year, node, vals[valAt + col]!, line, col, this.shift[node]!);
      }
    }
    return true;
  }

  /** What add() and fold() note of a record before its values: its line, and its unit and period for the next row's fill-down. */
  private begin(line: number, unit: number, year: number): void {
    this.lastLine = line;
    this.records++;
    this.lastUnit = unit;
    if (this.yearCol >= 0) this.lastYear = year;
  }

  /** Makes the id memos hold an id. */
  private remember(id: number): void {
    if (id < this.idUnit.length) return;
    const size = Math.max(id + 1, this.idUnit.length * 2, 256);
    const unit = new Int32Array(size).fill(-1);
    unit.set(this.idUnit);
    this.idUnit = unit;
    const year = new Float64Array(size).fill(NaN);
    year.set(this.idYear);
    this.idYear = year;
    const node = new Int32Array(size).fill(-1);
    node.set(this.idNode);
    this.idNode = node;
    const shift = new Int8Array(size);
    shift.set(this.idShift);
    this.idShift = shift;
  }

  /** Checks the field count against the header, allowing Excel's empty trailing cells. */
  private checkWidth(record: Cell[], line: number): void {
    const width = this.layout!.header.length;
    if (record.length === width && this.emptyHeader.size === 0) return;
    if (record.length > width) {
      for (let c = width; c < record.length; c++) {
        if (cellText(record[c]) !== '') {
          throw new SmeiError('csv', `${this.where.cell(line, c)}: this row has ${record.length} fields but the header has ${width}. Remove the extra field or add a header for it (a separator inside a value must be quoted).`, { zh: `${this.where.cell(line, c)}：这一行有 ${record.length} 个字段，但表头只有 ${width} 个。请删除多出的字段，或为它加上表头（值中含有分隔符时须加引号）。` });
        }
      }
    } else if (record.length < width && this.options.shortRows === 'note') {
      // a row shorter than the header (a totals row saved without its share columns, an export that
      // trims trailing separators): its missing trailing fields are empty, as pandas and Excel read them
      for (let c = record.length; c < width; c++) {
        if (!this.emptyHeader.has(c) && !this.layout!.ignored.has(c)) {
          this.shortLines.push(line);
          break;
        }
      }
    }
    for (const c of this.emptyHeader) {
      if (c < record.length && cellText(record[c]) !== '') {
        throw new SmeiError('csv', `${this.at(line, c)}: a value in a column with an empty header. Give the column a header or remove the value.`, { zh: `${this.at(line, c)}：这一列没有表头，却有值。请为该列加上表头，或删除这个值。` });
      }
    }
  }

  /** The unit of a record, NFKC-normalised and trimmed; an empty cell below a filled one is filled down. */
  private unitOf(record: Cell[], line: number): number {
    const col = this.unitCol;
    const raw = record[col] ?? '';
    if (this.lastUnit >= 0 && typeof raw === 'string' && isBlank(raw)) {
      this.filledUnits++;
      return this.lastUnit;
    }
    this.lastUnit = this.units.get(raw, line, col);
    return this.lastUnit;
  }

  /** Turns a unit cell into a unit id (on a cache miss). */
  private readonly newUnit = (raw: Cell, line: number, col: number): number => {
    // a name smei wrote to CSV as '=x (against formula injection) reads back as =x
    const name = cleanCell(unguardFormula(cellText(raw)));
    if (name === '') throw new SmeiError('value', `${this.at(line, col)}: the unit name is empty. Fill it in, or delete the row.`, { zh: `${this.at(line, col)}：地区名称为空。请填写，或删除这一行。` });
    return this.observations.unitId(name);
  };

  /** The year of a record; an empty cell below a filled one is filled down (merged cells); 0 for a file of one period without a year column. */
  private yearOf(record: Cell[], line: number): number {
    if (this.layout!.roles.year === undefined) return this.layout!.titlePeriod?.key ?? 0;
    const col = this.yearCol;
    const raw = record[col] ?? '';
    // merged year cells: a long file's, or a wide file's year block (2014 merged over the units' rows)
    if (this.lastYear >= 0 && typeof raw === 'string' && isBlank(raw)) {
      this.filledYears++;
      return this.lastYear;
    }
    this.lastYear = this.years.get(raw, line, col);
    return this.lastYear;
  }

  /** Turns a year or period cell into a period key (on a cache miss); one file holds one frequency. */
  private readonly newYear = (raw: Cell, line: number, col: number): number => {
    const text = cellText(raw);
    const p = parsePeriod(text);
    if ('error' in p) {
      // a period's marks after a year (2018Q3, 2018-h1, 2018年3月), not any letter of a word ("two thousand")
      const period = /^\s*\d{4}\s*[-/]?\s*[QqHhMm]|季|半年|月|\d[-/]\d/.test(text);
      const hint = period ? 'Write a period as 2018, 2018H1, 2018Q3, 2018-03 or 2018年1-6月.' : 'Write the year as four digits, like 2018.';
      const hintZh = period ? '时期请写成 2018、2018H1、2018Q3、2018-03 或 2018年1-6月。' : '年份请写成四位数字，如 2018。';
      throw new SmeiError('value', `${this.at(line, col)}: ${quote(excerpt(text))} ${p.error}. ${hint}`, { zh: `${this.at(line, col)}：${quote(excerpt(text))}${p.zh}。${hintZh}` });
    }
    if (this.firstPeriod === undefined) {
      this.firstPeriod = { freq: p.freq, text, line, col };
      this.observations.frequency = p.freq;
    } else if (p.freq !== this.firstPeriod.freq) {
      const f = this.firstPeriod;
      throw new SmeiError('value', `${this.at(line, col)}: ${quote(excerpt(text))} is ${frequencyName(p.freq, 'en')}, but ${this.where.cell(f.line, f.col)} has ${quote(excerpt(f.text))}, ${frequencyName(f.freq, 'en')}. One file holds one frequency: split the file, or convert the periods.`, { zh: `${this.at(line, col)}：${quote(excerpt(text))}是${frequencyName(p.freq, 'zh')}时期，但 ${this.where.cell(f.line, f.col)} 是${quote(excerpt(f.text))}，为${frequencyName(f.freq, 'zh')}时期。一个文件只能有一种频率：请拆分文件，或换算时期。` });
    }
    return p.key;
  };

  /** The node named in a record's indicator cell. */
  private indicatorOf(record: Cell[], line: number): number {
    return this.nodeOf(record[this.indicatorCol] ?? '', line);
  }

  /** The node an indicator cell names. */
  private nodeOf(raw: Cell, line: number): number {
    const col = this.indicatorCol;
    let node = this.indicatorCache.get(raw);
    if (node === undefined) {
      const text = cellText(raw);
      node = this.lookup.get(matchKey(text));
      if (node === undefined) {
        // 营业收入(亿元), 营业收入（亿元）: matched as a header is, the unit kept for reports
        // (营业收入(万元) for the framework's 亿元: converted; 营业收入(%): refused)
        const { name, unit } = splitHeaderUnit(text);
        node = unit === undefined ? undefined : this.lookup.get(matchKey(name));
        if (node !== undefined && unit !== undefined) {
          const named = cleanCell(text);
          const { exp, note } = unitConversion(this.fw, node, unit, named, this.at(line, col));
          if (exp === 0 && this.observations.dataUnits[node] === '') this.observations.dataUnits[node] = unit;
          if (exp !== 0) this.indicatorShift.set(raw, exp);
          if (note !== undefined && !this.convertedIndicators.has(named)) this.convertedIndicators.set(named, note);
          this.unitIndicators.add(named);
        }
      }
      // a denominator (地区生产总值, GDP (USD Bn)): numbered after the nodes, its values kept beside them
      node ??= this.denominatorOf(raw, text, line, col);
      if (node === undefined) {
        const names = [...nodeNames(this.fw), ...this.fw.denominators.flatMap((d) => [d.id, d.zh, d.en].filter((l) => l !== ''))];
        const what = text.trim() === '' ? 'the indicator is empty.' : `indicator ${quote(excerpt(text))} is not a node of framework ${this.fw.name}.${didYouMean(text, names)}`;
        const whatZh = text.trim() === '' ? '指标为空。' : `指标${quote(excerpt(text))}不是框架${this.fw.name}中的指标。${didYouMean(text, names, 'zh')}`;
        throw new SmeiError('value', `${this.at(line, col)}: ${what} Use a node id or label (\`smei framework\` lists them).`, { zh: `${this.at(line, col)}：${whatZh}请使用指标代码或名称（smei framework 列出全部指标）。` });
      }
      this.indicatorCache.set(raw, node);
    }
    this.cellShift = this.indicatorShift.get(raw) ?? 0;
    return node;
  }

  /**
   * The denominator an indicator cell names, by id or label, with or without
   * its unit (converted or refused as a header's is), numbered after the
   * framework's nodes (fw.nodes.length + its index); undefined for none.
   */
  private denominatorOf(raw: Cell, text: string, line: number, col: number): number | undefined {
    let d = denominatorNamed(this.fw, text);
    if (d < 0) {
      const { name, unit } = splitHeaderUnit(text);
      if (unit === undefined || (d = denominatorNamed(this.fw, name)) < 0) return undefined;
      const { exp, note } = convertUnit(this.fw, this.fw.denominators[d]!, unit, cleanCell(text), this.at(line, col));
      if (exp !== 0) this.indicatorShift.set(raw, exp);
      if (note !== undefined && !this.convertedIndicators.has(cleanCell(text))) this.convertedIndicators.set(cleanCell(text), note);
    }
    return this.fw.nodes.length + d;
  }

  /** Stores a denominator's value (`d` numbered after the nodes) for a unit and period: a number or empty; given twice, the same value or an error. */
  private storeDenominator(unit: number, year: number, d: number, raw: Cell, line: number, col: number, shift: number): void {
    const id = this.fw.denominators[d - this.fw.nodes.length]!.id;
    const v = typeof raw === 'number' ? raw : raw instanceof Fraction ? raw.percent : parseNumber(raw, this.decimalComma);
    if (v !== null && typeof v !== 'number') throw new SmeiError('value', `${this.at(line, col)}: ${quote(excerpt(cellText(raw)))} is not a number. A denominator holds numbers; leave a missing one empty.`, { zh: `${this.at(line, col)}：${quote(excerpt(cellText(raw)))}不是数字。分母只能填数字；缺失值请留空。` });
    const obs = this.observations;
    const row = obs.rowFor(unit, year);
    let m = obs.aux.get(id);
    if (m === undefined) obs.aux.set(id, (m = new Map()));
    const value = v === null ? NaN : shiftDecimal(v, shift);
    const before = m.get(row);
    if (before !== undefined && !Number.isNaN(before) && !Number.isNaN(value) && before !== value) {
      throw new SmeiError('value', `${this.at(line, col)}: denominator ${quote(id)} of ${quote(obs.units[unit]!)} is given twice, ${before} and ${value}. Keep one of them.`, { zh: `${this.at(line, col)}：${quote(obs.units[unit]!)}的分母${quote(id)}填了两次，分别为${before}和${value}。请只保留一个。` });
    }
    if (before === undefined || Number.isNaN(before)) m.set(row, value);
  }

  /** Parses and stores one value (times 10^shift, its decimal point moved: a column in 万元 for the framework's 亿元), refusing a second observation of the same cell. */
  private store(unit: number, year: number, node: number, raw: Cell, line: number, col: number, shift: number): void {
    let v: number | null;
    let scale = Scale.Plain;
    if (typeof raw === 'number') v = raw;
    else if (raw instanceof Fraction) {
      // A cell formatted as a percentage reads in percent, as the CSV saved from it does
      // (0.125 shown as 12.5% is 12.5), from the full value, never the (rounded) display text.
      v = raw.percent;
      scale = Scale.PercentText;
    } else {
      const parsed = parseNumber(raw, this.decimalComma);
      if (parsed !== null && typeof parsed !== 'number') {
        const text = cleanCell(raw);
        if (ERROR_CELLS.has(text.toLowerCase())) {
          this.warnings.push({ code: 'error-cell', unit: this.observations.units[unit]!, year, node: this.fw.nodes[node]!.id, detail: { cell: this.where.cell(line, col), text } });
          v = null;
        } else if (parsed.error === 'ambiguous') {
          throw new SmeiError('value', `${this.at(line, col)}: ${quote(excerpt(raw))} could be a thousands separator or a decimal comma in a file separated by ${this.separatorName}. Write it without the separator (1500) or with a decimal point (1.5).`, { zh: `${this.at(line, col)}：在以${this.separatorNameZh}分隔的文件中，${quote(excerpt(raw))}可能带有千位分隔符，也可能用了小数逗号。请去掉分隔符（1500）或改用小数点（1.5）。` });
        } else {
          // every such cell of the file is named at once, when the file is read (finish)
          const { why, whyZh } = notANumber(parsed.error);
          this.badNumbers.push({ en: `${this.at(line, col)}: ${quote(excerpt(raw))} ${why}`, zh: `${this.at(line, col)}：${quote(excerpt(raw))}${whyZh}` });
          v = null;
        }
      } else {
        v = parsed;
        // a number ending in a digit (the common case) has no percent sign to look for
        const last = raw.charCodeAt(raw.length - 1);
        if (v !== null && !(last >= 48 && last <= 57) && /[%％]\s*$/.test(raw)) scale = Scale.PercentText;
      }
    }
    if (v !== null) this.noteScale(node, v, scale, line, col);
    this.put(unit, year, node, v === null ? NaN : shift === 0 ? v : shiftDecimal(v, shift), line, col);
  }

  /** Stores a plain decimal read from the bytes (foldIds): what store() does with a number, small enough to inline (no boxed number per value). */
  private storePlain(unit: number, year: number, node: number, v: number, line: number, col: number, shift: number): void {
    this.noteScale(node, v, Scale.Plain, line, col);
    this.put(unit, year, node, shift === 0 ? v : shiftDecimal(v, shift), line, col);
  }

  /** Puts a value (NaN: missing) in its cell, refusing a second observation of the cell. */
  private put(unit: number, year: number, node: number, v: number, line: number, col: number): void {
    const obs = this.observations;
    const row = obs.rowFor(unit, year);
    const at = row * obs.nodeCount + node;
    // the line (and column) of every cell, to name both places of a duplicate or a conflict; grows with the rows
    const key = this.perRow ? row : at;
    if (key >= this.lines.length) this.growSources(Math.max(this.sourceSlots(), Math.ceil(this.lines.length * 1.5), key + 1));
    const first = this.lines[key]!;
    // (a wide row's own line is the row's: its cells after the first are no second observation)
    if (first !== 0 && !(this.perRow && first === line)) {
      // a row pasted twice gives the same value again: counted once, with a note; another value is refused
      const was = obs.data[at]!;
      if (Number.isNaN(was) ? !Number.isNaN(v) : !sameValue(was, v)) throw this.duplicate(unit, year, node, first, line);
      if (this.identical++ === 0) this.identicalExample = { unit: obs.units[unit]!, year, node, first: this.where.row(first), second: this.where.row(line) };
      return;
    }
    this.lines[key] = line;
    this.cells++;
    if (this.nodeCol === undefined) this.cols[at] = col;
    obs.setAt(at, node, v);
  }

  /** The error for a second, different observation of a cell: the unit, the period in words and the indicator's label. */
  private duplicate(unit: number, year: number, node: number, first: number, line: number): SmeiError {
    const w = this.where.lineWord;
    const freq = this.observations.frequency;
    const u = quote(this.observations.units[unit]!);
    const n = this.fw.nodes[node]!;
    return new SmeiError('duplicate', `${this.where.row(line)}: ${u}, ${periodWords(year, freq, 'en')}, ${quote(nodeLabel(n, 'en'))} is given twice, differently: ${w}s ${first} and ${line}. Keep the right one of the two ${w === 'line' ? 'rows' : 'values'}.`, {
      zh: `${this.where.row(line)}：${u}${periodWords(year, freq, 'zh')}的${quote(nodeLabel(n, 'zh'))}出现两次且数值不同：第${first}行与第${line}行。请保留正确的一个。`,
    });
  }

  /** Makes the cell sources (line, column) this long. */
  private growSources(size: number): void {
    if (size <= this.lines.length) return;
    const lines = new Int32Array(size);
    lines.set(this.lines);
    this.lines = lines;
    if (this.nodeCol !== undefined) return;
    const cols = new Int32Array(size);
    cols.set(this.cols);
    this.cols = cols;
  }

  /** Stores a row's denominator numbers and group texts. */
  private storeAux(record: Cell[], unit: number, year: number, line: number): void {
    const obs = this.observations;
    const row = obs.rowFor(unit, year);
    for (const { col, id, exp } of this.layout!.auxColumns) {
      const raw = record[col] ?? '';
      const v = typeof raw === 'number' ? raw : raw instanceof Fraction ? raw.percent : parseNumber(raw, this.decimalComma);
      if (v !== null && typeof v !== 'number') throw new SmeiError('value', `${this.at(line, col)}: ${quote(excerpt(cellText(raw)))} is not a number. A denominator column holds numbers; leave a missing one empty.`, { zh: `${this.at(line, col)}：${quote(excerpt(cellText(raw)))}不是数字。分母列只能填数字；缺失值请留空。` });
      let m = obs.aux.get(id);
      if (m === undefined) obs.aux.set(id, (m = new Map()));
      m.set(row, v === null ? NaN : shiftDecimal(v, exp));
    }
    for (const { col, id } of this.layout!.groupColumns) {
      let m = obs.groups.get(id);
      if (m === undefined) obs.groups.set(id, (m = new Map()));
      const name = obs.units[unit]!;
      if (!m.has(name)) m.set(name, cleanCell(cellText(record[col])));
    }
  }

  /** Remembers the first cell of each way of writing a number, per node. */
  private noteScale(node: number, v: number, scale: Scale, line: number, col: number): void {
    const s = this.scales[node]!;
    if (scale === Scale.PercentText) s.pctText ??= this.where.cell(line, col);
    else if (v !== 0 && Math.abs(v) <= 1) s.smallPlain ??= this.where.cell(line, col);
  }
}
