// Hostile unit names: terminals get no raw control characters, CSV cells are
// formula-safe, Markdown stays well-formed; plus line numbers deep in a file
// and the progress line.
import { describe, expect, it } from 'vitest';
import { run, tempFile } from '../helpers.js';

const NAMES = ['A|B', '`tick`', '<script>alert(1)</script>', '=HYPERLINK("http://evil.example","x")', '+SUM(A1)', '@cmd', '-2+3', 'R\u202Eevil', 'bell\u0007', 'esc\u001b[31mred', 'two\nlines'];

/** A wide file with the hostile names as units. */
function hostileCsv(): string {
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const rows = ['unit,year,firms'];
  NAMES.forEach((n, i) => rows.push(`${q(n)},2014,${10 + i}`, `${q(n)},2015,${11 + i * 3}`, `${q(n)},2016,${12 + ((i * 7) % 11)}`));
  return `${rows.join('\n')}\n`;
}

// C0 controls other than newline, DEL, C1 controls and bidi overrides
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('hostile strings', () => {
  const path = tempFile('hostile.csv', hostileCsv());

  it('the terminal table has no raw control or bidi characters', async () => {
    for (const args of [['compute', path], ['diff', path, '--from', '2015', '--to', '2016']]) {
      const r = await run(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stdout).toContain('R\\u202eevil');
      expect(r.stdout).toContain('two\\nlines');
    }
  });

  it('colour codes come only from smei, never from the data', async () => {
    const r = await run(['compute', path], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\x1b[1m');
    expect(r.stdout).not.toContain('\x1b[31mred');
  });

  it('CSV cells are formula-safe', async () => {
    for (const args of [['compute', path, '--format', 'csv'], ['diff', path, '--from', '2015', '--to', '2016', '--format', 'csv']]) {
      const r = await run(args);
      const firstCells = r.stdout.split('\r\n').slice(1).filter((l) => l !== '').map((l) => l.match(/^("(?:[^"]|"")*"|[^,]*)/)![1]!);
      for (const cell of firstCells) {
        const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(text).not.toMatch(/^[=+\-@\t\r]/);
      }
      expect(r.stdout).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      expect(r.stdout).toContain(`"'-2+3"`);
    }
  });

  it('Markdown tables keep their shape', async () => {
    for (const args of [['compute', path, '--format', 'md'], ['diff', path, '--from', '2015', '--to', '2016', '--format', 'md']]) {
      const r = await run(args);
      const table = r.stdout.split('\n').filter((l) => l.startsWith('| '));
      const pipes = table.map((l) => l.split(/(?<!\\)\|/).length);
      expect(new Set(pipes).size).toBe(1);
      expect(r.stdout).not.toContain('<script>');
    }
  });
});

describe('line numbers far into a file', () => {
  it('name the right lines after many chunks', async () => {
    const rows = ['unit,year,firms'];
    for (let i = 0; i < 120_000; i++) rows.push(`U${i},2014,${i + 1}`);
    rows.push('U7,2014,9');
    const r = await run(['compute', tempFile('big.csv', `${rows.join('\n')}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(':120002："U7"2014年的"小微企业总数"出现两次且数值不同：第9行与第120002行。');
  });
});

describe('progress line', () => {
  /** A slow stdin: ten chunks over about 1.5 s. */
  async function* slow(): AsyncGenerator<Uint8Array> {
    yield Buffer.from('unit,year,firms\n');
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 150));
      yield Buffer.from(`U${i},2014,${i + 1}\nU${i},2015,${i + 2}\n`);
    }
  }

  it('shows on a TTY after a second, and never with --quiet or when piped', async () => {
    const { main } = await import('../../src/cli/main.js');
    for (const [tty, quiet, expected] of [[true, false, true], [true, true, false], [false, false, false]] as const) {
      let stderr = '';
      const code = await main(['compute', '-', ...(quiet ? ['--quiet'] : [])], {
        stdout: () => undefined, stderr: (t) => { stderr += t; }, stdin: slow(), env: { NO_COLOR: '1' }, cwd: '/', stdoutIsTTY: false, stderrIsTTY: tty,
      });
      expect(code).toBe(0);
      expect(stderr.includes('\rreading <stdin>:')).toBe(expected);
      if (expected) expect(stderr).toContain('\r\x1b[K');
    }
  }, 20000);
});

describe('hostile framework labels', () => {
  const fw = tempFile('fw.json', JSON.stringify({
    name: 'evil|fw', baseYear: 2014,
    nodes: [
      { id: 'root', en: 'Root | <b>bold</b>', zh: '总`指数`' },
      { id: 'm', parent: 'root', en: '*Module*\u202e', zh: '模块\n换行' },
      { id: 'x', parent: 'm', en: '=cmd()', zh: '指标|x' },
    ],
  }));
  const data = tempFile('d.csv', 'unit,year,x\nA,2014,1\nA,2015,2\nB,2014,1\nB,2015,3\n');

  it('keep terminal, Markdown and report output well-formed', async () => {
    for (const lang of ['zh', 'en']) {
      const table = await run(['compute', data, '--framework', fw, '--lang', lang]);
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).not.toMatch(RAW_CONTROL);
      const md = await run(['compute', data, '--framework', fw, '--lang', lang, '--format', 'md']);
      const rows = md.stdout.split('\n').filter((l) => l.startsWith('| '));
      expect(new Set(rows.map((l) => l.split(/(?<!\\)\|/).length)).size).toBe(1);
      const report = await run(['report', data, '--framework', fw, '--lang', lang]);
      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).not.toContain('<b>');
      expect(report.stdout).not.toMatch(RAW_CONTROL);
      for (const block of report.stdout.split('\n\n').filter((b) => b.startsWith('| '))) {
        expect(new Set(block.split('\n').map((l) => l.split(/(?<!\\)\|/).length)).size).toBe(1);
      }
      // headings stay one line each
      expect(report.stdout.split('\n').filter((l) => l.startsWith('#')).every((l) => /^#{1,3} \S/.test(l))).toBe(true);
    }
  });
});
