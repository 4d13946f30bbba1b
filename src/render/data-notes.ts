// The report's data notes (数据说明): what a reader of the published report
// needs for the reported period, in plain words. Review findings of other
// periods and the review's statistics (modified z-scores, median absolute
// deviations) stay in `smei review`; a unit whose figures all equal the
// previous period's is named (a copied form is worth a reader's notice).
import { nameBefore } from '../text.js';
import type { IndexTable } from '../core/compute.js';
import type { Finding } from '../collect/review.js';
import type { Warning } from '../core/types.js';
import { specText } from '../core/methods.js';
import { nodeLabel, nodeUnit } from '../framework/types.js';
import { L, type Lang } from './i18n.js';
import { unitWord } from '../core/unit-word.js';
import { formatFixed } from './number.js';
import { ratePhrase } from './phrases.js';
import { raw } from './findings.js';
import { describeWarning, groupWarnings } from './warnings.js';
import { previousPeriod, sameLastYear, subAnnual } from '../time/period.js';
import { sameValues } from '../core/equal.js';

/** Warnings about every period at once (a missing base, a node without data): always a note. */
const EVERY_PERIOD = new Set(['missing-base', 'zero-base', 'no-data', 'zero-weights', 'mixed-scale']);

/** The data notes of the report for period index yi, as plain sentences (not yet escaped for Markdown). */
export function dataNoteItems(t: IndexTable, yi: number, lang: Lang, decimals: number): string[] {
  const fw = t.framework;
  const period = t.years[yi]!;
  const P = (key: number): string => t.periodLabel(key, lang);
  const label = (id: string): string => {
    const n = fw.byId.get(id);
    return n === undefined ? id : nodeLabel(fw.nodes[n]!, lang);
  };
  const about = (w: Warning): boolean => w.year === undefined || EVERY_PERIOD.has(w.code) || w.year === period;
  const plain = t.warnings.filter((w) => w.code !== 'review' && about(w));
  const items = groupWarnings(plain, fw.byId).map((w) => describeWarning(w, lang, label, P));
  // review findings below error level, of this period, in plain words; a copied form is named below
  for (const w of t.warnings) {
    if (w.code !== 'review' || w.year !== period) continue;
    const f = JSON.parse(String(w.detail?.finding)) as Finding;
    // a copied form is named below; a unit dropped from the period is the missing-year note above
    if (f.rule === 'unchanged' || f.rule === 'dropped' || f.rule === 'renamed') continue;
    items.push(plainFinding(f, t, lang, label, decimals));
  }
  items.push(...unchangedUnits(t, yi, lang));
  // imputed values of this period: one line per unit, naming the indicators
  for (let u = 0; u < t.units.length; u++) {
    const ids = fw.nodes.filter((n) => t.imputedFlags[(u * t.years.length + yi) * t.nodeCount + n.index] === 1).map((n) => nodeLabel(n, lang));
    const how = t.record.prepare?.methods.impute ? specText(t.record.prepare.methods.impute) : '';
    if (ids.length) items.push(L(lang, `${t.units[u]}${P(period)}${ids.join('、')}：缺失值已插补（${how}）。`, `${t.units[u]}, ${P(period)}, ${ids.join(', ')}: missing, imputed (${how}).`));
  }
  return items;
}

/** A review finding as a published report says it: what the figure is and how it compares, no statistics. */
function plainFinding(f: Finding, t: IndexTable, lang: Lang, label: (id: string) => string, d: number): string {
  const x = f.detail;
  const head = L(lang, `${nameBefore(f.unit, t.periodLabel(f.period, 'zh'))}${t.periodLabel(f.period, 'zh')}：`, `${f.unit}, ${t.periodLabel(f.period, 'en')}: `);
  const name = label(f.node);
  const node = f.node === '' ? undefined : t.framework.nodes[t.framework.byId.get(f.node)!];
  const unit = node ? nodeUnit(node, lang) : '';
  const value = `${raw(f.value)}${lang === 'zh' ? unit : unit ? ` ${unit}` : ''}`;
  // 持平 where the rounded rate is 0 ("同比增长0.00%" reads as growth), as every other rate of the report says it
  const change = (p: number): string => L(lang, `同比${ratePhrase(p, lang, d)}`, `${ratePhrase(p, lang, d)} on a year earlier`);
  switch (f.rule) {
    case 'outlier': {
      const pct = x.pct as number;
      const median = x.median as number;
      const side = pct > median;
      return head + L(lang,
        `${name}${change(pct)}，明显${side ? '高于' : '低于'}各${unitWord(t.observations.unitHeader)}的中位水平（${formatFixed(median, d)}%）。`,
        `${name} ${change(pct)}, well ${side ? 'above' : 'below'} the units' median (${formatFixed(median, d)}%).`);
    }
    case 'yoy-jump': return head + L(lang, `${name}${change(x.pct as number)}（上年${raw(f.previous)}，本期${value}），变化幅度较大。`, `${name} ${change(x.pct as number)} (from ${raw(f.previous)} to ${value}), a large change.`);
    case 'scale':
      // a whole column in another unit (its average per firm): no ratio to another value
      if (x.against === 'per-firm') return head + L(lang, `${name}平均每家企业的数值远超小微企业的规模，可能有计量单位问题。`, `${name} per firm is far beyond a small or micro firm's: possibly a unit slip.`);
      return head + L(lang, `${name}为${value}，与${x.against === 'previous' ? '上年' : `其他${unitWord(t.observations.unitHeader)}`}相差约${Math.round(Math.max(x.ratio as number, 1 / (x.ratio as number)))}倍，可能有计量单位问题。`, `${name} is ${value}, about ${Math.round(Math.max(x.ratio as number, 1 / (x.ratio as number)))} times ${x.against === 'previous' ? 'a year earlier' : 'the other units'}: possibly a unit slip.`);
    case 'out-of-range': return head + L(lang, `${name}为${value}，超出合理范围。`, `${name} is ${value}, outside its plausible range.`);
    case 'missing': return head + (f.node === '' ? L(lang, '没有本期数据。', 'no data for the period.') : L(lang, `${name}未填报。`, `${name} was not reported.`));
    case 'conflict': return head + L(lang, `${name}在两份材料中不一致。`, `${name} differs between two submissions.`);
    case 'totals': return head + L(lang, `${name}为${value}，与各地区合计（${raw(Number((x.sum as number).toPrecision(12)))}）不符。`, `${name} is ${value}, not the units' sum (${raw(Number((x.sum as number).toPrecision(12)))}).`);
    default: return head;
  }
}

/**
 * Units whose every indicator (at least two compared) equals the period
 * before (sub-annual data: last quarter's form returned again) or the same
 * period a year earlier, as the review's `unchanged` rule finds them.
 */
function unchangedUnits(t: IndexTable, yi: number, lang: Lang): string[] {
  const obs = t.observations;
  const period = t.years[yi]!;
  const N = obs.nodeCount;
  const leaves = Int32Array.from(t.framework.nodes.filter((n) => n.children.length === 0), (n) => n.index);
  const candidates = [...(subAnnual(t.frequency) ? [previousPeriod(period, t.frequency)!] : []), sameLastYear(period, t.frequency)];
  const out: string[] = [];
  obs.units.forEach((unit, u) => {
    const now = obs.row(u, period);
    if (now < 0) return;
    for (const before of candidates) {
      const then = obs.row(u, before);
      const compared = then < 0 ? 0 : sameValues(obs.data, now, obs.data, then, N, leaves);
      if (compared < 2) continue;
      out.push(L(lang, `${nameBefore(unit, t.periodLabel(period, 'zh'))}${t.periodLabel(period, 'zh')}的全部${compared}项指标与${t.periodLabel(before, 'zh')}完全相同，可能沿用了上期数据。`, `${unit}, ${t.periodLabel(period, 'en')}: all ${compared} indicators equal ${t.periodLabel(before, 'en')}'s; the previous figures may have been reused.`));
      return;
    }
  });
  return out;
}
