// Writing results: stdout, or a file through a temporary file and a rename;
// never over a file smei read, and never leaving a temporary file behind.
import * as nodeFs from 'node:fs';
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { SmeiError } from '../errors.js';
import { TextChunks } from '../text.js';
import type { Io } from './io.js';

/** Numbers temporary files within this process; with the pid they are unique ('wx' refuses a clash). */
let tmpCounter = 0;

/** A file or folder smei read in this run: what the user called it, its real path and its identity. */
interface ReadEntry {
  name: string;
  real: string;
  dev: number;
  ino: number;
  folder: boolean;
}

/** Whether a folder's reader takes this file as data (CSV, text, workbooks; not hidden, not Excel's ~$ lock files). */
export function isDataFileName(name: string): boolean {
  return /\.(csv|tsv|txt|xlsx|xlsm|xls)$/i.test(name) && !name.startsWith('.') && !name.startsWith('~$');
}

/**
 * Whether a file in a folder of returns is read as data: a CSV or a
 * workbook. A .txt there is most often a note (README.txt, 说明.txt) and is
 * left alone; named on the command line, a .txt is read as a CSV.
 */
export function isFolderDataFileName(name: string): boolean {
  return isDataFileName(name) && !/\.txt$/i.test(name);
}

/** The files and folders each run (one Io) read: --out may not land on any of them. */
const READS = new WeakMap<object, ReadEntry[]>();

/** The real path of a file, or its absolute path when it does not exist yet (its folder's real path then). */
function realOrAbsolute(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/**
 * Records paths this run reads (data files and folders, the framework, --previous,
 * --units, --config, --check): a path that does not exist (a built-in framework
 * name, a list of unit names) is skipped.
 */
export function noteRead(io: Io, paths: Iterable<string | undefined>): void {
  let list = READS.get(io);
  if (list === undefined) READS.set(io, (list = []));
  for (const name of paths) {
    if (name === undefined || name === '-' || name === '') continue;
    const full = resolve(io.cwd, name);
    let st: Stats;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    list.push({ name, real: realOrAbsolute(full), dev: st.dev, ino: st.ino, folder: st.isDirectory() });
  }
}

/** The file operations of an atomic write (tests hand in failing ones). */
export type WriteFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'fchmodSync'>;

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

/** Bytes of a binary output in slices of 1 MiB, so a signal is seen between them. */
function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, Math.min(bytes.length, at + (1 << 20)));
}

/** Follows symbolic links from a path to the path they end at (which may not exist yet). */
function followLinks(path: string, out: string): string {
  let at = path;
  for (let hops = 0; hops < 40; hops++) {
    let st: Stats;
    try {
      st = lstatSync(at);
    } catch {
      return at; // not there (yet): the link's target is created
    }
    if (!st.isSymbolicLink()) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw new SmeiError('output', `--out ${out}: too many levels of symbolic links. Give the file itself.`, { zh: `--out ${out}：符号链接层数过多。请直接给出文件本身。` });
}

/** Refuses a target that is (or is inside a folder of) something this run read. */
function refuseInputs(target: string, out: string, io: Io, inputs: string[]): void {
  noteRead(io, inputs);
  const real = realOrAbsolute(target);
  let st: Stats | undefined;
  try {
    st = statSync(target);
  } catch {
    // a new file: compared by path
  }
  // a FIFO or a device is not replaced: nothing read is lost by writing into it
  if (st !== undefined && !st.isFile()) return;
  for (const r of READS.get(io) ?? []) {
    const same = r.folder ? false : (st !== undefined && st.dev === r.dev && st.ino === r.ino) || r.real === real;
    if (same) throw new SmeiError('output', `--out ${out}: that is the input file ${r.name} (this run reads it); smei never writes over its input. Choose another file name.`, { zh: `--out ${out}：这是输入文件 ${r.name}（本次运行要读取它）；smei 从不覆盖输入文件。请换一个文件名。` });
    if (r.folder && dirname(real) === r.real && isDataFileName(basename(real))) throw new SmeiError('output', `--out ${out}: that is inside the input folder ${r.name} (this run reads every data file there; the next run would read the output as data). Write it somewhere else.`, { zh: `--out ${out}：它在输入文件夹 ${r.name} 中（本次运行读取其中的每个数据文件，下次运行会把输出当作数据读入）。请写到别处。` });
  }
}

/** 'stdout' or 'stderr' for their names as files (/dev/stdout, /dev/fd/2, /proc/self/fd/1), else undefined. */
function stdStream(out: string): 'stdout' | 'stderr' | undefined {
  const m = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/([12])|proc\/self\/fd\/([12]))$/.exec(out);
  if (m === null) return undefined;
  return m[1] === 'stderr' || m[2] === '2' || m[3] === '2' ? 'stderr' : 'stdout';
}

/** Signals that end a run; a handler removes the temporary file first. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Lets pending signal handlers run (a write in progress checks between pieces). */
function turn(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/**
 * Writes text (a string, or pieces of it as they are made) or bytes to --out
 * atomically, never over an input, or to stdout. A FIFO or a device is written
 * into directly; a symbolic link is followed and its target replaced
 * atomically; a replaced file keeps its permissions. Ctrl-C (SIGINT, SIGTERM,
 * SIGHUP) during the write removes the temporary file and leaves the old one.
 */
export async function writeOutput(text: string | Iterable<string> | Uint8Array, out: string | undefined, io: Io, inputs: string[], fs: WriteFs = nodeFs): Promise<void> {
  const binary = text instanceof Uint8Array;
  const pieces: Iterable<string | Uint8Array> = binary ? slices(text) : typeof text === 'string' ? [text] : batched(text);
  // /dev/stdout and /dev/stderr are the streams smei already has (opening them fails when they are sockets)
  const stream = out === undefined || out === '-' ? 'stdout' : stdStream(out);
  if (stream !== undefined || out === undefined) {
    if (binary) throw new SmeiError('usage', `a workbook or document is not text: give --out FILE to write it to a file${out === undefined || out === '-' ? '' : ` (not ${out})`}.`, { zh: `工作簿或文档不是文本：请用 --out FILE 把它写入文件${out === undefined || out === '-' ? '' : `（而不是 ${out}）`}。` });
    for (const p of pieces) io[stream ?? 'stdout'](p as string);
    return;
  }
  const given = resolve(io.cwd, out);
  let through: Stats | undefined;
  try {
    through = statSync(given);
  } catch {
    // a new file, or a link to one
  }
  // an existing file: its real path (links followed), replaced there; a device or pipe (/dev/stdout is a
  // link to /proc/self/fd/1, a link to "pipe:[...]"): opened as named; a new file or a dangling link: where the links end
  const target = through === undefined ? followLinks(given, out) : through.isFile() ? realpathSync(given) : given;
  refuseInputs(target, out, io, inputs);
  const dir = dirname(target);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new SmeiError('output', `--out ${out}: the folder ${dir} does not exist. Create it first, or write somewhere else.`, { cause: e, zh: `--out ${out}：文件夹 ${dir} 不存在。请先创建它，或写到别处。` });
  }
  let old: Stats | undefined;
  try {
    old = statSync(target);
  } catch {
    // a new file
  }
  if (old?.isDirectory()) throw new SmeiError('output', `--out ${out}: is a directory. Give a file name.`, { zh: `--out ${out}：这是一个文件夹。请给出文件名。` });
  // a FIFO, a terminal, /dev/null, /dev/stdout: written into, not replaced by a regular file
  const direct = old !== undefined && !old.isFile();
  const tmp = direct ? target : resolve(dir, `.${basename(target)}.${process.pid}.${(tmpCounter++).toString(36)}.tmp`);
  let fd: number | undefined;
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals): void => {
    signalled ??= s;
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    fd = direct ? fs.openSync(target, 'w') : fs.openSync(tmp, 'wx', 0o644);
    // the replaced file's permissions (a 0600 file stays 0600); umask does not apply to fchmod
    if (!direct && old !== undefined) fs.fchmodSync(fd, old.mode & 0o7777);
    let sinceTurn = 0;
    for (const p of pieces) {
      const bytes = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
      sinceTurn += bytes.length;
      if (sinceTurn >= 1 << 20) {
        sinceTurn = 0;
        await turn();
        if (signalled !== undefined) throw Object.assign(new Error(`interrupted (${signalled})`), { code: signalled });
      }
    }
    if (!direct) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (!direct) fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    if (!direct) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // the temporary file was never created
      }
    }
    if (signalled !== undefined) await dieOf(signalled, onSignal);
    for (const s of SIGNALS) process.off(s, onSignal);
    if (e instanceof SmeiError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new SmeiError('output', `--out ${out}: cannot write the file (${code}); the old file, if any, is untouched. Check the folder's permissions and free space.`, { cause: e, zh: `--out ${out}：无法写入文件（${code}）；原有文件（如果有）保持不变。请检查文件夹的权限和剩余空间。` });
  }
  // a signal after the last piece: the file is complete and in place; the run still ends as asked
  if (signalled !== undefined) await dieOf(signalled, onSignal);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** Ends the process by the signal it was sent (exit 130 for SIGINT), as a program should. */
async function dieOf(signal: NodeJS.Signals, handler: (s: NodeJS.Signals) => void): Promise<never> {
  for (const s of SIGNALS) process.off(s, handler);
  process.kill(process.pid, signal);
  return new Promise<never>(() => undefined);
}

/** The output with a UTF-8 byte-order mark in front (--bom: Excel then reads a CSV as UTF-8, not the system's code page). */
export function* withBom(text: string | Iterable<string>): Generator<string> {
  yield '\uFEFF';
  yield* typeof text === 'string' ? [text] : text;
}
