// The line splitter's WebAssembly kernel (scan.wat, assembled by
// scripts/wasm.mjs into scan-wasm.ts). It splits the lines of a piece of
// UTF-8 bytes copied into its memory, as ByteLines' own loop would (quoted
// fields closed on their line too), and gives each field's bounds, an id for
// its bytes (the same bytes, the same id: a table of the cells seen, up to
// MAX_IDS of at most 64 bytes) and, in a value column, its plain decimal as
// parsePlain reads it (NaN where that gives undefined). ByteLines makes the
// cells from those, or hands the line to its sink; a line the kernel leaves
// (a quote inside a field, a field across lines, a lone CR, no line feed yet)
// goes to ByteLines' own loop.
import { SCAN_WASM } from './scan-wasm.js';

/** Where things sit in the kernel's memory (bytes). */
const MASK = 0;
/** Columns the mask covers: a value column past them is read as text (and parsed by the folder, to the same number). */
const MASK_COLUMNS = 1024;
const LINES = MASK + MASK_COLUMNS;
/** Lines per call: four 32-bit numbers each (first field, field count, start, next line's start). */
const MAX_LINES = 4096;
const FIELDS = LINES + MAX_LINES * 16;
/** Fields per call: three 32-bit numbers each (start, end, id) and a 64-bit value. */
const MAX_FIELDS = 16384;
const VALUES = FIELDS + MAX_FIELDS * 12;
/** The fields whose bytes got a new id in the last call: their count, then their numbers. */
const FRESH = VALUES + MAX_FIELDS * 8;
/** The table of cells seen: 32,768 slots of 32 bytes, then their bytes. */
const TABLE = FRESH + (MAX_FIELDS + 1) * 4;
const ARENA = TABLE + 32768 * 32;
/** Cells the table holds (half its slots); bytes of theirs it keeps. */
const MAX_IDS = 16384;
const ARENA_BYTES = 1 << 20;
/** The piece of bytes being split. */
export const INPUT = ARENA + ARENA_BYTES;

/** The little of WebAssembly used here (TypeScript's Node types do not declare it). */
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type ScanFn = (p: number, end: number, sep: number, mask: number, maskLen: number, lines: number, maxLines: number, fields: number, vals: number, maxFields: number, ids: number) => number;

/** The kernel, with views of its memory. */
export class Scanner {
  /** Line records, as 32-bit numbers: line i at LINE + 4i (first field, field count, start, next line's start). */
  static readonly LINE = LINES >> 2;
  /** Field records, as 32-bit numbers: field j at FIELD + 3j (start, end, id; 0: no id). */
  static readonly FIELD = FIELDS >> 2;
  /** Values, as 64-bit numbers: field j's at VALUE + j. */
  static readonly VALUE = VALUES >> 3;
  /** As 32-bit numbers: how many fields got a new id in the last call, then those fields' numbers. */
  static readonly FRESH = FRESH >> 2;
  i32!: Int32Array;
  f64!: Float64Array;
  private u8!: Uint8Array;
  private maskLen = 0;
  /** The value columns the mask was made from. */
  mask: Uint8Array | null = null;

  private constructor(private readonly memory: WasmMemory, private readonly fn: ScanFn) {
    this.views();
  }

  /** The kernel, or undefined where WebAssembly cannot run it. */
  static create(): Scanner | undefined {
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SCAN_WASM, 'base64')), {});
      const { memory, scan, setTable } = instance.exports as unknown as { memory: WasmMemory; scan: ScanFn; setTable: (table: number, arena: number, arenaEnd: number, maxIds: number, fresh: number) => void };
      memory.grow(Math.ceil(INPUT / 65536));
      setTable(TABLE, ARENA, ARENA + ARENA_BYTES, MAX_IDS, FRESH);
      return new Scanner(memory, scan);
    } catch {
      return undefined;
    }
  }

  private views(): void {
    const b = this.memory.buffer;
    this.u8 = new Uint8Array(b);
    this.i32 = new Int32Array(b);
    this.f64 = new Float64Array(b);
  }

  /** Copies buf[from, to) in at INPUT. */
  load(buf: Uint8Array, from: number, to: number): void {
    // and 16 bytes to spare: the kernel may read a word past the end
    const need = INPUT + (to - from) + 16;
    if (need > this.u8.length) {
      this.memory.grow(Math.ceil((need - this.u8.length) / 65536));
      this.views();
    }
    this.u8.set(buf.subarray(from, to), INPUT);
  }

  /** Marks the value columns (null: none). */
  setMask(numeric: Uint8Array | null): void {
    this.mask = numeric;
    this.maskLen = numeric === null ? 0 : Math.min(numeric.length, MASK_COLUMNS);
    if (numeric !== null) this.u8.set(numeric.subarray(0, this.maskLen), MASK);
  }

  /**
   * Splits the lines from p to end (positions in memory) at separator byte
   * sep: the number of lines recorded. Ids are given once the value columns
   * are marked (before, every number would take one, wasting the table).
   */
  scan(p: number, end: number, sep: number): number {
    return this.fn(p, end, sep, MASK, this.maskLen, LINES, MAX_LINES, FIELDS, VALUES, MAX_FIELDS, this.mask === null ? 0 : 1);
  }
}
