// A county collection round replayed as an office runs it (issue 21): one
// `smei template --units FILE --out DIR/` call, the forms filled by a script
// (openpyxl through /usr/bin/python3 where it is installed, else SheetJS),
// then review, compute and the archive of the round (`smei data`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers.js';

/** A city's framework: three modules; 高新技术企业占比 alone in 创新. */
const FW = {
  name: 'county-round', zh: '县域小微企业成长指数', baseYear: 2024, aggregation: 'arithmetic',
  nodes: [
    { id: 'index', zh: '县域小微企业成长指数' },
    { id: 'scale', parent: 'index', zh: '规模' },
    { id: 'firms', parent: 'scale', zh: '小微企业数', unit: '家' },
    { id: 'revenue', parent: 'scale', zh: '营业收入', unit: '亿元' },
    { id: 'innovation', parent: 'index', zh: '创新' },
    { id: 'hightech', parent: 'innovation', zh: '高新技术企业占比', unit: '%' },
    { id: 'vitality', parent: 'index', zh: '活力' },
    { id: 'new_firms', parent: 'vitality', zh: '新增企业数', unit: '家' },
    { id: 'survival', parent: 'vitality', zh: '三年存活率', unit: '%' },
  ],
};
const COUNTIES = ['章贡区', '南康区', '赣县区', '信丰县', '大余县', '上犹县', '崇义县', '安远县', '龙南市', '定南县'];
const LABELS: Record<string, string> = { firms: '小微企业数', revenue: '营业收入', hightech: '高新技术企业占比', new_firms: '新增企业数', survival: '三年存活率' };

/** The values a county reports for a year: plausible, every county a little different, growing 4-7% a year. */
function county(i: number, year: number): Record<string, number> {
  const g = (1.04 + 0.005 * ((i * 3) % 7)) ** (year - 2024) * (1 + (i % 3) * 0.004);
  return { firms: Math.round((3000 + 900 * i) * g), revenue: Math.round((15 + 4.5 * i) * g * 100) / 100, hightech: Math.round((8 + 1.2 * i) * g * 10) / 10, new_firms: Math.round((300 + 90 * i) * g), survival: Math.round((62 + 1.5 * i) * 10) / 10 + (year - 2024) * 0.5 };
}

/** 全市: the counts and sums of its counties, no shares (a totals row as offices send it). */
function city(year: number): Record<string, number | null> {
  const cs = COUNTIES.map((_, i) => county(i, year));
  const sum = (k: string): number => Math.round(cs.reduce((a, c) => a + c[k]!, 0) * 100) / 100;
  return { firms: sum('firms'), revenue: sum('revenue'), hightech: null, new_firms: sum('new_firms'), survival: null };
}

const hasOpenpyxl = ((): boolean => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Python that fills one-unit forms: finds each indicator's column by its header label, writes the unit's row (row 5). */
const FILL_PY = `
import json, re, sys, openpyxl
for job in json.load(open(sys.argv[1], encoding='utf-8')):
    wb = openpyxl.load_workbook(job['path'])
    ws = wb.worksheets[0]
    cols = {re.sub(r'（.*?）$', '', str(c.value or '')): c.column for c in ws[4]}
    for label, v in job['values'].items():
        if v is not None:
            ws.cell(row=5, column=cols[label], value=v)
    wb.save(job['path'])
`;

/** Fills one-unit forms (layout units) in place: openpyxl where it is installed, else SheetJS. */
function fillForms(jobs: { path: string; values: Record<string, number | string | null> }[], dir: string): void {
  if (hasOpenpyxl) {
    writeFileSync(join(dir, 'fill.py'), FILL_PY);
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    execFileSync('/usr/bin/python3', [join(dir, 'fill.py'), join(dir, 'jobs.json')]);
    return;
  }
  for (const job of jobs) {
    const wb = XLSX.read(readFileSync(job.path), { type: 'buffer' });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    const head = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[3]!.map((h) => String(h).replace(/（.*?）$/, ''));
    for (const [label, v] of Object.entries(job.values)) if (v !== null) ws[XLSX.utils.encode_cell({ r: 4, c: head.indexOf(label) })] = typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
    writeFileSync(job.path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  }
}

/** A round: forms for the counties and 全市 in one call (a row per unit, as fillForms fills them), filled with `values`; returns the folder of forms. */
async function round(dir: string, period: string, values: (unit: string) => Record<string, number | null>, extra: string[] = []): Promise<string> {
  const forms = join(dir, `forms-${period}`);
  const r = await run(['template', '--units', 'units.txt', '--period', period, '--framework', 'fw.json', '--out', `${forms}/`, '--layout', 'units', ...extra], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  expect(readdirSync(forms).sort()).toEqual([...COUNTIES, '全市'].map((u) => `${u}.xlsx`).sort());
  fillForms([...COUNTIES, '全市'].map((u) => ({ path: join(forms, `${u}.xlsx`), values: Object.fromEntries(Object.entries(values(u)).map(([k, v]) => [LABELS[k]!, v])) })), dir);
  return forms;
}

/** A folder with the framework and the list of units. */
function setup(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'fw.json'), JSON.stringify(FW));
  writeFileSync(join(dir, 'units.txt'), `${[...COUNTIES, '全市'].join('\n')}\n`);
  return dir;
}

type ReviewDoc = { summary: { errors: number; warnings: number; notes: number }; findings: { unit: string; period: string; node: string; rule: string; level: string; value: number | null; source: string | null; message: string }[] };

describe('a county round', () => {
  it('first round: 全市 without shares is a note, not an error; 万元 for 亿元 and a fraction for a percentage are scale errors naming the slip and the cell', async () => {
    const dir = setup();
    const forms = await round(dir, '2024', (u) => {
      if (u === '全市') return city(2024);
      const i = COUNTIES.indexOf(u);
      const v = county(i, 2024);
      if (u === '赣县区') v.revenue = Math.round(v.revenue! * 10000); // typed in 万元
      if (u === '大余县') v.hightech = v.hightech! / 100; // 0.132 for 13.2%
      return v;
    });
    const r = await run(['review', forms, '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as ReviewDoc;
    // the files are read in name order, so the units come in that order
    expect(doc.findings.map((f) => `${f.unit} ${f.node || '*'} ${f.rule} ${f.level}`).sort()).toEqual([
      '全市 * missing note',
      '大余县 hightech scale error',
      '赣县区 revenue scale error',
    ]);
    const find = (unit: string): ReviewDoc['findings'][number] => doc.findings.find((f) => f.unit === unit)!;
    const [revenue, share, note] = [find('赣县区'), find('大余县'), find('全市')];
    const cell = (u: string, col: string): string => `${join(forms, `${u}.xlsx`)}, sheet 填报表, ${col}5`;
    // the median of the nine other counties: 15 + 4.5 × i for i = 0, 1, 3..9 (i = 2 is 赣县区), sorted, the fifth
    expect(revenue!.source).toBe(cell('赣县区', 'D'));
    expect(revenue!.message).toBe(`营业收入为${county(2, 2024).revenue! * 10000}亿元（${cell('赣县区', 'D')}），其他9个地区的中位数为${county(5, 2024).revenue}亿元，是中位数的${Math.round(county(2, 2024).revenue! * 10000 / county(5, 2024).revenue!).toLocaleString('en-US')}倍：可能按万元而不是亿元填报（万与亿之差），请核对。`);
    const h = county(4, 2024).hightech!;
    expect(share!.message).toContain(`仅为中位数的1/`);
    expect(share!.message).toContain(`可能把百分数填成了小数（${h / 100}应为${h}）`);
    expect(note!.message).toBe('汇总单位没有高新技术企业占比、三年存活率，不算缺报；其综合指数仅由5个指标中的3个计算。');
    expect(doc.summary).toEqual({ errors: 2, warnings: 0, notes: 1 });

    // compute refuses, in Chinese, naming the command that lists the same findings
    const c = await run(['compute', forms, '--framework', 'fw.json'], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^smei: 数据有2处未通过审核（错误级），未计算指数：大余县2024年，高新技术企业占比为/);
    expect(c.stderr).toContain(`请运行 smei review ${forms} --framework fw.json 查看全部问题`);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);

    // corrected: no error; 全市 is computed from 2 of 3 modules, never ranked
    fillForms([{ path: join(forms, '赣县区.xlsx'), values: { 营业收入: county(2, 2024).revenue! } }, { path: join(forms, '大余县.xlsx'), values: { 高新技术企业占比: county(4, 2024).hightech! } }], dir);
    const ok = await run(['compute', forms, '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    const rows = (JSON.parse(ok.stdout) as { rows: { unit: string; node: string; value: number | null; rank: number | null }[] }).rows;
    expect(rows.find((x) => x.unit === '全市' && x.node === 'index')).toMatchObject({ value: 100, rank: null });
    expect(rows.find((x) => x.unit === '全市' && x.node === 'innovation')!.value).toBeNull();
    expect(rows.filter((x) => x.node === 'index' && x.rank !== null)).toHaveLength(10);

    // the archive of the round reads back to the same numbers, long and wide, CSV and workbook
    const before = await run(['compute', forms, '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    for (const [layout, out] of [['long', 'round.csv'], ['wide', 'round-wide.csv'], ['long', 'round.xlsx'], ['wide', 'round-wide.xlsx']] as const) {
      const d = await run(['data', forms, '--framework', 'fw.json', '--layout', layout, '--sources', '--out', out], { cwd: dir });
      expect(d.code, d.stderr).toBe(0);
      const after = await run(['compute', out, '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
      expect(after.code, `${out}: ${after.stderr}`).toBe(0);
      const strip = (s: string): unknown => (JSON.parse(s) as { rows: unknown }).rows;
      expect(strip(after.stdout), out).toEqual(strip(before.stdout));
    }
    const long = readFileSync(join(dir, 'round.csv'), 'utf8').split('\r\n');
    expect(long[0]).toBe('地区,时期,指标,数值,来源');
    expect(long).toContain(`章贡区,2024,revenue,${county(0, 2024).revenue},"${cell('章贡区', 'D')}"`);
  });

  it('second round against the first: a missing zero is a scale error, a +60% change a yoy-jump warning; totals rows stay out of the outlier pool', async () => {
    const dir = setup();
    const first = await round(dir, '2024', (u) => (u === '全市' ? city(2024) : county(COUNTIES.indexOf(u), 2024)));
    expect((await run(['data', first, '--framework', 'fw.json', '--out', 'round-2024.csv'], { cwd: dir })).code).toBe(0);
    const second = await round(dir, '2025', (u) => {
      if (u === '全市') return { ...city(2025), firms: city(2025).firms! * 1.3 }; // a totals row's wild change: not an outlier among the counties
      const v = county(COUNTIES.indexOf(u), 2025);
      if (u === '信丰县') v.revenue = v.revenue! * 10; // an extra zero
      if (u === '上犹县') v.new_firms = Math.round(county(5, 2024).new_firms! * 1.6); // +60%: possible, a warning
      return v;
    }, ['--previous', 'round-2024.csv']);
    const r = await run(['review', second, '--framework', 'fw.json', '--previous', 'round-2024.csv', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as ReviewDoc;
    const shown = doc.findings.filter((f) => f.level !== 'note').map((f) => `${f.unit} ${f.node} ${f.rule} ${f.level}`).sort();
    // one finding per cause: 上犹县's +60% is a yoy-jump, not an outlier as well
    expect(shown).toEqual(['上犹县 new_firms yoy-jump warning', '信丰县 revenue scale error']);
    expect(doc.findings.find((f) => f.rule === 'scale')!.message).toBe(`营业收入为${county(3, 2025).revenue! * 10}亿元（${join(second, '信丰县.xlsx')}, sheet 填报表, F5），上年为${county(3, 2024).revenue}亿元，是上年的${Math.round((county(3, 2025).revenue! * 10 / county(3, 2024).revenue!) * 10) / 10}倍：可能多写了一个0或小数点错位，请核对。`);
    // the outlier's median is the counties' (全市's +30% left out of the pool); with yoy-jump off, 上犹县's +60% is the outlier
    const unjumped = await run(['review', second, '--framework', 'fw.json', '--previous', 'round-2024.csv', '--format', 'json', '--level', 'yoy-jump=off'], { cwd: dir });
    const outlier = JSON.parse(unjumped.stdout).findings.find((f: { rule: string }) => f.rule === 'outlier') as { detail: { median: number } };
    const pcts = COUNTIES.filter((u) => u !== '上犹县').map((u) => (county(COUNTIES.indexOf(u), 2025).new_firms! / county(COUNTIES.indexOf(u), 2024).new_firms! - 1) * 100);
    pcts.push((Math.round(county(5, 2024).new_firms! * 1.6) / county(5, 2024).new_firms! - 1) * 100);
    pcts.sort((a, b) => a - b);
    expect(outlier.detail.median).toBeCloseTo((pcts[4]! + pcts[5]!) / 2, 9);
  });

  it('forms for half-years, quarters, months and cumulative spans read back as those periods', async () => {
    const dir = setup();
    for (const [period, shown] of [['2025H1', '2025H1'], ['2025Q3', '2025Q3'], ['2025-03', '2025-03'], ['2025年1-6月', '2025M1-6']] as const) {
      const forms = await round(dir, period, (u) => (u === '全市' ? city(2025) : county(COUNTIES.indexOf(u), 2025)));
      const d = await run(['data', forms, '--framework', 'fw.json'], { cwd: dir });
      expect(d.code, d.stderr).toBe(0);
      expect(d.stdout.split('\r\n')).toContain(`章贡区,${shown},firms,${county(0, 2025).firms}`);
    }
  });

  it('--out DIR/ refuses two units that would share a file, before writing any', async () => {
    const dir = setup();
    expect((await run(['template', '--units', 'a/b,a:b', '--period', '2025', '--framework', 'fw.json', '--out', 'forms/'], { cwd: dir })).stderr).toBe('smei: --units：有两个地区都会写到 --out forms/ 中的 a_b.xlsx。请给其中一个改名。\n');
    const r = await run(['template', '--units', 'a/b,a:b', '--period', '2025', '--framework', 'fw.json', '--out', 'forms/', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: --units: two units would both be written to a_b.xlsx in --out forms/. Rename one of them.\n');
    expect(existsSync(join(dir, 'forms'))).toBe(false);
  });
});

describe('the report\'s data notes (数据说明)', () => {
  /** The synthetic panel with 杭州市's 2018 row a copy of its 2017 row. */
  function copied(): string {
    const lines = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'zhejiang-synthetic.csv'), 'utf8').trim().split(/\r?\n/);
    const row2017 = lines.find((l) => l.startsWith('杭州市,2017,'))!;
    return `${lines.map((l) => (l.startsWith('杭州市,2018,') ? row2017.replace(',2017,', ',2018,') : l)).join('\n')}\n`;
  }
  const notesOf = (md: string): string => md.slice(md.indexOf('数据说明'), md.indexOf('## 8.'));

  it('name what the reported period needs, in plain words: no past years\' outliers, no z-scores; a unit whose figures equal the year before', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'copied.csv'), copied());
    const refused = await run(['report', 'copied.csv'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('杭州市2018年全部18个指标与上年完全相同');
    for (const args of [['--level', 'unchanged=warning'], ['--no-review']]) {
      const r = await run(['report', 'copied.csv', ...args], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const notes = notesOf(r.stdout);
      expect(notes, args.join(' ')).toContain('- 杭州市2018年的全部18项指标与2017年完全相同，可能沿用了上期数据。');
      expect(notes).not.toMatch(/修正z分数|中位数绝对偏差|2015年|2016年：|2017年：/);
    }
    const plain = await run(['report', fixture_('zhejiang-synthetic.csv')], { cwd: dir });
    // 2.05 % and 1.28 % against a median of 3.42 % were "明显低于" while the eleven cities' changes sat within
    // 0.2 points of each other; with the spread counted as at least 1 point they are ordinary, and not named
    expect(notesOf(plain.stdout).trim().split('\n').filter((l) => l.startsWith('- '))).toEqual([]);
    // for 2017, 2017's notes alone
    const y2017 = await run(['report', fixture_('zhejiang-synthetic.csv'), '--period', '2017', '--lang', 'en'], { cwd: dir });
    expect(notesOf(y2017.stdout.replace('Data notes', '数据说明')).trim().split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- 杭州市, 2017: Total operating revenue up 11.60% on a year earlier, well above the units\' median (5.69%).',
    ]);
  });
});

/** A fixture path. */
function fixture_(name: string): string {
  return join(import.meta.dirname, '..', '..', 'fixtures', name);
}

describe('smei data', () => {
  it('two files merged keep their group and denominator columns: the same archive as one file, and COINr\'s pipeline on it gives the same scores', async () => {
    const dir = tempDir();
    const lines = readFileSync(fixture_('coinr-asem/ASEM_iData.csv'), 'utf8').trim().split(/\r?\n/);
    writeFileSync(join(dir, 'a.csv'), `${lines.slice(0, 26).join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${[lines[0], ...lines.slice(26)].join('\n')}\n`);
    const fw = ['--framework', fixture_('coinr-asem/ASEM_iMeta.csv')];
    const merged = await run(['data', 'a.csv', 'b.csv', ...fw, '--layout', 'wide', '-q'], { cwd: dir });
    const single = await run(['data', fixture_('coinr-asem/ASEM_iData.csv'), ...fw, '--layout', 'wide', '-q'], { cwd: dir });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    expect(merged.stdout.split('\r\n')[0]).toMatch(/^地区,时期,GDP_group,GDPpc_group,Pop_group,EurAsia_group,Logistics Performance Index,.*,GDP,Population$/);
    writeFileSync(join(dir, 'archive.csv'), merged.stdout);
    const pipeline = ['--denominate', '--impute', 'group-mean:EurAsia_group', '--screen', '0.9', '--treat', 'winsorise:5', '--normalise', 'min-max', '--format', 'json'];
    const fromArchive = await run(['compute', 'archive.csv', ...fw, ...pipeline], { cwd: dir });
    const fromRaw = await run(['compute', fixture_('coinr-asem/ASEM_iData.csv'), ...fw, ...pipeline], { cwd: dir });
    expect(fromArchive.code, fromArchive.stderr).toBe(0);
    expect((JSON.parse(fromArchive.stdout) as { rows: unknown }).rows).toEqual((JSON.parse(fromRaw.stdout) as { rows: unknown }).rows);
  });

  it('refuses two files that give one cell differently, and a workbook without --out', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'unit,year,firms\nA,2014,10\n');
    writeFileSync(join(dir, 'b.csv'), 'unit,year,firms\nA,2014,11\n');
    const r = await run(['data', 'a.csv', 'b.csv', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: 1 value given differently by two files: A, 2014, firms: 10 (a.csv:2:3) and 11 (b.csv:2:3). Keep one of each pair (smei review lists them as findings).\n');
    const x = await run(['data', 'a.csv', '--format', 'xlsx'], { cwd: dir });
    expect(x.code).toBe(2);
    expect(x.stderr).toBe('smei: --format xlsx 输出的是工作簿：请给出 --out FILE.xlsx。\n');
    expect((await run(['data', 'a.csv', '--format', 'xlsx', '--lang', 'en'], { cwd: dir })).stderr).toBe('smei: --format xlsx writes a workbook: give --out FILE.xlsx.\n');
  });

  it('--period writes that period alone; a conflict in another period does not stop it; a period the data lacks is named with those it has', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'unit,year,firms,revenue\nA,2023,10,1.5\nB,2023,20,2.5\nA,2024,11,1.6\nB,2024,22,\n');
    writeFileSync(join(dir, 'b.csv'), 'unit,year,firms\nA,2023,12\n');
    const fw = ['--framework', 'fw.json'];
    writeFileSync(join(dir, 'fw.json'), JSON.stringify({ name: 'p', nodes: [{ id: 'index' }, { id: 'firms', parent: 'index' }, { id: 'revenue', parent: 'index' }] }));
    const r = await run(['data', 'a.csv', 'b.csv', ...fw, '--period', '2024', '--lang', 'en', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('unit,period,indicator,value\r\nA,2024,firms,11\r\nA,2024,revenue,1.6\r\nB,2024,firms,22\r\n');
    const wide = await run(['data', 'a.csv', ...fw, '--period', '2023', '--layout', 'wide', '-q'], { cwd: dir });
    expect(wide.stdout).toBe('地区,时期,firms,revenue\r\nA,2023,10,1.5\r\nB,2023,20,2.5\r\n');
    // the other period's conflict still stops an archive of that period
    expect((await run(['data', 'a.csv', 'b.csv', ...fw, '--period', '2023'], { cwd: dir })).code).toBe(2);
    const none = await run(['data', 'a.csv', ...fw, '--period', '2022', '--lang', 'en'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('smei: --period 2022: a.csv has no data for that year (it has 2023, 2024).\n');
    const half = await run(['data', 'a.csv', ...fw, '--period', '2024H1'], { cwd: dir });
    expect(half.stderr).toBe('smei: --period 2024H1：a.csv是年度数据，请给出 2018 这样的时期。\n');
  });
});

describe('a totals row found by its sums', () => {
  it('赣州市 above its counties (no 合计 in its name) is an aggregate to the review too: its gaps are a note, compute ranks the counties only', async () => {
    const dir = setup();
    const head = 'unit,year,firms,revenue,hightech,new_firms,survival';
    const rows = [2024, 2025].flatMap((year) => [
      ...COUNTIES.map((u, i) => { const c = county(i, year); return `${u},${year},${c.firms},${c.revenue},${c.hightech},${c.new_firms},${c.survival}`; }),
      (() => { const c = city(year); return `赣州市,${year},${c.firms},${c.revenue},,${c.new_firms},`; })(),
    ]);
    writeFileSync(join(dir, 'round.csv'), `${[head, ...rows].join('\n')}\n`);
    const r = await run(['review', 'round.csv', '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stdout).toBe(0);
    const doc = JSON.parse(r.stdout) as ReviewDoc;
    expect(doc.findings.filter((f) => f.unit === '赣州市').map((f) => `${f.period} ${f.rule} ${f.level}`)).toEqual(['2025 missing note', '2024 missing note']);
    const c = await run(['compute', 'round.csv', '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    const rows2 = (JSON.parse(c.stdout) as { rows: { unit: string; node: string; year: number; rank: number | null }[] }).rows;
    expect(rows2.find((x) => x.unit === '赣州市' && x.node === 'index' && x.year === 2025)!.rank).toBeNull();
    // named otherwise (--no-auto-aggregate), its gaps are errors again
    expect((await run(['review', 'round.csv', '--framework', 'fw.json', '--no-auto-aggregate'], { cwd: dir })).code).toBe(1);
  });
});

describe('folders inside a folder of returns (a trial round: history/2023/ beside history/)', () => {
  it('are not read, and a note names those holding data; a folder with data only inside says to name them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'fw.json'), JSON.stringify({ name: 'p', baseYear: 2023, nodes: [{ id: 'index' }, { id: 'firms', parent: 'index' }] }));
    for (const d of ['returns/2023', 'returns/out', 'only/old']) execFileSync('mkdir', ['-p', join(dir, d)]);
    writeFileSync(join(dir, 'returns/a.csv'), 'unit,year,firms\nA,2024,11\nB,2024,12\n');
    writeFileSync(join(dir, 'returns/2023/a.csv'), 'unit,year,firms\nA,2023,10\nB,2023,11\n');
    writeFileSync(join(dir, 'returns/out/report.docx'), 'not data');
    writeFileSync(join(dir, 'only/old/a.csv'), 'unit,year,firms\nA,2023,10\n');
    const r = await run(['data', 'returns/', '--framework', 'fw.json', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('2023');
    expect(r.stderr).toBe('note: folders inside not read: returns/2023 (smei reads the files directly in a folder; name them too to read them).\n');
    const only = await run(['data', 'only', '--framework', 'fw.json'], { cwd: dir });
    expect(only.code).toBe(2);
    expect(only.stderr).toBe('smei: only：此文件夹中没有 CSV 文件或工作簿（.csv、.xlsx、.xls）。它的子文件夹 only/old 中有：请直接给出这些子文件夹（smei 只读取文件夹本层的文件）。\n');
  });
});
