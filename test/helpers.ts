// Test helpers: run main() in-process with captured output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../src/cli/main.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');

/** A fixture path. */
export function fixture(name: string): string {
  return join(ROOT, 'fixtures', name);
}

/** What a run of smei printed and returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs smei in-process, colour off unless env says otherwise. */
export async function run(args: string[], opts: { stdin?: string | Uint8Array; env?: Record<string, string>; cwd?: string; tty?: boolean } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const input = opts.stdin;
  const code = await main(args, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    stdin: (async function* () {
      if (input !== undefined) yield typeof input === 'string' ? Buffer.from(input) : input;
    })(),
    env: { NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd ?? ROOT,
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'smei-test-'));
}

/** Writes a file into a temp folder and returns its path. */
export function tempFile(name: string, content: string | Uint8Array, dir = tempDir()): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Parses the JSON output of compute into a lookup by unit, year and node. */
export function rowsByKey(stdout: string): Map<string, { value: number | null; yoyPct: number | null; rank: number | null; vsRefPoints?: number | null; vsRefPct?: number | null }> {
  const doc = JSON.parse(stdout) as { rows: { unit: string; year: number; node: string; value: number | null; yoyPct: number | null; rank: number | null }[] };
  return new Map(doc.rows.map((r) => [`${r.unit}|${r.year}|${r.node}`, r]));
}
