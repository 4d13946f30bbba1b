// Test helpers: run main() in-process with captured output.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { main } from '../src/cli/main.js';
import { cjkFontInstalled } from '../src/render/charts.js';
import { zipPart } from '../src/input/xlsx.js';

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

/** A written workbook's print setup, sheet by sheet: A4 (paper 9) and one page wide, its orientation, and its repeated rows (Print_Titles, "$1:$3"). */
export function printSetups(xlsx: Buffer): { sheet: string; paper?: string; fitToWidth?: string; fitToPage: boolean; orientation?: string; titles?: string }[] {
  const book = zipPart(xlsx, 'xl/workbook.xml')!;
  const names = [...book.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]!);
  return names.map((sheet, i) => {
    const xml = zipPart(xlsx, `xl/worksheets/sheet${i + 1}.xml`)!;
    const setup = /<pageSetup ([^>]*)\/>/.exec(xml)?.[1] ?? '';
    const attr = (name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(setup)?.[1];
    const titles = new RegExp(`<definedName name="_xlnm\\.Print_Titles" localSheetId="${i}">[^<]*!([^<]*)</definedName>`).exec(book)?.[1];
    return { sheet, paper: attr('paperSize'), fitToWidth: attr('fitToWidth'), fitToPage: xml.includes('<pageSetUpPr fitToPage="1"/>'), orientation: attr('orientation'), ...(titles ? { titles } : {}) };
  });
}

/** Compares text with a golden file in test/golden (written when missing or with UPDATE_GOLDEN=1). */
export function golden(name: string, text: string): void {
  const path = join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** Skips a test whose outside program is missing, or fails it when CI says they must be there (SMEI_REQUIRE_VIEWERS=1). */
export function skipWithout(ctx: { skip: (note: string) => void }, note: string): void {
  if (process.env.SMEI_REQUIRE_VIEWERS === '1') throw new Error(`${note}; SMEI_REQUIRE_VIEWERS=1 says this run must have it`);
  ctx.skip(note);
}

/** LibreOffice's command, if installed (any component). */
export function libreOffice(): string | undefined {
  return ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
}

/** The outside programs (and parts of them) a viewer test may need. */
export type Viewer = 'calc' | 'writer' | 'chromium' | 'pdftotext' | 'cjk-font' | 'openpyxl' | 'xlwt';

/** The Python that has Debian's python3-openpyxl and python3-xlwt (the default python3 may be another). */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Whether a program runs (on PATH or at an absolute path). */
function runs(cmd: string, flag = '--version'): boolean {
  return spawnSync(cmd, [flag], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/** LibreOffice's program folder (where soffice really lives), holding one library per component. */
function libreOfficeProgramDir(soffice: string): string {
  try {
    return dirname(realpathSync(soffice));
  } catch {
    return dirname(soffice);
  }
}

/**
 * Where one viewer component is, or why it is missing (one line, with the
 * Debian package that brings it). LibreOffice may be installed with Writer
 * only or Calc only: each component is known by its library (libswlo for
 * Writer, libsclo for Calc) in soffice's program folder.
 */
export function findViewer(viewer: Viewer, env: { programDir?: string; soffice?: string } = {}): { path: string } | { missing: string } {
  switch (viewer) {
    case 'calc':
    case 'writer': {
      const soffice = env.soffice ?? libreOffice();
      const [name, lib, pkg] = viewer === 'calc' ? ['Calc', 'libsclo', 'libreoffice-calc-nogui'] : ['Writer', 'libswlo', 'libreoffice-writer-nogui'];
      if (soffice === undefined) return { missing: `LibreOffice ${name} is not installed (Debian: apt-get install ${pkg})` };
      const dir = env.programDir ?? libreOfficeProgramDir(soffice);
      const found = [`${lib}.so`, `${lib}.dylib`, `${lib.slice(3)}.dll`].some((f) => existsSync(join(dir, f)));
      return found ? { path: soffice } : { missing: `LibreOffice is installed without ${name} (no ${lib} in ${dir}; Debian: apt-get install ${pkg})` };
    }
    case 'chromium': {
      const path = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
      return path !== undefined ? { path } : { missing: 'Chromium is not installed (Debian: apt-get install chromium)' };
    }
    case 'pdftotext':
      return runs('pdftotext', '-v') ? { path: 'pdftotext' } : { missing: 'pdftotext is not installed (Debian: apt-get install poppler-utils)' };
    case 'openpyxl':
    case 'xlwt':
      // the Python libraries office tools write workbooks with (test/office-py.py), Debian's python3
      return spawnSync(PYTHON, ['-c', `import ${viewer}`], { stdio: 'ignore', timeout: 30_000 }).status === 0 ? { path: PYTHON } : { missing: `Python's ${viewer} is not installed (Debian: apt-get install python3-${viewer})` };
    case 'cjk-font':
      return cjkFontInstalled() ? { path: '' } : { missing: 'no font with Chinese characters is installed (Debian: apt-get install fonts-noto-cjk)' };
  }
}

/**
 * The paths of the viewers a test needs; when one is missing, the test is
 * skipped with a one-line reason (failed instead under SMEI_REQUIRE_VIEWERS=1)
 * and undefined returned.
 */
export function needViewers<V extends Viewer>(ctx: { skip: (note: string) => void }, ...viewers: V[]): Record<V, string> | undefined {
  const paths = {} as Record<V, string>;
  for (const v of viewers) {
    const found = findViewer(v);
    if ('missing' in found) {
      skipWithout(ctx, `${found.missing}; .ci/run installs it`);
      return undefined;
    }
    paths[v] = found.path;
  }
  return paths;
}

/** Converts a file with headless LibreOffice (a fresh profile in `dir`) into `dir`, e.g. to "pdf". */
export function convertWithLibreOffice(soffice: string, file: string, to: string, dir: string): void {
  execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', to, '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
}

/** Runs markdownlint-cli2 (line length off) and fails with its output on any error. */
export function lint(files: string[]): void {
  const dir = tempDir();
  writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), JSON.stringify({ config: { MD013: false } }));
  const bin = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  try {
    execFileSync(process.execPath, [bin, ...files], { cwd: dir, stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`markdownlint: ${err.stdout?.toString()}${err.stderr?.toString()}`);
  }
}
