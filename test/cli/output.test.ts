// Atomic output: a write that fails half-way leaves the old file untouched and no temporary file behind.
import * as fs from 'node:fs';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput, type WriteFs } from '../../src/cli/output.js';
import { isSmeiError } from '../../src/errors.js';
import { fixture, run, tempDir } from '../helpers.js';

const io = { cwd: '/', stdout: () => undefined } as never;

/** Real file operations, except that `fail` replaces one of them. */
function failing(fail: Partial<WriteFs>): WriteFs {
  return { openSync: fs.openSync, writeSync: fs.writeSync, fsyncSync: fs.fsyncSync, closeSync: fs.closeSync, renameSync: fs.renameSync, unlinkSync: fs.unlinkSync, fchmodSync: fs.fchmodSync, ...fail };
}

/** Runs writeOutput expecting an output error. */
async function expectOutputError(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    expect(isSmeiError(e) && e.code === 'output').toBe(true);
    return;
  }
  throw new Error('no error');
}

describe('atomic --out', () => {
  it('a disk that fills half-way leaves the old file untouched and no temporary file', async () => {
    const dir = tempDir();
    const target = join(dir, 'report.md');
    writeFileSync(target, 'old report\n');
    let written = 0;
    const full = failing({
      writeSync: ((fd: number, buf: Uint8Array, offset: number, length: number) => {
        if (written > 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        written = fs.writeSync(fd, buf, offset, Math.ceil(length / 2));
        return written;
      }) as WriteFs['writeSync'],
    });
    await expectOutputError(() => writeOutput('x'.repeat(10000), target, io, [], full));
    expect(written).toBe(5000);
    expect(readFileSync(target, 'utf8')).toBe('old report\n');
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('output made piece by piece fails the same way: old file kept, no temporary file', async () => {
    const dir = tempDir();
    const target = join(dir, 'rows.csv');
    writeFileSync(target, 'old,rows\n');
    function* pieces(): Generator<string> {
      for (let i = 0; i < 50_000; i++) yield `row,${i}\r\n`;
      throw Object.assign(new Error('renderer failed'), { code: 'EIO' });
    }
    await expectOutputError(() => writeOutput(pieces(), target, io, []));
    expect(readFileSync(target, 'utf8')).toBe('old,rows\n');
    expect(readdirSync(dir)).toEqual(['rows.csv']);
  });

  it('pieces are written whole and in order', async () => {
    const dir = tempDir();
    const target = join(dir, 'rows.csv');
    function* pieces(): Generator<string> {
      for (let i = 0; i < 200_000; i++) yield `县${i},${i}\r\n`;
    }
    await writeOutput(pieces(), target, io, []);
    const lines = readFileSync(target, 'utf8').split('\r\n');
    expect(lines).toHaveLength(200_001);
    expect(lines[199_999]).toBe('县199999,199999');
  });

  it('a failing rename leaves the old file untouched and no temporary file', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.json');
    writeFileSync(target, '{"old":true}\n');
    const readOnly = failing({ renameSync: () => { throw Object.assign(new Error('read-only file system'), { code: 'EROFS' }); } });
    await expectOutputError(() => writeOutput('{"new":true}\n', target, io, [], readOnly));
    expect(readFileSync(target, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('bad data leaves an existing output file untouched', async () => {
    const dir = tempDir();
    const target = join(dir, 'index.json');
    writeFileSync(target, 'previous\n');
    const data = join(dir, 'bad.csv');
    writeFileSync(data, 'unit,year,firms\nA,2014,abc\n');
    const r = await run(['compute', data, '--format', 'json', '--out', target]);
    expect(r.code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir).sort()).toEqual(['bad.csv', 'index.json']);
  });

  it('a successful write replaces the file whole', async () => {
    const dir = tempDir();
    const target = join(dir, 'index.csv');
    writeFileSync(target, 'previous\n');
    const r = await run(['compute', fixture('zhejiang-cities-2018.csv'), '--format', 'csv', '--bom', '--out', target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const bytes = readFileSync(target);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('杭州市,2018,index,135.3,');
    expect(readdirSync(dir)).toEqual(['index.csv']);
  });
});
