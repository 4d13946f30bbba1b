// The method registry: every normalisation, weighting, aggregation,
// imputation and treatment by name, with its parameters, its one-line formula
// (English and Chinese) and the parsing of its spec text (`min-max:1,100`,
// `power:2`). The command line, the framework checker, the core and the
// report's method section all read these tables; the computations themselves
// are in src/core/methods.ts. Pure; below the core, so the framework can check
// a framework's methods without importing the computation.
import { SmeiError } from '../errors.js';

/** A method as given: its name and its parameters (`min-max:1,100`, `power:2`, `group-mean:EurAsia_group`). */
export interface MethodSpec {
  name: string;
  params: string[];
}

/** Splits `name:a,b` into a method spec. */
export function parseSpec(text: string): MethodSpec {
  const i = text.indexOf(':');
  if (i < 0) return { name: text.trim(), params: [] };
  return { name: text.slice(0, i).trim(), params: text.slice(i + 1).split(',').map((p) => p.trim()) };
}

/** A spec as written back. */
export function specText(m: MethodSpec): string {
  return m.params.length ? `${m.name}:${m.params.join(',')}` : m.name;
}

/** Fails for an unknown method or malformed parameters, listing what is allowed: why in English and Chinese, what is allowed (in Chinese too where it holds more than names). */
function refuse(option: string, text: string, why: [en: string, zh: string], allowed: string | [en: string, zh: string]): never {
  const [allowedEn, allowedZh] = typeof allowed === 'string' ? [allowed, allowed] : allowed;
  throw new SmeiError('usage', `${option} ${JSON.stringify(text)}: ${why[0]}. Allowed: ${allowedEn}.`, { zh: `${option} ${JSON.stringify(text)}：${why[1]}。可用的有：${allowedZh}。` });
}

/** The reason a method that takes no parameters was given some. */
const noParams = (name: string): [string, string] => [`${name} takes no parameters`, `${name} 不带参数`];

/** Parses numeric parameters, exactly `count` of them (or none when `optional`). */
function numbers(option: string, m: MethodSpec, text: string, count: number, optional: boolean, allowed: string | [en: string, zh: string]): number[] {
  if (m.params.length === 0 && optional) return [];
  const xs = m.params.map(Number);
  if (m.params.length !== count || xs.some((x, i) => !Number.isFinite(x) || m.params[i] === '')) refuse(option, text, [`${m.name} takes ${count} number${count === 1 ? '' : 's'}${optional ? ' or none' : ''}`, `${m.name} 需要 ${count} 个数${optional ? '，或者不带参数' : ''}`], allowed);
  return xs;
}

// ---------------------------------------------------------------- normalisation

/** How indicators become comparable scores. */
export const NORMALISATIONS: Record<string, { params: string; formula: string; zh: string; crossSection: boolean }> = {
  'fixed-base': { params: '', formula: 'I = 100 · x_t / x_base (direction −1: 100 · x_base / x_t)', zh: '定基指数：I = 100 × 报告期值 / 基期值（逆向指标取倒数）', crossSection: false },
  'chain-linked': { params: '', formula: 'leaves as fixed-base; a node = its value the period before × the weighted arithmetic mean of its children\'s ratios to the period before (the weighting happens on the ratios, at every node), 100 in the base period', zh: '环比链接：每个上级节点 = 上期值 × 下级指数对上期之比的加权算术平均，基期为100', crossSection: false },
  'min-max': { params: '[LO,HI] (default 0,100)', formula: 's = LO + (HI − LO) · (x − min) / (max − min)', zh: '极差标准化：s = LO + (HI − LO)(x − min)/(max − min)', crossSection: true },
  'z-score': { params: '[MEAN,SD] (default 0,1)', formula: 's = MEAN + SD · (x − mean) / sd (sample sd, n − 1)', zh: 'Z分数：s = MEAN + SD(x − 均值)/标准差（样本标准差）', crossSection: true },
  efficacy: { params: '[A,B] (default 60,40)', formula: 'd = A + B · (x − lo) / (hi − lo), lo/hi = the node\'s lower/upper, else the sample min/max; not clamped (efficacy = efficacy:60,40, the 功效系数 of Chinese practice; efficacy:70,60 with Compind\'s AMPI goalposts as lower/upper is ci_ampi\'s normalisation)', zh: '功效系数：d = A + B(x − x_s)/(x_h − x_s)（默认 A = 60，B = 40），x_s/x_h 取节点的 lower/upper，未给出时取样本最小/最大值；不截断', crossSection: true },
  'efficacy-exponential': { params: '', formula: 'd = 60 · exp(ln(5/3) · (x − lo) / (hi − lo)): 60 at lo, 100 at hi', zh: '指数功效系数：d = 60·exp(ln(5/3)·(x − x_s)/(x_h − x_s))，x_s 处为60，x_h 处为100', crossSection: true },
  goalposts: { params: '', formula: 's = 100 · (x − lower) / (upper − lower), capped to 0..100 (the node\'s lower/upper)', zh: '目标区间：s = 100(x − lower)/(upper − lower)，截断在0到100', crossSection: false },
  'distance-to-target': { params: '', formula: 's = 100 · x / target, capped at 100 (direction −1: 100 · target / x)', zh: '距目标：s = 100 × x / 目标值，最高100（逆向指标取倒数）', crossSection: false },
  rank: { params: '', formula: 's = the rank among units, 1 = lowest, ties share the lowest rank', zh: '秩：s = 在各单位中的秩（最小为1，并列取小）', crossSection: true },
  percentile: { params: '', formula: 's = 100 · (rank − 1) / (n − 1)', zh: '百分位：s = 100(秩 − 1)/(n − 1)', crossSection: true },
  none: { params: '', formula: 's = x: the raw values as they are (direction not applied), for indicators already on one scale (Compind\'s means of raw indicators)', zh: '不标准化：s = x，直接汇总原始值（不按方向翻转），用于已在同一量纲上的指标', crossSection: false },
};

/** Checks a --normalise value. */
export function parseNormalise(text: string, option = '--normalise'): MethodSpec {
  const m = parseSpec(text);
  const allowed = Object.keys(NORMALISATIONS).join(', ');
  if (!Object.hasOwn(NORMALISATIONS, m.name)) refuse(option, text, ['no such normalisation', '没有这种标准化方法'], allowed);
  if (m.name === 'min-max' || m.name === 'z-score' || m.name === 'efficacy') {
    const p = numbers(option, m, text, 2, true, allowed);
    if (m.name === 'efficacy' && p.length && p[1]! <= 0) refuse(option, text, ['B (the span of the scores) must be above 0', 'B（得分的跨度）必须大于 0'], allowed);
    if (m.name === 'min-max' && p.length && p[0]! >= p[1]!) refuse(option, text, ['LO must be below HI', 'LO 必须小于 HI'], allowed);
    if (m.name === 'z-score' && p.length && p[1]! <= 0) refuse(option, text, ['SD must be above 0', 'SD 必须大于 0'], allowed);
  } else if (m.params.length) refuse(option, text, noParams(m.name), allowed);
  return m;
}

// ---------------------------------------------------------------- weights

/** How the weights of a node's children are set; what each does with an indicator's direction is part of its formula. */
export const WEIGHTINGS: Record<string, { formula: string; zh: string }> = {
  given: { formula: 'the framework\'s weights', zh: '框架给定权重' },
  equal: { formula: 'every child weighs the same', zh: '等权' },
  entropy: { formula: 'p = x / Σx over units (raw values ≥ 0); e = −Σ p ln p / ln n; w ∝ 1 − e; direction plays no part (as pyrepo-mcda and pymcdm)', zh: '熵权法（原始值）：p = x/Σx，e = −Σp ln p / ln n，w ∝ 1 − e；与指标方向无关' },
  'entropy-minmax': { formula: 'as entropy, on values min-max scaled to 0..1 first, lower-is-better indicators flipped ((max − x)/(max − min), as Chinese textbooks\' 熵权法)', zh: '熵权法（先极差标准化到0–1，逆向指标按 (max − x)/(max − min) 翻转）' },
  critic: { formula: 'C = sd · Σ(1 − r) on min-max scaled values (0..1), lower-is-better indicators flipped first (Diakoulaki et al. 1995); w ∝ C', zh: 'CRITIC：C = 标准差 × Σ(1 − 相关系数)（极差标准化后，逆向指标先翻转，Diakoulaki 1995），w ∝ C' },
  cv: { formula: 'w ∝ sd / |mean| of the raw values (coefficient of variation); direction plays no part (the cv of −x is the cv of x)', zh: '变异系数法：w ∝ 标准差/|均值|（原始值）；与指标方向无关' },
  pca: { formula: 'w ∝ the squared loadings of the first principal component of the correlation matrix (smei audit shows the signed loadings, COINr\'s PCA weights)', zh: '主成分法：w ∝ 第一主成分载荷的平方（smei audit 给出带符号的载荷，即 COINr 的 PCA 权重）' },
  ahp: { formula: 'the principal eigenvector of the node\'s pairwise matrix (AHP, Saaty), λmax its eigenvalue; CI = (λmax − n)/(n − 1), CR = CI / RI below 0.1', zh: '层次分析法（特征向量法）：判断矩阵的主特征向量，λmax 为最大特征根；CI = (λmax − n)/(n − 1)，一致性比率 CR = CI/RI < 0.1' },
};

/** The variants of a weighting, by their spec text: what each computes, when it differs from the plain name. */
export const WEIGHTING_VARIANTS: Record<string, { formula: string; zh: string }> = {
  'ahp:eigen': { formula: 'the same as ahp: the principal eigenvector', zh: '同 ahp：主特征向量' },
  'ahp:sum': { formula: '和积法: each column divided by its sum, w = the row means of that matrix; λmax = (1/n) Σ (Aw)_i / w_i; CI = (λmax − n)/(n − 1), CR = CI / RI below 0.1 (ArcGIS Pro\'s pairwise comparison, Chinese textbooks)', zh: '和积法：各列归一化后取行平均，λmax = (1/n)Σ(Aw)_i/w_i；CI = (λmax − n)/(n − 1)，一致性比率 CR = CI/RI < 0.1' },
  'ahp:geometric': { formula: '方根法: w ∝ the geometric mean of each row (n-th root of the row product), normalised to sum 1; λmax = (1/n) Σ (Aw)_i / w_i; CI = (λmax − n)/(n − 1), CR = CI / RI below 0.1', zh: '方根法：各行元素乘积开 n 次方后归一化，λmax = (1/n)Σ(Aw)_i/w_i；CI = (λmax − n)/(n − 1)，一致性比率 CR = CI/RI < 0.1' },
  'entropy-minmax:ignore-direction': { formula: 'as entropy-minmax, with no indicator flipped: (x − min)/(max − min) for every indicator', zh: '熵权法（极差标准化），不按方向翻转：一律 (x − min)/(max − min)' },
  'critic:ignore-direction': { formula: 'as critic, with no indicator flipped: correlations of the values as they are (Tuş & Aytaç Adalı 2019, pyrepo-mcda, pymcdm)', zh: 'CRITIC，不按方向翻转：相关系数按原值计算（Tuş & Aytaç Adalı 2019，pyrepo-mcda，pymcdm）' },
};

/** The formula of a weighting as given (a variant's own when it has one). */
export function describeWeighting(m: MethodSpec): { formula: string; zh: string } {
  return WEIGHTING_VARIANTS[specText(m)] ?? WEIGHTINGS[m.name]!;
}

/** The parameters each weighting takes (one word each). */
const WEIGHTING_PARAMS: Record<string, string[]> = { ahp: ['eigen', 'sum', 'geometric'], critic: ['ignore-direction'], 'entropy-minmax': ['ignore-direction'] };

/** Checks a --weights value. */
export function parseWeights(text: string, option = '--weights'): MethodSpec {
  const m = parseSpec(text);
  const allowed = `${Object.keys(WEIGHTINGS).join(', ')}, ${Object.keys(WEIGHTING_VARIANTS).join(', ')}`;
  if (!Object.hasOwn(WEIGHTINGS, m.name)) refuse(option, text, ['no such weighting', '没有这种赋权方法'], allowed);
  const ok = WEIGHTING_PARAMS[m.name] ?? [];
  if ((m.name === 'entropy' || m.name === 'cv' || m.name === 'pca') && m.params.length === 1 && m.params[0] === 'ignore-direction') refuse(option, text, [`${m.name} works on the raw values and never flips an indicator, so it ignores direction already: use ${m.name}`, `${m.name} 基于原始值计算，从不翻转指标，本来就不考虑方向：请直接用 ${m.name}`], allowed);
  if (m.params.length > 1 || (m.params.length === 1 && !ok.includes(m.params[0]!))) refuse(option, text, ok.length ? [`${m.name} takes one of ${ok.join(', ')}`, `${m.name} 的参数只能是 ${ok.join('、')} 之一`] : noParams(m.name), allowed);
  return m;
}

/** The random consistency index tables: Saaty's, and the one Chinese textbooks print. */
export const RANDOM_INDEX_TABLES = {
  // Saaty's table (The Analytic Hierarchy Process, 1980), n = 1..15, as it is reproduced (e.g. Bernardus et al.
  // 2012, p. 268): its 1.48 at n = 12, below n = 11, is in the table itself (sampling noise of the
  // original simulations), so it is kept as published; the cn table is the smooth one.
  saaty: [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59],
  // the table of Chinese textbooks and exam answers, n = 1..15
  cn: [0, 0, 0, 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59],
} as const;

/** Which random index table. */
export type RandomIndexTable = keyof typeof RANDOM_INDEX_TABLES;

/** Checks a random index table name (--ahp-ri, "ahpRandomIndex"). */
export function parseRandomIndex(text: string, option = '--ahp-ri'): RandomIndexTable {
  if (text !== 'saaty' && text !== 'cn') refuse(option, text, ['no such random index table', '没有这个随机一致性指标（RI）表'], ['saaty (Saaty 1980), cn (the table of Chinese textbooks)', 'saaty（Saaty 1980）、cn（国内教材中的表）']);
  return text;
}

// ---------------------------------------------------------------- aggregation

/** How a node combines its children's scores. */
export const AGGREGATIONS: Record<string, { formula: string; zh: string; positive: boolean }> = {
  arithmetic: { formula: 'Σ w·x / Σ w', zh: '加权算术平均', positive: false },
  geometric: { formula: 'exp(Σ w·ln x / Σ w); every x > 0', zh: '加权几何平均（各值须大于0）', positive: true },
  harmonic: { formula: 'Σ w / Σ (w / x); every x > 0', zh: '加权调和平均（各值须大于0）', positive: true },
  power: { formula: '(Σ w·x^P / Σ w)^(1/P), the generalised mean of order P (P = 1 arithmetic, P = −1 harmonic); every x > 0', zh: '广义（幂）平均 (Σw·x^P/Σw)^(1/P)（各值须大于0）', positive: true },
  mpi: { formula: 'Mazziotta–Pareto index: M − S·cv with M the (weighted) mean of the children, S their standard deviation with the population variance (divided by Σw), cv = S / M (Mazziotta & Pareto 2016, Social Indicators Research 127)', zh: 'Mazziotta–Pareto 指数：M − S·cv，M 为均值，S 为总体标准差（方差除以权重和），cv = S/M（Mazziotta & Pareto, 2016）', positive: false },
};

/** The variants of an aggregation, by their spec text. */
export const AGGREGATION_VARIANTS: Record<string, { formula: string; zh: string }> = {
  'mpi:+': { formula: 'M + S·cv, population variance: the penalty of an index where higher is worse (Compind\'s penalty "POS" of ci_ampi)', zh: 'Mazziotta–Pareto 指数（反向惩罚）：M + S·cv，S 为总体标准差，用于越高越差的指数' },
  'mpi:sample': { formula: 'M − S·cv with the sample variance (S² = n/(n − 1) × the weighted population variance; Compind\'s ci_mpi, which uses R\'s var)', zh: 'Mazziotta–Pareto 指数：M − S·cv，S 为样本标准差（S² = n/(n − 1) × 加权总体方差；同 Compind 的 ci_mpi）' },
  'mpi:+,sample': { formula: 'M + S·cv with the sample variance: the AMPI table of Compind\'s vignette (EU_2020, 2010 and 2011; ci_ampi of Compind 2.0 with efficacy:70,60 scores)', zh: 'Mazziotta–Pareto 指数（反向惩罚）：M + S·cv，S 为样本标准差（Compind 说明文档 AMPI 表的算法，EU_2020，2010 与 2011 年）' },
};

/** The formula of an aggregation as given (a variant's own when it has one). */
export function describeAggregation(m: MethodSpec): { formula: string; zh: string } {
  if (m.name !== 'mpi') return AGGREGATIONS[m.name]!;
  const { plus, sample } = mpiOptions(m);
  const key = plus && sample ? 'mpi:+,sample' : plus ? 'mpi:+' : sample ? 'mpi:sample' : 'mpi';
  return AGGREGATION_VARIANTS[key] ?? AGGREGATIONS.mpi!;
}

/** The penalty sign and variance of an mpi spec: `+` or `-` (default), `sample` or `population` (default), in any order. */
export function mpiOptions(m: MethodSpec): { plus: boolean; sample: boolean } {
  return { plus: m.params.includes('+'), sample: m.params.includes('sample') };
}

/** Checks an aggregation name (`power:P`). */
export function parseAggregation(text: string, option = '--aggregation'): MethodSpec {
  const m = parseSpec(text);
  const allowed = 'arithmetic, geometric, harmonic, power:P, mpi, mpi:+, mpi:sample, mpi:+,sample';
  if (!Object.hasOwn(AGGREGATIONS, m.name)) refuse(option, text, ['no such aggregation', '没有这种汇总方法'], allowed);
  if (m.name === 'mpi') {
    const words = ['+', '-', 'sample', 'population'];
    const bad = m.params.find((p) => !words.includes(p));
    if (bad !== undefined) refuse(option, text, [`mpi takes + or - (the penalty's sign) and sample or population (the variance), got ${JSON.stringify(bad)}`, `mpi 的参数是 + 或 -（惩罚项的符号）以及 sample 或 population（方差），实际为 ${JSON.stringify(bad)}`], allowed);
    if ((m.params.includes('+') && m.params.includes('-')) || (m.params.includes('sample') && m.params.includes('population')) || new Set(m.params).size !== m.params.length) refuse(option, text, ['give each of the penalty\'s sign and the variance once', '惩罚项的符号和方差各只能给一次'], allowed);
  } else if (m.name === 'power') {
    const [p] = numbers(option, m, text, 1, false, allowed);
    if (p === 0) refuse(option, text, ['the order P of a power mean cannot be 0 (that is the geometric mean)', '幂平均的阶数 P 不能为 0（那就是几何平均）'], allowed);
  } else if (m.params.length) refuse(option, text, noParams(m.name), allowed);
  return m;
}

// ---------------------------------------------------------------- preparation

/** Imputation methods. */
export const IMPUTATIONS = ['mean', 'median', 'group-mean', 'group-median', 'carry-forward', 'interpolate'];

/** Checks a --impute value. */
export function parseImpute(text: string, option = '--impute'): MethodSpec {
  const m = parseSpec(text);
  const allowed = 'mean, median, group-mean:COL, group-median:COL, carry-forward, interpolate';
  if (!IMPUTATIONS.includes(m.name)) refuse(option, text, ['no such imputation', '没有这种插补方法'], allowed);
  if (m.name.startsWith('group-') ? m.params.length !== 1 || m.params[0] === '' : m.params.length > 0) refuse(option, text, m.name.startsWith('group-') ? [`${m.name} needs the group column: ${m.name}:COL`, `${m.name} 需要指定分组列：${m.name}:COL`] : noParams(m.name), allowed);
  return m;
}

/** Checks a --treat value: winsorise[:MAX]. */
export function parseTreat(text: string, option = '--treat'): MethodSpec {
  const m = parseSpec(text);
  const allowed: [string, string] = ['winsorise, winsorise:MAX (default 5)', 'winsorise, winsorise:MAX（默认 5）'];
  if (m.name !== 'winsorise') refuse(option, text, ['no such treatment', '没有这种离群值处理方法'], allowed);
  if (m.params.length) {
    const [max] = numbers(option, m, text, 1, false, allowed);
    if (!Number.isInteger(max) || max! < 1) refuse(option, text, ['MAX is a whole number of points, 1 or more', 'MAX 是点数，须为 1 或更大的整数'], allowed);
  }
  return m;
}
