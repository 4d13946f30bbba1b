// Writing results: stdout, or a file through a temporary file and a rename.
import * as nodeFs from 'node:fs';
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { SmeiError } from '../errors.js';
import { TextChunks } from '../text.js';
import type { Io } from './io.js';

/** Numbers temporary files within this process; with the pid they are unique ('wx' refuses a clash). */
let tmpCounter = 0;

/** The real path of a file, or its absolute path when it does not exist yet. */
function realOrAbsolute(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The file operations of an atomic write (tests hand in failing ones). */
export type WriteFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync'>;

/** Joins small pieces of text into pieces of at least 64 KiB: few writes, none of them held for long. */
function* batched(pieces: Iterable<string>): Generator<string> {
  const chunks = new TextChunks(1 << 16);
  for (const p of pieces) {
    const full = chunks.add(p);
    if (full !== undefined) yield full;
  }
  const rest = chunks.rest();
  if (rest !== '') yield rest;
}

/**
 * Writes text (a string, or pieces of it as they are made) to --out
 * atomically, never over an input, or to stdout.
 */
export function writeOutput(text: string | Iterable<string> | Uint8Array, out: string | undefined, io: Io, inputs: string[], fs: WriteFs = nodeFs): void {
  const binary = text instanceof Uint8Array;
  if (binary && (out === undefined || out === '-')) {
    throw new SmeiError('usage', 'a workbook or document is not text: give --out FILE to write it to a file.');
  }
  const pieces: Iterable<string | Uint8Array> = binary ? [text] : typeof text === 'string' ? [text] : batched(text);
  if (out === undefined || out === '-') {
    for (const p of pieces) io.stdout(p as string);
    return;
  }
  const target = resolve(io.cwd, out);
  const real = realOrAbsolute(target);
  for (const input of inputs) {
    if (input !== '-' && realOrAbsolute(resolve(io.cwd, input)) === real) {
      throw new SmeiError('output', `--out ${out}: that is the input file; smei never writes over its input. Choose another file name.`);
    }
  }
  const dir = dirname(target);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new SmeiError('output', `--out ${out}: the folder ${dir} does not exist. Create it first, or write somewhere else.`, { cause: e });
  }
  try {
    if (statSync(target).isDirectory()) throw new SmeiError('output', `--out ${out}: is a directory. Give a file name.`);
  } catch (e) {
    if (e instanceof SmeiError) throw e;
  }
  const tmp = resolve(dir, `.${basename(target)}.${process.pid}.${(tmpCounter++).toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    for (const p of pieces) {
      const bytes = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new SmeiError('output', `--out ${out}: cannot write the file (${code}); the old file, if any, is untouched. Check the folder's permissions and free space.`, { cause: e });
  }
}
