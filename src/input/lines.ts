// The line splitter: lines are split here, from UTF-8 bytes, as csv-parse
// would split them, quoted fields too; csv-parse (the general path and the
// reference) takes over at the first line that needs it (a lone CR, a field
// across lines, a quote it would refuse). The chunk is never decoded: a
// field's bytes seen before give the same string again, and a number column's
// plain decimals are read straight from the bytes, so most fields never
// become a string. Other encodings are decoded once per chunk and encoded
// again as UTF-8 by the reader. Pieces from 16 KiB go first to a WebAssembly
// kernel (scan.ts), which splits the lines this loop would and gives ids and
// numbers instead of strings; the folder takes those lines whole (the sink).
import type { Cell } from './layout.js';
import { parsePlain } from './values.js';
import { INPUT, Scanner } from './scan.js';

/** Pieces from this size are split by the WebAssembly kernel (scan.ts); smaller ones are not worth the copy. */
const KERNEL_MIN_BYTES = 16384;

/**
 * Where a quoted field opened at buf[open] ends: past its closing quote ("" is
 * a quote inside) and the spaces, tabs or form feeds after it, at the
 * separator or the line's end. -1 when csv-parse must read it: the line ends
 * (or has a CR) inside the quotes, or other text follows the closing quote.
 */
function quotedEnd(buf: Buffer, open: number, to: number, sep: number): number {
  let q = open + 1;
  for (;;) {
    while (q < to && buf[q] !== 34 && buf[q] !== 10 && buf[q] !== 13) q++;
    if (q >= to || buf[q] !== 34) return -1;
    if (q + 1 < to && buf[q + 1] === 34) {
      q += 2;
      continue;
    }
    break;
  }
  let j = q + 1;
  while (j < to && buf[j] !== sep && (buf[j] === 32 || buf[j] === 9 || buf[j] === 12)) j++;
  return j < to && buf[j] !== sep && buf[j] !== 10 && buf[j] !== 13 ? -1 : j;
}

/** Whether a cell's first byte starts a number as a table writes one (a digit, a sign, a decimal point). */
function startsLikeNumber(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** Slots a column's tables of cells seen start with and grow to (powers of two); at the most, a table is cleared when half full. */
const MIN_SLOTS = 16;
const MAX_SLOTS = 1024;

/**
 * The cells of one column by their bytes: the same bytes give the same
 * (trimmed) string, made once. Long files repeat units, years and indicator
 * names row after row; the folder's caches then hit by identity. A cell of
 * up to 8 bytes is its own key, packed into two 32-bit numbers (compared
 * whole); longer cells are keyed by an FNV-1a hash and checked byte by byte.
 * The tables probe on from a taken slot, so a column of up to 512 distinct
 * cells never makes one twice (a direct-mapped cache thrashed on two keys of
 * one slot, such as quoted indicator names cycling through 25), and start
 * empty again when half full at their largest (a column of ids, one per
 * row). They start small and grow fourfold when half full: a file of a few
 * hundred rows and many columns (COINr's ASEM data: 60) would otherwise make
 * 40 KB of tables per column, which start-up pays for in garbage collection.
 */
class ColumnCells {
  /** Slots of both tables, and the shift that takes a hash's top bits to a slot. */
  private slots = MIN_SLOTS;
  private shift = 32 - Math.log2(MIN_SLOTS);
  private lo = new Int32Array(MIN_SLOTS);
  private hi = new Int32Array(MIN_SLOTS);
  /** The packed key's length (0: an empty slot; a cell of no bytes never gets here). */
  private len = new Int32Array(MIN_SLOTS);
  private short: string[] = new Array<string>(MIN_SLOTS).fill('');
  private shortCount = 0;
  private hashes = new Int32Array(MIN_SLOTS);
  private keys: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(MIN_SLOTS);
  private cells: string[] = new Array<string>(MIN_SLOTS).fill('');
  private longCount = 0;

  /**
   * The cell of bytes buf[s, e): trimmed as csv-parse trims outside quotes,
   * or for a quoted field (an opening quote, a closing quote, then only
   * spaces, tabs or form feeds) what is between the quotes, "" read as ".
   * (A field's bytes tell whether it is quoted: it is when they start with a quote.)
   */
  get(buf: Buffer, s: number, e: number, quoted = false): string {
    const n = e - s;
    if (n === 0) return '';
    if (n <= 8) {
      let lo = 0;
      let hi = 0;
      const m = n < 4 ? n : 4;
      for (let i = 0; i < m; i++) lo |= buf[s + i]! << (i * 8);
      for (let i = 4; i < n; i++) hi |= buf[s + i]! << ((i - 4) * 8);
      return this.packed(buf, s, e, lo, hi, quoted);
    }
    // a long number (390.799991) is made as it is: such cells rarely repeat, and a file of fewer rows than the
    // layout needs to be known (all of a small office table) reads every value as text; keys and tables for
    // them cost start-up more than the strings do (ASEM: 5 ms)
    if (startsLikeNumber(buf[s]!)) return cellOf(buf, s, e, quoted);
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    return this.hashed(buf, s, e, h, quoted);
  }

  /** The cell of up to 8 bytes, given them packed (lo: the first four, the first in the low byte; hi: the rest). */
  packed(buf: Buffer, s: number, e: number, lo: number, hi: number, quoted = false): string {
    const n = e - s;
    let h = Math.imul(lo ^ n, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b);
    h ^= h >>> 15;
    let slot = Math.imul(h, 0x2c1b3c6d) >>> this.shift; // the hash's top bits
    for (;;) {
      const len = this.len[slot]!;
      if (len === 0) break;
      if (len === n && this.lo[slot] === lo && this.hi[slot] === hi) return this.short[slot]!;
      slot = (slot + 1) & (this.slots - 1);
    }
    const cell = cellOf(buf, s, e, quoted);
    if (this.shortCount === this.slots >> 1) {
      if (this.slots < MAX_SLOTS) {
        this.grow();
        return this.packed(buf, s, e, lo, hi, quoted);
      }
      this.len.fill(0);
      this.shortCount = 0;
    }
    this.shortCount++;
    this.lo[slot] = lo;
    this.hi[slot] = hi;
    this.len[slot] = n;
    this.short[slot] = cell;
    return cell;
  }

  /** The cell of more than 8 bytes, given their FNV-1a hash. */
  hashed(buf: Buffer, s: number, e: number, h: number, quoted = false): string {
    const n = e - s;
    let slot = Math.imul(h, 0x2c1b3c6d) >>> this.shift;
    for (;;) {
      const key = this.keys[slot];
      if (key === undefined) break;
      if (this.hashes[slot] === h && key.length === n) {
        let i = 0;
        while (i < n && key[i] === buf[s + i]) i++;
        if (i === n) return this.cells[slot]!;
      }
      slot = (slot + 1) & (this.slots - 1);
    }
    const cell = cellOf(buf, s, e, quoted);
    if (this.longCount === this.slots >> 1) {
      if (this.slots < MAX_SLOTS) {
        this.grow();
        return this.hashed(buf, s, e, h, quoted);
      }
      this.keys.fill(undefined);
      this.longCount = 0;
    }
    this.longCount++;
    this.hashes[slot] = h;
    this.keys[slot] = Uint8Array.prototype.slice.call(buf, s, e);
    this.cells[slot] = cell;
    return cell;
  }

  /** Four times the slots, the cells held placed again (the cell being looked up is then looked up again). */
  private grow(): void {
    const { lo, hi, len, short, hashes, keys, cells } = this;
    this.slots *= 4;
    this.shift -= 2;
    this.lo = new Int32Array(this.slots);
    this.hi = new Int32Array(this.slots);
    this.len = new Int32Array(this.slots);
    this.short = new Array<string>(this.slots).fill('');
    this.hashes = new Int32Array(this.slots);
    this.keys = new Array<Uint8Array | undefined>(this.slots);
    this.cells = new Array<string>(this.slots).fill('');
    const mask = this.slots - 1;
    for (let i = 0; i < len.length; i++) {
      const n = len[i]!;
      if (n !== 0) {
        let h = Math.imul(lo[i]! ^ n, 0x9e3779b1) ^ Math.imul(hi[i]!, 0x85ebca6b);
        h ^= h >>> 15;
        let slot = Math.imul(h, 0x2c1b3c6d) >>> this.shift;
        while (this.len[slot] !== 0) slot = (slot + 1) & mask;
        this.lo[slot] = lo[i]!;
        this.hi[slot] = hi[i]!;
        this.len[slot] = n;
        this.short[slot] = short[i]!;
      }
      const key = keys[i];
      if (key !== undefined) {
        let slot = Math.imul(hashes[i]!, 0x2c1b3c6d) >>> this.shift;
        while (this.keys[slot] !== undefined) slot = (slot + 1) & mask;
        this.hashes[slot] = hashes[i]!;
        this.keys[slot] = key;
        this.cells[slot] = cells[i]!;
      }
    }
  }
}

/** The cell of a field's bytes, trimmed or unquoted (see ColumnCells.get). */
function cellOf(buf: Buffer, s: number, e: number, quoted: boolean): string {
  const text = buf.toString('utf8', s, e);
  return quoted ? text.slice(1, text.lastIndexOf('"')).replaceAll('""', '"') : trimField(text);
}

/**
 * Lines as the kernel split them (ByteLines.sink): line i's first field and
 * field count at i32[line + 4i] and i32[line + 4i + 1]; field j's id at
 * i32[field + 3j + 2] (0: none; its cell in `cells`) and its plain decimal
 * at f64[value + j] (NaN: none).
 */
export interface KernelLines {
  i32: Int32Array;
  f64: Float64Array;
  line: number;
  field: number;
  value: number;
  cells: readonly string[];
}

/** Splits UTF-8 lines straight from the bytes. */
export class ByteLines {
  /**
   * Columns whose plain decimals are read as numbers (the folder's value
   * columns, once it knows them); null for none. Once set, the folder holds
   * no row, and the array given to emit is reused for the next line.
   */
  numeric: Uint8Array | null = null;
  private readonly columns: ColumnCells[] = [];
  private last: Cell[] = [];
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  /** Whether each field of the line is quoted (1; all 0 between lines). */
  private quoted = new Uint8Array(64);

  /** The kernel, made on the first large piece (undefined: not yet; null: none). */
  private scanner: Scanner | null | undefined;
  /** The cells of the kernel's ids (one id, one string of bytes: the same cell whatever the column). */
  private readonly byId: string[] = [];
  /**
   * Takes the batch's lines `from` up to (not including) `count`, in order,
   * once the value columns are known; returns how many it took. The line
   * after those is emitted as an array of cells, and the sink is handed the
   * lines after that one.
   */
  sink: ((batch: KernelLines, from: number, count: number) => number) | undefined;
  private batch: KernelLines | undefined;

  /** kernelMinBytes: pieces from this size go to the kernel (Infinity: none; the tests use 0 and Infinity). */
  constructor(private readonly sep: number, private readonly kernelMinBytes = KERNEL_MIN_BYTES) {}

  /**
   * Splits plain lines of buf[from, to) with the kernel, as the loop in
   * split() would; returns where the first line it leaves starts (to when
   * it split them all). Each line goes to the sink, as ids and values, and
   * only when the sink declines to emit as an array of cells.
   */
  private splitPlain(scanner: Scanner, buf: Buffer, from: number, to: number, emit: (fields: Cell[], blank: boolean) => void): number {
    try {
      scanner.load(buf, from, to);
    } catch {
      // no memory for the piece: the JavaScript loop reads it
      return from;
    }
    const end = INPUT + (to - from);
    const base = from - INPUT; // a memory position + base is a position in buf
    const byId = this.byId;
    let p = INPUT;
    for (;;) {
      if (scanner.mask !== this.numeric) scanner.setMask(this.numeric);
      let count: number;
      try {
        count = scanner.scan(p, end, this.sep);
      } catch {
        // a fault of the kernel's (it has none known): the JavaScript loop reads on from this line, for good
        this.scanner = null;
        return p + base;
      }
      if (count === 0) return p + base;
      const { i32, f64 } = scanner;
      // the cells first seen in this call
      for (let k = 0, fresh = i32[Scanner.FRESH]!; k < fresh; k++) {
        const r = Scanner.FIELD + i32[Scanner.FRESH + 1 + k]! * 3;
        const start = i32[r]! + base;
        byId[i32[r + 2]!] = cellOf(buf, start, i32[r + 1]! + base, buf[start] === 34);
      }
      const batch = (this.batch ??= { i32, f64, line: Scanner.LINE, field: Scanner.FIELD, value: Scanner.VALUE, cells: byId });
      batch.i32 = i32;
      batch.f64 = f64;
      for (let i = 0; i < count; i++) {
        const numeric = this.numeric;
        if (numeric !== null && this.sink !== undefined) {
          i += this.sink(batch, i, count);
          if (i > 0) p = i32[Scanner.LINE + (i - 1) * 4 + 3]!;
          if (i === count) break;
        }
        const at = Scanner.LINE + i * 4;
        const first = i32[at]!;
        const n = i32[at + 1]!;
        p = i32[at + 3]!;
        const fields = this.fieldsFor(n);
        let blank = true;
        for (let f = 0; f < n; f++) {
          const j = first + f;
          const v = f64[Scanner.VALUE + j]!;
          if (v === v) {
            // not NaN: a value column's plain decimal
            fields[f] = v;
            blank = false;
            continue;
          }
          const r = Scanner.FIELD + j * 3;
          const id = i32[r + 2]!;
          const s = i32[r]! + base;
          const quoted = buf[s] === 34;
          const cell = id > 0 ? byId[id]! : numeric === null && !quoted && startsLikeNumber(buf[s]!) ? cellOf(buf, s, i32[r + 1]! + base, false) : (this.columns[f] ??= new ColumnCells()).get(buf, s, i32[r + 1]! + base, quoted);
          // blank as csv-parse's skip_records_with_empty_values sees it: a quoted cell of white space too
          if (blank && (quoted ? cell.trim() !== '' : cell !== '')) blank = false;
          fields[f] = cell;
        }
        emit(fields, blank);
        // the folder now knows its value columns: the lines after this one are split again with them
        if (this.numeric !== numeric) break;
      }
    }
  }

  /**
   * Splits the whole lines in buf[from, to), handing each record and whether
   * it is blank to `emit` (or, from the kernel, to the sink). Returns where
   * the first line it leaves starts (the reader hands the rest of the file to
   * csv-parse from there), or -1: a lone CR, a quote inside an unquoted
   * field, a quoted field that goes on past its line (or holds a CR), text
   * after a closing quote.
   */
  split(buf: Buffer, from: number, to: number, emit: (fields: Cell[], blank: boolean) => void): number {
    const sep = this.sep;
    let pos = from;
    if (to - from >= this.kernelMinBytes && to > from && sep < 128) {
      if (this.scanner === undefined) this.scanner = Scanner.create() ?? null;
      if (this.scanner !== null) pos = this.splitPlain(this.scanner, buf, from, to, emit);
    }
    while (pos < to) {
      let k = 0;
      let i = pos;
      let next = to; // where the next line starts
      this.starts[0] = pos;
      let anyQuoted = false;
      let leave = false;
      for (; i < to; i++) {
        const c = buf[i]!;
        if (c === 10) {
          next = i + 1;
          break;
        }
        if (c === sep) {
          this.ends[k++] = i;
          if (k === this.starts.length) this.grow();
          this.starts[k] = i + 1;
        } else if (c === 34) {
          // a quoted field, opened by its first character and closed on this line; csv-parse takes anything else
          const j = i === this.starts[k] ? quotedEnd(buf, i, to, sep) : -1;
          if (j < 0) {
            leave = true;
            break;
          }
          this.quoted[k] = 1;
          anyQuoted = true;
          i = j - 1;
        } else if (c === 13) {
          if (i + 1 === to) break; // a CR ends the input
          if (buf[i + 1] !== 10) {
            leave = true; // a lone CR
            break;
          }
          next = i + 2;
          break;
        }
      }
      if (leave) {
        if (anyQuoted) this.quoted.fill(0, 0, k + 1);
        return pos;
      }
      this.ends[k] = i;
      const n = k + 1;
      const numeric = this.numeric;
      const fields = this.fieldsFor(n);
      let blank = true;
      for (let f = 0; f < n; f++) {
        const s = this.starts[f]!;
        const e = this.ends[f]!;
        const v = numeric !== null && f < numeric.length && numeric[f] === 1 ? parsePlain(buf, s, e) : undefined;
        if (v !== undefined) {
          fields[f] = v;
          blank = false;
        } else if (anyQuoted && this.quoted[f] === 1) {
          const cell = (this.columns[f] ??= new ColumnCells()).get(buf, s, e, true);
          // blank as csv-parse's skip_records_with_empty_values sees it: white space only
          if (blank && cell.trim() !== '') blank = false;
          fields[f] = cell;
        } else {
          // before the layout is known (numeric null), a number's cell is made as it is: held rows are few, and
          // a small table's values rarely repeat, so keys and tables for them cost more than the strings
          const cell = numeric === null && startsLikeNumber(buf[s]!) ? cellOf(buf, s, e, false) : (this.columns[f] ??= new ColumnCells()).get(buf, s, e);
          if (cell !== '') blank = false;
          fields[f] = cell;
        }
      }
      if (anyQuoted) this.quoted.fill(0, 0, n);
      emit(fields, blank);
      pos = next;
    }
    return -1;
  }

  /** The array for a line of n cells: once the folder knows the layout it keeps no row, and one array serves every line of a width. */
  private fieldsFor(n: number): Cell[] {
    let fields = this.last;
    if (this.numeric === null || fields.length !== n) {
      fields = new Array<Cell>(n);
      if (this.numeric !== null) this.last = fields;
    }
    return fields;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = ends;
    const quoted = new Uint8Array(this.quoted.length * 2);
    quoted.set(this.quoted);
    this.quoted = quoted;
  }
}

/** Trims a field as csv-parse's trim does outside quotes: spaces, tabs and form feeds on the left, any Unicode white space on the right. */
export function trimField(f: string): string {
  const n = f.length;
  // the common case: a printable ASCII character at the end, no space or tab at the start
  if (n === 0 || (f.charCodeAt(0) > 32 && f.charCodeAt(n - 1) > 32 && f.charCodeAt(n - 1) < 127)) return f;
  let a = 0;
  while (a < f.length) {
    const c = f.charCodeAt(a);
    if (c !== 32 && c !== 9 && c !== 12) break;
    a++;
  }
  return (a === 0 ? f : f.slice(a)).trimEnd();
}
