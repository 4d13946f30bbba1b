// Sentences generated from numbers: 增长/下降 and rise/fall by sign, 点 for
// index points, % for rates, 个百分点 for differences of rates.
import type { Lang } from './i18n.js';
import { formatFixed } from './number.js';
import { isCountBase, unitScale } from '../framework/units.js';

/** "增长7.13%" / "up 7.13%" (or the words for a fall or no change). */
export function ratePhrase(pct: number, lang: Lang, d: number): string {
  const abs = formatFixed(Math.abs(pct), d);
  if (Number(abs) === 0) return lang === 'zh' ? '持平' : 'unchanged';
  if (lang === 'zh') return `${pct > 0 ? '增长' : '下降'}${abs}%`;
  return `${pct > 0 ? 'up' : 'down'} ${abs}%`;
}

/** "增加9.00点" / "9.00 points higher". */
export function pointsPhrase(points: number, lang: Lang, d: number): string {
  const abs = formatFixed(Math.abs(points), d);
  if (Number(abs) === 0) return lang === 'zh' ? '持平' : 'unchanged';
  if (lang === 'zh') return `${points > 0 ? '增加' : '减少'}${abs}点`;
  return `${abs} points ${points > 0 ? 'higher' : 'lower'}`;
}

/** "加快1.20个百分点" / "growth 1.20 percentage points faster than in 2017", for a difference of two rates. */
export function ppPhrase(pp: number, lang: Lang, d: number, priorYear: number | string): string {
  const abs = formatFixed(Math.abs(pp), d);
  if (Number(abs) === 0) return lang === 'zh' ? '与上年持平' : `growth at the same rate as in ${priorYear}`;
  if (lang === 'zh') return `${pp > 0 ? '加快' : '回落'}${abs}个百分点`;
  return `growth ${abs} percentage points ${pp > 0 ? 'faster' : 'slower'} than in ${priorYear}`;
}

/** "135.30点" / "135.30 points". */
export function points(v: number, lang: Lang, d: number): string {
  return lang === 'zh' ? `${formatFixed(v, d)}点` : `${formatFixed(v, d)} points`;
}

/** "第3位" / "3rd". */
export function ordinal(n: number, lang: Lang): string {
  if (lang === 'zh') return `第${n}位`;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** Joins items as a list in prose: "A、B 和 C" / "A, B and C". */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1]!;
  return lang === 'zh' ? `${items.slice(0, -1).join('、')}和${last}` : `${items.slice(0, -1).join(', ')} and ${last}`;
}


/**
 * A number as written in the data when it has at most 4 decimals, else
 * rounded to `d` decimals, or to three significant digits where `d` keeps
 * fewer (0.07183 is 0.0718, not 0.07).
 */
function plainNumber(v: number, d: number): string {
  if (Number.isInteger(Math.round(v * 1e4) / 1e4) || String(v).split('.')[1]!.length <= 4) return String(v);
  const significant = v === 0 ? 0 : 2 - Math.floor(Math.log10(Math.abs(v)));
  return formatFixed(v, Math.min(Math.max(d, significant), 8));
}

/**
 * A raw value with its unit as a report quotes it: "238.23万家", "19.46%",
 * "12267.4亿元"; in English "2,382,345 firms", "19.46%".
 */
export function rawValue(v: number, unit: string, lang: Lang, d: number): string {
  if (lang === 'zh') {
    // under one 亿 or 万 of the unit, in the unit 10,000 times smaller: 718万元, not 0.07亿元 (a township's funding)
    const smaller = /^[亿万]/.test(unit) ? (unit.startsWith('亿') ? `万${unit.slice(1)}` : unit.slice(1)) : '';
    if (smaller !== '' && v !== 0 && Math.abs(v) < 1 && unitScale(smaller, unit) === -4) return rawValue(Number((v * 1e4).toPrecision(12)), smaller, lang, d);
    if (isCountBase(unit) && Math.abs(v) >= 1e8) return `${formatFixed(v / 1e8, 2)}亿${unit}`;
    if (isCountBase(unit) && Math.abs(v) >= 1e4) return `${formatFixed(v / 1e4, 2)}万${unit}`;
    return `${plainNumber(v, d)}${unit}`;
  }
  const n = plainNumber(v, d);
  const [int, frac] = n.split('.');
  const grouped = Math.abs(v) >= 1e4 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int!;
  const text = frac === undefined ? grouped : `${grouped}.${frac}`;
  return unit === '' ? text : unit === '%' ? `${text}%` : `${text} ${unit}`;
}
