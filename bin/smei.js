#!/usr/bin/env node
// Runs the CLI from dist/: smei.cjs (the entry), core.cjs (what every
// command needs, and all that compute on a CSV does), and the files that only
// the commands using them load (commands.cjs, documents.cjs, csv.cjs, color.cjs; see
// rolldown.config.mjs). Each file is compiled with a V8 code cache kept
// beside it (one per Node version and architecture). A cache is an extra: when it is missing,
// stale (V8 rejects it), unreadable or cannot be written (a read-only
// install), smei compiles from source and says nothing.
// CommonJS (bin/package.json), not an ES module: Node's ES module loader
// costs a few milliseconds of start-up. The files are ASCII (the build
// escapes the rest), so they are read as Latin-1: a plain copy, a one-byte
// string, which V8 compiles faster.
'use strict';
const { accessSync, closeSync, constants: fsConstants, fstatSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const entry = join(dist, 'smei.cjs');
const nodeRequire = createRequire(entry);
// A cache holds the functions the runs that wrote it compiled. The first run
// of each kind writes it again, adding its functions: the kind is the command
// and the options it was given (`compute --impute --treat` runs code a plain
// `compute` never does), so every run after the first of its kind finds all
// it needs compiled.
const command = [
  /^[a-z][a-z-]*$/.test(process.argv[2] ?? '') ? process.argv[2] : '-',
  ...[...new Set(process.argv.slice(3).flatMap((a) => /^--?[a-zA-Z][\w-]*(?==|$)/.exec(a) ?? []))].sort(),
].join(' ');
const dynamic = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {};

/** The files of dist/ this run compiled, to write their caches after it. */
const compiled = [];
/** Module objects by file, as Node's require keeps them (a chunk may require one being loaded). */
const modules = new Map();

/** require() for the bundle: its own chunks (./name.cjs) through load(), anything else through Node. */
function chunkRequire(id) {
  return id.startsWith('./') ? load(join(dist, id)) : nodeRequire(id);
}

/** Files smaller than this compile faster than their cache is read (the entry, rolldown's helpers). */
const CACHE_FROM = 16 << 10;

/**
 * One buffer that a file of dist/ and then its cache are read into: the
 * source is copied out of it as a string, and V8 reads a cache while it
 * compiles and keeps nothing of it. A buffer each would cost the same bytes
 * again in memory first touched, about 1 ms per 500 KB here.
 */
let buffer = Buffer.alloc(0);

/** A file's bytes, in `buffer` (valid until the next call), which holds at least `room` bytes. */
function readBytes(file, room = 0) {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (buffer.length < size) buffer = Buffer.allocUnsafeSlow(Math.max(size, room));
    let at = 0;
    for (let n; at < size && (n = readSync(fd, buffer, at, size - at, at)) > 0; ) at += n;
    return buffer.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** Compiles and runs one file of dist/ (a function expression, the wrapper Node puts around a CommonJS module); its exports. */
function load(file) {
  const known = modules.get(file);
  if (known) return known.exports;
  const cacheFile = `${file}.${process.version}-${process.arch}.cache`;
  let cacheSize = 0;
  try {
    cacheSize = statSync(cacheFile, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    // an unreadable cache is no cache
  }
  const source = readBytes(file, cacheSize).latin1Slice();
  let cachedData;
  let commands = [];
  if (source.length >= CACHE_FROM && cacheSize > 0) {
    try {
      cachedData = readBytes(cacheFile);
      commands = readFileSync(`${cacheFile}.commands`, 'latin1').split('\n').filter(Boolean);
    } catch {
      // no cache yet, or no list of the commands in it
    }
  }
  const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}), ...dynamic });
  if (source.length >= CACHE_FROM) compiled.push({ script, cacheFile, commands, fresh: cachedData === undefined || script.cachedDataRejected === true });
  const module = { exports: {} };
  modules.set(file, module);
  script.runInThisContext()(module.exports, chunkRequire, module, file, dist);
  return module.exports;
}

/** Kinds of run a cache's list keeps (the newest): a list past it starts again from this run's, so that it cannot grow without end. */
const MAX_KINDS = 32;

/** After the run, so each cache holds the functions this command compiled; a file's cache is written when it is new or this command is not in it. */
function writeCaches() {
  const todo = compiled.filter(({ commands, fresh }) => fresh || !commands.includes(command));
  if (todo.length === 0) return;
  try {
    // a read-only install: no cache is made (making one costs milliseconds) that could not be written
    accessSync(dist, fsConstants.W_OK);
  } catch {
    return;
  }
  for (const { script, cacheFile, commands, fresh } of todo) {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
      writeFileSync(tmp, [...(fresh ? [] : commands.slice(-(MAX_KINDS - 1))), command].join('\n'));
      renameSync(tmp, `${cacheFile}.commands`);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // never written
      }
    }
  }
}

const { main } = load(entry);

// Output is written with fs.writeSync, straight to the file descriptor:
// making process.stdout or process.stderr loads Node's stream code (and for
// a terminal, net), a few milliseconds that most runs need for nothing else.
// Writes stay in order and are whole before exit. A closed pipe (smei ... |
// head) stops that output quietly; the command still finishes and keeps its
// own exit code (1 for a stale report, 2 for an error), so that a
// `set -o pipefail` CI step sees it. A descriptor that cannot take a write
// now (a non-blocking pipe: EAGAIN) is handed to Node's stream for the rest,
// and on Windows the streams write everything. When the streams were never
// made, nothing is pending after the command, and the process exits at once
// (Node's own teardown costs a few milliseconds more).
const outputs = { 1: { name: 'stdout', closed: false, stream: undefined }, 2: { name: 'stderr', closed: false, stream: undefined } };

/** Node's stream for an output, from now on (a closed pipe still stops it quietly). */
function streamOf(o) {
  if (o.stream === undefined) {
    o.stream = process[o.name];
    o.stream.on('error', (err) => {
      if (err.code !== 'EPIPE' && !o.closed) process.exit(2);
      o.closed = true; // writes queued before the pipe closed may fail too
    });
  }
  return o.stream;
}

function write(fd, text) {
  const o = outputs[fd];
  if (text === '' || o.closed) return;
  // Windows: a console takes text through Node's stream (WriteConsoleW), not bytes
  if (o.stream !== undefined || process.platform === 'win32') {
    streamOf(o).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      if (e.code === 'EPIPE') o.closed = true;
      else if (e.code === 'EAGAIN') streamOf(o).write(bytes.subarray(at));
      else process.exit(2);
      return;
    }
  }
}

/**
 * Whether a descriptor is a terminal. Files, pipes and /dev/null are told by
 * fstat, which costs nothing; only another character device asks node:tty
 * (which loads net).
 */
function isTTY(fd) {
  try {
    const s = fstatSync(fd);
    if (!s.isCharacterDevice()) return false;
    const nul = statSync('/dev/null', { throwIfNoEntry: false });
    if (nul?.isCharacterDevice() && nul.rdev === s.rdev) return false;
  } catch {
    // a closed descriptor, or no /dev/null: node:tty decides
  }
  return require('node:tty').isatty(fd);
}

main(process.argv.slice(2), {
  stdout: (text) => write(1, text),
  stderr: (text) => write(2, text),
  // getters: making process.stdin loads stream code that most commands never use
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  cwd: process.cwd(),
  get stdoutIsTTY() {
    return isTTY(1);
  },
  get stderrIsTTY() {
    return isTTY(2);
  },
}).then((code) => {
  process.exitCode = code;
  writeCaches();
  if (!outputs[1].stream && !outputs[2].stream) process.exit(code);
});
