// A quarterly report of 13 counties with long names (a tester's 宜昌市 round:
// 长阳土家族自治县, 五峰土家族自治县): the line chart cut the names at its right
// edge in HTML and Word; the drivers tables dropped the bottom two of 13
// ("另有2个地区未列出"); the rank changes compared with the same quarter a
// year earlier without saying so, while `smei diff` compares with the
// quarter before. Data generated here (the counties' names, invented numbers).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { zipNames, zipPartBytes } from '../../src/input/xlsx.js';
import { chartSvg, svgToPng } from '../../src/render/charts.js';
import { needViewers, run, tempDir } from '../helpers.js';

const COUNTIES = ['西陵区', '伍家岗区', '点军区', '猇亭区', '夷陵区', '远安县', '兴山县', '秭归县', '长阳土家族自治县', '五峰土家族自治县', '宜都市', '当阳市', '枝江市'];
const LONG = ['长阳土家族自治县', '五峰土家族自治县'];

/** 13 counties and 宜昌市 (their sum), 2019Q1-2020Q4, four indicators in two modules; ranks move from quarter to quarter. */
function round(units = COUNTIES, freq: 'quarter' | 'year' = 'quarter'): { dir: string; args: string[] } {
  const dir = tempDir();
  const periods = freq === 'year' ? ['2018', '2019', '2020'] : ['2019Q1', '2019Q2', '2019Q3', '2019Q4', '2020Q1', '2020Q2', '2020Q3', '2020Q4'];
  const rows: number[][] = [];
  const lines = ['地区,时期,a1,a2,b1,b2'];
  units.forEach((u, i) => periods.forEach((p, k) => {
    const v = [0, 1, 2, 3].map((j) => Math.round(100 * (100 * (1 + 0.1 * (i % 13)) * (1 + k * (0.01 + 0.004 * (((i + 1) * (j + 3) * 7) % 11)) + 0.03 * Math.sin(i * 1.3 + k * 2.1 + j)))) / 100);
    rows.push([k, ...v]);
    lines.push([u, p, ...v].join(','));
  }));
  periods.forEach((p, k) => {
    const sum = [1, 2, 3, 4].map((j) => rows.filter((r) => r[0] === k).reduce((s, r) => s + r[j]!, 0));
    lines.push(['宜昌市', p, ...sum.map((x) => x.toFixed(2))].join(','));
  });
  writeFileSync(join(dir, 'd.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'fw.json'), JSON.stringify({
    name: 'yc', zh: '小微企业成长指数', en: 'SME growth index', baseYear: freq === 'year' ? 2018 : 2019, aggregates: ['宜昌市'],
    nodes: [
      { id: 'index', zh: '小微企业成长指数', en: 'SME growth index' },
      { id: 'a', parent: 'index', zh: '综合贡献力', en: 'Contribution' }, { id: 'b', parent: 'index', zh: '成长活跃度', en: 'Activity' },
      { id: 'a1', parent: 'a', zh: '营业收入', en: 'Revenue' }, { id: 'a2', parent: 'a', zh: '从业人员', en: 'Employment' },
      { id: 'b1', parent: 'b', zh: '新登记企业数', en: 'New firms' }, { id: 'b2', parent: 'b', zh: '贷款余额', en: 'Loans' },
    ],
  }));
  return { dir, args: [join(dir, 'd.csv'), '--framework', join(dir, 'fw.json'), '-q'] };
}

/** The SVG's width and its texts: content, anchor, where drawn, font size. */
function texts(svg: string): { width: number; all: { text: string; anchor: string; x: number; y: number; size: number; legend: boolean }[] } {
  const width = Number(/<svg width="(\d+)"/.exec(svg)![1]);
  const all = [...svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attrs = m[1]!;
    const [x, y] = /transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(attrs)!.slice(1).map(Number);
    return { text: m[2]!, anchor: /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start', x: x!, y: y!, size: Number(/font-size:(\d+)px/.exec(attrs)?.[1] ?? 12), legend: / x="/.test(attrs) };
  });
  return { width, all };
}

/** A Chinese label's width as a CJK font draws it: one em a character (every label here is Chinese only). */
const cjkWidth = (t: { text: string; size: number }): number => [...t.text].length * t.size;

/** Columns of dark pixels within `cols` of a PNG's right edge (a label run past the edge leaves its ink there). */
function inkAtRightEdge(png: PNG, cols = 3): number {
  let n = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = png.width - cols; x < png.width; x++) {
      const i = (png.width * y + x) * 4;
      if (Math.min(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!) < 200) n++;
    }
  }
  return n;
}

describe('the line chart gives its end labels the room the longest name needs', () => {
  it('长阳土家族自治县 and 五峰土家族自治县 are drawn whole, within the chart, in the SVG (HTML) and the PNG (Word)', async (ctx) => {
    const { dir, args } = round();
    const r = await run(['report', ...args, '--unit', LONG[0]!, '--unit', LONG[1]!, '--charts', join(dir, 'c'), '--out', join(dir, 'r.md')]);
    expect(r.code, r.stderr).toBe(0);
    const file = readdirSync(join(dir, 'c')).map((f) => join(dir, 'c', f)).find((f) => readFileSync(f, 'utf8').includes('（2019年第一季度–2020年第四季度）'))!;
    const svg = readFileSync(file, 'utf8');
    const { width, all } = texts(svg);
    // the end labels: right of the plot, not the legend's
    const ends = all.filter((t) => t.anchor === 'start' && !t.legend && t.x > width / 2 && t.size === 11);
    for (const name of [...LONG, '宜昌市']) {
      const label = ends.find((t) => t.text === name);
      expect(label, name).toBeDefined();
      expect(label!.x + cjkWidth(label!), name).toBeLessThanOrEqual(width);
    }
    for (const t of ends) expect(t.x + cjkWidth(t), t.text).toBeLessThanOrEqual(width);
    // the HTML report holds the same chart
    const html = await run(['report', ...args, '--unit', LONG[0]!, '--unit', LONG[1]!, '--format', 'html']);
    expect(html.stdout).toContain(svg.slice(svg.indexOf('<text'), svg.indexOf('</text>')));
    if (needViewers(ctx, 'cjk-font') === undefined) return;
    // drawn as Word draws it (resvg): no ink at the right edge, every chart of the document
    expect(inkAtRightEdge(PNG.sync.read(Buffer.from(await svgToPng(svg, 1))))).toBe(0);
    const docx = join(dir, 'r.docx');
    expect((await run(['report', ...args, '--unit', LONG[0]!, '--unit', LONG[1]!, '--out', docx])).code).toBe(0);
    const bytes = readFileSync(docx);
    const pngs = zipNames(bytes).filter((n) => n.startsWith('word/media/') && n.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(5);
    for (const n of pngs) expect(inkAtRightEdge(PNG.sync.read(zipPartBytes(bytes, n)!), 4), n).toBe(0);
  }, 120_000);

  it('a name longer than the room allows is broken into lines, never cut; short names keep the chart as it was', async () => {
    const name = '积石山保安族东乡族撒拉族自治县长阳土家族自治县'; // 23 characters
    const values = (k: number): number[] => [100, 104 + k, 108 + 2 * k];
    const svg = await chartSvg({ kind: 'line', title: 't', categories: ['2019Q1', '2019Q2', '2019Q3'], decimals: 2, series: [{ name, values: values(0), role: 'focus' }, { name: '宜都市', values: values(3), role: 'focus' }, { name: '宜昌市', values: values(1), role: 'aggregate', emphasis: true }] });
    const { width, all } = texts(svg);
    const parts = all.filter((t) => t.anchor === 'start' && !t.legend && t.x > width / 2 && name.includes(t.text));
    expect(parts.length).toBe(2);
    expect(parts.map((t) => t.text).join('')).toBe(name);
    for (const t of parts) expect(t.x + cjkWidth(t)).toBeLessThanOrEqual(width);
    // the plot ends where the last period is written: 720 - 240 at most for the long name, and for
    // three-character names the right margin of 80 pixels as before
    expect(all.find((t) => t.text === '2019Q3')!.x).toBe(720 - 240);
    const short = await chartSvg({ kind: 'line', title: 't', categories: ['2019Q1', '2019Q2', '2019Q3'], decimals: 2, series: [{ name: '宜都市', values: values(3), role: 'focus' }, { name: '宜昌市', values: values(1), role: 'aggregate' }] });
    expect(texts(short).all.find((t) => t.text === '2019Q3')!.x).toBe(720 - 80);
  });

  it('the slope chart gives each side the room its longest label needs', async () => {
    const name = '积石山保安族东乡族撒拉族自治县'; // 15 characters: more than the 150 pixels a side had
    const { slopeSpec } = await import('../../src/render/chart-spec.js');
    const svg = await chartSvg(slopeSpec([{ name, from: 1, to: 2 }, { name: '宜都市', from: 2, to: 1 }], { lang: 'zh', from: '2019年第四季度', to: '2020年第四季度', title: 't' }));
    const { width, all } = texts(svg);
    const left = all.find((t) => t.text === `${name}  1`)!;
    const right = all.find((t) => t.text === `2  ${name}`)!;
    expect(left.anchor).toBe('end');
    expect(left.x - labelCjkWidth(left.text, left.size)).toBeGreaterThanOrEqual(0);
    expect(right.x + labelCjkWidth(right.text, right.size)).toBeLessThanOrEqual(width);
  });
});

/** A label of Chinese characters, digits and spaces: one em a character, 0.6 em the others. */
function labelCjkWidth(text: string, size: number): number {
  return [...text].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? size : 0.6 * size), 0);
}

/** The rows of the Markdown table under a heading. */
function tableUnder(md: string, heading: string): string[][] {
  const at = md.indexOf(heading);
  const lines = md.slice(at).split('\n').slice(1);
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(l.slice(2, -2).split(' | '));
  }
  return rows;
}

describe('the drivers tables list every unit of a modest panel', () => {
  it('13 counties and 宜昌市: 14 rows in 5.1 and 5.2, nothing left out', async () => {
    const { args } = round();
    const r = await run(['report', ...args]);
    expect(r.code, r.stderr).toBe(0);
    for (const heading of ['### 5.1 对指数变化的贡献（点）', '### 5.2 对同比增速的拉动（百分点）']) {
      const rows = tableUnder(r.stdout, heading);
      expect(rows.map((x) => x[0]).sort()).toEqual(['宜昌市', ...COUNTIES].sort());
      expect(rows[0]![0]).toBe('宜昌市');
    }
    expect(r.stdout).not.toContain('未列出');
    // the two at the bottom are there, with their change: as compute --drivers gives it
    const drivers = await run(['compute', ...args, '--drivers', '--format', 'json']);
    const byUnit = new Map((JSON.parse(drivers.stdout) as { rows: { unit: string; change: number }[] }).rows.map((x) => [x.unit, x.change]));
    const rows = tableUnder(r.stdout, '### 5.1');
    for (const [unit, change] of rows.map((x) => [x[0]!, x[1]!] as const)) expect(Number(change), unit).toBeCloseTo(byUnit.get(unit)!, 2);
  });

  it('a very large panel (50 units) lists the top and bottom 15 and says which ranks are left out', async () => {
    const units = Array.from({ length: 50 }, (_, i) => `县${i + 1}`);
    const { args } = round(units);
    const r = await run(['report', ...args]);
    expect(r.code, r.stderr).toBe(0);
    expect(tableUnder(r.stdout, '### 5.1')).toHaveLength(31);
    expect(r.stdout).toContain('共50个地区，只列出排名前15位和后15位，排名居中的20个地区（第16至35位）未列出（smei compute --drivers 列出全部）。');
    const en = await run(['report', ...args, '--lang', 'en']);
    expect(en.stdout).toContain('50 units: the top and bottom 15 by rank are listed; the 20 between (ranked 16 to 35) are not (smei compute --drivers lists them all).');
  });
});

describe('rank changes name the period they compare with', () => {
  it('quarterly: the column, 位次变动 and the drivers say 2019年第四季度 (the same quarter a year earlier), and the numbers are against it', async () => {
    const { args } = round();
    const zh = await run(['report', ...args]);
    const head = zh.stdout.split('\n').find((l) => l.startsWith('| 排名 | 地区'))!;
    expect(head).toBe('| 排名 | 地区 | 小微企业成长指数 | 同比(%) | 环比(%) | 排名变化（较2019年第四季度） |');
    expect(zh.stdout).toContain('## 4. 位次变动\n\n排名变化均与上年同期（2019年第四季度）相比。\n');
    expect(zh.stdout).toContain('各模块对小微企业成长指数较上年同期（2019年第四季度）变化的贡献（指数点）');
    // the column's arrows are the ranks of 2019Q4 against 2020Q4, not of 2020Q3
    const rank = async (period: string): Promise<Map<string, number>> => {
      const j = await run(['compute', ...args, '--period', period, '--format', 'json']);
      return new Map((JSON.parse(j.stdout) as { rows: { unit: string; node: string; rank: number | null }[] }).rows.filter((x) => x.node === 'index' && x.rank !== null).map((x) => [x.unit, x.rank!]));
    };
    const [now, yearAgo, quarterAgo] = [await rank('2020Q4'), await rank('2019Q4'), await rank('2020Q3')];
    const table = tableUnder(zh.stdout, '### 3.1');
    let differ = 0;
    for (const row of table.filter((x) => x[1] !== '宜昌市')) {
      const change = yearAgo.get(row[1]!)! - now.get(row[1]!)!;
      expect(row[5], row[1]).toBe(change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '0');
      if (yearAgo.get(row[1]!) !== quarterAgo.get(row[1]!)) differ++;
    }
    expect(differ).toBeGreaterThan(0); // the two comparisons give different columns here: the label matters
    const en = await run(['report', ...args, '--lang', 'en']);
    expect(en.stdout).toContain('| Rank | Unit | SME growth index | YoY (%) | PoP (%) | Rank change (vs Q4 2019) |');
    expect(en.stdout).toContain('Rank changes are against the same period a year earlier (Q4 2019).');
    expect(en.stdout).toContain('since the same period a year earlier (Q4 2019), in index points');
  });

  it('annual: as before (排名变化 against the year before, which smei diff compares with too)', async () => {
    const { args } = round(COUNTIES, 'year');
    const zh = await run(['report', ...args]);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout.split('\n').find((l) => l.startsWith('| 排名 | 地区'))).toBe('| 排名 | 地区 | 小微企业成长指数 | 同比(%) | 排名变化 |');
    expect(zh.stdout).not.toContain('上年同期');
    expect(zh.stdout).toContain('各模块对小微企业成长指数较上年变化的贡献（指数点）');
  });
});

describe('a slope chart of a large panel', () => {
  it('draws the 20 largest rises and 20 largest falls of 500 units, and says so; 40 units are all drawn', async () => {
    const { slopeSpec } = await import('../../src/render/chart-spec.js');
    // unit i moves from rank i+1 to rank 500-i: the first 250 fall, the last 250 rise, by 499, 497, ... at the ends
    const rows = Array.from({ length: 500 }, (_, i) => ({ name: `U${i}`, from: i + 1, to: 500 - i }));
    const spec = slopeSpec(rows, { lang: 'en', from: '2023', to: '2024', title: 't' });
    expect(spec.series).toHaveLength(40);
    expect(spec.series.slice(0, 3).map((x) => x.name)).toEqual(['U499', 'U498', 'U497']);
    expect(spec.series.slice(20, 23).map((x) => x.name)).toEqual(['U0', 'U1', 'U2']);
    expect(spec.note).toContain('Blue: up (250); vermillion: down (250); grey: unchanged (0). Of 500 units, the 20 largest rises and 20 largest falls are drawn; the other 460 are in the ranking table.');
    expect(slopeSpec(rows.slice(0, 40), { lang: 'zh', from: '2023年', to: '2024年', title: 't' }).series).toHaveLength(40);
    expect(slopeSpec(rows, { lang: 'zh', from: '2023年', to: '2024年', title: 't' }).note).toContain('共500个地区，只画出上升最多的20个和下降最多的20个；其余460个见排名表。');
  });
});
