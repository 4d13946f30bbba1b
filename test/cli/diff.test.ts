// smei diff: ranking changes between years and between revisions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixture, ROOT, run, tempDir, tempFile } from '../helpers.js';
import { synthetic } from '../office-files.js';

const T1 = fixture('zhejiang-cities-2018.csv');
const SYN = fixture('zhejiang-synthetic.csv');
const t1Text = readFileSync(T1, 'utf8');

interface DiffJson {
  schemaVersion: number;
  node: string;
  from: { label: string; year: number };
  to: { label: string; year: number };
  summary: Record<string, number>;
  revision?: { tolerance: number; cells: { unit: string; year: number; node: string; status: string; old: number | null; new: number | null; change: number | null }[]; unitsAdded: string[]; unitsDropped: string[]; yearsAdded: number[]; yearsDropped: number[] };
  units: { unit: string; status: string; rankFrom: number | null; rankTo: number | null; rankChange: number | null; valueFrom: number | null; valueTo: number | null; changePoints: number | null; changePct: number | null }[];
}

/** Runs diff with --format json and parses it. */
async function diffJson(args: string[]): Promise<{ code: number; doc: DiffJson; stderr: string }> {
  const r = await run(['diff', ...args, '--format', 'json']);
  return { code: r.code, doc: JSON.parse(r.stdout || '{}') as DiffJson, stderr: r.stderr };
}

describe('diff between years', () => {
  it('Table 1, 2017 -> 2018: every rank and change worked out by hand', async () => {
    // 2017 (derived values): 杭州 126.30, 金华 125.14, 丽水 123.37, 宁波 121.09, 衢州 120.49, 台州 118.86, 绍兴 118.84, 湖州 118.45, 温州 118.30, 嘉兴 115.47, 舟山 114.94
    // 2018 (Table 1):        杭州 135.30, 金华 128.91, 宁波 128.11, 绍兴 127.33, 嘉兴 126.91, 温州 126.72, 丽水 126.15, 衢州 125.96, 湖州 124.96, 台州 124.82, 舟山 120.70
    const expected: Record<string, [number, number]> = {
      杭州市: [1, 1], 金华市: [2, 2], 丽水市: [3, 7], 宁波市: [4, 3], 衢州市: [5, 8], 台州市: [6, 10],
      绍兴市: [7, 4], 湖州市: [8, 9], 温州市: [9, 6], 嘉兴市: [10, 5], 舟山市: [11, 11],
    };
    const { code, doc } = await diffJson([T1, '--from', '2017', '--to', '2018']);
    expect(code).toBe(0);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.node).toBe('index');
    // named from the repository root, whatever the spelling of the path
    expect(doc.from).toEqual({ label: 'fixtures/zhejiang-cities-2018.csv', year: 2017, period: '2017' });
    expect(doc.summary).toEqual({ up: 4, down: 4, same: 3, changed: 0, new: 0, dropped: 0 });
    expect(doc.units).toHaveLength(11);
    for (const u of doc.units) {
      const [from, to] = expected[u.unit]!;
      expect([u.rankFrom, u.rankTo, u.rankChange]).toEqual([from, to, from - to]);
      expect(u.status).toBe(from > to ? 'up' : from < to ? 'down' : 'same');
    }
    const jiaxing = doc.units.find((u) => u.unit === '嘉兴市')!;
    expect(jiaxing.changePoints).toBeCloseTo(126.91 - 115.47, 10);
    expect(jiaxing.changePct).toBeCloseTo((126.91 / 115.47 - 1) * 100, 10);
    // sorted by the size of the rank change, then by the new rank
    expect(doc.units.map((u) => u.unit)).toEqual(['嘉兴市', '丽水市', '台州市', '绍兴市', '温州市', '衢州市', '宁波市', '湖州市', '杭州市', '金华市', '舟山市']);
  });

  it('prints the summary line first', async () => {
    const r = await run(['diff', T1, '--from', '2017', '--to', '2018']);
    expect(r.stdout.split('\n')[0]).toBe('11个地区：上升4个，下降4个，不变3个，新增0个，本期无值0个');
    const en = await run(['diff', T1, '--from', '2017', '--to', '2018', '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toBe('11 units: 4 up, 4 down, 3 same, 0 new, 0 dropped');
    expect(r.stdout).toMatch(/嘉兴市 │ 上升 │\s+10 → 5 │\s+\+5 │/);
    const md = await run(['diff', T1, '--from', '2017', '--to', '2018', '--format', 'md', '--lang', 'en']);
    expect(md.stdout).toContain('| 嘉兴市 | up | 10 → 5 | ↑ +5 | 115.47 → 126.91 | +11.44 | +9.91 |');
    expect(md.stdout).toContain('| 丽水市 | down | 3 → 7 | ↓ -4 |');
  });

  it('a year against itself is all same and exits 0 with --exit-code', async () => {
    const { code, doc } = await diffJson([T1, '--from', '2018', '--to', '2018', '--exit-code']);
    expect(code).toBe(0);
    expect(doc.summary).toEqual({ up: 0, down: 0, same: 11, changed: 0, new: 0, dropped: 0 });
    expect(doc.units.every((u) => u.changePoints === 0)).toBe(true);
  });

  it('from the base year, where every unit ties at 100, is refused: every unit but none would fall (the trial: false rank changes)', async () => {
    const r = await run(['diff', SYN, '--from', '2014', '--to', '2018', '--aggregate-unit', '浙江省']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/smei: .*zhejiang-synthetic.csv，2014年：/);
    expect(r.stderr).toContain(`，2014年：各地区的小微企业成长指数并列（基期指数均为100），没有排名变化可比。请比较基期之后的两期（--from、--to）。`);
    const en = await run(['diff', SYN, '--from', '2014', '--to', '2018', '--lang', 'en']);
    expect(en.stderr).toContain('2014: every unit ties on index (the base period: every index is 100), so ranks cannot move from or to it. Compare two later periods (--from and --to).');
    const later = await diffJson([SYN, '--from', '2017', '--to', '2018', '--aggregate-unit', '浙江省']);
    expect(later.code).toBe(0);
    expect(later.doc.summary.down).toBeGreaterThan(0);
  });

  it('a unit ranked in one period only does not move the others: the changes are among the units ranked in both (the trial: a late county 1st before lifted 8 counties)', async () => {
    // 杭州市 (2nd in 2017) has no 2018 row: 丽水市 goes from 3rd to 6th officially, from 2nd to 6th among the ten
    const late = tempFile('late.csv', readFileSync(SYN, 'utf8').split('\n').filter((l) => !l.startsWith('杭州市,2018')).join('\n'));
    const { doc } = await diffJson([late, '--from', '2017', '--to', '2018', '--level', 'dropped=off', '--lang', 'en']);
    const lishui = doc.units.find((u) => u.unit === '丽水市')!;
    expect([lishui.rankFrom, lishui.rankTo, lishui.rankChange, lishui.status]).toEqual([3, 6, -4, 'down']);
    // 衢州市: 11th to 10th officially, 10th to 10th among the ten: the same
    const quzhou = doc.units.find((u) => u.unit === '衢州市')!;
    expect([quzhou.rankFrom, quzhou.rankTo, quzhou.rankChange, quzhou.status]).toEqual([11, 10, 0, 'same']);
    expect(doc.summary).toMatchObject({ up: 2, down: 2, same: 6, dropped: 1 });
    expect((doc as unknown as { comparable: unknown }).comparable).toEqual({ units: 10, oneSide: ['杭州市'] });
    const table = await run(['diff', late, '--from', '2017', '--to', '2018', '--level', 'dropped=off']);
    expect(table.stdout.split('\n')[0]).toBe('11个地区：上升2个，下降2个，不变6个，新增0个，本期无值1个；升降按两期都有排名的10个地区相互比较（杭州市只在一期有排名，不让它的有无改变其余地区的名次）');
    expect(table.stdout).toContain('名次变化（10个地区间）');
    // the report's rank change column and movers count the same way
    const report = await run(['report', late, '--level', 'dropped=off', '--quiet']);
    expect(report.stdout).toContain('| 6 | 丽水市 | 126.76 | +5.54 | ↓4 |');
    expect(report.stdout).toContain('| 10 | 衢州市 | 124.33 | +5.56 | 0 |');
    expect(report.stdout).toContain('杭州市只在一期有排名：排名变化按两期都有排名的地区相互比较');
    expect(report.stdout).toContain('排名下降最多：丽水市（由第2位降至第6位）');
  });

  it('a revision of half-year data names the period as 2014H1, not its key 201401', async () => {
    const lines = readFileSync(fixture('halfyear-synthetic.csv'), 'utf8').split('\n');
    lines[1] = lines[1]!.replace(',10797,', ',10798,');
    const revised = tempFile('hy.csv', lines.join('\n'));
    const r = await run(['diff', fixture('halfyear-synthetic.csv'), revised, '--framework', fixture('quarterly-framework.json'), '--no-review']);
    expect(r.stdout).toMatch(/│ 地区 +│ +时期 │ 指标 +│/);
    expect(r.stdout).toMatch(/│ 杭州市 │ 2014H1 │ 新设企业数 │ 修改 │/);
    const json = await diffJson([fixture('halfyear-synthetic.csv'), revised, '--framework', fixture('quarterly-framework.json'), '--no-review']);
    expect(json.doc.revision!.cells).toEqual([{ unit: '杭州市', year: 201401, period: '2014H1', node: 'new_firms', status: 'changed', old: 10797, new: 10798, change: 1 }]);
  });

  it('--exit-code exits 1 when ranks changed', async () => {
    expect((await run(['diff', T1, '--from', '2017', '--to', '2018', '--exit-code'])).code).toBe(1);
  });

  it('--only and --top narrow the list but not the summary', async () => {
    const { doc } = await diffJson([T1, '--from', '2017', '--to', '2018', '--only', 'down', '--top', '2']);
    expect(doc.summary.down).toBe(4);
    expect(doc.units.map((u) => u.unit)).toEqual(['丽水市', '台州市']);
    const both = await diffJson([T1, '--from', '2017', '--to', '2018', '--only', 'up', 'same']);
    expect(both.doc.units.map((u) => u.status).every((s) => s === 'up' || s === 'same')).toBe(true);
    expect(both.doc.units).toHaveLength(7);
  });

  it('--node ranks by a module', async () => {
    const { code, doc } = await diffJson([SYN, '--from', '2017', '--to', '2018', '--node', 'activity', '--aggregate-unit', '浙江省']);
    expect(code).toBe(0);
    expect(doc.node).toBe('activity');
    const compute = await run(['compute', SYN, '--format', 'json', '--aggregate-unit', '浙江省', '--node', 'activity']);
    const rows = (JSON.parse(compute.stdout) as { rows: { unit: string; year: number; node: string; rank: number | null; value: number }[] }).rows.filter((r) => r.node === 'activity');
    for (const u of doc.units) {
      expect(u.rankFrom).toBe(rows.find((r) => r.unit === u.unit && r.year === 2017)!.rank);
      expect(u.rankTo).toBe(rows.find((r) => r.unit === u.unit && r.year === 2018)!.rank);
    }
    const province = doc.units.find((u) => u.unit === '浙江省')!;
    expect(province.status).toBe('aggregate');
    expect(province.rankFrom).toBeNull();
    expect(doc.units[0]!.unit).toBe('浙江省');
    expect(Object.values(doc.summary).reduce((a, b) => a + b, 0)).toBe(11);
  });

  it('one file without --from/--to compares the latest year with the one before', async () => {
    const plain = await diffJson([T1]);
    const explicit = await diffJson([T1, '--from', '2017', '--to', '2018']);
    expect(plain.code).toBe(0);
    expect(plain.doc).toEqual(explicit.doc);
    const to = await diffJson([SYN, '--to', '2016', '--aggregate-unit', '浙江省']);
    expect([to.doc.from.year, to.doc.to.year]).toEqual([2015, 2016]);
    const only = tempFile('one-year.csv', '地区,年份,小微企业成长指数\nA,2018,101\nB,2018,102\n');
    const none = await run(['diff', only, '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('smei: one-year.csv has no year before 2018 to compare with (it has 2018). Give --from and --to, or two files to compare a revision.\n');
    expect((await run(['diff', only])).stderr).toBe('smei: one-year.csv中没有 2018 之前的年份可供比较（数据有2018）。请给出 --from 和 --to，或给出两个文件来比较修订。\n');
    const bad = await run(['diff', T1, '--from', '2016', '--to', '2018']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from 2016');
  });
});

describe('diff between files', () => {
  it('a file against itself is all same and exits 0', async () => {
    const { code, doc } = await diffJson([T1, T1, '--exit-code']);
    expect(code).toBe(0);
    expect(doc.from.year).toBe(2018);
    expect(doc.summary.same).toBe(11);
  });

  it('a revision with one changed value exits 1 and shows that unit', async () => {
    const revised = tempFile('revised.csv', t1Text.replace('杭州市,2018,135.30', '杭州市,2018,129.00'));
    const { code, doc } = await diffJson([T1, revised, '--exit-code']);
    expect(code).toBe(1);
    // the same rank with another value is not "same"
    expect(doc.summary).toEqual({ up: 0, down: 0, same: 10, changed: 1, new: 0, dropped: 0 });
    const hz = doc.units.find((u) => u.unit === '杭州市')!;
    expect(hz.status).toBe('changed');
    expect(hz.changePoints).toBeCloseTo(-6.3, 10);
    expect(doc.units.filter((u) => u.changePoints !== 0).map((u) => u.unit)).toEqual(['杭州市']);
    expect(doc.revision!.cells).toEqual([{ unit: '杭州市', year: 2018, period: '2018', node: 'index', status: 'changed', old: 135.3, new: 129, change: 129 - 135.3 }]);
    const table = await run(['diff', T1, revised]);
    expect(table.stdout).toMatch(/杭州市 │ 数值变化 │\s+1 → 1 │\s+0 │\s+135\.30 → 129\.00 │\s+-6\.30 │\s+-4\.66 │/);
    expect(table.stdout.split('\n').slice(0, 2)).toEqual(['11个地区：上升0个，下降0个，不变10个，数值变化1个，新增0个，本期无值0个', '数据单元格：修改1个，新增0个，删除0个（相对容差1e-9）']);
    expect(table.stdout).toMatch(/│ 杭州市 │ 2018 │ 小微企业成长指数 │ 修改 │\s+135\.3 │\s+129 │\s+-6\.30 │/);
  });

  it('a revision that changes a rank moves the units', async () => {
    const revised = tempFile('revised.csv', t1Text.replace('舟山市,2018,120.70', '舟山市,2018,130.00'));
    const { doc } = await diffJson([T1, revised]);
    const zs = doc.units.find((u) => u.unit === '舟山市')!;
    expect([zs.rankFrom, zs.rankTo, zs.rankChange, zs.status]).toEqual([11, 2, 9, 'up']);
    expect(doc.summary).toEqual({ up: 1, down: 9, same: 1, changed: 0, new: 0, dropped: 0 });
  });

  it('lists new and dropped units, matched after NFKC and trimming', async () => {
    const revised = tempFile('revised.csv', t1Text
      .replace(/^舟山市,2018,.*\n/m, '')
      .replace('杭州市,2018', ' 杭州市 ,2018')
      .concat('新区,2018,110.00\n'));
    const { doc } = await diffJson([T1, revised]);
    expect(doc.summary).toEqual({ up: 0, down: 0, same: 10, changed: 0, new: 1, dropped: 1 });
    // 舟山市 keeps its 2017 row: its 2018 cell is dropped, not the unit
    expect([doc.revision!.unitsAdded, doc.revision!.unitsDropped]).toEqual([['新区'], []]);
    expect(doc.revision!.cells).toEqual([{ unit: '舟山市', year: 2018, period: '2018', node: 'index', status: 'dropped', old: 120.7, new: null, change: null }]);
    expect(doc.units.find((u) => u.unit === '新区')).toMatchObject({ status: 'new', rankFrom: null, rankTo: 11, valueFrom: null, changePoints: null });
    expect(doc.units.find((u) => u.unit === '舟山市')).toMatchObject({ status: 'dropped', rankFrom: 11, rankTo: null });
    expect(doc.units.slice(-2).map((u) => u.status)).toEqual(['new', 'dropped']);
  });

  it('ties share the best rank on both sides', async () => {
    const revised = tempFile('revised.csv', t1Text.replace('宁波市,2018,128.11', '宁波市,2018,128.91'));
    const { doc } = await diffJson([T1, revised]);
    expect(doc.units.find((u) => u.unit === '宁波市')).toMatchObject({ rankFrom: 3, rankTo: 2, status: 'up' });
    expect(doc.units.find((u) => u.unit === '金华市')).toMatchObject({ rankFrom: 2, rankTo: 2, status: 'same' });
    expect(doc.units.find((u) => u.unit === '绍兴市')).toMatchObject({ rankFrom: 4, rankTo: 4, status: 'same' });
  });

  it('csv output is formula-safe and unrounded', async () => {
    const r = await run(['diff', T1, '--from', '2017', '--to', '2018', '--format', 'csv']);
    expect(r.stdout.split('\r\n')[0]).toBe('unit,status,rank_from,rank_to,rank_change,value_from,value_to,change_points,change_pct');
    expect(r.stdout).toContain('嘉兴市,up,10,5,5,115.47,126.91,');
  });
});

describe('a round\'s returns beside the archive', () => {
  it('either way round, the refusal says how to merge them first (the county trial: diff returns2/ history.xlsx said only 没有基期)', async () => {
    const { header, rows } = synthetic();
    const dir = tempDir();
    tempFile('returns.csv', `${[header, ...rows.filter((r) => r[1] === '2018')].map((r) => r.join(',')).join('\n')}\n`, dir);
    tempFile('history.csv', `${[header, ...rows.filter((r) => r[1] !== '2018')].map((r) => r.join(',')).join('\n')}\n`, dir);
    for (const [a, b] of [['returns.csv', 'history.csv'], ['history.csv', 'returns.csv']]) {
      const r = await run(['diff', a!, b!], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`请先合并：smei data ${a} ${b} --out all.csv，再 smei diff all.csv --from … --to …`);
    }
  });
});

describe('diff edge cases', () => {
  it('a node with no data is a usage error', async () => {
    const r = await run(['diff', T1, '--from', '2017', '--to', '2018', '--node', 'activity']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--node activity：');
    expect(r.stderr).toContain('中没有该节点及其下级节点的数据');
    const en = await run(['diff', T1, '--from', '2017', '--to', '2018', '--node', 'activity', '--lang', 'en']);
    expect(en.stderr).toContain('--node activity:');
    expect(en.stderr).toContain('has no data for that node');
  });

  it('a unit without a value on one side is new or dropped', async () => {
    const revised = tempFile('revised.csv', t1Text.replace('舟山市,2018,120.70', '舟山市,2018,NA'));
    const { doc } = await diffJson([T1, revised]);
    expect(doc.units.find((u) => u.unit === '舟山市')).toMatchObject({ status: 'dropped', rankFrom: 11, rankTo: null, valueTo: null });
    const back = await diffJson([revised, T1]);
    expect(back.doc.units.find((u) => u.unit === '舟山市')).toMatchObject({ status: 'new', rankFrom: null, rankTo: 11 });
  });
});

describe('diff of two files is a revision check', () => {
  const SYN_TEXT = readFileSync(SYN, 'utf8');

  it('a revised indicator in an earlier year is found, though the latest ranks are the same', async () => {
    // 杭州市's 2016 revenue, revised: the 2018 composite is untouched, the data is not.
    const line = SYN_TEXT.split('\n').find((l) => l.startsWith('杭州市,2016,'))!;
    const cells = line.split(',');
    const old = Number(cells[3]);
    cells[3] = String(old + 100);
    const revised = tempFile('revised.csv', SYN_TEXT.replace(line, cells.join(',')));
    const { code, doc } = await diffJson([SYN, revised, '--exit-code', '--aggregate-unit', '浙江省']);
    expect(code).toBe(1);
    expect(doc.summary).toEqual({ up: 0, down: 0, same: 11, changed: 0, new: 0, dropped: 0 });
    expect(doc.revision!.cells).toEqual([{ unit: '杭州市', year: 2016, period: '2016', node: 'revenue', status: 'changed', old, new: old + 100, change: old + 100 - old }]);
    const md = await run(['diff', SYN, revised, '--aggregate-unit', '浙江省', '--format', 'md', '--lang', 'en']);
    expect(md.stdout).toContain('**data cells: 1 changed, 0 added, 0 dropped (relative tolerance 1e-9)**');
    expect(md.stdout).toContain(`| 杭州市 | 2016 | Total operating revenue | changed | ${old} | ${old + 100} | +100.00 |`);
  });

  it('cells added and dropped, and whole years, are listed; --tolerance decides what counts as equal', async () => {
    const dropped2014 = SYN_TEXT.split('\n').filter((l) => !l.startsWith('宁波市,2016,')).join('\n');
    const withNa = dropped2014.replace(/^(温州市,2017,)[^,]+/m, '$1NA');
    const revised = tempFile('revised.csv', withNa);
    const { doc } = await diffJson([SYN, revised, '--aggregate-unit', '浙江省']);
    const statuses = doc.revision!.cells.map((c) => `${c.unit} ${c.year} ${c.node} ${c.status}`);
    expect(statuses.filter((s) => s.startsWith('宁波市 2016'))).toHaveLength(18);
    expect(statuses.every((s) => s.endsWith('dropped'))).toBe(true);
    expect(statuses).toContain('温州市 2017 firms dropped');
    const tiny = tempFile('tiny.csv', SYN_TEXT.replace(/^(杭州市,2018,)(\d+)/m, (_, a: string, n: string) => `${a}${Number(n) * (1 + 1e-12)}`));
    expect((await run(['diff', SYN, tiny, '--exit-code', '--aggregate-unit', '浙江省'])).code).toBe(0);
    expect((await run(['diff', SYN, tiny, '--exit-code', '--aggregate-unit', '浙江省', '--tolerance', '0'])).code).toBe(1);
    const bad = await run(['diff', SYN, tiny, '--tolerance', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tolerance 必须是从 0 到 1（不含 1）的数');
    expect((await run(['diff', SYN, tiny, '--tolerance', 'x', '--lang', 'en'])).stderr).toContain('--tolerance must be a number');
    const year = tempFile('year.csv', SYN_TEXT.split('\n').filter((l) => !/,2014,/.test(l)).join('\n'));
    const y = await diffJson([SYN, year, '--aggregate-unit', '浙江省', '--base-year', '2015']);
    expect(y.doc.revision!.yearsDropped).toEqual([2014]);
  });

  it('--top counts ranked units only, shows aggregates besides, and says how many more there are', async () => {
    const { doc } = await diffJson([SYN, '--aggregate-unit', '浙江省', '--top', '3']);
    expect(doc.units.map((u) => u.status === 'aggregate')).toEqual([true, false, false, false]);
    const table = await run(['diff', SYN, '--aggregate-unit', '浙江省', '--top', '3']);
    expect(table.stdout).toContain('……另有8个地区未显示（去掉 --top 显示全部）');
    const en = await run(['diff', SYN, '--aggregate-unit', '浙江省', '--top', '3', '--lang', 'en', '--format', 'md']);
    expect(en.stdout).toContain('... 8 more units not shown (drop --top to show all)');
  });

  it('names files the same whatever the spelling of the path', async () => {
    const a = await diffJson(['./fixtures/zhejiang-cities-2018.csv']);
    const dir = tempDir();
    const b = await run(['diff', '../fixtures/zhejiang-cities-2018.csv', '--format', 'json'], { cwd: join(ROOT, 'test') });
    expect(a.doc.from.label).toBe('fixtures/zhejiang-cities-2018.csv');
    expect((JSON.parse(b.stdout) as DiffJson).from.label).toBe('fixtures/zhejiang-cities-2018.csv');
    const outside = tempFile('x.csv', t1Text, dir);
    expect((await diffJson([outside])).doc.from.label).toBe('x.csv');
  });
});

describe('a published table against the data (the industry trial: 7 of 8 unchanged showed as changed)', () => {
  it('values published to 2 places equal the data\'s unrounded ones within 0.005; index points against raw indicators are not listed cell by cell', async () => {
    const dir = tempDir();
    const computed = JSON.parse((await run(['compute', SYN, '--year', '2018', '--format', 'json'])).stdout) as { rows: { unit: string; node: string; value: number }[] };
    const index = computed.rows.filter((r) => r.node === 'index');
    // the published table: the index to 2 places, 杭州市 revised since by 0.15 points
    const lines = ['地区,年份,小微企业成长指数', ...index.map((r) => `${r.unit},2018,${(r.unit === '杭州市' ? r.value - 0.15 : r.value).toFixed(2)}`)];
    tempFile('published.csv', `${lines.join('\n')}\n`, dir);
    const r = await run(['diff', 'published.csv', SYN, '--year', '2018', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as DiffJson & { rounded?: { label: string; decimals: number }; revision: { nodesOneSide: { from: string[]; to: string[] }; againstComputed: { from: string[]; to: string[] } } };
    expect(d.rounded).toEqual({ label: 'published.csv', decimals: 2 });
    expect(d.units.filter((u) => u.status === 'changed').map((u) => u.unit)).toEqual(['杭州市']);
    expect(d.summary.same).toBe(10);
    // the published file gives the index alone, the data its 18 indicators: the indicators are not listed as
    // 18 × 12 added cells, and the published index is compared with the index the data computes, cell by cell
    // (the county trial: last year's results against this year's data missed a revision of history), within
    // the published rounding: 杭州市 alone
    expect(d.revision.cells.map((c) => `${c.unit} ${c.year} ${c.node} ${c.status} ${c.old}`)).toEqual(['杭州市 2018 index changed 128']);
    expect(d.revision.againstComputed).toEqual({ from: ['index'], to: [] });
    expect(d.revision.nodesOneSide.from).toEqual([]);
    expect(d.revision.nodesOneSide.to).toHaveLength(18);
    const text = await run(['diff', 'published.csv', SYN, '--year', '2018'], { cwd: dir });
    expect(text.stdout).toContain('只在一方给出的指标（如一方为指数值、一方为原始指标）：published.csv中0个，');
    expect(text.stdout).toContain("published.csv给出的1个指数（index）与fixtures/zhejiang-synthetic.csv据数据算出的逐格比较");
    expect(text.stdout).toContain('published.csv的数值为2位小数，相差不超过0.005视为相同');
    // against smei's own CSV of the data (index points on both sides), the rounding holds cell by cell too
    tempFile('out.csv', (await run(['compute', SYN, '--format', 'csv'])).stdout, dir);
    const cells = JSON.parse((await run(['diff', 'published.csv', 'out.csv', '--year', '2018', '--format', 'json'], { cwd: dir })).stdout) as DiffJson;
    expect(cells.revision!.cells.filter((c) => c.status === 'changed').map((c) => `${c.unit} ${c.node}`)).toEqual(['杭州市 index']);
    // two unrounded computations keep the relative tolerance alone
    const same = JSON.parse((await run(['diff', SYN, SYN, '--format', 'json'])).stdout) as { rounded?: unknown };
    expect(same.rounded).toBeUndefined();
  });
});

describe('smei\'s own long CSV read back (the industry trial: diff could not read compute\'s output)', () => {
  it('gives the index and modules it was written from, the same values, ranks and YoY; annual and quarterly', async () => {
    const dir = tempDir();
    for (const [data, extra] of [[SYN, []], [fixture('quarterly-synthetic.csv'), ['--framework', fixture('quarterly-framework.json')]]] as const) {
      const csv = await run(['compute', data, ...extra, '--format', 'csv']);
      tempFile('out.csv', csv.stdout, dir);
      const again = await run(['compute', 'out.csv', ...extra, '--format', 'json', '--lang', 'en'], { cwd: dir });
      expect(again.code, again.stderr).toBe(0);
      expect((JSON.parse(again.stdout) as { notes: { code: string; message: string }[] }).notes.find((n) => n.code === 'derived-columns')!.message).toContain("smei's own long CSV: the columns worked out from the values (");
      type Row = { unit: string; period: string; node: string; value: number | null; rank: number | null; yoyPct: number | null };
      const rows = (out: string): Row[] => (JSON.parse(out) as { rows: Row[] }).rows;
      const first = new Map(rows((await run(['compute', data, ...extra, '--format', 'json'])).stdout).map((r) => [`${r.unit}|${r.period}|${r.node}`, r]));
      const back = rows(again.stdout);
      // the inner nodes only: an indicator's index points are not its raw value
      expect(back.length).toBeGreaterThan(0);
      expect(new Set(back.map((r) => r.node)).has('index')).toBe(true);
      for (const r of back) expect(r, `${r.unit} ${r.period} ${r.node}`).toEqual(first.get(`${r.unit}|${r.period}|${r.node}`));
    }
    // and a diff of it against the data finds nothing changed
    const csv = await run(['compute', SYN, '--format', 'csv']);
    tempFile('out.csv', csv.stdout, dir);
    expect((await run(['diff', 'out.csv', SYN, '--exit-code'], { cwd: dir })).code).toBe(0);
  });

  it('a published ranking table (a title naming the year; 排名, 地区, the index, 同比(%), the modules, 2 decimals) reads with its 排名 and 同比 columns ignored, and matches the data it came from', async () => {
    const dir = tempDir();
    const wide = await run(['compute', SYN, '--format', 'csv', '--layout', 'wide']);
    expect(wide.stdout.split(/\r?\n/)[0]).toBe('排名,地区,小微企业成长指数,同比(%),综合贡献力,核心竞争力,成长活跃度,制度供给力');
    tempFile('published.csv', `2018年浙江省各市小微企业成长指数\n${wide.stdout}`, dir);
    const r = await run(['diff', 'published.csv', SYN, '--format', 'json', '--lang', 'zh'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as DiffJson & { notes?: unknown };
    expect(d.summary).toMatchObject({ up: 0, down: 0, same: 11, changed: 0, new: 0, dropped: 0 });
    expect(r.stderr).toContain('说明 (published.csv): 已忽略由指数算出的列 排名、同比(%)（smei 按数值重新计算）。');
    expect(r.stderr).toContain('说明 (published.csv): 表中没有时期列：全部数据按标题所写的时期（2018年）读取。');
    // without the title, as compute wrote it: read as of --year (the county trial: refused for its lack of a year column)
    tempFile('screen.csv', wide.stdout, dir);
    const given = await run(['diff', 'screen.csv', SYN, '--year', '2018', '--format', 'json'], { cwd: dir });
    expect(given.code, given.stderr).toBe(0);
    expect((JSON.parse(given.stdout) as DiffJson).summary).toMatchObject({ same: 11, changed: 0 });
    expect(given.stderr).toContain('表中没有时期列，标题也没有写时期：全部数据按 --year 所给的时期（2018年）读取。');
    expect((await run(['diff', 'screen.csv', SYN], { cwd: dir })).code).toBe(2);
    // a revision of the data: the points it computes are shown to --decimals beside the published ones, not as a double's 17 digits
    const { header, rows } = synthetic();
    const rev = header.indexOf('revenue');
    tempFile('revised.csv', `${[header, ...rows.map((r) => (r[0] === '杭州市' && r[1] === '2018' ? r.map((v, i) => (i === rev ? String(Number(v) * 1.2) : v)) : r))].map((r) => r.join(',')).join('\n')}\n`, dir);
    const table = await run(['diff', 'screen.csv', 'revised.csv', '--year', '2018'], { cwd: dir });
    const changed = table.stdout.split('\n').filter((l) => l.includes('杭州市') && l.includes('修改'));
    expect(changed.length).toBeGreaterThan(0);
    for (const l of changed) expect(l).toMatch(/│ +\d+\.\d{2} │ +\d+\.\d{2} │ [+-]\d+\.\d{2} │$/);
  });

  it('smei\'s results workbook (compute --out x.xlsx), Chinese or English, reads back from its 指数 sheet alone: diff against the data finds nothing changed (it refused 2116 cells as conflicting between sheets)', async () => {
    const dir = tempDir();
    type Row = { unit: string; period: string; node: string; value: number | null; rank: number | null; yoyPct: number | null };
    const rows = (out: string): Row[] => (JSON.parse(out) as { rows: Row[] }).rows;
    const first = new Map(rows((await run(['compute', SYN, '--format', 'json'])).stdout).map((r) => [`${r.unit}|${r.period}|${r.node}`, r]));
    for (const lang of ['zh', 'en']) {
      const out = await run(['compute', SYN, '--out', `r-${lang}.xlsx`, '--lang', lang], { cwd: dir });
      expect(out.code, out.stderr).toBe(0);
      const again = await run(['compute', `r-${lang}.xlsx`, '--format', 'json'], { cwd: dir });
      expect(again.code, again.stderr).toBe(0);
      expect((JSON.parse(again.stdout) as { notes: { code: string; sheet?: string }[] }).notes[0]).toMatchObject({ code: 'results-workbook', sheet: lang === 'zh' ? '指数' : 'Index' });
      const back = rows(again.stdout);
      expect(new Set(back.map((r) => r.node))).toEqual(new Set(['index', 'contribution', 'competitiveness', 'activity', 'institution']));
      for (const r of back) expect(r, `${lang} ${r.unit} ${r.period} ${r.node}`).toEqual(first.get(`${r.unit}|${r.period}|${r.node}`));
      const diff = await run(['diff', `r-${lang}.xlsx`, SYN, '--exit-code'], { cwd: dir });
      expect(diff.code, diff.stdout + diff.stderr).toBe(0);
      expect(diff.stdout).toContain('11个地区：上升0个，下降0个，不变11个，数值变化0个，新增0个，本期无值0个');
    }
    // a revision of history (杭州市's 2016 revenue 10% higher since): the results' index points against what the
    // revised data computes, cell by cell (the county trial: 修改0个, the change seen only with --year 2016)
    const syn = synthetic();
    const rev = syn.header.indexOf('revenue');
    tempFile('revised.csv', `${[syn.header, ...syn.rows.map((r) => (r[0] === '杭州市' && r[1] === '2016' ? r.map((v, i) => (i === rev ? String(Number(v) * 1.1) : v)) : r))].map((r) => r.join(',')).join('\n')}\n`, dir);
    const revised = await run(['diff', 'r-zh.xlsx', 'revised.csv', '--format', 'json'], { cwd: dir });
    expect(revised.code, revised.stderr).toBe(0);
    const cells = (JSON.parse(revised.stdout) as { revision: { cells: { unit: string; period: string; node: string; status: string }[] } }).revision.cells;
    expect(cells.map((c) => `${c.unit} ${c.period} ${c.node} ${c.status}`)).toEqual(['杭州市 2016 index changed', '杭州市 2016 contribution changed']);
    expect((await run(['diff', 'r-zh.xlsx', 'revised.csv', '--exit-code'], { cwd: dir })).code).toBe(1);
  });
});
