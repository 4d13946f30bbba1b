// compute's office outputs: the workbook read back by SheetJS equals the JSON
// output number for number; the wide CSV is the on-screen table; --drivers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { zipNames, zipPart } from '../../src/input/xlsx.js';
import { roundHalfEven } from '../../src/render/number.js';
import { convertWithLibreOffice, fixture, golden, needViewers, run, tempDir } from '../helpers.js';

const DATA = fixture('zhejiang-synthetic.csv');
const ARGS = [DATA, '--aggregate-unit', '浙江省', '--ref-year', '2015'];

interface JsonRow { unit: string; period: string; node: string; value: number | null; yoyPct: number | null; rank: number | null }

async function json(extra: string[] = []): Promise<{ rows: JsonRow[] }> {
  const r = await run(['compute', ...ARGS, '--format', 'json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { rows: JsonRow[] };
}

describe('compute --out index.xlsx', () => {
  it('holds every node of every period, YoY and ranks, equal to the JSON output; formats, frozen headers, aggregates marked', async () => {
    const dir = tempDir();
    const out = join(dir, 'index.xlsx');
    const r = await run(['compute', ...ARGS, '--out', out, '--lang', 'en'], { env: { SOURCE_DATE_EPOCH: '1546300800' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const wb = XLSX.read(readFileSync(out));
    expect(wb.SheetNames).toEqual(['Table 2018', 'Index', 'YoY (%)', 'Ranks', 'Drivers', 'Warnings', 'Method']);
    const { rows } = await json();
    const byKey = new Map(rows.map((x) => [`${x.unit}|${x.period}|${x.node}`, x]));
    const ids = new Map<string, string>(); // English label -> node id, from the Method sheet's tree
    const method = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Method!, { header: 1 });
    for (const row of method) if (row.length >= 2 && typeof row[0] === 'string' && /^[a-z]/.test(row[0]) && typeof row[1] === 'string') ids.set(row[1], row[0]);
    let checked = 0;
    for (const [sheet, key] of [['Index', 'value'], ['YoY (%)', 'yoyPct'], ['Ranks', 'rank']] as const) {
      const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: null });
      const head = grid[0] as string[];
      for (const line of grid.slice(1)) {
        for (let c = 2; c < head.length; c++) {
          const want = byKey.get(`${line[0]}|${line[1]}|${ids.get(head[c]!)}`);
          expect(want, `${sheet} ${line[0]} ${line[1]} ${head[c]}`).toBeDefined();
          // the base year ranks no one in the workbook (every unit 100: all tied, not all 1st); JSON keeps rank 1
          const base = key === 'rank' && line[1] === '2014';
          if (base) expect([1, null]).toContain(want!.rank);
          expect(line[c], `${sheet} ${line[0]} ${line[1]} ${head[c]}`).toBe(base ? null : want![key]);
          checked++;
        }
      }
    }
    expect(checked).toBe(3 * rows.length);
    // the ranked table: unrounded values shown with two decimals; the aggregate first, not ranked, marked
    const table = wb.Sheets['Table 2018']!;
    // a title row first: what the table is, its period and base, across the columns
    expect(table.A1?.v).toBe('Zhejiang SME growth index · 2018 · base 2014 = 100');
    expect(table.A3?.v).toBeUndefined();
    expect(table.B3?.v).toBe('浙江省');
    expect(table.C3?.v).toBe(byKey.get('浙江省|2018|index')!.value);
    expect(table.C3?.w).toBe(roundHalfEven(table.C3!.v as number, 2).toFixed(2));
    expect(table.D3?.w).toBe('+6.49');
    expect(String(XLSX.utils.sheet_to_json<unknown[]>(table, { header: 1 })[2]!.at(-1))).toMatch(/aggregate/);
    expect(table.A4?.v).toBe(1);
    // frozen title and header rows, column widths that fit CJK text
    const ranked = zipPart(readFileSync(out), 'xl/worksheets/sheet1.xml')!;
    expect(ranked).toMatch(/<pane [^>]*ySplit="2"[^>]*state="frozen"/);
    expect(ranked).toMatch(/<mergeCell ref="A1:[A-Z]+1"\/>/);
    const xml = zipPart(readFileSync(out), 'xl/worksheets/sheet2.xml')!;
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toMatch(/<col [^>]*width=/);
  });

  it('the same data and SOURCE_DATE_EPOCH give the same bytes; the date is the document date', async () => {
    const dir = tempDir();
    for (const name of ['a.xlsx', 'b.xlsx']) expect((await run(['compute', ...ARGS, '--out', join(dir, name)], { env: { SOURCE_DATE_EPOCH: '1546300800' } })).code).toBe(0);
    const a = readFileSync(join(dir, 'a.xlsx'));
    expect(a.equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    expect(zipNames(a)).toContain('docProps/core.xml');
    expect(zipPart(a, 'docProps/core.xml')).toContain('2019-01-01');
    golden('compute-synthetic.xlsx.xml', zipNames(a).filter((n) => n.endsWith('.xml')).map((n) => `== ${n}\n${zipPart(a, n)!.replace(/></g, '>\n<')}\n`).join(''));
  });
});

describe('compute --layout wide', () => {
  it('is the on-screen table: Chinese headers, every unit, rounded once, missing cells empty, numbers not defused', async () => {
    const r = await run(['compute', ...ARGS, '--layout', 'wide', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    golden('compute-synthetic-wide.csv', r.stdout);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('排名,地区,小微企业成长指数,同比(%),较2015年(点),较2015年(%),综合贡献力,核心竞争力,成长活跃度,制度供给力');
    expect(lines).toHaveLength(13);
    expect(lines[1]!.startsWith(',浙江省,127.37,6.49,')).toBe(true);
    const { rows } = await json(['--year', '2018']);
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const row = rows.find((x) => x.unit === cells[1] && x.node === 'index')!;
      expect(cells[0]).toBe(row.rank === null ? '' : String(row.rank));
      expect(cells[2]).toBe(roundHalfEven(row.value!, 2).toFixed(2));
    }
  });
});

describe('compute --drivers', () => {
  it('lists every unit with a prior year; the parts add up to the change, in every format', async () => {
    const r = await run(['compute', ...ARGS, '--drivers', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { period: string; rows: Record<string, number>[] };
    expect(doc.period).toBe('2018');
    expect(doc.rows).toHaveLength(12);
    for (const row of doc.rows) {
      const parts = Object.entries(row).filter(([k]) => k.endsWith('.points')).reduce((s, [, v]) => s + v, 0);
      expect(parts + row.reweighting!).toBeCloseTo(row.change!, 9);
      expect(row.change).toBeCloseTo(row.to! - row.from!, 12);
    }
    const zj = doc.rows.find((x) => (x as unknown as { unit: string }).unit === '浙江省')!;
    expect(roundHalfEven(zj.change!, 2)).toBe(7.77);
    const md = await run(['compute', ...ARGS, '--drivers', '--format', 'md']);
    expect(md.stdout).toContain('| 浙江省 | 119.61 | 127.37 | +7.77 | +6.49 |');
    const csv = await run(['compute', ...ARGS, '--drivers', '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^unit,from,to,change,yoyPct,contribution\.points,/);
    const early = await run(['compute', ...ARGS, '--drivers', '--year', '2014']);
    expect(early.stdout).toContain('没有可分解的变化');
  });
});

describe('--out picks the format in every command that writes one', () => {
  it('audit, diff, review and framework follow the extension; a wrong one is refused', async () => {
    const dir = tempDir();
    const cases: [string[], string, RegExp][] = [
      [['audit', DATA, '--out'], 'a.csv', /^[^{│┌]/],
      [['audit', DATA, '--out'], 'a.json', /^\{/],
      [['diff', DATA, '--out'], 'd.md', /^\*\*|^\|/m],
      [['review', DATA, '--out'], 'r.json', /^\{/],
      [['framework', '--out'], 'f.csv', /^id,/],
    ];
    for (const [args, name, shape] of cases) {
      const r = await run([...args, join(dir, name), '-q'].filter((a) => a !== '-q' || args[0] !== 'framework'));
      expect(r.code, `${args[0]} ${name}: ${r.stderr}`).toBe(0);
      expect(readFileSync(join(dir, name), 'utf8'), `${args[0]} ${name}`).toMatch(shape);
    }
    const bad = await run(['audit', DATA, '--out', join(dir, 'a.xlsx'), '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the extension .xlsx is not one this command writes; use .json, .csv, .md, .markdown, .txt');
  });
});

describe('the workbook in another reader', () => {
  it('LibreOffice shows the ranked table as the wide CSV rounds it (skipped without LibreOffice)', async (ctx) => {
    const soffice = needViewers(ctx, 'calc')?.calc;
    if (soffice === undefined) return;
    const dir = tempDir();
    const book = join(dir, 'index.xlsx');
    expect((await run(['compute', ...ARGS, '--out', book])).code).toBe(0);
    // "save cell contents as shown": the display formats applied, as a reader sees them
    convertWithLibreOffice(soffice, book, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', dir);
    // (after the title row)
    const shown = readFileSync(join(dir, 'index.csv'), 'utf8').trimEnd().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const wide = (await run(['compute', ...ARGS, '--layout', 'wide', '--format', 'csv'])).stdout.trimEnd().split('\r\n').map((l) => l.split(','));
    expect(shown).toHaveLength(wide.length);
    shown.forEach((row, i) => expect(row.slice(0, wide[i]!.length).map((c) => c.replace(/^\+/, ''))).toEqual(wide[i]));
    expect(shown[1]!.at(-1)).toBe('汇总单位，不参与排名');
  }, 180_000);
});
