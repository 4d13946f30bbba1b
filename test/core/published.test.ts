// The conventions of issue 24, each reproducing a published example: the
// source (paper, package, table) and its printed precision are named in every
// test. Data from packages is in fixtures/ (fixtures/README.md has the sources
// and licences); small matrices printed in the sources are written here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { aggregateValues, ahpWeights, criticWeights, entropyWeights, minMaxColumns, normaliseValues, parseSpec, RANDOM_INDEX_TABLES } from '../../src/core/methods.js';
import { cronbachAlphaPairwise } from '../../src/analysis/audit.js';
import { ROOT, run, tempDir, tempFile } from '../helpers.js';

const fixture = (...p: string[]): string => join(ROOT, 'fixtures', ...p);
const ASEM = (f: string): string => fixture('coinr-asem', f);
const cols = (m: number[][]): number[][] => m[0]!.map((_, j) => m.map((r) => r[j]!));
const fixed = (xs: number[], d: number): string[] => xs.map((x) => x.toFixed(d));

type Doc = { baseYear: number | null; method: Record<string, unknown> & { ahp?: { node: string; lambdaMax: number; ci: number; ri: number; cr: number; variant: string }[] }; weights: { parent: string; node: string; weight: number }[]; rows: { unit: string; year: number | null; node: string; value: number | null }[]; warnings: { code: string; message: string }[] };

/** Runs compute with JSON output in a folder. */
async function compute(dir: string, args: string[]): Promise<{ code: number; stderr: string; doc: Doc }> {
  const r = await run(['compute', ...args, '--format', 'json'], { cwd: dir });
  return { code: r.code, stderr: r.stderr, doc: r.code === 0 ? (JSON.parse(r.stdout) as Doc) : ({} as Doc) };
}

describe('AHP as Chinese practice computes it', () => {
  // ArcGIS Pro's zh documentation, "计算一致性比率" (Calculate the consistency ratio): a 5×5 matrix
  // (Solar_Gain, 坡向, 高程, Dist_to_Road, Dist_to_Elect), weights printed to 3 decimals.
  const ARCGIS = [[1, 3, 2, 2, 0.333], [0.333, 1, 0.5, 1, 0.2], [0.5, 2, 1, 1, 0.5], [0.5, 1, 1, 1, 5], [3, 5, 2, 0.2, 1]];
  // An exam answer worked by 和积法 (gaojiufeng.cn, "用层次分析法确定指标B1,B2,B3,B4的权数"): 2 decimals.
  const EXAM = [[1, 3, 3, 7], [1 / 3, 1, 1, 5], [1 / 3, 1, 1, 3], [1 / 7, 1 / 5, 1 / 3, 1]];

  it("ahp:sum (和积法) gives ArcGIS Pro's weights 0.235, 0.089, 0.136, 0.247, 0.294 (3 decimals)", () => {
    expect(fixed(ahpWeights(ARCGIS, 'sum').weights, 3)).toEqual(['0.235', '0.089', '0.136', '0.247', '0.294']);
    // the eigenvector differs at the printed precision: the variant matters
    expect(fixed(ahpWeights(ARCGIS, 'eigen').weights, 3)).not.toEqual(['0.235', '0.089', '0.136', '0.247', '0.294']);
  });

  it('ahp:sum gives the exam answer 0.53, 0.22, 0.19, 0.06 (2 decimals)', () => {
    expect(fixed(ahpWeights(EXAM, 'sum').weights, 2)).toEqual(['0.53', '0.22', '0.19', '0.06']);
  });

  it('ahp:geometric (方根法): the normalised n-th roots of the row products, worked by hand', () => {
    // rows of EXAM: products 63, 5/3, 1, 1/105; fourth roots normalised
    const g = [63, 5 / 3, 1, 1 / 105].map((p) => p ** 0.25);
    const total = g.reduce((s, x) => s + x, 0);
    const r = ahpWeights(EXAM, 'geometric');
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(g[i]! / total, 14));
    expect(fixed(r.weights, 4)).toEqual(['0.5350', '0.2158', '0.1899', '0.0593']);
    // λmax = (1/n) Σ (Aw)_i / w_i, CI = (λmax − n)/(n − 1), CR = CI / RI (Saaty's 0.90 for n = 4)
    const aw = EXAM.map((row) => row.reduce((s, x, j) => s + x * r.weights[j]!, 0));
    const lambda = aw.reduce((s, x, i) => s + x / r.weights[i]!, 0) / 4;
    expect(r.lambda).toBeCloseTo(lambda, 14);
    expect(r.ci).toBeCloseTo((lambda - 4) / 3, 14);
    expect(r.cr).toBeCloseTo((lambda - 4) / 3 / 0.9, 14);
  });

  it('a consistent matrix: eigen, sum and geometric give the same weights and λmax = n, CR = 0', () => {
    const w = [0.4, 0.3, 0.2, 0.1];
    const a = w.map((x) => w.map((y) => x / y));
    for (const v of ['eigen', 'sum', 'geometric'] as const) {
      const r = ahpWeights(a, v);
      r.weights.forEach((x, i) => expect(x, v).toBeCloseTo(w[i]!, 12));
      expect(r.lambda).toBeCloseTo(4, 12);
      expect(Math.abs(r.cr)).toBeLessThan(1e-12);
    }
  });

  it("the random index tables: Saaty (1980) as printed (1.48 at n = 12, below 1.51 at n = 11, in the source) and the Chinese textbooks' (n = 3…15)", () => {
    expect(RANDOM_INDEX_TABLES.saaty.slice(3)).toEqual([0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]);
    expect(RANDOM_INDEX_TABLES.cn.slice(3)).toEqual([0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]);
    const saaty = ahpWeights(EXAM, 'sum', 'saaty');
    const cn = ahpWeights(EXAM, 'sum', 'cn');
    expect([saaty.ri, cn.ri]).toEqual([0.9, 0.89]);
    expect(cn.cr).toBeCloseTo(saaty.ci / 0.89, 14);
  });

  const FW = { name: 'ahp', nodes: [{ id: 'index' }, { id: 'm', parent: 'index', ahp: EXAM }, { id: 'b1', parent: 'm' }, { id: 'b2', parent: 'm' }, { id: 'b3', parent: 'm' }, { id: 'b4', parent: 'm' }] };
  const CSV = 'unit,b1,b2,b3,b4\nU1,1,2,3,4\nU2,2,3,1,4\nU3,4,1,2,3\n';

  it('--weights ahp:sum with --ahp-ri cn: the weights, and λmax, CI, RI, CR of every matrix in the compute JSON (method.ahp)', async () => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify(FW), dir);
    tempFile('d.csv', CSV, dir);
    const r = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:sum', '--ahp-ri', 'cn']);
    expect(r.code, r.stderr).toBe(0);
    expect(fixed(r.doc.weights.filter((w) => w.parent === 'm').map((w) => w.weight), 2)).toEqual(['0.53', '0.22', '0.19', '0.06']);
    const want = ahpWeights(EXAM, 'sum', 'cn');
    expect(r.doc.method).toMatchObject({ weights: 'ahp:sum', ahpRandomIndex: 'cn' });
    expect(r.doc.method.ahp).toEqual([{ node: 'm', lambdaMax: want.lambda, ci: want.ci, ri: 0.89, cr: want.cr, variant: 'sum' }]);
    // the framework key does the same; the command line wins over it
    tempFile('fw.json', JSON.stringify({ ...FW, ahpRandomIndex: 'cn' }), dir);
    const f = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:geometric']);
    expect(f.doc.method.ahp![0]).toMatchObject({ ri: 0.89, variant: 'geometric' });
    expect((await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp', '--ahp-ri', 'saaty'])).doc.method.ahp![0]).toMatchObject({ ri: 0.9, variant: 'eigen' });
    // the report's method section states the variant and the table
    const report = await run(['report', 'd.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:sum', '--lang', 'en', '--quiet'], { cwd: dir });
    expect(report.stdout).toContain('Weights: ahp:sum: 和积法');
    expect(report.stdout).toMatch(/m: AHP matrix \(ahp:sum\): λmax = \d\.\d{4}, CI = 0\.\d{4}, RI = 0\.89 \(the table of Chinese textbooks\), consistency ratio CR = 0\.\d{4}\./);
    // and the workbook's method sheet, one row per matrix
    const xlsx = await run(['compute', 'd.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:sum', '--out', 'r.xlsx', '--lang', 'en', '--quiet'], { cwd: dir });
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const wb = XLSX.read(readFileSync(join(dir, 'r.xlsx')));
    const method = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Method!, { header: 1 });
    expect(method.find((r) => r[0] === 'ahp m')![1]).toBe(`ahp:sum  λmax ${want.lambda}  CI ${want.ci}  RI 0.89  CR ${want.cr}`);
    expect(JSON.stringify(method)).not.toContain('[object Object]');
  });

  it('every inconsistent matrix is named in one message (CR ≥ 0.1), with its variant and RI table', async () => {
    const dir = tempDir();
    const bad = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]];
    tempFile('fw.json', JSON.stringify({ name: 'two', nodes: [{ id: 'index' }, { id: 'p', parent: 'index', ahp: bad }, { id: 'q', parent: 'index', ahp: bad }, ...['a', 'b', 'c'].map((id) => ({ id, parent: 'p' })), ...['d', 'e', 'f'].map((id) => ({ id, parent: 'q' }))] }), dir);
    tempFile('d.csv', 'unit,a,b,c,d,e,f\nU1,1,2,3,4,5,6\nU2,2,3,1,4,6,5\n', dir);
    const zh = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:geometric', '--ahp-ri', 'cn']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^smei: fw\.json：有 2 个 ahp 矩阵不一致：节点"p"：一致性比率 CR = \d+\.\d{4}（λmax \d+\.\d{4}，CI \d+\.\d{4}，RI 0\.52 取自 cn 表，ahp:geometric）；节点"q"：.*层次分析法要求 CR < 0\.1。请修改该文件中的判断，或使用 --allow-inconsistent。/);
    const r = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:geometric', '--ahp-ri', 'cn', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 ahp matrices are inconsistent: node "p": consistency ratio CR = \d+\.\d{4} \(λmax \d+\.\d{4}, CI \d+\.\d{4}, RI 0\.52 from the cn table, ahp:geometric\); node "q": .*AHP asks for CR < 0\.1/);
  });

  it('refusals: an unknown variant, an unknown random index table (option and framework key)', async () => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify(FW), dir);
    tempFile('d.csv', CSV, dir);
    const bad = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:mean']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--weights "ahp:mean"：ahp 的参数只能是 eigen、sum、geometric 之一');
    expect((await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp:mean', '--lang', 'en'])).stderr).toContain('--weights "ahp:mean": ahp takes one of eigen, sum, geometric');
    const ri = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'ahp', '--ahp-ri', 'golden', '--lang', 'en']);
    expect(ri.code).toBe(2);
    expect(ri.stderr).toContain('--ahp-ri "golden": no such random index table');
    tempFile('fw.json', JSON.stringify({ ...FW, ahpRandomIndex: 'CN' }), dir);
    const key = await compute(dir, ['d.csv', '--normalise', 'min-max', '--framework', 'fw.json', '--lang', 'en']);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('"ahpRandomIndex" must be "saaty" or "cn", got "CN"');
  });
});

describe('CRITIC with and without directions', () => {
  // Tuş & Aytaç Adalı (2019), Opsearch 56(2) 528-538, the time and attendance software example, as kept
  // in pyrepo-mcda's test suite: cost criterion C1 (price), weights printed to 3 decimals.
  const TUS = [[5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3], [600, 4, 3, 1, 2, 2], [800, 2, 4, 3, 3, 4]];
  const PUBLISHED = ['0.157', '0.249', '0.168', '0.121', '0.154', '0.151'];

  it('critic:ignore-direction gives the published weights; critic (Diakoulaki: the cost criterion flipped) does not', () => {
    expect(fixed(criticWeights(cols(TUS), [1, 1, 1, 1, 1, 1]), 3)).toEqual(PUBLISHED);
    expect(fixed(criticWeights(cols(TUS), [-1, 1, 1, 1, 1, 1]), 3)).not.toEqual(PUBLISHED);
  });

  it('through the command line, with C1 lower-is-better in the framework', async () => {
    const dir = tempDir();
    const fw = { name: 'tus', nodes: [{ id: 'score' }, ...['C1', 'C2', 'C3', 'C4', 'C5', 'C6'].map((id) => ({ id, parent: 'score', direction: id === 'C1' ? -1 : 1 }))] };
    tempFile('fw.json', JSON.stringify(fw), dir);
    tempFile('d.csv', `unit,C1,C2,C3,C4,C5,C6\n${TUS.map((r, i) => `A${i + 1},${r.join(',')}`).join('\n')}\n`, dir);
    const ignore = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'critic:ignore-direction']);
    expect(ignore.code, ignore.stderr).toBe(0);
    expect(fixed(ignore.doc.weights.map((w) => w.weight), 3)).toEqual(PUBLISHED);
    expect(ignore.doc.method.weights).toBe('critic:ignore-direction');
    const flip = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'critic']);
    expect(fixed(flip.doc.weights.map((w) => w.weight), 3)).toEqual(fixed(criticWeights(cols(TUS), [-1, 1, 1, 1, 1, 1]), 3));
    // entropy-minmax flips C1 unless told not to; entropy and cv never flip, so ignore-direction is refused as a no-op
    const em = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'entropy-minmax:ignore-direction']);
    const close = (got: number[], want: number[]): void => got.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 14));
    close(em.doc.weights.map((w) => w.weight), entropyWeights(minMaxColumns(cols(TUS), [1, 1, 1, 1, 1, 1])));
    const emFlip = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'entropy-minmax']);
    close(emFlip.doc.weights.map((w) => w.weight), entropyWeights(minMaxColumns(cols(TUS), [-1, 1, 1, 1, 1, 1])));
    expect(fixed(em.doc.weights.map((w) => w.weight), 4)).not.toEqual(fixed(emFlip.doc.weights.map((w) => w.weight), 4));
    const noop = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--weights', 'entropy:ignore-direction', '--lang', 'en']);
    expect(noop.code).toBe(2);
    expect(noop.stderr).toContain('entropy works on the raw values and never flips an indicator, so it ignores direction already: use entropy');
  });
});

describe('Mazziotta-Pareto as Compind computes it', () => {
  it('mpi, mpi:+, mpi:sample, mpi:+,sample by hand: children 1 and 3 (M 2, population variance 1, sample variance 2)', () => {
    const m = (t: string): number => aggregateValues(parseSpec(t), [1, 3], [1, 1]);
    expect([m('mpi'), m('mpi:+'), m('mpi:sample'), m('mpi:+,sample'), m('mpi:sample,+'), m('mpi:-,population')]).toEqual([1.5, 2.5, 1, 3, 3, 1.5]);
  });

  it("mpi:sample is Compind's ci_mpi (penalty \"POS\": M(1 − cv²) with R's var)", () => {
    const xs = [98.2, 104.7, 91.3];
    const mean = (98.2 + 104.7 + 91.3) / 3;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
    expect(aggregateValues(parseSpec('mpi:sample'), xs, [1, 1, 1])).toBeCloseTo(mean * (1 - (sd / mean) ** 2), 12);
  });

  it('efficacy:A,B is A + B(x − lo)/(hi − lo); efficacy is efficacy:60,40', () => {
    const n = (t: string, xs: number[], b: { lower?: number; upper?: number } = {}, dir: 1 | -1 = 1): number[] => Array.from(normaliseValues(parseSpec(t), Float64Array.from(xs), { direction: dir, ...b }).scores);
    expect(n('efficacy:70,60', [0, 5, 10])).toEqual([70, 100, 130]);
    expect(n('efficacy:70,60', [2, 8], { lower: 0, upper: 10 }, -1)).toEqual([70 + 60 * 0.8, 70 + 60 * 0.2]);
    expect(n('efficacy', [3, 4, 7], { lower: 1, upper: 9 })).toEqual(n('efficacy:60,40', [3, 4, 7], { lower: 1, upper: 9 }));
  });

  // Compind's vignette (Compind_vignette.pdf, "Compind package version 2.0", §2.4): ci_ampi on EU_2020
  // (employ and finalenergy, 2010 and 2011, gp = c(50, 100), both POS, penalty "POS"), printed to 2 decimals.
  // Compind 2.0's ci_ampi: per year, goalposts gp ± (max − min)/2, scores 70 + 60(x − lo)/(hi − lo), then
  // M + S·cv with R's var (the sample variance).
  const AMPI: Record<string, [number, number]> = {
    'EU (28 countries)': [156.05, 152.17], 'EU (27 countries)': [155.89, 152.12], Belgium: [138.84, 131.66], Bulgaria: [132.74, 121.60], 'Czech Republic': [146.91, 140.27],
    Denmark: [163.43, 152.53], Germany: [159.32, 153.25], Estonia: [136.34, 139.08], Ireland: [130.57, 123.59], Greece: [128.99, 115.36], Spain: [125.51, 119.56], France: [143.31, 136.40],
    Croatia: [115.57, 109.49], Italy: [122.44, 119.19], Cyprus: [161.06, 146.64], Latvia: [131.64, 129.24], Lithuania: [129.75, 130.65], Luxembourg: [147.90, 138.34], Hungary: [119.77, 116.98],
    Malta: [118.90, 118.52], Netherlands: [166.17, 155.68], Austria: [160.49, 151.14], Poland: [129.96, 125.47], Portugal: [147.24, 135.89], Romania: [127.16, 121.48], Slovenia: [146.71, 134.21],
    Slovakia: [130.57, 126.28], Finland: [154.67, 147.55], Sweden: [170.52, 162.23], 'United Kingdom': [155.80, 146.74],
  };

  it("efficacy:70,60 with the goalposts as lower/upper and mpi:+,sample reproduce Compind's AMPI table, all 60 values to 2 decimals", async () => {
    const csv = readFileSync(fixture('compind-eu2020', 'EU_2020_ampi.csv'), 'utf8');
    const rows = csv.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(60);
    const dir = tempDir();
    let compared = 0;
    for (const [yi, year] of [2010, 2011].entries()) {
      const ofYear = rows.filter((r) => r[1] === String(year));
      // the goalposts as ci_ampi sets them: gp ± half the year's range
      const posts = (col: number, gp: number): { lower: number; upper: number } => {
        const xs = ofYear.map((r) => Number(r[col]));
        const delta = (Math.max(...xs) - Math.min(...xs)) / 2;
        return { lower: gp - delta, upper: gp + delta };
      };
      const fw = { name: 'ampi', aggregation: 'mpi:+,sample', nodes: [{ id: 'AMPI' }, { id: 'employ', parent: 'AMPI', ...posts(2, 50) }, { id: 'finalenergy', parent: 'AMPI', ...posts(3, 100) }] };
      tempFile(`fw${year}.json`, JSON.stringify(fw), dir);
      // no --no-review: with efficacy lower/upper are goalposts, and values beyond them (most of employ's, 50 ± 9.7) are not refused
      const r = await compute(dir, [fixture('compind-eu2020', 'EU_2020_ampi.csv'), '--framework', `fw${year}.json`, '--normalise', 'efficacy:70,60', '--no-auto-aggregate']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.doc.method).toMatchObject({ normalise: 'efficacy:70,60', aggregation: 'mpi:+,sample' });
      for (const [geo, printed] of Object.entries(AMPI)) {
        const v = r.doc.rows.find((x) => x.unit === geo && x.year === year && x.node === 'AMPI')!.value!;
        expect(Math.abs(v - printed[yi]!), `${geo} ${year}: ${v} vs ${printed[yi]}`).toBeLessThanOrEqual(0.005 + 1e-9);
        compared++;
      }
    }
    expect(compared).toBe(60);
    // lower/upper are goalposts only (issue 21), under min-max too: a plausible range is min/max, which the review holds the data to
    const mm = await run(['compute', fixture('compind-eu2020', 'EU_2020_ampi.csv'), '--framework', 'fw2010.json', '--unit-column', 'geo', '--normalise', 'min-max'], { cwd: dir });
    expect(mm.code, mm.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(join(dir, 'fw2010.json'), 'utf8')) as { nodes: { lower?: number; upper?: number; min?: number; max?: number }[] };
    for (const n of spec.nodes) if (n.lower !== undefined) Object.assign(n, { min: n.lower, max: n.upper });
    tempFile('range.json', JSON.stringify(spec), dir);
    const ranged = await run(['compute', fixture('compind-eu2020', 'EU_2020_ampi.csv'), '--framework', 'range.json', '--unit-column', 'geo', '--normalise', 'min-max', '--lang', 'en'], { cwd: dir });
    expect(ranged.code).toBe(2);
    expect(ranged.stderr).toContain('outside its plausible range');
  });
  // Compind 3.4's ci_ampi (its current R source, run on the same data, rounds to 3 decimals) computes otherwise:
  // the goalposts' range over the whole panel, the population variance, and M − S·cv whatever `penalty` says
  // (the function overwrites `penalty` with the penalty matrix before testing it). smei's plain mpi is that.
  const AMPI34 = [[152.151, 150.906], [151.994, 150.886], [116.727, 116.548], [113.799, 111.576], [118.573, 118.924], [122.166, 122.063], [129.654, 130.366], [114.686, 117.670], [113.203, 112.451], [112.926, 109.033], [113.970, 112.995], [122.634, 122.244], [107.411, 105.643], [113.757, 113.778], [121.032, 119.887], [113.280, 114.390], [112.682, 114.922], [117.962, 117.496], [109.456, 109.736], [108.613, 109.957], [124.492, 124.493], [122.070, 122.239], [114.896, 115.016], [118.355, 117.217], [112.413, 111.954], [117.680, 116.170], [113.195, 113.519], [120.605, 121.139], [124.558, 125.326], [125.695, 125.283]];

  it("Compind 3.4's ci_ampi (panel-wide goalposts, population variance, M − S·cv) is efficacy:70,60 with mpi: all 60 values to its 3 decimals", async () => {
    const rows = readFileSync(fixture('compind-eu2020', 'EU_2020_ampi.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const posts = (col: number, gp: number): { lower: number; upper: number } => {
      const xs = rows.map((r) => Number(r[col]));
      const delta = (Math.max(...xs) - Math.min(...xs)) / 2;
      return { lower: gp - delta, upper: gp + delta };
    };
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify({ name: 'ampi34', aggregation: 'mpi', nodes: [{ id: 'AMPI' }, { id: 'employ', parent: 'AMPI', ...posts(2, 50) }, { id: 'finalenergy', parent: 'AMPI', ...posts(3, 100) }] }), dir);
    const r = await compute(dir, [fixture('compind-eu2020', 'EU_2020_ampi.csv'), '--framework', 'fw.json', '--unit-column', 'geo', '--normalise', 'efficacy:70,60', '--no-auto-aggregate']);
    expect(r.code, r.stderr).toBe(0);
    const geos = rows.filter((x) => x[1] === '2010').map((x) => x[0]!);
    geos.forEach((geo, i) => [2010, 2011].forEach((year, yi) => {
      const v = r.doc.rows.find((x) => x.unit === geo && x.year === year && x.node === 'AMPI')!.value!;
      expect(Math.abs(v - AMPI34[i]![yi]!), `${geo} ${year}: ${v}`).toBeLessThanOrEqual(0.0005 + 1e-9);
    }));
  });
});

describe('--normalise none', () => {
  it("raw values aggregated as they are: Compind's ci_geom_gen(EU_NUTS1, 2:3, \"EQUAL\") (vignette §2.2 summary: 420.5, 914.2, 1118.6, 1256.9, 1455.1, 3820.9)", async () => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify({ name: 'nuts', aggregation: 'geometric', nodes: [{ id: 'CI' }, { id: 'roads', parent: 'CI' }, { id: 'trains', parent: 'CI' }] }), dir);
    const r = await compute(dir, [fixture('compind-eu2020', 'EU_NUTS1.csv'), '--framework', 'fw.json', '--unit-column', 'NUTS1', '--normalise', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.doc.method.normalise).toBe('none');
    const ci = r.doc.rows.filter((x) => x.node === 'CI').map((x) => x.value!);
    expect(ci.length).toBe(34);
    // R's summary(): quartiles of type 7, printed to 4 significant digits
    const s = [...ci].sort((a, b) => a - b);
    const q = (p: number): number => {
      const h = (s.length - 1) * p;
      return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
    };
    expect([q(0), q(0.25), q(0.5), ci.reduce((a, x) => a + x, 0) / ci.length, q(0.75), q(1)].map((x) => x.toFixed(1))).toEqual(['420.5', '914.2', '1118.6', '1256.9', '1455.1', '3820.9']);
    // and unit by unit: Compind's own R source run on its data (8 significant digits)
    const get = (u: string): number => r.doc.rows.find((x) => x.unit === u && x.node === 'CI')!.value!;
    expect([get('Baden-Wurttemberg'), get('Berlin'), get('Ile de France'), get('Isole')].map((x) => x.toPrecision(8))).toEqual(['1344.0953', '1871.8755', '3820.8765', '420.50507']);
  });
});

describe('audit as COINr reports it', () => {
  it("cronbachAlphaRaw is COINr's get_cronbach(coin, \"Raw\", \"P2P\", 1) = 0.0513 (analysis vignette); cronbachAlpha of the scores is 0.870; no options on a cross-section with no base year", async () => {
    // no option at all: the raw data has missing values (the audit's missing shares count them) and no base year
    const r = await run(['audit', ASEM('ASEM_iData.csv'), '--framework', ASEM('ASEM_iMeta.csv'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as { schemaVersion: number; year: number; scores: string; scoresNote: string | null; nodes: { node: string; cronbachAlpha: number; cronbachAlphaRaw: number }[] };
    expect([a.schemaVersion, a.year, a.scores, a.scoresNote]).toEqual([2, 2018, 'min-max', 'no-base-year']);
    const p2p = a.nodes.find((n) => n.node === 'P2P')!;
    expect(p2p.cronbachAlphaRaw.toFixed(4)).toBe('0.0513');
    expect(p2p.cronbachAlpha.toFixed(3)).toBe('0.870');
    const table = await run(['audit', ASEM('ASEM_iData.csv'), '--framework', ASEM('ASEM_iMeta.csv'), '--lang', 'en']);
    expect(table.stdout).toContain('on min-max scores (the data has no base year, so fixed-base cannot apply: min-max instead)');
  });

  it('pairwise-complete covariances, by hand: R drops a pair where a value is missing, each entry over its own units', () => {
    // x = (1, 2, 3, NaN), y = (2, 4, NaN, 8): var x 1, var y 9.333…, cov over units 1-2 = 1 (means 1.5 and 3)
    const x = [1, 2, 3, NaN];
    const y = [2, 4, NaN, 8];
    const vy = ((2 - 14 / 3) ** 2 + (4 - 14 / 3) ** 2 + (8 - 14 / 3) ** 2) / 2;
    const sumAll = 1 + vy + 2 * 1;
    expect(cronbachAlphaPairwise([x, y])).toBeCloseTo((4 * ((sumAll - 1 - vy) / 2)) / sumAll, 14);
  });

  it("signed PC1 loadings per node are COINr's PCA weights (weights vignette, level 2 of the Aggregated data: 0.5118, 0.3050, 0.3548, 0.5082, 0.5108 and 0.6513, −0.7444, 0.1473)", async () => {
    const r = await run(['audit', ASEM('example_coin_dset_Treated.csv'), '--framework', ASEM('ASEM_iMeta.csv'), '--normalise', 'min-max', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as { scoresNote: string | null; nodes: { node: string; pc1Loadings: { node: string; loading: number }[] }[] };
    expect(a.scoresNote).toBeNull();
    const l = (id: string): string[] => a.nodes.find((n) => n.node === id)!.pc1Loadings.map((x) => `${x.node} ${x.loading.toFixed(4)}`);
    expect(l('Conn')).toEqual(['Physical 0.5118', 'ConEcFin 0.3050', 'Political 0.3548', 'Instit 0.5082', 'P2P 0.5108']);
    expect(l('Sust')).toEqual(['Environ 0.6513', 'Social -0.7444', 'SusEcFin 0.1473']);
  });
});

describe('one period with no year', () => {
  const setup = (): string => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify({ name: 'cs', nodes: [{ id: 'I' }, { id: 'a', parent: 'I' }, { id: 'b', parent: 'I', direction: -1 }] }), dir);
    tempFile('d.csv', 'unit,a,b\nX,1,2\nY,3,1\nZ,2,5\n', dir);
    return dir;
  };

  it('"baseYear": null and every row\'s year null in JSON; the CSV leaves the year empty', async () => {
    const dir = setup();
    const r = await compute(dir, ['d.csv', '--framework', 'fw.json', '--normalise', 'min-max']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.doc.baseYear).toBeNull();
    expect(r.doc.rows.every((x) => x.year === null)).toBe(true);
    // --normalise none: the raw values as they are, and a note that b (lower is better) is not flipped
    const none = await run(['compute', 'd.csv', '--framework', 'fw.json', '--normalise', 'none', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(none.stdout) as Doc & { notes: { code: string; message: string }[] };
    expect(doc.rows.filter((x) => x.node === 'I').map((x) => [x.unit, x.value])).toEqual([['X', 1.5], ['Y', 2], ['Z', 3.5]]);
    expect(doc.notes.find((n) => n.code === 'direction-ignored')!.message).toBe('--normalise none aggregates the raw values: lower-is-better indicators are not flipped: b.');
    const csv = await run(['compute', 'd.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--format', 'csv'], { cwd: dir });
    expect(csv.stdout.split('\r\n')[1]).toMatch(/^[XYZ],,I,/);
  });

  it('fixed-base on a cross-section: the message says there is no year column, not "year 0"', async () => {
    const dir = setup();
    for (const extra of [[], ['--base-year', '2018']]) {
      const r = await run(['compute', 'd.csv', '--framework', 'fw.json', ...extra, '--lang', 'en'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the data has no year column: it is one period (a cross-section)');
      expect((await run(['compute', 'd.csv', '--framework', 'fw.json', ...extra], { cwd: dir })).stderr).toContain('d.csv：数据没有年份列：它只有一期（截面数据），而定基指数要把各年与基期比较。');
      expect(r.stderr).not.toMatch(/\b(year|has) 0\b/);
    }
    // a review error on a cross-section names the unit and indicator, no period 0
    tempFile('gap.csv', 'unit,a,b\nX,1,\nY,3,1\nZ,2,5\n', dir);
    const gap = await run(['compute', 'gap.csv', '--framework', 'fw.json', '--normalise', 'min-max'], { cwd: dir });
    expect(gap.code).toBe(2);
    expect(gap.stderr).toContain('未计算指数：X，b未填报（必填指标）（gap.csv:2:3）；请运行 smei review gap.csv --framework fw.json');
    // smei audit needs no option: min-max, said so
    const audit = await run(['audit', 'd.csv', '--framework', 'fw.json', '--format', 'json'], { cwd: dir });
    expect(audit.code, audit.stderr).toBe(0);
    expect(JSON.parse(audit.stdout)).toMatchObject({ year: null, scores: 'min-max', scoresNote: 'no-base-year' });
  });
});
