// The installed command: bin/smei.js over the built bundle, as a user runs it.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { ROOT } from '../helpers.js';

/** Runs bin/smei.js in a child process. */
function smei(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${ROOT}/bin/smei.js`, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/smei.js', () => {
  it('prints Table 1 and exits 0', () => {
    const r = smei(['compute', 'fixtures/zhejiang-cities-2018.csv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/│\s+1 │ 杭州市 │\s+135\.30 │\s+\+7\.13 │/);
  });

  it('exits 2 with a one-line message and no stack trace on bad data', () => {
    const r = smei(['compute', '-', '--lang', 'en'], 'unit,year,firms\nA,2014,x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('smei: <stdin>:2:3 (firms): "x" is not a number. Write a plain number such as 1234.5 (1,234.5 and full-width digits are fine); leave the cell empty or write NA for a missing value.\n');
    // in the run's language: Chinese by default
    expect(smei(['compute', '-'], 'unit,year,firms\nA,2014,x\n').stderr).toBe('smei: <stdin>:2:3 (firms)："x"不是数字。请填写普通数字，如 1234.5（1,234.5 和全角数字也可以）；缺失值请留空或写 NA。\n');
  });

  it('exits 2 on a usage error and 0 on --version', () => {
    expect(smei(['compute']).status).toBe(2);
    const v = smei(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(VERSION);
  });

  it('ends quietly when the reader of its output goes away (smei ... | head)', async () => {
    const child = spawn(process.execPath, [`${ROOT}/bin/smei.js`, 'compute', 'fixtures/zhejiang-synthetic.csv', '--format', 'json'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).not.toContain('EPIPE');
  });

  it('keeps the exit code when the reader of its output goes away (report --check stale.md 2>&1 | head -1, under pipefail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smei-pipe-'));
    writeFileSync(join(dir, 'stale.md'), 'not the report\n');
    const smeiBin = `"${process.execPath}" "${ROOT}/bin/smei.js"`;
    const stale = spawnSync('bash', ['-o', 'pipefail', '-c', `${smeiBin} report fixtures/zhejiang-synthetic.csv --check "${dir}/stale.md" 2>&1 | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stdout).toBe(`smei: ${dir}/stale.md与这份数据生成的报告不同；请用 --out ${dir}/stale.md 重新生成。\n`);
    const bad = spawnSync('bash', ['-o', 'pipefail', '-c', `${smeiBin} compute fixtures/zhejiang-synthetic.csv --node nope 2>&1 | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    const ok = spawnSync('bash', ['-o', 'pipefail', '-c', `${smeiBin} compute fixtures/zhejiang-synthetic.csv --format json | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
  });

  it('writes all its output to a pipe that is full and non-blocking (the reader late), in order', () => {
    // output goes out with fs.writeSync; a pipe set O_NONBLOCK by another process answers EAGAIN when full,
    // and the rest goes through Node's stream. Python makes such a pipe, and reads it a moment later.
    const script = [
      'import fcntl, os, subprocess, sys, time',
      'r, w = os.pipe()',
      'fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)',
      'p = subprocess.Popen(sys.argv[1:], stdout=w)',
      'os.close(w)',
      'time.sleep(0.5)',
      'out = b"".join(iter(lambda: os.read(r, 1 << 16), b""))',
      'sys.stdout.buffer.write(out)',
      'sys.exit(p.wait())',
    ].join('\n');
    const args = [process.execPath, `${ROOT}/bin/smei.js`, 'compute', 'fixtures/zhejiang-synthetic.csv', '--format', 'json'];
    const late = spawnSync('/usr/bin/python3', ['-c', script, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(late.status, late.stderr).toBe(0);
    const direct = smei(args.slice(2));
    expect(direct.stdout.length).toBeGreaterThan(150_000); // more than a pipe holds
    expect(late.stdout).toBe(direct.stdout);
  });
});

describe('help', () => {
  it('is wrapped to 100 columns, or to a wider $COLUMNS (lines ran to 208 characters)', () => {
    expect(smei(['--help']).stdout.split('\n').filter((l) => l.length > 100)).toEqual([]);
    const r = spawnSync(process.execPath, [`${ROOT}/bin/smei.js`, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '150' } });
    const longest = Math.max(...r.stdout.split('\n').map((l) => l.length));
    expect(longest).toBeGreaterThan(100);
    expect(longest).toBeLessThanOrEqual(150);
  });
});

describe('the code cache', () => {
  /** A copy of bin/ and dist/ in a temporary folder, without a cache. */
  function install(): string {
    const dir = mkdtempSync(join(tmpdir(), 'smei-bin-'));
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    for (const f of readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.cjs'))) cpSync(join(ROOT, 'dist', f), join(dir, 'dist', f));
    return dir;
  }
  /** The cache of dist/core.cjs, what every command runs (dist/smei.cjs, the entry, is too small to need one). */
  const cacheOf = (dir: string, file = 'core.cjs'): string => join(dir, 'dist', `${file}.${process.version}-${process.arch}.cache`);
  const run = (dir: string): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [join(dir, 'bin', 'smei.js'), 'compute', join(ROOT, 'fixtures', 'zhejiang-cities-2018.csv')], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('is written on the first run and used on the next, with the same output', () => {
    const dir = install();
    const first = run(dir);
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(cacheOf(dir))).toBe(true);
    const second = run(dir);
    expect(second).toEqual(first);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a stale or damaged cache is rejected silently and replaced', () => {
    const dir = install();
    const good = run(dir);
    writeFileSync(cacheOf(dir), 'not a V8 code cache, or one from another Node');
    const again = run(dir);
    expect(again).toEqual(good);
    expect(readFileSync(cacheOf(dir)).toString()).not.toContain('not a V8 code cache');
  });

  it('a cache that cannot be read or written (a read-only install) changes nothing', () => {
    const dir = install();
    mkdirSync(cacheOf(dir)); // reading it fails, and so does renaming a file onto it
    const r = run(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/│\s+1 │ 杭州市 │\s+135\.30 │/);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('compute on a CSV loads none of the files that only reports, workbooks, other commands or framework tables need', () => {
    const dir = install();
    expect(run(dir).status).toBe(0);
    const cached = readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.cache')).map((f) => f.replace(/\.v.*$/, ''));
    expect(cached).toEqual(['core.cjs']);
    // nor with a config file of compute's own options (checking its keys needs no other command)
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ decimals: 3, compute: { top: 5 } }));
    const configured = run(dir);
    expect(configured.status, configured.stderr).toBe(0);
    expect(configured.stdout).toMatch(/135\.300 │  \+7\.126/);
    expect(readdirSync(join(dir, 'dist')).filter((f) => f.endsWith('.cache')).map((f) => f.replace(/\.v.*$/, ''))).toEqual(['core.cjs']);
    const report = spawnSync(process.execPath, [join(dir, 'bin', 'smei.js'), 'report', join(ROOT, 'fixtures', 'zhejiang-synthetic.csv'), '--aggregate-unit', '浙江省', '--format', 'md'], { cwd: dir, encoding: 'utf8' });
    expect(report.status, report.stderr).toBe(0);
    expect(existsSync(cacheOf(dir, 'documents.cjs'))).toBe(true);
    expect(existsSync(cacheOf(dir, 'commands.cjs'))).toBe(true);
  });

  it('is written again on the first run of each kind (command and the options given), adding its functions, and not after', () => {
    const dir = install();
    const commands = `${cacheOf(dir)}.commands`;
    expect(spawnSync(process.execPath, [join(dir, 'bin', 'smei.js'), '--version']).status).toBe(0);
    const small = readFileSync(cacheOf(dir));
    expect(readFileSync(commands, 'latin1')).toBe('-');
    run(dir);
    const grown = readFileSync(cacheOf(dir));
    expect(grown.length).toBeGreaterThan(small.length);
    expect(readFileSync(commands, 'latin1')).toBe('-\ncompute');
    run(dir);
    expect(readFileSync(cacheOf(dir)).equals(grown)).toBe(true);
    // the same command with a method option runs code plain compute never does: its first run adds it
    const asem = (f: string): string => join(ROOT, 'fixtures', 'coinr-asem', f);
    const prep = [join(dir, 'bin', 'smei.js'), 'compute', asem('ASEM_iData.csv'), `--framework=${asem('ASEM_iMeta.csv')}`, '--impute', 'group-mean:EurAsia_group', '--normalise', 'min-max', '--quiet'];
    expect(spawnSync(process.execPath, prep).status).toBe(0);
    expect(readFileSync(commands, 'latin1')).toBe('-\ncompute\ncompute --framework --impute --normalise --quiet');
    expect(readFileSync(cacheOf(dir)).length).toBeGreaterThan(grown.length);
  });
});

describe('start-up', () => {
  it('each file of the bundle is ASCII, one function expression (read as Latin-1 and compiled as it is)', () => {
    const files = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.cjs'));
    expect(files).toEqual(expect.arrayContaining(['smei.cjs', 'core.cjs', 'commands.cjs', 'documents.cjs', 'csv.cjs', 'color.cjs']));
    for (const f of files) {
      const code = readFileSync(join(ROOT, 'dist', f));
      expect(code.every((b) => b < 0x80), f).toBe(true);
      const text = code.toString('latin1');
      expect(text.startsWith('(function (exports, require, module, __filename, __dirname) {'), f).toBe(true);
      expect(text.endsWith('})'), f).toBe(true);
    }
  });

  it('compute on a CSV loads neither zlib, crypto nor child_process (Node modules that cost start-up)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smei-mods-'));
    const preload = join(dir, 'mods.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'mods.txt'))}, process.moduleLoadList.join('\\n')));`);
    const r = spawnSync(process.execPath, ['-r', preload, `${ROOT}/bin/smei.js`, 'compute', 'fixtures/zhejiang-cities-2018.csv'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const loaded = readFileSync(join(dir, 'mods.txt'), 'utf8').split('\n');
    expect(loaded).toContain('NativeModule vm');
    for (const m of ['zlib', 'crypto', 'child_process']) expect(loaded).not.toContain(`NativeModule ${m}`);
    // and they still load when used: a workbook is written with zlib
    const out = join(dir, 'r.xlsx');
    expect(smei(['compute', 'fixtures/zhejiang-cities-2018.csv', '--out', out]).status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('compute on a CSV of CJK names loads no library from node_modules; an emoji in a name loads string-width, which measures it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smei-lazy-'));
    const preload = join(dir, 'mods.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'mods.txt'))}, Object.keys(require.cache).join('\\n')));`);
    const run = (file: string): { out: string; files: string[] } => {
      const r = spawnSync(process.execPath, ['-r', preload, `${ROOT}/bin/smei.js`, 'compute', file, '--base-year', '2017'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return { out: r.stdout, files: readFileSync(join(dir, 'mods.txt'), 'utf8').split('\n').filter((f) => f.includes('node_modules')) };
    };
    expect(run('fixtures/zhejiang-cities-2018.csv').files).toEqual([]);
    const emoji = join(dir, 'emoji.csv');
    writeFileSync(emoji, '地区,年份,小微企业成长指数\n\u{1F600}市,2017,100\n\u{1F600}市,2018,102\n杭州市,2017,100\n杭州市,2018,101\n');
    const { out, files } = run(emoji);
    expect(files.some((f) => /[\\/]string-width[\\/]/.test(f))).toBe(true);
    // the emoji is two columns wide: 😀市 is padded to 杭州市's six columns with two spaces
    const cells = out.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│')[2]!);
    expect(cells).toContain(' \u{1F600}市   ');
    expect(cells).toContain(' 杭州市 ');
  });
});
