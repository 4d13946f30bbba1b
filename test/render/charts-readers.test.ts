// Charts as a reader sees them (issue 26): drawn in headless Chromium and read
// back pixel by pixel. A 20-unit line chart greys out all but the aggregate,
// the profiled units and the named top and bottom; the slope chart draws one
// line per ranked unit between the right ranks in the right colour; the map
// fills each generated region in the order of its value. Data and boundaries
// are generated here, never real ones.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from '@e965/xlsx';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { zipNames, zipPart } from '../../src/input/xlsx.js';
import { bareName, matchUnits, parseBoundaries } from '../../src/render/geo.js';
import { spread } from '../../src/render/charts.js';
import { findViewer, needViewers, printSetups, ROOT, run, tempDir } from '../helpers.js';
import { VERSION } from '../../src/version.js';

const chromium = findViewer('chromium');
const CHROMIUM = 'path' in chromium ? chromium.path : undefined;

/** Screenshots an SVG file at its own size in headless Chromium. */
function shoot(svgPath: string): PNG {
  const svg = readFileSync(svgPath, 'utf8');
  const [w, h] = [Number(/width="(\d+)"/.exec(svg)![1]), Number(/height="(\d+)"/.exec(svg)![1])];
  const dir = tempDir();
  const shot = join(dir, 'shot.png');
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--hide-scrollbars', `--window-size=${w},${h}`, `--screenshot=${shot}`, `file://${svgPath}`], { timeout: 90_000 });
  expect(existsSync(shot), r.stderr?.toString()).toBe(true);
  return PNG.sync.read(readFileSync(shot));
}

/** The RGB of a pixel. */
function px(png: PNG, x: number, y: number): [number, number, number] {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

/** Whether a colour is within `tol` of a hex colour. */
function near(c: [number, number, number], hex: string, tol = 45): boolean {
  const t = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return Math.hypot(c[0] - t[0]!, c[1] - t[1]!, c[2] - t[2]!) <= tol;
}

/** Pixels near a colour within a box (default: the whole image). */
function count(png: PNG, hex: string, box = { x0: 0, x1: png.width, y0: 0, y1: png.height }, tol = 45): number {
  let n = 0;
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) if (near(px(png, x, y), hex, tol)) n++;
  return n;
}

/** A generated panel: 20 cities and a province over five years, ranks shuffled year to year; a one-indicator framework. */
function twentyUnits(dir: string): { data: string; fw: string } {
  const lines = ['地区,年份,x'];
  for (let y = 2014; y <= 2018; y++) {
    lines.push(`省,${y},${(100 * (1 + 0.05 * (y - 2014))).toFixed(3)}`);
    for (let i = 1; i <= 20; i++) {
      const k = y - 2014;
      lines.push(`城${String(i).padStart(2, '0')}市,${y},${(100 * (1 + k * (0.01 * ((i * 7) % 11) + 0.02 * Math.sin(i * 1.7 + k * 2.1)))).toFixed(3)}`);
    }
  }
  writeFileSync(join(dir, 'd.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'f.json'), JSON.stringify({ name: 't', zh: '测试指数', baseYear: 2014, aggregates: ['省'], nodes: [{ id: 'x', zh: '综合' }] }));
  return { data: join(dir, 'd.csv'), fw: join(dir, 'f.json') };
}

/** The unit rows of a JSON diff. */
async function diffRows(args: string[]): Promise<{ unit: string; status: string; rankFrom: number | null; rankTo: number | null; valueFrom: number | null; valueTo: number | null; changePoints: number | null; changePct: number | null }[]> {
  const r = await run(['diff', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).units;
}

describe('the composite over the years with 20 units', () => {
  it('draws the aggregate red, the profiled units in colour and labelled, the top and bottom 3 named, the other 12 light grey without labels', async (ctx) => {
    const dir = tempDir();
    const { data, fw } = twentyUnits(dir);
    const r = await run(['report', data, '--framework', fw, '--unit', '城05市', '--unit', '城12市', '--charts', join(dir, 'c'), '--out', join(dir, 'r.md'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    const file = readdirSync(join(dir, 'c')).map((f) => join(dir, 'c', f)).find((f) => readFileSync(f, 'utf8').includes('（2014年–2018年）'))!;
    const svg = readFileSync(file, 'utf8');
    // who is named: the aggregate, the two profiled units, the top and bottom three of 2018 (from the JSON ranks)
    const j = await run(['compute', data, '--framework', fw, '--format', 'json', '--year', '2018']);
    const ranked = (JSON.parse(j.stdout).rows as { unit: string; rank: number | null }[]).filter((x) => x.rank !== null).sort((a, b) => a.rank! - b.rank!).map((x) => x.unit);
    expect(ranked).toHaveLength(20);
    const named = new Set(['省', '城05市', '城12市', ...ranked.slice(0, 3), ...ranked.slice(-3)]);
    const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    for (const u of ranked) expect(texts.includes(u), u).toBe(named.has(u));
    // the legend holds the aggregate and the profiled units only: their names appear twice (legend and line end)
    for (const u of ['省', '城05市', '城12市']) expect(texts.filter((t) => t === u)).toHaveLength(2);
    if (needViewers(ctx, 'chromium') === undefined) return;
    const png = shoot(file);
    const [red, blue, orange, grey] = ['#c23531', '#0072B2', '#E69F00', '#cfcfcf'];
    expect(count(png, red, undefined, 30)).toBeGreaterThan(300);
    expect(count(png, blue, undefined, 30)).toBeGreaterThan(300);
    expect(count(png, orange, undefined, 30)).toBeGreaterThan(300);
    expect(count(png, grey, undefined, 12)).toBeGreaterThan(800);
    // no other strong colour: the other units are grey
    for (const other of ['#009E73', '#CC79A7', '#56B4E9']) expect(count(png, other, undefined, 30), other).toBeLessThan(10);
    // the labels right of the plot carry the lines' colours
    const labels = { x0: png.width - 76, x1: png.width, y0: 40, y1: png.height - 60 };
    expect(count(png, red, labels, 40)).toBeGreaterThan(20);
    expect(count(png, blue, labels, 40)).toBeGreaterThan(40);
    expect(count(png, orange, labels, 40)).toBeGreaterThan(40);
  }, 120_000);

  it('--charts small-multiples draws one panel per unit on a shared axis, the aggregate dashed in each', async () => {
    const dir = tempDir();
    const { data, fw } = twentyUnits(dir);
    const r = await run(['report', data, '--framework', fw, '--charts', 'small-multiples', '--out', join(dir, 'r.html'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const fig = html.slice(html.indexOf('综合（2014年–2018年）'), html.indexOf('</figure>', html.indexOf('综合（2014年–2018年）')));
    for (let i = 1; i <= 20; i++) expect(fig).toContain(`>城${String(i).padStart(2, '0')}市</text>`);
    expect(fig).toContain('每个地区一幅小图，按2018年排名排列，纵轴相同；红色虚线为省。');
    expect(fig.match(/stroke-dasharray/g)!.length).toBeGreaterThanOrEqual(20);
    // the same bytes twice
    expect((await run(['report', data, '--framework', fw, '--charts', 'small-multiples', '-q', '--format', 'html'])).stdout).toBe(html);
  });
});

describe('the slope chart', () => {
  it('diff --out html: one line per ranked unit from its earlier rank (left) to its later (right), coloured by the move, every end named', async (ctx) => {
    const dir = tempDir();
    const { data, fw } = twentyUnits(dir);
    const out = join(dir, 'd.html');
    const r = await run(['diff', data, '--framework', fw, '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const rows = (await diffRows([data, '--framework', fw])).filter((u) => u.rankFrom !== null && u.rankTo !== null);
    expect(rows).toHaveLength(20);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    for (const u of rows) {
      expect(svg).toContain(`>${u.unit}  ${u.rankFrom}</text>`);
      expect(svg).toContain(`>${u.rankTo}  ${u.unit}</text>`);
    }
    const moved = rows.filter((u) => u.rankFrom !== u.rankTo).length;
    expect(moved).toBeGreaterThan(10);
    expect(html).toContain(`蓝线上升（${rows.filter((u) => u.rankTo! < u.rankFrom!).length}个），橙红线下降（${rows.filter((u) => u.rankTo! > u.rankFrom!).length}个）`);
    if (needViewers(ctx, 'chromium') === undefined) return;
    const file = join(dir, 'slope.svg');
    writeFileSync(file, svg.replace(/^<svg([^>]*) role="img" aria-label="[^"]*">/, '<svg$1>'));
    const png = shoot(file);
    // the plot: ranks 1..20 from y = 84 to height - 46, the periods at x = 150 and width - 150
    const [x0, x1] = [150, png.width - 150];
    const y = (rank: number): number => 84 + ((rank - 1) / 19) * (png.height - 84 - 46);
    for (const u of rows) {
      const colour = u.rankTo! < u.rankFrom! ? '#0072B2' : u.rankTo! > u.rankFrom! ? '#D55E00' : '#a0a0a0';
      const [ya, yb] = [y(u.rankFrom!), y(u.rankTo!)];
      // a little way in from each end, on the straight line between the two ranks
      // (the pixel nearest the colour within a pixel of the line: a thin line is smoothed over two rows)
      for (const t of [0.04, 0.96]) {
        const [x, yy] = [x0 + t * (x1 - x0), ya + t * (yb - ya)];
        expect([-1, 0, 1].some((d) => near(px(png, x, yy + d), colour, 50)), `${u.unit} at ${t}`).toBe(true);
      }
    }
  }, 120_000);

  it('sits in the yearly report next to 位次变动, in HTML and Word; the Markdown is unchanged', async () => {
    const dir = tempDir();
    const { data, fw } = twentyUnits(dir);
    const r = await run(['report', data, '--framework', fw, '--out', join(dir, 'r.html'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const movers = html.slice(html.indexOf('位次变动'), html.indexOf('<h2', html.indexOf('位次变动')));
    expect(movers).toContain('<figure class="chart">');
    expect(movers).toContain('综合排名变化（2017年→2018年）');
    const md = await run(['report', data, '--framework', fw, '-q']);
    expect(md.stdout).not.toContain('排名变化（2017年→2018年）');
  });
});

describe('diff as documents', () => {
  it('name periods in words, as a reader says them: 2018年上半年, not 2018H1 (the trial\'s half-year round)', async () => {
    const dir = tempDir();
    const out = join(dir, 'h.html');
    const r = await run(['diff', 'fixtures/halfyear-synthetic.csv', '--framework', 'fixtures/quarterly-framework.json', '--from', '2018H1', '--to', '2019H1', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('排名变动（2018年上半年→2019年上半年）');
    expect(html).not.toMatch(/<h1>[^<]*2018H1/);
  });

  const SYN = 'fixtures/zhejiang-synthetic.csv';
  const REV = 'fixtures/zhejiang-synthetic-revised.csv';

  it('--out x.xlsx holds the rank changes unrounded with display formats, and the revision sheet for two files', async () => {
    const dir = tempDir();
    const out = join(dir, 'd.xlsx');
    const r = await run(['diff', SYN, REV, '--aggregate-unit', '浙江省', '--out', out, '-q'], { env: { SOURCE_DATE_EPOCH: '1546300800' } });
    expect(r.code, r.stderr).toBe(0);
    const wb = XLSX.read(readFileSync(out));
    expect(wb.SheetNames).toEqual(['排名变动', '数据修订', '方法']);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['排名变动']!, { header: 1, defval: null });
    const headAt = grid.findIndex((row) => row[0] === '地区');
    expect(grid[0]![0]).toBe('11个地区：上升0个，下降0个，不变11个，数值变化0个，新增0个，本期无值0个');
    const want = await diffRows([SYN, REV, '--aggregate-unit', '浙江省']);
    const rows = grid.slice(headAt + 1);
    expect(rows.map((x) => x[0])).toEqual(want.map((u) => u.unit));
    rows.forEach((x, i) => {
      expect(x.slice(2, 4)).toEqual([want[i]!.rankFrom, want[i]!.rankTo]);
      expect(x.slice(5, 9)).toEqual([want[i]!.valueFrom, want[i]!.valueTo, want[i]!.changePoints, want[i]!.changePct]);
    });
    // shown with two decimals, the real value kept
    const c = wb.Sheets['排名变动']![`F${headAt + 2}`]!;
    expect(c.w).toBe((c.v as number).toFixed(2));
    expect(String(c.v)).not.toBe(c.w);
    const cells = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['数据修订']!, { header: 1, defval: null });
    expect(cells[1]!.slice(0, 6)).toEqual(['杭州市', 2016, '营业收入总额', '修改', 14186, 11988]);
    const again = join(dir, 'e.xlsx');
    await run(['diff', SYN, REV, '--aggregate-unit', '浙江省', '--out', again, '-q'], { env: { SOURCE_DATE_EPOCH: '1546300800' } });
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });

  it('--out x.xlsx prints each sheet one page wide on A4, landscape when wide, the summary lines and the header on every page', async () => {
    const dir = tempDir();
    const env = { SOURCE_DATE_EPOCH: '1546300800' };
    expect((await run(['diff', SYN, REV, '--aggregate-unit', '浙江省', '--out', join(dir, 'two.xlsx'), '-q'], { env })).code).toBe(0);
    expect((await run(['diff', SYN, '--from', '2016', '--to', '2018', '--lang', 'en', '--out', join(dir, 'one.xlsx'), '-q'], { env })).code).toBe(0);
    const page = { paper: '9', fitToWidth: '1', fitToPage: true };
    // a revision: the summary, the revision line, the two sides and the header repeated (rows 1 to 4);
    // the revised cells, 102 characters wide, and the method, its SHA-256 lines, wider than a portrait page
    expect(printSetups(readFileSync(join(dir, 'two.xlsx')))).toEqual([
      { sheet: '排名变动', ...page, orientation: 'landscape', titles: '$1:$4' },
      { sheet: '数据修订', ...page, orientation: 'landscape', titles: '$1:$1' },
      { sheet: '方法', ...page, orientation: 'landscape' },
    ]);
    // one file: the summary, the sides and the header (rows 1 to 3)
    const one = readFileSync(join(dir, 'one.xlsx'));
    expect(printSetups(one)).toEqual([
      { sheet: 'Rank changes', ...page, orientation: 'landscape', titles: '$1:$3' },
      { sheet: 'Method', ...page, orientation: 'landscape' },
    ]);
    // the header row tall enough for its wrapped labels ("SME growth index 2016" in a column of 16: two lines)
    expect(/<row r="3"[^>]*>/.exec(zipPart(one, 'xl/worksheets/sheet1.xml')!)?.[0]).toBe('<row r="3" ht="30" customHeight="1">');
  });

  it('--out x.xlsx has a method sheet saying what was compared: the files as compute names them with their SHA-256, the periods, the node, the tolerance, what was left out, the version and date', async () => {
    const dir = tempDir();
    const env = { SOURCE_DATE_EPOCH: '1546300800' };
    const sha = (f: string): string => createHash('sha256').update(readFileSync(join(ROOT, f))).digest('hex');
    expect((await run(['diff', SYN, REV, '--aggregate-unit', '浙江省', '--out', join(dir, 'two.xlsx'), '-q'], { env })).code).toBe(0);
    const method = (file: string, sheet: string): unknown[][] => XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(join(dir, file))).Sheets[sheet]!, { header: 1, defval: null });
    expect(method('two.xlsx', '方法')).toEqual([
      ['比较', '两个文件：修订前与修订后'],
      ['输入（修订前）', `${SYN}  SHA-256 ${sha(SYN)}`],
      ['输入（修订后）', `${REV}  SHA-256 ${sha(REV)}`],
      ['时期（修订前）', '2018年'],
      ['时期（修订后）', '2018年'],
      ['排名依据', '小微企业成长指数（index）'],
      ['相对容差', '1e-9'],
      ['生成', `smei ${VERSION}`],
      ['日期', '2019-01-01'],
    ]);
    // named as compute's workbook names the same file
    expect((await run(['compute', SYN, '--out', join(dir, 'c.xlsx'), '-q'], { env })).code).toBe(0);
    expect(method('c.xlsx', '方法').find((r) => r[0] === '输入')!.slice(0, 2)).toEqual(['输入', `${SYN}  SHA-256 ${sha(SYN)}`]);
    // one file, in English, with --node, --top and --only; no date without SOURCE_DATE_EPOCH;
    // no tolerance either: with one file it decides only --exit-code, nothing the workbook shows
    const r = await run(['diff', SYN, '--from', '2016', '--to', '2018', '--node', 'activity', '--tolerance', '0.001', '--top', '3', '--only', 'up', 'down', '--lang', 'en', '--out', join(dir, 'one.xlsx'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(method('one.xlsx', 'Method')).toEqual([
      ['Compared', 'two periods of one file'],
      ['Input', `${SYN}  SHA-256 ${sha(SYN)}`],
      ['From', '2016'],
      ['To', '2018'],
      ['Ranked by', 'Growth activity (activity)'],
      ['Shown', 'the first 3 ranked units (aggregates besides); only up, down'],
      ['Generated by', `smei ${VERSION}`],
    ]);
  });

  it('--out x.html is valid HTML, the same bytes twice, with unit names that hold markup', async () => {
    const dir = tempDir();
    // base 2016: in 2017 甲&乙 is 200, 丙 and 丁 100 (甲&乙 first); in 2018 600, 125 and 33.3
    writeFileSync(join(dir, 'd.csv'), '地区,年份,x\n"<b>甲&乙</b>",2016,0.5\n"<b>甲&乙</b>",2017,1\n"<b>甲&乙</b>",2018,3\n"丙""市",2016,2\n"丙""市",2017,2\n"丙""市",2018,2.5\n丁市,2016,3\n丁市,2017,3\n丁市,2018,1\n');
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ name: 't', zh: '测试指数', baseYear: 2016, nodes: [{ id: 'x', zh: '综合' }] }));
    const out = join(dir, 'd.html');
    const r = await run(['diff', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const { HtmlValidate } = await import('html-validate');
    const result = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(result.results.flatMap((x) => x.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    // 甲&乙 is first in 2017
    expect(html).toContain('&lt;b&gt;甲&amp;乙&lt;/b&gt;  1</text>');
    expect(html).not.toContain('<b>甲');
    await run(['diff', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--out', join(dir, 'e.html'), '-q']);
    expect(readFileSync(join(dir, 'e.html'), 'utf8')).toBe(html);
  });

  it('--out x.docx: title, summary, the slope chart as a picture, the tables; the same bytes twice', async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.docx'), join(dir, 'b.docx')];
    for (const out of [a, b]) expect((await run(['diff', 'fixtures/zhejiang-cities-2018.csv', '--out', out, '-q'])).code).toBe(0);
    const bytes = readFileSync(a);
    expect(bytes.equals(readFileSync(b))).toBe(true);
    expect(zipNames(bytes).filter((n) => n.startsWith('word/media/'))).toHaveLength(1);
    const xml = zipPart(bytes, 'word/document.xml')!;
    expect(xml).toContain('浙江省小微企业成长指数排名变动（2017年→2018年）');
    expect(xml).toContain('数据：fixtures/zhejiang-cities-2018.csv');
    expect(xml).toContain('11个地区：上升4个，下降4个，不变3个，新增0个，本期无值0个。');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
  });
});

/** A row of squares, 0.5° wide, in lon/lat near 30°N, named as given. */
function squares(names: string[], extra: object[] = []): string {
  const features = names.map((name, i) => ({ type: 'Feature', properties: { name, code: i }, geometry: { type: 'Polygon', coordinates: [[[120 + i * 0.5, 30], [120.5 + i * 0.5, 30], [120.5 + i * 0.5, 30.5], [120 + i * 0.5, 30.5], [120 + i * 0.5, 30]]] } }));
  return JSON.stringify({ type: 'FeatureCollection', features: [...features, ...extra] });
}

describe('maps', () => {
  it('matches units to features by name, with or without the suffix when unambiguous; aggregates are never regions', () => {
    expect(bareName('杭州市')).toBe('杭州');
    expect(bareName('杭州')).toBe('杭州');
    expect(bareName('淳安县')).toBe('淳安');
    expect(bareName('宁夏回族自治区')).toBe('宁夏回族');
    const m = matchUnits(['浙江省', '杭州', '宁波市', '温州市', '鹿城区'], [true, false, false, false, false], ['浙江', '杭州市', '宁波市', '温州', '鹿城县', '鹿城市', '海岛']);
    expect(m.matched.map((x) => [x.unit, x.feature])).toEqual([[1, '杭州市'], [2, '宁波市'], [3, '温州']]);
    // 鹿城区: two features share the bare name 鹿城, so no guess
    expect(m.unmatchedUnits).toEqual(['鹿城区']);
    expect(m.unmatchedFeatures).toEqual(['浙江', '鹿城县', '鹿城市', '海岛']);
  });

  it('fills each region in the order of its value; the legend shows the range and the aggregate; unmatched units and features are listed', async (ctx) => {
    const dir = tempDir();
    const units = ['东阳市', '义乌市', '南浔区', '北仑区', '西湖区', '中山市'];
    const growth = [0.3, 0.1, 0.5, 0.2, 0.6, 0.4];
    const lines = ['地区,年份,x'];
    for (const y of [2014, 2015]) {
      lines.push(`全省,${y},${y === 2014 ? 100 : 135}`);
      units.forEach((u, i) => lines.push(`${u},${y},${y === 2014 ? 100 : 100 * (1 + growth[i]!)}`));
      lines.push(`海宁市,${y},${y === 2014 ? 100 : 111}`);
    }
    writeFileSync(join(dir, 'd.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ name: 't', baseYear: 2014, aggregates: ['全省'], nodes: [{ id: 'x', zh: '综合' }] }));
    // features: four with the suffix, two without it (义乌, 北仑), and a lake with no unit; 海宁市 has no feature
    writeFileSync(join(dir, 'm.geojson'), squares(['东阳市', '义乌', '南浔区', '北仑', '西湖区', '中山市', '太湖']));
    const r = await run(['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--map', join(dir, 'm.geojson'), '--charts', join(dir, 'c'), '--out', join(dir, 'r.md'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    const file = readdirSync(join(dir, 'c')).map((f) => join(dir, 'c', f)).find((f) => readFileSync(f, 'utf8').includes('>低</text>'))!;
    const svg = readFileSync(file, 'utf8');
    expect(svg).toContain('>110.00</text>');
    expect(svg).toContain('>160.00</text>');
    expect(svg).toContain('>全省 135.00</text>');
    const html = await run(['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--map', join(dir, 'm.geojson'), '--format', 'html', '-q']);
    expect(html.stdout).toContain('地图文件中找不到的地区：海宁市。地图中没有对应数据的区域：太湖。');
    expect(html.stdout).not.toContain('全省\n');
    const { HtmlValidate } = await import('html-validate');
    const valid = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html.stdout);
    expect(valid.results.flatMap((x) => x.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    const again = await run(['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--map', join(dir, 'm.geojson'), '--format', 'html', '-q']);
    expect(again.stdout).toBe(html.stdout);
    const en = await run(['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--map', join(dir, 'm.geojson'), '--format', 'html', '-q', '--lang', 'en']);
    expect(en.stdout).toContain('Units not found in the map file: 海宁市. Map areas with no unit in the data: 太湖.');
    if (needViewers(ctx, 'chromium') === undefined) return;
    const png = shoot(file);
    // runs of one fill across the row of squares, below the names: one per square, left to right
    const row = 50 + (png.height - 120) / 2 + 40;
    const runs: { colour: [number, number, number]; width: number }[] = [];
    for (let x = 0; x < png.width; x++) {
      const c = px(png, x, row);
      const last = runs[runs.length - 1];
      if (last && near(c, `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`) && Math.hypot(c[0] - last.colour[0], c[1] - last.colour[1], c[2] - last.colour[2]) < 3) last.width++;
      else runs.push({ colour: c, width: 1 });
    }
    const fills = runs.filter((x) => x.width > 40 && !(x.colour[0] === 255 && x.colour[1] === 255 && x.colour[2] === 255)).map((x) => x.colour);
    expect(fills).toHaveLength(7);
    // the lake: no unit, the pale grey of no data
    expect(near(fills[6]!, '#eeeeee', 4)).toBe(true);
    // darker (lower R+G+B) exactly as the value is higher
    const light = fills.slice(0, 6).map((c) => c[0] + c[1] + c[2]);
    const byValue = growth.map((g, i) => ({ g, i })).sort((a, b) => a.g - b.g).map((x) => light[x.i]!);
    for (let k = 1; k < byValue.length; k++) expect(byValue[k]!).toBeLessThan(byValue[k - 1]!);
  }, 120_000);

  it('refuses what is not GeoJSON, projected coordinates, and a missing name property: exit 2, the file named', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'd.csv'), '地区,年份,x\n甲市,2014,1\n甲市,2015,2\n乙市,2014,1\n乙市,2015,3\n');
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ name: 't', baseYear: 2014, nodes: [{ id: 'x', zh: '综合' }] }));
    const args = ['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--lang', 'en', '--format', 'html', '--map'];
    const csv = await run([...args, join(dir, 'd.csv')]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/d\.csv(:\d+:\d+)?: not GeoJSON \(not valid JSON/);
    expect(csv.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(join(dir, 'p.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '甲市' }, geometry: { type: 'Polygon', coordinates: [[[500000, 3300000], [510000, 3300000], [510000, 3310000], [500000, 3300000]]] } }] }));
    const projected = await run([...args, join(dir, 'p.geojson')]);
    expect(projected.code).toBe(2);
    expect(projected.stderr).toContain('projected system');
    writeFileSync(join(dir, 'k.geojson'), squares(['甲市', '乙市']).replace(/"name"/g, '"NAME_2"'));
    const key = await run([...args, join(dir, 'k.geojson')]);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('no feature has a property "name" to match the units by. The features\' properties are: NAME_2, code. Name the one holding the unit names with --map-key.');
    const ok = await run([...args, join(dir, 'k.geojson'), '--map-key', 'NAME_2']);
    expect(ok.code, ok.stderr).toBe(0);
    const fc = await run([...args, join(dir, 'f.json')]);
    expect(fc.code).toBe(2);
    expect(fc.stderr).toContain('not a GeoJSON FeatureCollection (found "type": null)');
    expect(() => parseBoundaries('[]', 'x.geojson')).toThrow('x.geojson: not a GeoJSON FeatureCollection (found a JSON array)');
    const base = ['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--format', 'html'];
    const node = await run([...base, '--node', 'x', '--lang', 'en']);
    expect(node.code).toBe(2);
    expect(node.stderr).toContain('--node picks what the map shows; give the map with --map FILE.geojson.');
    expect((await run([...base, '--node', 'x'])).stderr).toContain('--node 用于选择地图显示的节点；请用 --map FILE.geojson 给出地图。');
    const dirs = await run(['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--charts', join(dir, 'a'), '--charts', join(dir, 'b'), '--lang', 'en']);
    expect(dirs.code).toBe(2);
    expect(dirs.stderr).toContain('--charts names one folder');
    const dirsZh = await run(['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--charts', join(dir, 'a'), '--charts', join(dir, 'b')]);
    expect(dirsZh.stderr).toContain(`--charts 只能指定一个文件夹，实际给了 ${JSON.stringify(join(dir, 'a'))} 和 ${JSON.stringify(join(dir, 'b'))}。`);
    const missing = await run([...args, join(dir, 'none.geojson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.geojson: cannot read it (no such file)');
  });

  it('the framework key "map" names the boundaries beside the framework file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'd.csv'), '地区,年份,x\n甲市,2014,1\n甲市,2015,2\n乙市,2014,1\n乙市,2015,3\n');
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ name: 't', baseYear: 2014, map: { file: 'm.geojson', key: 'code' }, nodes: [{ id: 'x', zh: '综合' }] }));
    writeFileSync(join(dir, 'm.geojson'), squares(['甲市', '乙市']).replace(/"code":(\d)/g, (_, i: string) => `"code":"${['甲市', '乙市'][Number(i)]}"`));
    const r = await run(['report', 'd.csv', '--framework', 'f.json', '--format', 'html', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2015年各地区综合');
    expect(r.stdout).toContain('颜色越深，综合越高；灰色为无数据。');
  });
});

describe('label placement', () => {
  it('keeps labels a gap apart, in order, within the room', () => {
    expect(spread([10, 12, 50], 10, 0, 100)).toEqual([10, 20, 50]);
    expect(spread([95, 96, 97], 10, 0, 100)).toEqual([80, 90, 100]);
    expect(spread([5, 1], 10, 0, 100)).toEqual([11, 1]);
  });
});
