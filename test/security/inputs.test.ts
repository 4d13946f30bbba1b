// Inputs from anyone: names that are Object.prototype's, frameworks thousands
// of levels deep, devices and pipes, lines without end, control characters
// on their way into SVG and Word. Each ends quickly, with a message or a result.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZipArchive } from '../../src/zip.js';
import { fixture, rowsByKey, run, tempDir } from '../helpers.js';

const FW = fixture('hand-worked-framework.json');
const DATA = fixture('hand-worked.csv');

/** Runs and times smei. */
async function timed(args: string[], opts: Parameters<typeof run>[1] = {}): Promise<Awaited<ReturnType<typeof run>> & { seconds: number }> {
  const t0 = performance.now();
  const r = await run(args, opts);
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}

describe('names that are Object.prototype keys', () => {
  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])('--framework %s is a missing file, not a built-in', async (name) => {
    const r = await run(['compute', DATA, '--framework', name, '--lang', 'en'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`smei: ${name}: cannot read the framework file (no such file). Give a JSON framework file, or a built-in name: zhejiang.\n`);
    const zh = await run(['compute', DATA, '--framework', name], { cwd: tempDir() });
    expect(zh.stderr).toBe(`smei: ${name}：无法读取框架文件（没有这个文件）。请给出 JSON 框架文件，或内置框架名：zhejiang。\n`);
  });

  it.each([['--normalise', 'toString', 'no such normalisation'], ['--weights', 'constructor', 'no such weighting'], ['--aggregation', '__proto__', 'no such aggregation']])('%s %s is refused', async (option, name, why) => {
    const r = await run(['compute', DATA, '--framework', FW, option, name, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(why);
  });

  it('a framework whose ids are toString, __proto__ and constructor works', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fw.json'), JSON.stringify({ name: 'proto', baseYear: 2014, nodes: [{ id: 'constructor' }, { id: '__proto__', parent: 'constructor' }, { id: 'toString', parent: 'constructor' }] }));
    writeFileSync(join(dir, 'd.csv'), 'unit,year,__proto__,toString\nA,2014,1,2\nA,2015,2,3\n');
    const r = await run(['compute', join(dir, 'd.csv'), '--framework', join(dir, 'fw.json'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(rowsByKey(r.stdout).get('A|2015|__proto__')?.value).toBe(200);
    expect(rowsByKey(r.stdout).get('A|2015|toString')?.value).toBe(150);
  });
});

describe('a framework deeper than any index', () => {
  it('5,001 levels end at once with a message, not a stack overflow', async () => {
    const dir = tempDir();
    const nodes = [{ id: 'n0' }, ...Array.from({ length: 5000 }, (_, i) => ({ id: `n${i + 1}`, parent: `n${i}` }))];
    writeFileSync(join(dir, 'deep.json'), JSON.stringify({ name: 'deep', baseYear: 2014, nodes }));
    writeFileSync(join(dir, 'd.csv'), 'unit,year,n5000\nA,2014,1\nA,2015,2\n');
    const r = await timed(['compute', join(dir, 'd.csv'), '--framework', join(dir, 'deep.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('节点"n101"在根节点以下第 101 层；smei 最多读取 100 层');
    expect(r.seconds).toBeLessThan(3);
  });

  it('100 levels work', async () => {
    const dir = tempDir();
    const nodes = [{ id: 'n0' }, ...Array.from({ length: 100 }, (_, i) => ({ id: `n${i + 1}`, parent: `n${i}` }))];
    writeFileSync(join(dir, 'deep.json'), JSON.stringify({ name: 'deep', baseYear: 2014, nodes }));
    writeFileSync(join(dir, 'd.csv'), 'unit,year,n100\nA,2014,4\nA,2015,5\n');
    const r = await run(['compute', join(dir, 'd.csv'), '--framework', join(dir, 'deep.json'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(rowsByKey(r.stdout).get('A|2015|n0')?.value).toBe(125);
  });
});

describe('devices, pipes and lines without end', () => {
  it('/dev/zero is refused from its first bytes', async () => {
    const r = await timed(['compute', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('smei: /dev/zero：不是文本文件（偏移 0 处有 NUL 字节）。');
    expect(r.seconds).toBeLessThan(3);
  }, 10_000);

  it('/dev/zero read as UTF-8 stops at the line cap, naming line 1', async () => {
    const r = await timed(['compute', '/dev/zero', '--encoding', 'utf-8', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('smei: /dev/zero:1: this line runs past 16 MiB without ending');
    expect(r.seconds).toBeLessThan(8);
  }, 20_000);

  it('a FIFO is read as a stream', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const writer = import('node:fs').then((fs) => fs.promises.writeFile(fifo, readFileSync(DATA)));
    const r = await run(['compute', fifo, '--framework', FW, '--format', 'json']);
    await writer;
    expect(r.code, r.stderr).toBe(0);
    expect(rowsByKey(r.stdout).get('Q|2015|a1')?.value).toBe(120);
  });

  it('a line of 40 MB ends at the cap with its line number', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'long.csv'), `unit,year,a1,a2,b1\nX,2014,1,2,3\nX,2015,${'9'.repeat(40 << 20)}\n`);
    const r = await timed(['compute', join(dir, 'long.csv'), '--framework', FW]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('long.csv:3：这一行超过 16 MiB 仍未结束（smei 读取的行和字段最长 16 MiB）');
    expect(r.seconds).toBeLessThan(10);
  }, 30_000);

  it('a quote never closed over 3 million lines ends at the cap, naming where it opened', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'quote.csv'), `unit,year,a1,a2,b1\nX,2014,1,2,3\n"X,2015,1,2,3\n${'Q,2016,1,2,3\n'.repeat(3_000_000)}`);
    const r = await timed(['compute', join(dir, 'quote.csv'), '--framework', FW, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('quote.csv:3: this line runs past 16 MiB without ending (smei reads lines and fields up to 16 MiB): the file is not a CSV, or a quote opened here is never closed');
    expect(r.seconds).toBeLessThan(10);
  }, 30_000);
});

describe('control characters in unit names', () => {
  const NAMES = ['bell\u0007x', 'esc\u001b[31m', 'nul\u0001\u0002', 'tab\tin', 'bom\ufffe'];

  /** A CSV of the hand-worked numbers under hostile names. */
  function hostile(): string {
    const dir = tempDir();
    const rows = ['unit,year,a1,a2,b1'];
    NAMES.forEach((n, k) => rows.push(`"${n}",2014,${10 + k},${5 + k},${1 + k}`, `"${n}",2015,${12 + k},${6 + k},${2 + k}`));
    writeFileSync(join(dir, 'c.csv'), `${rows.join('\n')}\n`);
    return dir;
  }

  /** Whether a text parses as XML 1.0 (by Python's expat, an independent parser). */
  function wellFormed(xml: string): boolean {
    try {
      execFileSync('/usr/bin/python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'], { input: xml, stdio: ['pipe', 'ignore', 'ignore'] });
      return true;
    } catch {
      return false;
    }
  }

  it('chart SVGs are well-formed XML and show the names without the controls', async () => {
    const dir = hostile();
    const r = await run(['report', 'c.csv', '--framework', FW, '--charts', 'charts', '--out', 'r.md', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    for (const n of [1, 2, 3]) {
      const svg = readFileSync(join(dir, 'charts', `chart-${n}.svg`), 'utf8');
      expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe]/);
      expect(wellFormed(svg), `chart-${n}.svg`).toBe(true);
    }
    expect(readFileSync(join(dir, 'charts', 'chart-1.svg'), 'utf8')).toContain('bellx');
  });

  it('the Word report is made, its document XML well-formed', async () => {
    const dir = hostile();
    const r = await run(['report', 'c.csv', '--framework', FW, '--out', 'r.docx', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = new ZipArchive(readFileSync(join(dir, 'r.docx'))).text('word/document.xml')!;
    expect(doc).toContain('bellx');
    expect(wellFormed(doc)).toBe(true);
  }, 30_000);
});

describe('a framework far larger than its data', () => {
  it('100,000 nodes with 4 data rows compute in seconds; the warning names 20 nodes and counts the rest', async () => {
    const dir = tempDir();
    const nodes: { id: string; parent?: string }[] = [{ id: 'root' }];
    for (let m = 0; m < 100; m++) {
      nodes.push({ id: `m${m}`, parent: 'root' });
      for (let i = 0; i < 999; i++) nodes.push({ id: `i${m}_${i}`, parent: `m${m}` });
    }
    writeFileSync(join(dir, 'fw.json'), JSON.stringify({ name: 'big', baseYear: 2014, nodes }));
    writeFileSync(join(dir, 'd.csv'), 'unit,year,i0_0,i0_1\nA,2014,1,2\nA,2015,2,3\nB,2014,1,2\nB,2015,3,4\n');
    const r = await timed(['compute', join(dir, 'd.csv'), '--framework', join(dir, 'fw.json'), '--no-review', '--lang', 'en', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(rowsByKey(r.stdout).get('B|2015|i0_0')?.value).toBe(300);
    expect(r.seconds).toBeLessThan(20);
    const table = await run(['compute', join(dir, 'd.csv'), '--framework', join(dir, 'fw.json'), '--no-review', '--lang', 'en']);
    expect(table.stderr).toContain('i0_20, i0_21 and 1076 more: not in the data');
  }, 60_000);
});
