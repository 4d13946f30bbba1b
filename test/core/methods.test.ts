// Methods (issue 14), each worked by hand, with invariants and refusals.
import { describe, expect, it } from 'vitest';
import { aggregateValues, ahpWeights, criticWeights, cvWeights, entropyWeights, minMaxColumns, normaliseValues, parseSpec, pcaWeights } from '../../src/core/methods.js';
import { run, tempDir, tempFile } from '../helpers.js';

const XU = [[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]];
const cols = (m: number[][]): number[][] => m[0]!.map((_, j) => m.map((r) => r[j]!));
const norm = (name: string, xs: number[], b: Record<string, number> = {}, dir: 1 | -1 = 1): number[] => Array.from(normaliseValues(parseSpec(name), Float64Array.from(xs), { direction: dir, ...b }).scores);

describe('normalisations, by hand', () => {
  it('min-max spans exactly LO..HI; direction −1 flips', () => {
    expect(norm('min-max', [2, 4, 6])).toEqual([0, 50, 100]);
    expect(norm('min-max:1,100', [2, 4, 6])).toEqual([1, 50.5, 100]);
    expect(norm('min-max', [2, 4, 6], {}, -1)).toEqual([100, 50, 0]);
    expect(normaliseValues(parseSpec('min-max'), Float64Array.from([3, 3]), { direction: 1 }).constant).toBe(true);
  });

  it('z-score with the sample sd, and z-score:100,10', () => {
    // mean 4, sample sd 2
    expect(norm('z-score', [2, 4, 6])).toEqual([-1, 0, 1]);
    expect(norm('z-score:100,10', [2, 4, 6])).toEqual([90, 100, 110]);
  });

  it('efficacy: 60 + 40(x − lo)/(hi − lo), not clamped (5.81 with lower 6, upper 12 is 58.73); the exponential form is 60 at lo, 100 at hi', () => {
    expect(norm('efficacy', [5.81], { lower: 6, upper: 12 })[0]).toBeCloseTo(58.7333333, 6);
    expect(norm('efficacy', [6, 9, 12])).toEqual([60, 80, 100]);
    expect(norm('efficacy-exponential', [6, 12])).toEqual([60, 100]);
    expect(norm('efficacy-exponential', [6, 9, 12])[1]).toBeCloseTo(60 * Math.sqrt(5 / 3), 12);
  });

  it('goalposts are capped to 0..100; distance-to-target is capped at 100', () => {
    expect(norm('goalposts', [0, 5, 10, 20], { lower: 5, upper: 15 })).toEqual([0, 0, 50, 100]);
    expect(norm('distance-to-target', [40, 80, 120], { target: 80 })).toEqual([50, 100, 100]);
    expect(norm('distance-to-target', [40, 160], { target: 80 }, -1)).toEqual([100, 50]);
  });

  it('rank (ties share the lower rank) and percentile', () => {
    expect(norm('rank', [10, 30, 20, 30])).toEqual([1, 3, 2, 3]);
    expect(norm('percentile', [10, 30, 20, 30])).toEqual([0, 200 / 3, 100 / 3, 200 / 3]);
  });
});

describe('weights, by hand and published', () => {
  it("entropy reproduces Xu (2004): 0.4630, 0.3992, 0.1378, 0.0000; entropy-minmax 0.4694, 0.2066, 0.1755, 0.1484", () => {
    expect(entropyWeights(cols(XU)).map((w) => w.toFixed(4))).toEqual(['0.4630', '0.3992', '0.1378', '0.0000']);
    expect(entropyWeights(minMaxColumns(cols(XU), [1, 1, 1, 1])).map((w) => w.toFixed(4))).toEqual(['0.4694', '0.2066', '0.1755', '0.1484']);
  });

  it('cv: w ∝ sd/mean', () => {
    // a: mean 2, sd 1 → 0.5; b: mean 10, sd 1 → 0.1
    const w = cvWeights([[1, 2, 3], [9, 10, 11]]);
    expect(w[0]).toBeCloseTo(0.5 / 0.6, 12);
    expect(w[1]).toBeCloseTo(0.1 / 0.6, 12);
  });

  it('critic: sd × Σ(1 − r) on min-max scaled columns', () => {
    // a and b perfectly correlated, c opposite: scaled a = b = (0, 0.5, 1), c = (1, 0.5, 0); sd 0.5 each
    // C_a = 0.5 × ((1 − 1) + (1 − (−1))) = 1, C_b = 1, C_c = 0.5 × (2 + 2) = 2
    const w = criticWeights([[1, 2, 3], [10, 20, 30], [3, 2, 1]], [1, 1, 1]);
    expect(w.map((x) => Number(x.toFixed(12)))).toEqual([0.25, 0.25, 0.5]);
  });

  it('pca: squared loadings of the first component; a singular matrix gives none', () => {
    // two identical columns and one uncorrelated: the first component is the pair
    const w = pcaWeights([[1, 2, 3, 4], [2, 4, 6, 8.0001], [1, -1, -1, 1]]);
    expect(w).toBeUndefined();
    const v = pcaWeights([[1, 2, 3, 4, 5], [2, 1, 4, 3, 6], [5, 3, 4, 1, 2]])!;
    expect(v.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("ahp: Saaty's 3×3 example gives the principal eigenvector and a consistency ratio", () => {
    const r = ahpWeights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]);
    // the known answer: 0.6370, 0.2583, 0.1047; λmax 3.0385, CR 0.033
    expect(r.weights.map((x) => x.toFixed(4))).toEqual(['0.6370', '0.2583', '0.1047']);
    expect(r.lambda).toBeCloseTo(3.0385, 4);
    expect(r.cr).toBeCloseTo(0.0332, 3);
  });
});

describe('aggregations, by hand', () => {
  const A = (name: string, xs: number[], ws = xs.map(() => 1)): number => aggregateValues(parseSpec(name), xs, ws);
  it('arithmetic, geometric, harmonic, power and the Mazziotta-Pareto index', () => {
    expect(A('arithmetic', [2, 8])).toBe(5);
    expect(A('geometric', [2, 8])).toBeCloseTo(4, 12);
    expect(A('harmonic', [2, 8])).toBeCloseTo(3.2, 12);
    expect(A('power:2', [2, 8])).toBeCloseTo(Math.sqrt(34), 12);
    expect(A('power:-1', [2, 8])).toBeCloseTo(3.2, 12);
    // MPI: M = 100, S² = 100 (population variance of 90, 110) → 100 − 100/100 = 99
    expect(A('mpi', [90, 110])).toBeCloseTo(99, 12);
    expect(A('geometric', [0, 8])).toBeNaN();
  });
});

describe('methods through the command line', () => {
  const FW = { name: 'm', nodes: [{ id: 'index' }, { id: 'm1', parent: 'index' }, { id: 'a', parent: 'm1' }, { id: 'b', parent: 'm1' }, { id: 'c', parent: 'm1' }, { id: 'd', parent: 'm1' }] };
  const CSV = `unit,a,b,c,d\n${XU.map((r, i) => `U${i + 1},${r.join(',')}`).join('\n')}\n`;
  const setup = (fw: unknown = FW, csv = CSV): string => {
    const dir = tempDir();
    tempFile('fw.json', JSON.stringify(fw), dir);
    tempFile('d.csv', csv, dir);
    return dir;
  };
  const json = async (dir: string, args: string[]): Promise<{ code: number; stderr: string; doc: { weights: { node: string; weight: number }[]; rows: { unit: string; node: string; value: number | null }[]; method: Record<string, unknown>; warnings: { code: string; message: string }[] } }> => {
    const r = await run(['compute', 'd.csv', '--framework', 'fw.json', '--format', 'json', ...args], { cwd: dir });
    return { code: r.code, stderr: r.stderr, doc: r.code === 0 ? JSON.parse(r.stdout) : ({} as never) };
  };

  it('--weights entropy gives Xu\'s weights in JSON, and the index is the weighted mean', async () => {
    const { doc } = await json(setup(), ['--weights', 'entropy', '--normalise', 'min-max']);
    // in framework order: index's one child, then m1's four
    expect(doc.weights.map((w) => w.weight.toFixed(4))).toEqual(['1.0000', '0.4630', '0.3992', '0.1378', '0.0000']);
    expect(doc.method).toMatchObject({ normalise: 'min-max', weights: 'entropy' });
    const u1 = doc.rows.filter((r) => r.unit === 'U1');
    const w = doc.weights.slice(1).map((x) => x.weight);
    const s = ['a', 'b', 'c', 'd'].map((id) => u1.find((r) => r.node === id)!.value!);
    expect(u1.find((r) => r.node === 'm1')!.value).toBeCloseTo(s.reduce((acc, x, i) => acc + x * w[i]!, 0), 10);
  });

  it('a framework may set the methods; the command line overrides them', async () => {
    const dir = setup({ ...FW, methods: { normalise: 'min-max', weights: 'entropy-minmax' } });
    expect((await json(dir, [])).doc.weights.slice(1).map((w) => w.weight.toFixed(4))).toEqual(['0.4694', '0.2066', '0.1755', '0.1484']);
    expect((await json(dir, ['--weights', 'equal'])).doc.weights.slice(1).map((w) => w.weight)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('chain-linked equals fixed-base when every indicator grows at the same rate', async () => {
    const fw = { ...FW, baseYear: 2014 };
    const csv = 'unit,year,a,b,c,d\nA,2014,10,20,30,40\nA,2015,11,22,33,44\nA,2016,12.1,24.2,36.3,48.4\nB,2014,5,5,5,5\nB,2015,6,6,6,6\nB,2016,7,7,7,7\n';
    const fixed = await json(setup(fw, csv), []);
    const chained = await json(setup(fw, csv), ['--normalise', 'chain-linked']);
    for (const r of fixed.doc.rows) expect(chained.doc.rows.find((x) => x.unit === r.unit && x.node === r.node && (x as { year?: number }).year === (r as { year?: number }).year)!.value!, `${r.unit} ${r.node}`).toBeCloseTo(r.value!, 10);
    // with different rates they differ: the chain weights each year's ratios
    const uneven = 'unit,year,a,b,c,d\nA,2014,10,10,10,10\nA,2015,20,10,10,10\nA,2016,20,20,10,10\n';
    const f2 = await json(setup(fw, uneven), []);
    const c2 = await json(setup(fw, uneven), ['--normalise', 'chain-linked']);
    const v = (d: typeof f2, y: number): number => d.doc.rows.find((r) => r.node === 'index' && (r as { year?: number }).year === y)!.value!;
    // fixed-base 2016: (200 + 200 + 100 + 100) / 4 = 150; chained: 2015 = 100 × (2 + 1 + 1 + 1)/4 = 125, 2016 = 125 × (1 + 2 + 1 + 1)/4 = 156.25
    expect([v(f2, 2016), v(c2, 2015), v(c2, 2016)]).toEqual([150, 125, 156.25]);
  });

  it('aggregation methods per node and on the command line', async () => {
    const fw = { ...FW, nodes: FW.nodes.map((n) => (n.id === 'm1' ? { ...n, aggregation: 'geometric' } : n)) };
    const r = await json(setup(fw), ['--normalise', 'min-max:1,100']);
    const u1 = r.doc.rows.filter((x) => x.unit === 'U1');
    const s = ['a', 'b', 'c', 'd'].map((id) => u1.find((x) => x.node === id)!.value!);
    expect(u1.find((x) => x.node === 'm1')!.value).toBeCloseTo(Math.exp(s.reduce((acc, x) => acc + Math.log(x), 0) / 4), 10);
    // min-max to 0..100 gives zeros: the geometric mean is undefined there, and the run is refused as COINr's
    // a_gmean stops ("Negative or zero values found when applying geometric mean"), every cell named and what to do;
    // leaving m1 out would rank each unit on its other nodes (the ASEM trial: Austria 7th became 2nd)
    const zero = await json(setup(fw), ['--normalise', 'min-max', '--lang', 'en']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/^smei: the geometric mean is undefined where a child's score is 0 or below, in 3 cells: U1 m1 \(c = 0\); U2 m1 \(a = 0\); U3 m1 \(a = 0\)\. Leaving those nodes out would rank the units on their other nodes\./);
    expect(zero.stderr).toContain('Normalise to scores above 0 (--normalise min-max:1,100, as COINr users do) or aggregate with --aggregation arithmetic.');
    expect(zero.stderr).not.toContain('    at ');
  });

  it('refusals: unknown method, malformed parameter, a missing denominator column, a group column that is not there, an inconsistent or non-reciprocal AHP matrix, a singular PCA', async () => {
    const dir = setup();
    const cases: [string[], string][] = [
      [['--normalise', 'minmax'], 'smei: --normalise "minmax": no such normalisation. Allowed: fixed-base, chain-linked, min-max, z-score, efficacy, efficacy-exponential, goalposts, distance-to-target, rank, percentile, none.\n'],
      [['--normalise', 'min-max:100,0'], 'smei: --normalise "min-max:100,0": LO must be below HI.'],
      [['--normalise', 'z-score:1'], 'smei: --normalise "z-score:1": z-score takes 2 numbers or none.'],
      [['--aggregation', 'power:x'], 'smei: --aggregation "power:x": power takes 1 number.'],
      [['--impute', 'group-mean'], 'smei: --impute "group-mean": group-mean needs the group column: group-mean:COL.'],
      [['--impute', 'group-mean:Region', '--normalise', 'min-max'], 'smei: --impute group-mean:Region: d.csv has no group column "Region".'],
      [['--treat', 'winsorise:0'], 'smei: --treat "winsorise:0": MAX is a whole number of points, 1 or more.'],
      [['--normalise', 'goalposts'], 'smei: --normalise goalposts: 4 indicators without "lower" and "upper" in the framework: a, b, c, d.'],
    ];
    for (const [args, message] of cases) {
      const r = await json(dir, [...args, '--lang', 'en']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message.replace(/\n$/, ''));
    }
    const den = setup({ ...FW, denominators: [{ id: 'GDP' }], nodes: FW.nodes.map((n) => (n.id === 'a' ? { ...n, denominator: 'GDP' } : n)) });
    expect((await json(den, ['--denominate', '--normalise', 'min-max'])).stderr).toContain('--denominate：d.csv没有 "GDP" 列，而框架把它用作分母。请添加该列（每个地区每年一个值），或不用 --denominate。');
    expect((await json(den, ['--denominate', '--normalise', 'min-max', '--lang', 'en'])).stderr).toContain('--denominate: d.csv has no column "GDP", which the framework names as a denominator.');
    const ahp = (m: number[][]): unknown => ({ ...FW, nodes: FW.nodes.map((n) => (n.id === 'm1' ? { ...n, ahp: m } : n)) });
    const consistent = [[1, 3, 5, 7], [1 / 3, 1, 3, 5], [1 / 5, 1 / 3, 1, 3], [1 / 7, 1 / 5, 1 / 3, 1]];
    const given = await json(setup(ahp(consistent)), ['--weights', 'ahp', '--normalise', 'min-max']);
    expect(given.code).toBe(0);
    // Saaty's fractions written out ("1/3", full-width "１／５") are the same exact judgements: the same weights, to the bit
    const written = [[1, 3, 5, 7], ['1/3', 1, '3', 5], ['１／５', '1/3', 1, 3], ['1/7', '1 / 5', '1/3', '1']] as unknown as number[][];
    const fractions = await json(setup(ahp(written)), ['--weights', 'ahp', '--normalise', 'min-max']);
    expect(fractions.code, fractions.stderr).toBe(0);
    expect(fractions.doc.weights).toEqual(given.doc.weights);
    expect((await json(setup(ahp([[1, 3, 5, 7], ['one third', 1, 3, 5], [1 / 5, 1 / 3, 1, 3], [1 / 7, 1 / 5, 1 / 3, 1]] as unknown as number[][])), ['--weights', 'ahp', '--lang', 'en'])).stderr).toContain('ahp must be a square matrix of positive numbers, one row per child. For example "ahp": [[1, 3], ["1/3", 1]] (a judgement is a number or a fraction such as "1/3").');
    const inconsistent = [[1, 9, 1 / 9, 1], [1 / 9, 1, 9, 1], [9, 1 / 9, 1, 1], [1, 1, 1, 1]];
    const inc = await json(setup(ahp(inconsistent)), ['--weights', 'ahp', '--normalise', 'min-max', '--lang', 'en']);
    expect(inc.code).toBe(2);
    expect(inc.stderr).toMatch(/^smei: fw\.json: an ahp matrix is inconsistent: node "m1": consistency ratio CR = \d\.\d{4} \(λmax \d+\.\d{4}, CI \d\.\d{4}, RI 0.9 from the saaty table, ahp:eigen\); AHP asks for CR < 0.1/);
    expect((await json(setup(ahp(inconsistent)), ['--weights', 'ahp', '--normalise', 'min-max', '--allow-inconsistent'])).code).toBe(0);
    const nonReciprocal = [[1, 3, 5, 7], [3, 1, 3, 5], [1 / 5, 1 / 3, 1, 3], [1 / 7, 1 / 5, 1 / 3, 1]];
    expect((await json(setup(ahp(nonReciprocal)), ['--weights', 'ahp', '--normalise', 'min-max'])).stderr).toBe('smei: fw.json：节点"m1"：它的 ahp 矩阵在第 1 行第 2 列不互反（3 与 3）。判断矩阵按框架中的顺序为每个下级节点各给一行一列，对角线为 1，且 a_ji = 1 / a_ij。请改正。\n');
    expect((await json(setup(ahp(nonReciprocal)), ['--weights', 'ahp', '--normalise', 'min-max', '--lang', 'en'])).stderr).toContain('smei: fw.json: node "m1": its ahp matrix is not reciprocal at row 1, column 2 (3 and 3).');
    // the file is checked as a whole: every bad matrix in one message, whatever the weighting asked for
    const twoBad = { ...FW, nodes: FW.nodes.map((n) => (n.id === 'm1' ? { ...n, ahp: [[1, 2], [0.5, 1]] } : n.id === 'index' ? { ...n, ahp: [[2]] } : n)) };
    const both = await json(setup(twoBad), ['--normalise', 'min-max', '--lang', 'en']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('smei: fw.json: node "index": its ahp matrix has 2 on the diagonal at row 1; node "m1": its ahp matrix is 2×2, but it has 4 children.');
    const singular = await json(setup(FW, 'unit,a,b,c,d\nU1,1,2,1,5\nU2,2,4,2,3\nU3,3,6,3,4\n'), ['--weights', 'pca', '--normalise', 'min-max', '--lang', 'en']);
    expect(singular.stderr).toContain('--weights pca: the correlation matrix of "m1"\'s children is singular');
  });

  it('a constant indicator under min-max: a warning, its scores undefined (as COINr returns NaN)', async () => {
    const r = await json(setup(FW, 'unit,a,b,c,d\nU1,1,5,1,2\nU2,2,5,3,4\nU3,3,5,2,1\n'), ['--normalise', 'min-max']);
    expect(r.code).toBe(0);
    expect(r.doc.rows.filter((x) => x.node === 'b').every((x) => x.value === null)).toBe(true);
    expect(r.doc.warnings.find((w) => w.code === 'constant')!.message).toBe("Indicator b (the period): every unit has the same value, so it cannot be normalised; its scores are undefined.".replace('Indicator b', 'b'));
  });

  it('imputed values are flagged in JSON and listed in the report\'s data notes', async () => {
    const dir = setup(FW, 'unit,a,b,c,d\nU1,1,2,,4\nU2,2,3,4,5\nU3,3,4,6,6\n');
    const r = await json(dir, ['--normalise', 'min-max', '--impute', 'mean']);
    const c1 = (r.doc.rows as { unit: string; node: string; value: number | null; imputed?: boolean }[]).find((x) => x.unit === 'U1' && x.node === 'c')!;
    // the mean of 4 and 6 is 5: min-max over 4, 5, 6 gives 50
    expect(c1).toMatchObject({ value: 50, imputed: true });
    const report = await run(['report', 'd.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--impute', 'mean', '--quiet', '--lang', 'en'], { cwd: dir });
    expect(report.stdout).toContain('- U1, the period, c: missing, imputed (mean).');
    expect(report.stdout).toContain('- Data preparation, in order: missing values imputed: mean.');
  });

  it('a unit with no value at all is not imputed into a rank: it stays missing, with a note (the trial: a blank return ranked 2nd on the means)', async () => {
    const dir = setup(FW, 'unit,a,b,c,d\nU1,1,2,,4\nU2,2,3,4,5\nU3,3,4,6,6\nU4,,,,\n');
    for (const method of ['mean', 'median', 'carry-forward']) {
      const r = await run(['compute', 'd.csv', '--framework', 'fw.json', '--format', 'json', '--normalise', 'min-max', '--impute', method, '--lang', 'en'], { cwd: dir });
      const doc = JSON.parse(r.stdout) as { rows: { unit: string; node: string; value: number | null; rank?: number | null; imputed?: boolean }[]; notes: { code: string; message: string }[] };
      expect(doc.rows.filter((x) => x.unit === 'U4').every((x) => x.value === null && x.imputed !== true), method).toBe(true);
      expect(doc.rows.find((x) => x.unit === 'U4' && x.node === 'index')!.rank).toBeNull();
      expect(doc.notes.find((n) => n.code === 'not-imputed')!.message).toBe(`1 unit-period(s) with no indicator value at all not imputed by ${method} (a whole row of others' values would rank them on nothing they reported); shown as missing and not ranked: U4.`);
    }
    // U1's gap is still filled: the mean of 4 and 6
    const r = await json(dir, ['--normalise', 'min-max', '--impute', 'mean']);
    expect((r.doc.rows as { unit: string; node: string; imputed?: boolean }[]).find((x) => x.unit === 'U1' && x.node === 'c')!.imputed).toBe(true);
  });

  it('no growth rates of scores placed within each period (min-max 1 → 3 would be +200 %): no YoY in JSON, tables or warnings; --scope panel and fixed-base keep them', async () => {
    const fw = { ...FW, baseYear: 2014 };
    // A's a is the smallest in 2014 (score 0) and in between in 2015: YoY of 0 is undefined, and of anything else meaningless
    const csv = 'unit,year,a,b,c,d\nA,2014,10,10,10,10\nA,2015,12,10,10,10\nB,2014,20,20,20,20\nB,2015,24,23,23,23\nC,2014,15,16,17,18\nC,2015,11,15,16,17\n';
    const dir = setup(fw, csv);
    const mm = await json(dir, ['--normalise', 'min-max', '--lang', 'en']);
    const rows = mm.doc.rows as { unit: string; node: string; year: number; value: number | null; yoyPct: number | null }[];
    expect(rows.filter((r) => r.year === 2015).every((r) => r.yoyPct === null)).toBe(true);
    expect(mm.doc.warnings.filter((w) => w.code === 'zero-prior' || w.code === 'missing-prior')).toEqual([]);
    const table = await run(['compute', 'd.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--lang', 'en'], { cwd: dir });
    expect(table.stdout).not.toContain('YoY (%)');
    expect(table.stdout).toContain('min-max scores place each unit within its period, so no YoY is given; smei diff compares ranks between periods');
    const report = await run(['report', 'd.csv', '--framework', 'fw.json', '--normalise', 'min-max', '--quiet', '--lang', 'en'], { cwd: dir });
    expect(report.stdout).not.toContain('YoY (%)');
    expect(report.stdout).not.toContain('Fastest growth');
    expect(report.stdout).toContain('min-max scores place each unit within its period\'s spread, so growth rates between periods mean nothing');
    // over the whole panel the scores compare across years: B's index 2014 = 62.5 (a 20 of 10..24, b 20 of 10..23...), so a YoY is given
    const panel = await json(dir, ['--normalise', 'min-max', '--scope', 'panel']);
    expect((panel.doc.rows as typeof rows).find((r) => r.unit === 'B' && r.node === 'index' && r.year === 2015)!.yoyPct).not.toBeNull();
    const fb = await json(dir, []);
    // fixed-base: B's a 120, b c d 115: index 116.25, +16.25 %
    expect((fb.doc.rows as typeof rows).find((r) => r.unit === 'B' && r.node === 'index' && r.year === 2015)!.yoyPct).toBeCloseTo(16.25, 10);
  });

  it('a totals row is not scored among the units it sums under a cross-sectional normalisation (a sum scored 553 on min-max); fixed-base indexes it', async () => {
    const fw = { ...FW, baseYear: 2014 };
    const csv = 'unit,year,a,b,c,d\nTotal,2014,30,30,30,30\nTotal,2015,36,33,33,33\nA,2014,10,10,10,10\nA,2015,12,10,10,10\nB,2014,20,20,20,20\nB,2015,24,23,23,23\n';
    const mm = await run(['compute', 'd.csv', '--framework', 'fw.json', '--format', 'json', '--normalise', 'min-max', '--aggregate-unit', 'Total', '--lang', 'en'], { cwd: setup(fw, csv) });
    const doc = JSON.parse(mm.stdout) as { rows: { unit: string; node: string; value: number | null }[]; notes: { code: string; message: string }[] };
    expect(doc.rows.filter((x) => x.unit === 'Total').every((x) => x.value === null)).toBe(true);
    expect(doc.rows.find((x) => x.unit === 'B' && x.node === 'index' && (x as { year?: number }).year === 2015)!.value).toBe(100);
    expect(doc.notes.find((n) => n.code === 'aggregate-unscored')!.message).toContain('Total: a totals row, not scored by min-max among the units it sums');
    const fb = await json(setup(fw, csv), ['--aggregate-unit', 'Total']);
    // fixed-base: (120 + 110 × 3) / 4 = 112.5
    expect(fb.doc.rows.find((x) => x.unit === 'Total' && x.node === 'index' && (x as { year?: number }).year === 2015)!.value).toBeCloseTo(112.5, 10);
  });
});
