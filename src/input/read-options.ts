// What the readers share: where the bytes come from, the reader's settings,
// what reading gives, and the first bytes that tell a workbook. Below the
// readers (read.ts for text, workbook.ts for workbooks, form.ts for smei's
// forms), so that none of them imports another for its types.
import type { Observations } from '../core/observations.js';
import type { Warning } from '../core/types.js';
import type { Encoding } from './decode.js';
import type { LayoutOptions, Note } from './layout.js';

/** Where the bytes come from: a display name and the chunks. */
export interface ByteSource {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
  /** A chunk is valid only until the next is asked for (the source reads into the same memory again): a reader that keeps one copies it. */
  reusesChunks?: boolean;
}

/** Reader settings from the command line. */
export interface ReadOptions extends LayoutOptions {
  /** A workbook's sheet: a name, or a 1-based number. */
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  /** Also compute the SHA-256 of the bytes read. */
  hash?: boolean;
  /** Called now and then with the number of bytes read so far. */
  onProgress?: (bytes: number) => void;
  /** The file's size in bytes, when known: the table is sized for it early instead of growing step by step. */
  size?: number;
  /**
   * Which splitter reads plain lines (the differential tests compare them): 'auto' the byte splitter
   * with its WebAssembly kernel for pieces from 16 KiB, 'bytes' without the kernel, 'kernel' the kernel
   * for every piece, 'csv-parse' csv-parse alone.
   */
  csvPath?: 'auto' | 'bytes' | 'kernel' | 'csv-parse';
}

/** What reading a file gives. */
export interface ReadResult {
  observations: Observations;
  format: 'wide' | 'long' | 'years';
  /** The text encoding (CSV), or 'workbook'. */
  encoding: Encoding | 'workbook';
  delimiter: string;
  records: number;
  sha256?: string;
  /** What smei did to read the file, for stderr and JSON. */
  notes: Note[];
  /** Findings of the reading itself (error cells, mixed scales). */
  warnings: Warning[];
  /** The sheet read, for a workbook. */
  sheet?: string;
}

/** What a workbook's first bytes are: a ZIP (.xlsx) or an OLE compound file (.xls, or an encrypted .xlsx). */
export function workbookKind(head: Uint8Array): 'zip' | 'ole' | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (head.length >= 8 && ole.every((b, i) => head[i] === b)) return 'ole';
  return undefined;
}

/** The layout hints among the read options. */
export function layoutOptions(o: ReadOptions): LayoutOptions {
  return {
    ...(o.headerRow !== undefined ? { headerRow: o.headerRow } : {}),
    ...(o.unitColumn !== undefined ? { unitColumn: o.unitColumn } : {}),
    ...(o.ignoreColumns !== undefined ? { ignoreColumns: o.ignoreColumns } : {}),
    ...(o.indicator !== undefined ? { indicator: o.indicator } : {}),
    ...(o.periodIfNone !== undefined ? { periodIfNone: o.periodIfNone } : {}),
  };
}

/** The largest workbook file read (its inflated parts are capped apart, in src/zip.ts). */
export const MAX_WORKBOOK_BYTES = 1 << 30;
