// The line splitter: lines without a quote or a lone CR are split here, as
// csv-parse would split them, and csv-parse (the general path and the
// reference) takes over at the first line that has one. UTF-8 bytes are
// split without decoding the chunk: a field's bytes seen before give the same
// string again, and a number column's plain decimals are read straight from
// the bytes, so most fields never become a string (other encodings are
// decoded once per chunk and split as UTF-8 bytes too). The rest of a chunk
// after a line with quotes is split as text, by splitRecord.
import type { Cell } from './layout.js';
import { parsePlain } from './values.js';

/** Slots of a column's table of cells seen (a power of two). */
const SLOTS = 256;

/**
 * The cells of one column by their bytes: the same bytes give the same
 * (trimmed) string, made once. Long files repeat units, years and indicator
 * names row after row; the folder's caches then hit by identity.
 */
class ColumnCells {
  private readonly keys: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(SLOTS);
  private readonly cells: string[] = new Array<string>(SLOTS);

  /** The cell of bytes buf[s, e), trimmed as csv-parse trims outside quotes. */
  get(buf: Buffer, s: number, e: number): string {
    if (s === e) return '';
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const slot = (h >>> 0) & (SLOTS - 1);
    const key = this.keys[slot];
    if (key !== undefined && key.length === e - s) {
      let i = 0;
      while (i < key.length && key[i] === buf[s + i]) i++;
      if (i === key.length) return this.cells[slot]!;
    }
    const cell = trimField(buf.toString('utf8', s, e));
    this.keys[slot] = Uint8Array.prototype.slice.call(buf, s, e);
    this.cells[slot] = cell;
    return cell;
  }
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

  constructor(private readonly sep: number) {}

  /**
   * Splits the whole lines in buf[from, to), handing each record and whether
   * it is blank to `emit`. Returns where the first line with a quote or a
   * lone CR starts (the text splitter goes on from there), or -1.
   */
  split(buf: Buffer, from: number, to: number, emit: (fields: Cell[], blank: boolean) => void): number {
    const sep = this.sep;
    let pos = from;
    while (pos < to) {
      let k = 0;
      let i = pos;
      let next = to; // where the next line starts
      this.starts[0] = pos;
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
          return pos;
        } else if (c === 13) {
          if (i + 1 === to) break; // a CR ends the input
          if (buf[i + 1] !== 10) return pos; // a lone CR
          next = i + 2;
          break;
        }
      }
      this.ends[k] = i;
      const n = k + 1;
      const numeric = this.numeric;
      // once the folder knows the layout it keeps no row: one array serves every line of a width
      let fields = this.last;
      if (numeric === null || fields.length !== n) {
        fields = new Array<Cell>(n);
        if (numeric !== null) this.last = fields;
      }
      let blank = true;
      for (let f = 0; f < n; f++) {
        const s = this.starts[f]!;
        const e = this.ends[f]!;
        const v = numeric !== null && f < numeric.length && numeric[f] === 1 ? parsePlain(buf, s, e) : undefined;
        if (v !== undefined) {
          fields[f] = v;
          blank = false;
        } else {
          const cell = (this.columns[f] ??= new ColumnCells()).get(buf, s, e);
          if (cell !== '') blank = false;
          fields[f] = cell;
        }
      }
      emit(fields, blank);
      pos = next;
    }
    return -1;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.ends = ends;
  }
}

/** Splits lines of text (a chunk's rest after a line with quotes), quoted fields too. */
export class TextLines {
  /** Fields on the last line: the next line's array is made that long at once. */
  private width = 0;
  /** Whether the last record split was blank (every field empty once trimmed). */
  private readonly record = { empty: true };

  constructor(private readonly sep: string) {}

  /**
   * Splits the whole lines of text from `from`, handing each record and
   * whether it is blank to `emit`. Returns where csv-parse must take over
   * (a lone CR, a field that goes on past its line, anything csv-parse would
   * refuse), or -1.
   */
  split(text: string, from: number, emit: (fields: Cell[], blank: boolean) => void): number {
    let pos = from;
    // the first quote of the text, and whether it has a CR at all: lines before the quote need no search
    let quote = text.indexOf('"', pos);
    const anyCr = text.indexOf('\r', pos) >= 0;
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos);
      const stop = nl < 0 ? text.length : nl;
      const end = stop > pos && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
      if (anyCr) {
        const cr = text.indexOf('\r', pos);
        if (cr >= 0 && cr < end) return pos;
      }
      const quoted = quote >= 0 && quote < stop;
      const fields = splitRecord(text, pos, end, this.sep, quoted, this.width, this.record);
      if (fields === null) return pos;
      if (quoted) quote = text.indexOf('"', stop);
      this.width = fields.length;
      emit(fields, this.record.empty);
      pos = nl < 0 ? text.length : nl + 1;
    }
    return -1;
  }
}

/**
 * Splits the record in text[start, end) (one line) as csv-parse does, fields
 * cut straight from the text: outside quotes a field is trimmed (trimField);
 * a quoted field is kept as it is inside the quotes, "" is a quote, and
 * spaces after the closing quote are dropped. `quoted` says the line has a
 * quote at all (without one no field is searched for it). Null for anything
 * else csv-parse handles or refuses: a quote inside an unquoted field, text
 * after a closing quote, a field that goes on past the line. `out.empty` says
 * whether every field is blank, as csv-parse's skip_records_with_empty_values
 * reads it; `width` is the expected field count (the array is made that long).
 */
export function splitRecord(text: string, start: number, end: number, sep: string, quoted: boolean, width: number, out: { empty: boolean }): string[] | null {
  const fields = new Array<string>(width);
  const sc = sep.charCodeAt(0);
  let k = 0;
  let empty = true;
  let i = start;
  for (;;) {
    let f: string;
    let next: number; // where the separator after the field is, or end
    if (quoted && text.charCodeAt(i) === 34 && i < end) {
      f = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0 || q >= end) return null;
        f += text.slice(j, q);
        if (q + 1 < end && text.charCodeAt(q + 1) === 34) {
          f += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      for (let c = text.charCodeAt(j); j < end && c !== sc && (c === 32 || c === 9 || c === 12); c = text.charCodeAt(++j));
      if (j < end && text.charCodeAt(j) !== sc) return null;
      if (empty && f.trim() !== '') empty = false;
      next = j;
    } else {
      const d = text.indexOf(sep, i);
      next = d < 0 || d > end ? end : d;
      const raw = text.slice(i, next);
      if (quoted && raw.includes('"')) return null;
      f = trimField(raw);
      // trimmed on the right of all white space, a field is blank only when empty
      if (empty && f !== '') empty = false;
    }
    if (k < width) fields[k++] = f;
    else (fields.push(f), k++);
    if (next >= end) break;
    i = next + 1;
  }
  if (k < width) fields.length = k;
  out.empty = empty;
  return fields;
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
