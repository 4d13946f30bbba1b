// The report for readers: HTML (validated, rendered in headless Chromium),
// Word (converted by LibreOffice, its text read back), charts with Chinese
// labels, unit profiles, golden files and the same bytes every time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { zipNames, zipPart } from '../../src/input/xlsx.js';
import { chartSvg, svgToPng } from '../../src/render/charts.js';
import { roundHalfEven } from '../../src/render/number.js';
import { convertWithLibreOffice, golden, lint, needViewers, run, tempDir } from '../helpers.js';

const SYN = 'fixtures/zhejiang-synthetic.csv';
const ARGS = ['report', SYN, '--aggregate-unit', '浙江省', '--ref-year', '2015', '--date', '2019-06-30', '--unit', '杭州市'];

/** Writes the report in a format and returns its bytes. */
async function report(ext: string, extra: string[] = [], env: Record<string, string> = {}): Promise<{ bytes: Buffer; stderr: string; path: string }> {
  const path = join(tempDir(), `report.${ext}`);
  const r = await run([...ARGS, ...extra, '--out', path, '-q'], { env });
  expect(r.code, r.stderr).toBe(0);
  return { bytes: readFileSync(path), stderr: r.stderr, path };
}

/** Numbers every format must hold: the aggregate, the leader and the profile's, from the JSON output, rounded once. */
async function keyNumbers(): Promise<string[]> {
  const r = await run(['compute', SYN, '--aggregate-unit', '浙江省', '--ref-year', '2015', '--format', 'json', '--year', '2018']);
  const rows = (JSON.parse(r.stdout) as { rows: { unit: string; node: string; value: number }[] }).rows;
  const v = (unit: string, node: string): string => roundHalfEven(rows.find((x) => x.unit === unit && x.node === node)!.value, 2).toFixed(2);
  return [v('浙江省', 'index'), v('金华市', 'index'), v('杭州市', 'index'), v('杭州市', 'competitiveness'), v('衢州市', 'index')];
}

describe('report --out report.html', () => {
  it('is valid HTML with one inline SVG per chart, the report numbers, no network, the same bytes twice (golden)', async () => {
    const { bytes } = await report('html');
    const html = bytes.toString('utf8');
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const result = await validator.validateString(html);
    expect(result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    expect(result.valid).toBe(true);
    // six charts: the movers' slope chart, the years, the ranking, the heat map, 杭州市's radar and rank path
    expect(html.match(/<svg\b/g)).toHaveLength(6);
    expect(html.match(/<figure class="chart">/g)).toHaveLength(6);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toContain('```');
    for (const n of await keyNumbers()) expect(html).toContain(n);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('thead { display: table-header-group; }');
    expect((await report('html')).bytes.equals(bytes)).toBe(true);
    golden('report-synthetic-zh.html', html);
  });

  it('renders in headless Chromium to a page that is not blank', async (ctx) => {
    const viewers = needViewers(ctx, 'chromium');
    if (viewers === undefined) return;
    const { chromium } = viewers;
    const { path } = await report('html');
    const dir = tempDir();
    const shot = join(dir, 'shot.png');
    const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--hide-scrollbars', '--window-size=1000,3000', `--screenshot=${shot}`, `file://${path}`], { timeout: 90_000 });
    expect(existsSync(shot), r.stderr?.toString()).toBe(true);
    const png = PNG.sync.read(readFileSync(shot));
    let ink = 0;
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) {
      const [red, green, blue] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (red + green + blue < 600) ink++;
      if (colours.size < 1000) colours.add((red << 16) | (green << 8) | blue);
    }
    expect(ink / (png.width * png.height)).toBeGreaterThan(0.01);
    expect(colours.size).toBeGreaterThan(50);
  }, 120_000);
});

describe('report --out report.docx', () => {
  it('is a Word document: headings, native tables with repeated header rows, one PNG per chart, A4; the same bytes twice', async () => {
    const { bytes } = await report('docx');
    const names = zipNames(bytes);
    expect(names).toContain('word/document.xml');
    expect(names.filter((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toHaveLength(6);
    const xml = zipPart(bytes, 'word/document.xml')!;
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toContain('<w:tblHeader/>');
    // the ranking, the modules, the two drivers tables, the profile's rank path and modules
    expect(xml.match(/<w:tbl>/g)).toHaveLength(6);
    expect(xml).toContain('w:val="Heading1"');
    // Chinese typography: readers add no space between digits or Latin letters and Chinese (2018年)
    expect(xml).toContain('<w:autoSpaceDE w:val="false"/><w:autoSpaceDN w:val="false"/>');
    for (const n of await keyNumbers()) expect(xml).toContain(n);
    expect(zipPart(bytes, 'docProps/core.xml')).toContain('2019-06-30T00:00:00Z');
    // page numbers in the footer: 第 N 页，共 M 页
    const footer = zipPart(bytes, 'word/footer1.xml')!;
    expect(footer.replace(/<[^>]+>/g, '')).toMatch(/第 .*PAGE.* 页，共 .*NUMPAGES.* 页/);
    expect((await report('docx')).bytes.equals(bytes)).toBe(true);
    golden('report-synthetic-zh.docx.xml', `${xml.replace(/></g, '>\n<')}\n`);
  }, 90_000);

  it('converts with LibreOffice to a PDF whose text holds the report numbers', async (ctx) => {
    const viewers = needViewers(ctx, 'writer', 'pdftotext');
    if (viewers === undefined) return;
    const soffice = viewers.writer;
    const { path } = await report('docx');
    const dir = tempDir();
    convertWithLibreOffice(soffice, path, 'pdf', dir);
    const pdf = readdirSync(dir).find((f) => f.endsWith('.pdf'));
    expect(pdf).toBeDefined();
    const text = execFileSync('pdftotext', ['-layout', join(dir, pdf!), '-'], { encoding: 'utf8' });
    for (const n of await keyNumbers()) expect(text).toContain(n);
    // pdftotext spaces out mixed scripts ("2018 年"): compare without spaces
    const tight = text.replace(/\s+/g, '');
    expect(tight).toContain('浙江省小微企业成长指数报告（2018年）');
    expect(tight).toContain('7.地区概况');
  }, 180_000);
});

describe('charts', () => {
  it('draws Chinese labels: each string gives its own ink (skipped without a CJK font)', async (ctx) => {
    if (needViewers(ctx, 'cjk-font') === undefined) return;
    const draw = async (title: string): Promise<PNG> => PNG.sync.read(Buffer.from(await svgToPng(await chartSvg({ kind: 'bar', title, categories: ['杭州市'], series: [{ name: 'x', values: [120] }], decimals: 2 }), 1)));
    const ink = (png: PNG, rows: number): number => {
      let n = 0;
      for (let i = 0; i < png.width * rows * 4; i += 4) if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 384) n++;
      return n;
    };
    const a = await draw('小微企业成长指数');
    const b = await draw('');
    const c = await draw('综合贡献力排名变化');
    // the title row (the top 35 pixels) has ink only when the title is drawn, and different ink for different words
    expect(ink(b, 35)).toBe(0);
    expect(ink(a, 35)).toBeGreaterThan(100);
    expect(ink(c, 35)).not.toBe(ink(a, 35));
  });

  it('a 90-unit ranking draws the top and bottom 15 bars, not 90 labels', async () => {
    const lines = ['地区,年份,指标,值'];
    for (let u = 1; u <= 90; u++) for (const y of [2014, 2015]) lines.push(`县${u},${y},x,${100 + (y - 2014) * u}`);
    const dir = tempDir();
    writeFileSync(join(dir, 'd.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ name: 't', baseYear: 2014, nodes: [{ id: 'x', zh: '指标' }] }));
    const r = await run(['report', join(dir, 'd.csv'), '--framework', join(dir, 'f.json'), '--out', join(dir, 'r.html')]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('共90个地区，只画出前15位和后15位，中间60个见排名表。');
    const ranking = html.slice(html.indexOf('2015年各地区'), html.indexOf('</figure>', html.indexOf('2015年各地区')));
    expect(ranking.match(/>\d+\. 县\d+</g)).toHaveLength(30);
  });
});

describe('report --unit', () => {
  it('profiles a unit: rank path, modules against the aggregate, strongest and weakest indicators, drivers', async () => {
    const r = await run(ARGS);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    const profile = md.slice(md.indexOf('### 7.1 杭州市'));
    const j = await run(['compute', SYN, '--aggregate-unit', '浙江省', '--ref-year', '2015', '--format', 'json']);
    const rows = (JSON.parse(j.stdout) as { rows: { unit: string; period: string; node: string; value: number; rank: number | null }[] }).rows;
    const get = (unit: string, period: string, node: string) => rows.find((x) => x.unit === unit && x.period === period && x.node === node)!;
    const f = (x: number): string => roundHalfEven(x, 2).toFixed(2);
    expect(profile).toContain(`在11个地区中居第${get('杭州市', '2018', 'index').rank}位（2017年第${get('杭州市', '2017', 'index').rank}位）`);
    for (const p of ['2014', '2015', '2016', '2017', '2018']) expect(profile).toContain(`| ${p}年 | ${f(get('杭州市', p, 'index').value)} |`);
    const diff = get('杭州市', '2018', 'competitiveness').value - get('浙江省', '2018', 'competitiveness').value;
    expect(profile).toContain(`| 核心竞争力 | ${f(get('杭州市', '2018', 'competitiveness').value)} | ${f(get('浙江省', '2018', 'competitiveness').value)} | +${f(diff)} | ${get('杭州市', '2018', 'competitiveness').rank} |`);
    expect(profile).toMatch(/- 指数最高：.+；.+；.+/);
    expect(profile).toMatch(/- 排名最后：/);
    expect(profile).toMatch(/较2017年变化\+\d+\.\d\d点，各模块的贡献：/);
    const unknown = await run([...ARGS, '--unit', '杭洲市']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--unit "杭洲市"：fixtures/zhejiang-synthetic.csv中没有这个地区（有浙江省, 杭州市,');
    expect((await run([...ARGS, '--unit', '杭洲市', '--lang', 'en'])).stderr).toContain('--unit "杭洲市": fixtures/zhejiang-synthetic.csv has no unit of that name');
  });

  it('--charts DIR writes the SVGs and the Markdown links them; markdownlint-clean', async () => {
    const dir = tempDir();
    const r = await run([...ARGS, '--charts', join(dir, 'charts'), '--out', join(dir, 'report.md')]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['chart-1.svg', 'chart-2.svg', 'chart-3.svg', 'chart-4.svg', 'chart-5.svg', 'chart-6.svg']);
    expect(md).toContain('](charts/chart-3.svg)');
    expect(md.match(/```mermaid/g)).toHaveLength(2);
    expect(readFileSync(join(dir, 'charts', 'chart-1.svg'), 'utf8')).toMatch(/^<svg /);
    lint([join(dir, 'report.md')]);
    const bad = await run([...ARGS, '--charts', dir, '--out', join(dir, 'r.html'), '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--charts DIR writes SVG files for a Markdown report');
  });
});

describe('report --check on HTML', () => {
  it('compares an HTML report by its extension: 0 when current, 1 with a diff when stale', async () => {
    const { path } = await report('html');
    const ok = await run([...ARGS, '--check', path]);
    expect(ok.code, ok.stderr).toBe(0);
    writeFileSync(path, readFileSync(path, 'utf8').replace('浙江省小微企业成长指数报告', '旧报告'));
    const stale = await run([...ARGS, '--check', path]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('与这份数据生成的报告不同');
    const docx = await run([...ARGS, '--check', join(tempDir(), 'r.docx')]);
    expect(docx.code).toBe(2);
    expect(docx.stderr).toContain('--check 比较的是 Markdown 或 HTML 报告；.docx 只会在打包方式上不同。请在 CI 中检查 .md 或 .html。');
    expect((await run([...ARGS, '--check', join(tempDir(), 'r.docx'), '--lang', 'en'])).stderr).toContain('--check compares a Markdown or HTML report');
  });
});
