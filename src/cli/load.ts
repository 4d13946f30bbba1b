// From a data path and the shared options to a computed index table.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { computeIndex, type IndexTable } from '../core/compute.js';
import { SmeiError } from '../errors.js';
import { loadFramework } from '../framework/load.js';
import type { Framework } from '../framework/types.js';
import { readObservations, type ByteSource, type ReadResult } from '../input/read.js';
import type { Io } from './io.js';
import { progressReporter } from './progress.js';

/** Options every data-reading command shares. */
export interface DataOptions {
  framework?: string;
  baseYear?: number;
  refYear?: number;
  aggregateUnit?: string[];
  encoding?: string;
  delimiter?: string;
  quiet?: boolean;
  sheet?: string;
  headerRow?: number;
  unitColumn?: string;
  ignoreColumn?: string[];
  indicator?: string;
  autoAggregate?: boolean;
}

/** Files up to this size are read whole; larger ones are streamed. */
const SMALL_FILE = 1 << 20;

/** An async iterable over chunks, whether they are a stream or an array. */
async function* toAsync(chunks: AsyncIterable<Uint8Array> | Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* chunks;
}

/** Opens a data path ('-' is stdin) as a byte source, failing clearly if it cannot. */
export function openSource(path: string, io: Io): { source: ByteSource; size?: number } {
  if (path === '-') return { source: { name: '<stdin>', chunks: io.stdin } };
  const full = resolve(io.cwd, path);
  let size: number;
  let whole: Uint8Array | undefined;
  try {
    const st = statSync(full);
    if (st.isDirectory()) throw new SmeiError('file', `${path}: is a directory. Give a CSV file or a workbook.`);
    size = st.size;
    // A small file is read in one go (no stream machinery to load: a CLI is judged by its start).
    if (size <= SMALL_FILE) whole = readFileSync(full);
  } catch (e) {
    if (e instanceof SmeiError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? String(e);
    throw new SmeiError('file', `${path}: cannot read the data file (${why}). Check the path.`, { cause: e });
  }
  const chunks = whole !== undefined ? [whole] : createReadStream(full, { highWaterMark: 1 << 20 });
  return { source: { name: path, chunks: toAsync(chunks) }, size };
}

/** Everything a command needs from one data file. */
export interface LoadedData {
  framework: Framework;
  read: ReadResult;
  table: IndexTable;
}

/** Reads and computes one data file with the shared options. */
export async function loadData(path: string, opts: DataOptions, io: Io, extra: { hash?: boolean; framework?: Framework; skipReview?: boolean } = {}): Promise<LoadedData> {
  const framework = extra.framework ?? loadFramework(opts.framework, io.cwd);
  const { source, size } = openSource(path, io);
  const progress = opts.quiet || !io.stderrIsTTY ? undefined : progressReporter(source.name, size, io);
  let read: ReadResult;
  try {
    read = await readObservations(source, framework, {
      ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
      ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
      ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
      ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      ...(opts.unitColumn !== undefined ? { unitColumn: opts.unitColumn } : {}),
      ...(opts.ignoreColumn !== undefined ? { ignoreColumns: opts.ignoreColumn } : {}),
      ...(opts.indicator !== undefined ? { indicator: opts.indicator } : {}),
      ...(extra.hash ? { hash: true } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
  } finally {
    progress?.done();
  }
  const table = computeIndex(read.observations, framework, {
    ...(opts.baseYear !== undefined ? { baseYear: opts.baseYear } : {}),
    ...(opts.refYear !== undefined ? { refYear: opts.refYear } : {}),
    aggregateUnits: opts.aggregateUnit ?? [],
    warnings: read.warnings,
    autoAggregate: opts.autoAggregate !== false,
  });
  table.notes.unshift(...read.notes);
  return { framework, read, table };
}
