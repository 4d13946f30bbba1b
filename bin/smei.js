#!/usr/bin/env node
import { main } from '../dist/smei.mjs';

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
