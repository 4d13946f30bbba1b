// --out never lands on what a run reads, never goes where nobody asked (a config
// file's output stays in its folder), writes into FIFOs and devices, follows
// symbolic links, keeps a replaced file's mode, and leaves no temporary file on Ctrl-C.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, run, tempDir } from '../helpers.js';

const CSV = readFileSync(fixture('hand-worked.csv'));
const FW = readFileSync(fixture('hand-worked-framework.json'));

/** A temp folder with the hand-worked data and framework. */
function setup(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'data.csv'), CSV);
  writeFileSync(join(dir, 'fw.json'), FW);
  return dir;
}

/** Runs compute over the folder's data with the framework, writing --out. */
function compute(dir: string, out: string, extra: string[] = []): ReturnType<typeof run> {
  return run(['compute', 'data.csv', '--framework', 'fw.json', '--format', 'csv', '--out', out, ...extra], { cwd: dir });
}

describe('--out never lands on an input', () => {
  it.each([
    ['the framework', 'fw.json'],
    ['the framework through ./', './fw.json'],
    ['the data through a symbolic link', 'link.csv'],
    ['the data through a hard link', 'hard.csv'],
  ])('refuses %s', async (_, out) => {
    const dir = setup();
    symlinkSync(join(dir, 'data.csv'), join(dir, 'link.csv'));
    linkSync(join(dir, 'data.csv'), join(dir, 'hard.csv'));
    const r = await run(['compute', 'data.csv', '--framework', 'fw.json', '--out', out], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/：这是输入文件 .*（本次运行要读取它）；smei 从不覆盖输入文件。请换一个文件名。/);
    expect(readFileSync(join(dir, 'data.csv'))).toEqual(CSV);
    expect(readFileSync(join(dir, 'fw.json'))).toEqual(FW);
  });

  it('refuses a data file inside an input folder, new or old', async () => {
    const dir = setup();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.csv'), CSV);
    for (const out of ['in/index.csv', 'in/a.csv', join(dir, 'in', '..', 'in', 'new.csv')]) {
      const r = await run(['compute', 'in', '--framework', 'fw.json', '--out', out, '--lang', 'en'], { cwd: dir });
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/--out .*: (that is inside the input folder in \(this run reads every data file there|that is the input file in\/a\.csv)/);
    }
    expect(readdirSync(join(dir, 'in'))).toEqual(['a.csv']);
    // a file the folder's reader would not take (a report) may go there
    const report = await run(['report', 'in', '--framework', 'fw.json', '--out', 'in/report.md'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect(readdirSync(join(dir, 'in')).sort()).toEqual(['a.csv', 'report.md']);
  });

  it('refuses --previous, the --units list and the config file', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'units.txt'), 'A\nB\n');
    const prev = await run(['review', 'data.csv', '--framework', 'fw.json', '--previous', 'data.csv', '--out', './data.csv'], { cwd: dir });
    expect(prev.stderr).toMatch(/这是输入文件 data\.csv/);
    const units = await run(['review', 'data.csv', '--framework', 'fw.json', '--units', 'units.txt', '--out', 'units.txt'], { cwd: dir });
    expect(units.code).toBe(2);
    expect(units.stderr).toMatch(/这是输入文件 units\.txt/);
    expect(readFileSync(join(dir, 'units.txt'), 'utf8')).toBe('A\nB\n');
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ framework: 'fw.json' }));
    const config = await run(['compute', 'data.csv', '--out', 'smei.config.json'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/这是输入文件 .*smei\.config\.json/);
    expect(JSON.parse(readFileSync(join(dir, 'smei.config.json'), 'utf8'))).toEqual({ framework: 'fw.json' });
  });
});

describe('a config file writes only inside its own folder', () => {
  it.each([['../victim/.bashrc'], ['/tmp/smei-victim.txt'], ['escape/x.csv']])('refuses "out": %s', async (out) => {
    const root = tempDir();
    const dir = join(root, 'data');
    mkdirSync(dir);
    mkdirSync(join(root, 'victim'));
    symlinkSync(join(root, 'victim'), join(dir, 'escape'));
    writeFileSync(join(dir, 'data.csv'), CSV);
    writeFileSync(join(dir, 'fw.json'), FW);
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ framework: 'fw.json', out }));
    const r = await run(['compute', 'data.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is outside the folder of smei.config.json');
    expect(r.stderr).toContain('on the command line');
    expect(readdirSync(join(root, 'victim'))).toEqual([]);
    // the same path given on the command line is the user's choice
    const typed = await run(['compute', 'data.csv', '--out', join(root, 'victim', 'ok.csv')], { cwd: dir });
    expect(typed.code, typed.stderr).toBe(0);
    expect(readdirSync(join(root, 'victim'))).toEqual(['ok.csv']);
  });

  it('--config elsewhere: "out", "previous" and "charts" resolve against its folder', async () => {
    const dir = setup();
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'ci', 'prev.csv'), CSV);
    writeFileSync(join(dir, 'ci', 'cfg.json'), JSON.stringify({ framework: '../fw.json', review: { previous: 'prev.csv', out: 'review.md', format: 'md' } }));
    const r = await run(['review', 'data.csv', '--config', 'ci/cfg.json'], { cwd: dir });
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(existsSync(join(dir, 'ci', 'review.md'))).toBe(true);
    writeFileSync(join(dir, 'ci', 'cfg.json'), JSON.stringify({ framework: '../fw.json', report: { charts: '../../elsewhere' } }));
    const charts = await run(['report', 'data.csv', '--config', 'ci/cfg.json'], { cwd: dir });
    expect(charts.code).toBe(2);
    expect(charts.stderr).toMatch(/"charts".*在 ci\/cfg\.json 所在的文件夹.*之外.*（--charts）/);
  });

  it('a value of the wrong type is refused, naming the key', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ framework: 'fw.json', decimals: {} }));
    const r = await run(['compute', 'data.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('smei.config.json: "decimals" must be a value');
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ framework: 'fw.json', compute: { decimals: {} } }));
    const inSection = await run(['compute', 'data.csv'], { cwd: dir });
    expect(inSection.code).toBe(2);
    expect(inSection.stderr).toContain('"compute.decimals" 必须是一个值（数字、字符串、true 或 false，或列表），不能是对象（{}）。smei compute --help 会说明它接受什么。');
  });
});

describe('what --out writes into', () => {
  it('a FIFO is written into, not replaced', async () => {
    const dir = setup();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const reader = new Promise<string>((done) => {
      const cat = spawn('cat', [join(dir, 'pipe')]);
      let text = '';
      cat.stdout.on('data', (d: Buffer) => (text += d.toString()));
      cat.on('close', () => done(text));
    });
    const r = await compute(dir, 'pipe');
    expect(r.code, r.stderr).toBe(0);
    expect(await reader).toMatch(/^unit,year,/);
    expect(statSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it('/dev/null stays a device', async () => {
    const dir = setup();
    symlinkSync('/dev/null', join(dir, 'null'));
    const r = await compute(dir, 'null');
    expect(r.code, r.stderr).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('/dev/stdout (a link to /proc/self/fd/1, a link to a pipe) is written into', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'smei.js'), 'compute', fixture('hand-worked.csv'), '--framework', fixture('hand-worked-framework.json'), '--format', 'csv', '--out', '/dev/stdout']).toString();
    expect(out).toMatch(/^unit,year,/);
    expect(out).toContain('X,2015,');
  });

  it('a symbolic link keeps pointing at its target, which is replaced whole', async () => {
    const dir = setup();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'index.csv'), 'old\n');
    symlinkSync('real/index.csv', join(dir, 'index.csv'));
    const r = await compute(dir, 'index.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(dir, 'index.csv'), { throwIfNoEntry: true }).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'index.csv'), 'utf8')).toMatch(/^unit,year,/);
    expect(readdirSync(join(dir, 'real'))).toEqual(['index.csv']);
    expect(execFileSync('readlink', [join(dir, 'index.csv')]).toString().trim()).toBe('real/index.csv');
  });

  it('a replaced file keeps its mode', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'secret.csv'), 'old\n');
    chmodSync(join(dir, 'secret.csv'), 0o600);
    const r = await compute(dir, 'secret.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(join(dir, 'secret.csv')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secret.csv'), 'utf8')).toMatch(/^unit,year,/);
  });
});

describe('Ctrl-C during --out', () => {
  it.each([['SIGINT'], ['SIGTERM']] as const)('%s leaves the old file and no temporary file', async (signal) => {
    const dir = tempDir();
    // a wide file of 20,000 units: its CSV output is tens of MB, written in many pieces
    const rows = ['unit,year,a1,a2,b1'];
    for (let i = 0; i < 20_000; i++) rows.push(`U${i},2014,${i + 1},${i + 2},${i + 3}`, `U${i},2015,${i + 3},${i + 1},${i + 4}`);
    writeFileSync(join(dir, 'big.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'fw.json'), FW);
    writeFileSync(join(dir, 'out.json'), 'old\n');
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'smei.js'), 'compute', 'big.csv', '--framework', 'fw.json', '--format', 'json', '--out', 'out.json'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((done) => child.on('exit', (code, sig) => done(sig === null ? code : -1)));
    // wait for the temporary file, then interrupt
    const deadline = Date.now() + 20_000;
    while (!readdirSync(dir).some((f) => f.endsWith('.tmp')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(-1);
    expect(readdirSync(dir).sort()).toEqual(['big.csv', 'fw.json', 'out.json']);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('old\n');
  }, 30_000);
});

describe('every write is awaited', () => {
  it('no call of writeOutput in src is left floating (its errors and signals would be lost)', () => {
    const files = execFileSync('grep', ['-rn', 'writeOutput(', join(ROOT, 'src')]).toString().trim().split('\n');
    const floating = files.filter((l) => !/await writeOutput\(|function writeOutput\(|return writeOutput\(/.test(l));
    expect(floating).toEqual([]);
    expect(files.length).toBeGreaterThan(5);
  });
});
