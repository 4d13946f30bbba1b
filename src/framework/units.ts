// Units of measure that are one quantity at scales of ten (元, 万元, 亿元;
// 人, 万人; ‰, %): what a value in one is in another. The reader converts a
// column whose header or units row says 万元 to the framework's 亿元 with
// it; the totals-row search counts sums in the counting families.
import { cleanCell } from '../text.js';

/**
 * Each family: its units and their power of ten against the family's base
 * unit, and its dimension. Units of one family convert; units of one
 * dimension but two families (个 and 件, 人 and 家: things counted) are read
 * as they are, an office's word for the same count; only two dimensions
 * (money and a count, % and 亿元, dollars and yuan) are refused.
 */
const FAMILIES: { name: string; dimension: string; count: boolean; units: Record<string, number> }[] = [
  { name: 'money', dimension: 'cny', count: true, units: money('元') },
  { name: 'usd', dimension: 'usd', count: true, units: { 美元: 0, 千美元: 3, 万美元: 4, 百万美元: 6, 亿美元: 8 } },
  { name: 'people', dimension: 'count', count: true, units: { 人: 0, 名: 0, 千人: 3, 万人: 4, 万名: 4 } },
  { name: 'person-times', dimension: 'count', count: true, units: { 人次: 0, 万人次: 4 } },
  { name: 'firms', dimension: 'count', count: true, units: { 个: 0, 家: 0, 户: 0, 千个: 3, 千家: 3, 千户: 3, 万个: 4, 万家: 4, 万户: 4 } },
  { name: 'items', dimension: 'count', count: true, units: { 件: 0, 万件: 4 } },
  { name: 'projects', dimension: 'count', count: true, units: { 项: 0, 万项: 4 } },
  // events (展会次数): counted, never negative, but a province's count need not be its cities' sum (one fair, several cities)
  { name: 'times', dimension: 'count', count: false, units: { 次: 0, 万次: 4 } },
  { name: 'tonnes', dimension: 'mass', count: true, units: { 吨: 0, 万吨: 4 } },
  { name: 'share', dimension: 'share', count: false, units: { '%': -2, 百分比: -2, '‰': -3, 千分比: -3 } },
];

/** 元, 千元, 万元, 百万元, 千万元, 亿元, 万亿元, and their 人民币 spellings (人民币万元, 万元人民币). */
function money(base: string): Record<string, number> {
  const scales: [string, number][] = [['', 0], ['千', 3], ['万', 4], ['百万', 6], ['千万', 7], ['亿', 8], ['万亿', 12]];
  const out: Record<string, number> = {};
  for (const [prefix, exp] of scales) {
    out[`${prefix}${base}`] = exp;
    out[`人民币${prefix}${base}`] = exp;
    out[`${prefix}${base}人民币`] = exp;
  }
  return out;
}

/** A unit as compared: NFKC, inner spaces removed, lower-cased, outer brackets dropped (（%） is %). */
export function unitKey(unit: string): string {
  return cleanCell(unit).replace(/\s+/g, '').toLowerCase().replace(/^[(（[【](.*)[)）\]】]$/, '$1');
}

/** Each unit's family and power of ten. */
const SCALE = new Map<string, { family: string; dimension: string; exp: number }>();
for (const f of FAMILIES) for (const [u, exp] of Object.entries(f.units)) SCALE.set(unitKey(u), { family: f.name, dimension: f.dimension, exp });

/** English scale words (COINr's `USD Bn`, `Thousands`; `million people`) and their powers of ten. */
const ENGLISH_SCALES = new Map<string, number>([
  ['thousand', 3], ['thousands', 3], ["'000", 3], ['000', 3],
  ['million', 6], ['millions', 6], ['mn', 6], ['mln', 6], ['mio', 6],
  ['billion', 9], ['billions', 9], ['bn', 9],
  ['trillion', 12], ['trillions', 12], ['tn', 12],
]);

/**
 * An English unit as a scale and what it counts, the words in any order:
 * `USD Bn` and `bn USD` are usd at 10^9, `USD` usd at 10^0, `Thousands`
 * nothing named at 10^3. Undefined for anything else (a Chinese unit, two
 * scale words, a unit with neither a scale nor a word).
 */
export function englishUnit(unit: string): { base: string; exp: number } | undefined {
  const words = cleanCell(unit).toLowerCase().replace(/^[(（[【](.*)[)）\]】]$/, '$1').split(/[\s_-]+/).filter((w) => w !== '');
  if (words.length === 0 || words.some((w) => !/^[a-z0-9'$%.]+$/.test(w))) return undefined;
  const scales = words.filter((w) => ENGLISH_SCALES.has(w));
  if (scales.length > 1) return undefined;
  const base = words.filter((w) => !ENGLISH_SCALES.has(w)).join(' ');
  return { base, exp: scales.length === 1 ? ENGLISH_SCALES.get(scales[0]!)! : 0 };
}

/**
 * How a value in `from` becomes one in `to`: the power of ten to multiply
 * by (万元 -> 亿元: -4; ‰ -> %: -1; USD Mn -> USD Bn: -3; 户 -> 家 or （%）
 * -> %: 0), or undefined when they are not one quantity (% and 亿元, USD Bn
 * and EUR Bn) or a unit is unknown and not spelled the same.
 */
export function unitScale(from: string, to: string): number | undefined {
  const a = unitKey(from);
  const b = unitKey(to);
  if (a === b) return 0;
  const sa = SCALE.get(a);
  const sb = SCALE.get(b);
  if (sa !== undefined && sb !== undefined) return sa.family === sb.family ? sa.exp - sb.exp : undefined;
  const ea = englishUnit(from);
  const eb = englishUnit(to);
  return ea !== undefined && eb !== undefined && ea.base === eb.base ? ea.exp - eb.exp : undefined;
}

/** Whether a unit is one of the families' (万元, %, 户...): a word in brackets that is not (含个体户, 年末) is no unit to check. */
export function knownUnit(unit: string): boolean {
  return SCALE.has(unitKey(unit));
}

/** Whether two known units measure different things (money and a count, a share and money, dollars and yuan): only then is one refused for the other. */
export function otherDimension(a: string, b: string): boolean {
  const sa = SCALE.get(unitKey(a));
  const sb = SCALE.get(unitKey(b));
  return sa !== undefined && sb !== undefined && sa.dimension !== sb.dimension;
}

/** The units of a family that `unit` belongs to, smallest first (for messages), or [] for a unit of none. */
export function unitFamily(unit: string): string[] {
  const s = SCALE.get(unitKey(unit));
  if (s === undefined) return [];
  const f = FAMILIES.find((x) => x.name === s.family)!;
  return Object.entries(f.units).filter(([u]) => !u.includes('人民币') && !/比$/.test(u)).sort((x, y) => x[1] - y[1]).map(([u]) => u);
}

/** Whether a unit counts things (firms, people, items, projects, times: 家, 万人, 人次, 件): never negative unless the framework says so. */
export function isCount(unit: string): boolean {
  return SCALE.get(unitKey(unit))?.dimension === 'count';
}

/** Whether a unit is a count's own unit, not a scale of it (家, 人, 人次; not 万人): reports write a large value of it in 万 or 亿 (205万家). */
export function isCountBase(unit: string): boolean {
  const s = SCALE.get(unitKey(unit));
  return s?.dimension === 'count' && s.exp === 0;
}

/** The units of counts and sums in these families (a total of units in them is the sum of the units' values). */
export const SCALED_COUNT_UNITS: readonly string[] = FAMILIES.filter((f) => f.count).flatMap((f) => Object.keys(f.units));
