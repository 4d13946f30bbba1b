#!/usr/bin/env node
// Runs dist/smei.cjs, the whole CLI in one file, compiled with a V8 code
// cache kept beside it (one per Node version and architecture). The cache is
// an extra: when it is missing, stale (V8 rejects it), unreadable or cannot be
// written (a read-only install), smei compiles from source and says nothing.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('../dist/smei.cjs', import.meta.url));
const cacheFile = `${file}.${process.version}-${process.arch}.cache`;

let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache yet
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
  filename: file,
  ...(cachedData ? { cachedData } : {}),
  ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
});
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, dirname(file));
const { main } = cli.exports;

// A closed pipe (smei ... | head) stops output quietly; the command still
// finishes and keeps its own exit code (1 for a stale report, 2 for an error),
// so that a `set -o pipefail` CI step sees it.
const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr']) {
  process[name].on('error', (e) => {
    if (e.code !== 'EPIPE' && !closed[name]) process.exit(2);
    closed[name] = true; // writes queued before the pipe closed may fail too
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => { if (!closed.stdout) process.stdout.write(text); },
  stderr: (text) => { if (!closed.stderr) process.stderr.write(text); },
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});

// After the run, so the cache holds the functions this command compiled.
if (cachedData === undefined || script.cachedDataRejected) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // never written
    }
  }
}
