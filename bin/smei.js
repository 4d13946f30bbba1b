#!/usr/bin/env node
// Runs dist/smei.cjs, the whole CLI in one file, compiled with a V8 code
// cache kept beside it (one per Node version and architecture). The cache is
// an extra: when it is missing, stale (V8 rejects it), unreadable or cannot be
// written (a read-only install), smei compiles from source and says nothing.
// CommonJS (bin/package.json), not an ES module: Node's ES module loader
// costs a few milliseconds of start-up. The bundle is ASCII (the build
// escapes the rest), so it is read as Latin-1: a plain copy, a one-byte
// string, which V8 compiles faster.
'use strict';
const { readFileSync, renameSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'smei.cjs');
const cacheFile = `${file}.${process.version}-${process.arch}.cache`;

// The cache holds the functions the runs that wrote it compiled; the first
// run of each command writes it again, adding that command's functions.
const command = /^[a-z][a-z-]*$/.test(process.argv[2] ?? '') ? process.argv[2] : '-';
const commandsFile = `${cacheFile}.commands`;
let cachedData;
let commands = [];
try {
  cachedData = readFileSync(cacheFile);
  commands = readFileSync(commandsFile, 'latin1').split('\n').filter(Boolean);
} catch {
  // no cache yet, or no list of the commands in it
}
// the bundle is one function expression, (function (exports, require, module, __filename, __dirname) {...})
const script = new vm.Script(readFileSync(file, 'latin1'), {
  filename: file,
  ...(cachedData ? { cachedData } : {}),
  ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
});
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, dirname(file));
const { main } = cli.exports;

// A closed pipe (smei ... | head) stops output quietly; the command still
// finishes and keeps its own exit code (1 for a stale report, 2 for an error),
// so that a `set -o pipefail` CI step sees it. The streams are made on first
// use (a pipe's costs a few modules to load; most runs write nothing to stderr).
const closed = { stdout: false, stderr: false };
const watched = { stdout: false, stderr: false };
function stream(name) {
  const s = process[name];
  if (!watched[name]) {
    watched[name] = true;
    s.on('error', (e) => {
      if (e.code !== 'EPIPE' && !closed[name]) process.exit(2);
      closed[name] = true; // writes queued before the pipe closed may fail too
    });
  }
  return s;
}

main(process.argv.slice(2), {
  stdout: (text) => { if (text !== '' && !closed.stdout) stream('stdout').write(text); },
  stderr: (text) => { if (text !== '' && !closed.stderr) stream('stderr').write(text); },
  // getters: making process.stdin loads stream code that most commands never use
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  cwd: process.cwd(),
  get stdoutIsTTY() {
    return Boolean(stream('stdout').isTTY);
  },
  get stderrIsTTY() {
    return Boolean(stream('stderr').isTTY);
  },
}).then((code) => {
  process.exitCode = code;
  // After the run, so the cache holds the functions this command compiled.
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  if (fresh || !commands.includes(command)) {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
      writeFileSync(tmp, [...(fresh ? [] : commands), command].join('\n'));
      renameSync(tmp, commandsFile);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // never written
      }
    }
  }
});
