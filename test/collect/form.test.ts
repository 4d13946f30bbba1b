// Forms (issue 15): a template filled by a test reads back to exactly the
// values written, in both layouts; an edited form is refused at the cell.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { BUILT_IN } from '../../src/input/framework.js';
import { readObservations } from '../../src/input/read.js';
import { zipPart } from '../../src/input/xlsx.js';
import { fixture, run, tempDir, tempFile } from '../helpers.js';
import { synthetic } from '../office-files.js';

const fw = BUILT_IN.zhejiang!();
const { header, rows } = synthetic();
const CITIES = [...new Set(rows.map((r) => r[0]!))].filter((u) => u !== '浙江省');

/** The synthetic value of a unit, year and node id. */
const value = (unit: string, year: number, node: string): number => Number(rows.find((r) => r[0] === unit && r[1] === String(year))![header.indexOf(node)]);

/** Writes a template and returns its path. */
async function template(dir: string, args: string[]): Promise<string> {
  const out = join(dir, 'form.xlsx');
  const r = await run(['template', '--units', CITIES.join(','), '--period', '2018', '--out', out, ...args], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return out;
}

/** Fills every input cell of a form (found by the marker's geometry) with SheetJS and writes it back. */
function fill(path: string, get: (unit: string, node: string) => number | string | null, edit?: (wb: XLSX.WorkBook) => void): string {
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  const marker = JSON.parse(String(wb.Sheets._smei!.B1!.v)) as { layout: string; units: string[]; sheets: string[] };
  const leaves = fw.nodes.filter((n) => n.children.length === 0);
  if (marker.layout === 'units') {
    const ws = wb.Sheets[marker.sheets[0]!]!;
    const head = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[3]!;
    marker.units.forEach((unit, i) => {
      for (const n of leaves) {
        const col = head.findIndex((h) => h === (n.unit ? `${n.zh}（${n.unit}）` : n.zh));
        const v = get(unit, n.id);
        if (v !== null) ws[XLSX.utils.encode_cell({ r: 4 + i, c: col })] = typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
      }
    });
  } else {
    marker.units.forEach((unit, u) => {
      const ws = wb.Sheets[marker.sheets[u]!]!;
      const col = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[3]!.length - 1;
      leaves.forEach((n, i) => {
        const v = get(unit, n.id);
        if (v !== null) ws[XLSX.utils.encode_cell({ r: 4 + i, c: col })] = typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
      });
    });
  }
  edit?.(wb);
  const out = path.replace(/\.xlsx$/, '-filled.xlsx');
  writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return out;
}

/** Reads a file into observations, as values by unit|year|node. */
async function observed(path: string): Promise<Map<string, number | null>> {
  const read = await readObservations({ name: path, chunks: (async function* () { yield readFileSync(path); })() }, fw);
  const obs = read.observations;
  const out = new Map<string, number | null>();
  for (const [u, unit] of obs.units.entries()) {
    for (const year of obs.years()) {
      for (const n of fw.nodes) {
        const v = obs.value(obs.row(u, year), n.index);
        out.set(`${unit}|${year}|${n.id}`, Number.isNaN(v) ? null : v);
      }
    }
  }
  return out;
}

describe('smei template', () => {
  for (const layout of ['units', 'sheets']) {
    it(`a filled form (layout ${layout}) reads back to exactly the values written`, async () => {
      const dir = tempDir();
      const form = await template(dir, ['--layout', layout, '--previous', fixture('zhejiang-synthetic.csv')]);
      const filled = fill(form, (unit, node) => value(unit, 2018, node));
      const back = await observed(filled);
      for (const unit of CITIES) {
        for (const n of fw.nodes.filter((x) => x.children.length === 0)) expect(back.get(`${unit}|2018|${n.id}`), `${unit} ${n.id}`).toBe(value(unit, 2018, n.id));
      }
      expect([...back.keys()].every((k) => k.includes('|2018|'))).toBe(true);
    });
  }

  it('quotes last period from data without the base year, and from a unit under its old name with --rename', async () => {
    // an office keeps the last three years, not 2014: the form's reference column needs raw values only
    const dir = tempDir();
    const recent = [header.join(','), ...rows.filter((r) => r[1] === '2016' || r[1] === '2017').map((r) => (r[0] === CITIES[0] ? ['旧名', ...r.slice(1)] : r).join(','))].join('\n');
    writeFileSync(join(dir, 'recent.csv'), recent + '\n');
    const form = await template(dir, ['--previous', 'recent.csv', '--rename', `旧名=${CITIES[0]}`]);
    const ws = XLSX.read(readFileSync(form), { type: 'buffer' }).Sheets['填报表']!;
    expect(ws.C5!.v).toBe(value(CITIES[0]!, 2017, 'firms'));
    expect(ws.C6!.v).toBe(value(CITIES[1]!, 2017, 'firms'));
    // without the rename the unit has no reference: the cell is empty, not another unit's figure
    const bare = await template(dir, ['--previous', 'recent.csv']);
    expect(XLSX.read(readFileSync(bare), { type: 'buffer' }).Sheets['填报表']!.C5?.v).toBeUndefined();
  });

  it('--previous with a unit column smei does not know takes --unit-column (the county trial: 未知选项), as the config file gives it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'recent.csv'), `${['村社', ...header.slice(1)].join(',')}\n${rows.filter((r) => r[1] === '2017').map((r) => r.join(',')).join('\n')}\n`);
    const form = await template(dir, ['--previous', 'recent.csv', '--unit-column', '村社']);
    expect(XLSX.read(readFileSync(form), { type: 'buffer' }).Sheets['填报表']!.C5!.v).toBe(value(CITIES[0]!, 2017, 'firms'));
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ unitColumn: '村社' }));
    const configured = await template(dir, ['--previous', 'recent.csv']);
    expect(XLSX.read(readFileSync(configured), { type: 'buffer' }).Sheets['填报表']!.C5!.v).toBe(value(CITIES[0]!, 2017, 'firms'));
  });

  it('a half-year form with a yearly --previous says the previous data must be half-yearly, not that --period should be a year', async () => {
    const zh = await run(['template', '--units', CITIES.join(','), '--period', '2018H1', '--previous', fixture('zhejiang-synthetic.csv'), '--out', join(tempDir(), 'f.xlsx')]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('：它是年度数据，而填报表要的是 2018H1（半年度）。填报表从 --previous 引用上年同期（2017H1）的数据：请在那里给出半年度数据，或不用 --previous。');
    const r = await run(['template', '--units', CITIES.join(','), '--period', '2018H1', '--previous', fixture('zhejiang-synthetic.csv'), '--out', join(tempDir(), 'f.xlsx'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(': it is annual data, and the form asks for 2018H1 (half-yearly). The form quotes the same period a year before (2017H1) from --previous: give half-yearly data there, or leave --previous out.');
  });

  it('shows last period beside the inputs, unlocks only the inputs, and validates them', async () => {
    const dir = tempDir();
    const form = await template(dir, ['--previous', fixture('zhejiang-synthetic.csv')]);
    const wb = XLSX.read(readFileSync(form), { type: 'buffer' });
    const ws = wb.Sheets['填报表']!;
    expect(ws.A1!.v).toBe('浙江省小微企业成长指数数据填报表（2018年）');
    expect(String(ws.A2!.v)).toMatch(/^填报说明：请在黄色单元格中填写2018年数据，灰色单元格为2017年数据，仅供参考/);
    expect([ws.C4!.v, ws.D4!.v]).toEqual(['小微企业总数（2017年，参考）', '小微企业总数（家）']);
    expect(ws.C5!.v).toBe(value(CITIES[0]!, 2017, 'firms'));
    const sheetXml = zipPart(readFileSync(form), 'xl/worksheets/sheet1.xml')!;
    expect(sheetXml).toContain('<sheetProtection sheet="1"');
    // a share in % is 0-100; a count is at least 0
    expect(sheetXml).toMatch(/<dataValidation type="decimal" operator="between"[^>]*sqref="J5:J15"><formula1>0<\/formula1><formula2>100<\/formula2>/);
    expect(sheetXml).toMatch(/<dataValidation type="decimal" operator="greaterThanOrEqual"[^>]*sqref="D5:D15"><formula1>0<\/formula1>/);
    const styles = zipPart(readFileSync(form), 'xl/styles.xml')!;
    expect(styles).toContain('<protection locked="0"/>');
    expect(wb.SheetNames).toEqual(['填报表', '指标说明', '_smei']);
    expect(wb.Workbook!.Sheets![2]!.Hidden).toBe(2);
    const en = await run(['template', '--units', '杭州市', '--period', '2019', '--lang', 'en', '--layout', 'units', '--out', join(dir, 'en.xlsx')]);
    expect(en.code).toBe(0);
    const enSheet = XLSX.read(readFileSync(join(dir, 'en.xlsx')), { type: 'buffer' }).Sheets.Form!;
    expect(enSheet.A4!.v).toBe('Unit');
    // English units in half-width brackets; a form written before with full-width ones (revenue（CNY）) still reads
    expect(enSheet.D4!.v).toBe('Total operating revenue (hundred million CNY)');
    const old = fill(join(dir, 'en.xlsx'), () => null, (wb) => {
      const ws = wb.Sheets.Form!;
      for (const c of ['C4', 'D4']) ws[c]!.v = String(ws[c]!.v).replace(' (', '（').replace(/\)$/, '）');
      ws.C5 = { t: 'n', v: 7 };
      ws.D5 = { t: 'n', v: 8.5 };
    });
    const read = await run(['data', old, '--format', 'csv']);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toMatch(/杭州市,2019,firms,7\r?\n/);
    expect(read.stdout).toMatch(/杭州市,2019,revenue,8\.5\r?\n/);
  });

  it('is deterministic', async () => {
    const dir = tempDir();
    const a = readFileSync(await template(dir, ['--date', '2019-01-15']));
    const b = readFileSync(await template(dir, ['--date', '2019-01-15']));
    expect(a.equals(b)).toBe(true);
  });
});

describe('rows a clerk adds below a form', () => {
  it('are not read, and a note says which (a 合计 row, a new county)', async () => {
    const dir = tempDir();
    const filled = fill(await template(dir, []), (unit, node) => value(unit, 2017, node), (wb) => {
      const ws = wb.Sheets['填报表']!;
      const below = 4 + CITIES.length + 1; // 0-based: the units' rows, then one blank
      ws[XLSX.utils.encode_cell({ r: below, c: 0 })] = { t: 's', v: '合计' };
      ws[XLSX.utils.encode_cell({ r: below, c: 2 })] = { t: 'n', v: 999 };
      ws[XLSX.utils.encode_cell({ r: below + 1, c: 0 })] = { t: 's', v: '新区' };
      ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: below + 1, c: 20 } });
    });
    const r = await run(['data', filled, '--format', 'csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`填报表之外有2行（填报表 ${4 + CITIES.length + 2}: 合计, 填报表 ${4 + CITIES.length + 3}: 新区），未读取`);
    expect(r.stdout).not.toMatch(/合计|新区|999/);
  });
});

describe('an edited form is refused with the cell where it differs', () => {
  it('a deleted row', async () => {
    const dir = tempDir();
    const filled = fill(await template(dir, []), (u, n) => value(u, 2018, n), (wb) => {
      const ws = wb.Sheets['填报表']!;
      const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
      aoa.splice(5, 1); // the second city's row
      wb.Sheets['填报表'] = XLSX.utils.aoa_to_sheet(aoa);
    });
    const r = await run(['compute', filled], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/form-filled\.xlsx, sheet 填报表, A6：填报表这里应是"宁波市"，但单元格中是"温州市"：填报表的行或列被改动了（删除、移动或插入）。/);
    const en = await run(['compute', filled, '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toMatch(/form-filled\.xlsx, sheet 填报表, A6: the form says "宁波市" here, but the cell holds "温州市": the form's rows or columns were changed/);
  });

  it('a folder of returns with two edited forms names both at once, after reading the rest (the county trial: one form stopped the round\'s review)', async () => {
    const dir = tempDir();
    const { copyFileSync, mkdirSync } = await import('node:fs');
    const form = await template(dir, []);
    const good = fill(form, (u, n) => value(u, 2018, n));
    mkdirSync(join(dir, 'returns'));
    copyFileSync(good, join(dir, 'returns', 'c-good.xlsx'));
    for (const [name, cut] of [['a-row.xlsx', 5], ['b-row.xlsx', 7]] as const) {
      const bad = fill(form, (u, n) => value(u, 2018, n), (wb) => {
        const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['填报表']!, { header: 1, defval: null });
        aoa.splice(cut, 1);
        wb.Sheets['填报表'] = XLSX.utils.aoa_to_sheet(aoa);
      });
      copyFileSync(bad, join(dir, 'returns', name));
    }
    const r = await run(['review', 'returns'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^smei: 3个文件中有2个无法读取：returns\/a-row\.xlsx, sheet 填报表, A6：填报表这里应是"宁波市"，但单元格中是"温州市".*；returns\/b-row\.xlsx, sheet 填报表, A8：/);
  });

  it('a moved column', async () => {
    const dir = tempDir();
    const filled = fill(await template(dir, []), (u, n) => value(u, 2018, n), (wb) => {
      const ws = wb.Sheets['填报表']!;
      const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
      for (const row of aoa) row.splice(3, 0, row.splice(4, 1)[0] ?? null);
      wb.Sheets['填报表'] = XLSX.utils.aoa_to_sheet(aoa);
    });
    const r = await run(['compute', filled], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sheet 填报表, D4：填报表这里应是"营业收入总额（亿元）"，但单元格中是"就业人员总数（万人）"');
  });

  it('a label with a remark in brackets after it is the same row: read, with a note naming the cell (the trial: 营业收入总额（不含税） stopped the round)', async () => {
    const dir = tempDir();
    const filled = fill(await template(dir, []), (u, n) => value(u, 2018, n), (wb) => {
      wb.Sheets['填报表']!.D4 = { t: 's', v: '营业收入总额（亿元）（不含税）' };
    });
    const r = await run(['data', filled, '--format', 'csv', '--lang', 'en'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`杭州市,2018,revenue,${value('杭州市', 2018, 'revenue')}`);
    expect(r.stderr).toContain('1 label(s) on the form have a remark in brackets after them (D4: 营业收入总额（亿元）（不含税）): read as the indicator the form asks for; where a remark changes the definition (excluding tax, say), check with whoever filled it in.');
    // another label is still a changed form
    const moved = fill(await template(dir, []), (u, n) => value(u, 2018, n), (wb) => {
      wb.Sheets['填报表']!.D4 = { t: 's', v: '营业收入（亿元）' };
    });
    expect((await run(['data', moved], { cwd: dir })).code).toBe(2);
  });

  it('a form of another framework', async () => {
    const dir = tempDir();
    const filled = fill(await template(dir, []), (u, n) => value(u, 2018, n));
    const zh = await run(['compute', filled, '--framework', fixture('hand-worked-framework.json')], { cwd: dir });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('：这张填报表是为框架"zhejiang"制作的，所要的指标与框架"hand-worked"现在的不同：指标 firms 已删除；指标 revenue 已删除；');
    expect(zh.stderr).toContain('；另有 16 处不同。请用制作它时的框架读取（--framework），或填写一张用现在的框架制作的填报表（smei template）。');
    const r = await run(['compute', filled, '--framework', fixture('hand-worked-framework.json'), '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('this form was made for framework "zhejiang" and asks for other indicators than framework "hand-worked" does now: indicator firms was removed; indicator revenue was removed; ');
    expect(r.stderr).toContain('; and 16 more differences. Read it with the framework it was made with (--framework), or fill in a form made from the framework given now (smei template).');
  });
});

describe('a form survives a framework edit that does not change what it asks', () => {
  it('weights, methods, labels and aggregation changed: the form reads; an indicator removed or its unit changed: refused naming it', async () => {
    const dir = tempDir();
    const spec = JSON.parse((await run(['framework'])).stdout) as { aggregation: string; methods?: Record<string, string>; nodes: { id: string; weight?: number; zh?: string; unit?: string; parent?: string }[] };
    writeFileSync(join(dir, 'fw.json'), JSON.stringify(spec));
    const out = join(dir, 'form.xlsx');
    expect((await run(['template', '--units', CITIES.join(','), '--period', '2018', '--framework', 'fw.json', '--out', out], { cwd: dir })).code).toBe(0);
    const filled = fill(out, (u, n) => value(u, 2018, n));
    const read = async (edit: (s: typeof spec) => void): Promise<{ code: number; stderr: string; stdout: string }> => {
      const copy = JSON.parse(JSON.stringify(spec)) as typeof spec;
      edit(copy);
      writeFileSync(join(dir, 'fw.json'), JSON.stringify(copy));
      return run(['review', filled, '--framework', 'fw.json', '--format', 'json', '--lang', 'en'], { cwd: dir });
    };
    // a weight 1 -> 0.5 (issue 21's 0.4 -> 0.5), a module's label, the aggregation, a method
    const edited = await read((s) => {
      s.nodes.find((n) => n.id === 'revenue')!.weight = 0.5;
      s.nodes.find((n) => n.id === 'contribution')!.zh = '贡献力';
      s.aggregation = 'geometric';
      s.methods = { weights: 'equal' };
    });
    expect(edited.code, edited.stderr).toBe(0);
    // an indicator's own label changed: the form still reads (it carries the labels it printed)
    expect((await read((s) => { s.nodes.find((n) => n.id === 'revenue')!.zh = '营业收入'; })).code).toBe(0);
    const removed = await read((s) => { s.nodes = s.nodes.filter((n) => n.id !== 'fairs_forums'); });
    expect(removed.code).toBe(2);
    expect(removed.stderr).toBe(`smei: ${filled}: this form asks for other indicators than framework "zhejiang" does now: indicator fairs_forums was removed. Read it with the framework it was made with (--framework), or fill in a form made from the framework given now (smei template).\n`);
    const unit = await read((s) => { s.nodes.find((n) => n.id === 'revenue')!.unit = '万元'; });
    expect(unit.code).toBe(2);
    expect(unit.stderr).toContain('does now: the unit of revenue changed from 亿元 to 万元. Read it');
    const order = await read((s) => {
      const i = s.nodes.findIndex((n) => n.id === 'firms');
      const j = s.nodes.findIndex((n) => n.id === 'revenue');
      [s.nodes[i], s.nodes[j]] = [s.nodes[j]!, s.nodes[i]!];
    });
    expect(order.stderr).toContain('the order of the indicators changed');
  });
});

describe('template refusals', () => {
  it('a --units file with duplicates, no --out, a --previous without the year before', async () => {
    const dir = tempDir();
    tempFile('units.txt', '杭州市\n宁波市\n\n杭州市\n', dir);
    const dup = await run(['template', '--units', 'units.txt', '--period', '2019', '--out', 'f.xlsx'], { cwd: dir });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toBe('smei: --units units.txt："杭州市"列出了两次。每个地区请只列一次。\n');
    const dupEn = await run(['template', '--units', 'units.txt', '--period', '2019', '--out', 'f.xlsx', '--lang', 'en'], { cwd: dir });
    expect(dupEn.stderr).toBe('smei: --units units.txt: "杭州市" is listed twice. Give each unit once.\n');
    const noOut = await run(['template', '--units', 'a,b', '--period', '2019', '--lang', 'en'], { cwd: dir });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('give --out FILE.xlsx');
    const prev = await run(['template', '--units', 'a', '--period', '2030', '--out', 'f.xlsx', '--previous', fixture('zhejiang-synthetic.csv')], { cwd: dir });
    expect(prev.code).toBe(2);
    expect(prev.stderr).toContain('：没有 2029 的数据（数据有2014, 2015, 2016, 2017, 2018）。填报表显示的是 --period 2030 的上年同期。');
    const prevEn = await run(['template', '--units', 'a', '--period', '2030', '--out', 'f.xlsx', '--previous', fixture('zhejiang-synthetic.csv'), '--lang', 'en'], { cwd: dir });
    expect(prevEn.stderr).toContain('it has no data for 2029 (it has 2014, 2015, 2016, 2017, 2018)');
  });
});

describe('forms sent back blank', () => {
  it('one form per unit (--out DIR/) or a form for one unit is a sheet of its own, a row per indicator, unless --layout says otherwise (the trial: a strip of 18 columns)', async () => {
    const dir = tempDir();
    expect((await run(['template', '--units', '杭州市,宁波市', '--period', '2019', '--out', 'forms/'], { cwd: dir })).code).toBe(0);
    expect((await run(['template', '--units', '杭州市', '--period', '2019', '--out', 'one.xlsx'], { cwd: dir })).code).toBe(0);
    expect((await run(['template', '--units', '杭州市,宁波市', '--period', '2019', '--out', 'both.xlsx'], { cwd: dir })).code).toBe(0);
    const sheets = (f: string): string[] => XLSX.read(readFileSync(join(dir, f)), { type: 'buffer' }).SheetNames;
    expect(sheets('forms/杭州市.xlsx')).toEqual(['杭州市', '指标说明', '_smei']);
    expect(sheets('one.xlsx')).toEqual(['杭州市', '指标说明', '_smei']);
    expect(sheets('both.xlsx')).toEqual(['填报表', '指标说明', '_smei']);
    // the definitions sheet prints one page wide
    expect(zipPart(readFileSync(join(dir, 'one.xlsx')), 'xl/worksheets/sheet2.xml')).toContain('fitToWidth="1"');
  });

  it('are refused by review, compute and data alike, naming the folder, its units and period (not a table of dashes, not a clean review)', async () => {
    const dir = tempDir();
    const made = await run(['template', '--units', '杭州市,宁波市', '--period', '2019', '--out', 'forms/'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    for (const cmd of ['review', 'compute', 'data']) {
      const r = await run([cmd, 'forms/'], { cwd: dir });
      expect(r.code, cmd).toBe(2);
      expect(r.stderr, cmd).toBe('smei: forms/：没有任何数值：2个地区的指标单元格全部为空（2019）。可能交回的填报表是空表，或者这不是存放数据的文件（或工作表）：请填入数值，或给出正确的文件。\n');
      expect(r.stdout, cmd).toBe('');
    }
    const en = await run(['compute', 'forms/杭州市.xlsx', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toBe('smei: forms/杭州市.xlsx: no values at all: every indicator cell of its 1 unit is empty (2019). Returned forms were sent back blank, or this is not the file (or sheet) with the data: fill in the values, or give the right file.\n');
  });
});

describe('the whole round: forms out, submissions in, review', () => {
  it('filled forms reviewed against last year: clean ones pass, a copied one is an unchanged error', async () => {
    const dir = tempDir();
    const form = await template(dir, ['--layout', 'sheets', '--previous', fixture('zhejiang-synthetic.csv')]);
    // every city fills in 2018, but 湖州市 sends its 2017 figures again
    const filled = fill(form, (unit, node) => value(unit, unit === '湖州市' ? 2017 : 2018, node));
    const r = await run(['review', filled, '--previous', fixture('zhejiang-synthetic.csv'), '--units', [...CITIES, '新区'].join(','), '--format', 'json', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { unit: string; node: string; rule: string; level: string; message: string }[] }).findings;
    expect(findings.filter((f) => f.level === 'error').map((f) => `${f.unit} ${f.rule}`)).toEqual(['湖州市 unchanged', '新区 missing']);
    expect(findings.find((f) => f.rule === 'unchanged')!.message).toBe('all 18 indicators equal the year before: last year\'s form sent again?');
  });
});

describe('a blank cell of a returned form', () => {
  it('is named by its form, sheet and cell in the review, also when the forms of a folder are merged (the industry trial: source —)', async () => {
    const dir = tempDir();
    const { mkdirSync, renameSync } = await import('node:fs');
    mkdirSync(join(dir, 'returns'));
    for (const unit of ['杭州市', '宁波市']) {
      const r = await run(['template', '--units', unit, '--period', '2018', '--layout', 'sheets', '--out', join(dir, `${unit}.xlsx`)], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      // 宁波市 leaves patents empty
      const filled = fill(join(dir, `${unit}.xlsx`), (u, node) => (u === '宁波市' && node === 'patents_trademarks_brands' ? null : value(u, 2018, node)));
      renameSync(filled, join(dir, 'returns', `${unit}.xlsx`));
    }
    const r = await run(['review', 'returns', '--format', 'json'], { cwd: dir });
    const missing = (JSON.parse(r.stdout) as { findings: { unit: string; rule: string; node: string; source: string | null }[] }).findings.filter((f) => f.rule === 'missing');
    expect(missing.map((f) => [f.unit, f.node])).toEqual([['宁波市', 'patents_trademarks_brands']]);
    expect(missing[0]!.source).toMatch(/^returns\/宁波市\.xlsx, sheet 宁波市, C\d+$/);
  });
});
