// Review findings as sentences, in either language (shared by the review
// renderers and the report's data notes).
import type { Finding } from '../collect/review.js';
import type { ReviewRule } from '../framework/types.js';
import type { Lang } from './i18n.js';
import { formatFixed } from './number.js';

const RULE_ZH: Record<ReviewRule, string> = { missing: '缺报', 'yoy-jump': '同比异常', 'out-of-range': '超出范围', unchanged: '与上年相同', outlier: '离群值', conflict: '数据冲突' };

/** A rule's name in a language. */
export function ruleName(rule: ReviewRule, lang: Lang): string {
  return lang === 'zh' ? RULE_ZH[rule] : rule;
}

/** A level's name in a language. */
export function levelName(level: 'error' | 'warning', lang: Lang): string {
  return lang === 'zh' ? (level === 'error' ? '错误' : '警告') : level;
}

/** A raw value as written (at most 6 decimals). */
export function raw(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6)));
}

/** The sentence of a finding. */
export function findingSentence(f: Finding, lang: Lang, labelOf: (id: string) => string, d = 2, periodText: (key: number) => string = (k) => (lang === 'zh' ? `${k}年` : String(k))): string {
  const label = f.node === '' ? '' : labelOf(f.node);
  const x = f.detail;
  const pct = (p: number): string => `${p > 0 ? '+' : ''}${formatFixed(p, d)}%`;
  if (lang === 'zh') {
    switch (f.rule) {
      case 'missing':
        if (f.node !== '') return `${label}未填报（必填指标）。`;
        return x.whole === 'absent' ? '没有收到该地区的数据：--units 列出了它，但所有文件中都没有。' : `该地区没有${periodText(f.period)}的数据。`;
      case 'yoy-jump': return `${label}为${raw(f.value)}，上年为${raw(f.previous)}，同比${pct(x.pct as number)}，超过±${x.max}%。`;
      case 'out-of-range':
        if (x.kind === 'share') return `${label}为${raw(f.value)}，比重应在0到100之间。`;
        if (x.kind === 'negative') return `${label}为${raw(f.value)}，不应为负数。`;
        return `${label}为${raw(f.value)}，超出合理范围${x.lower !== undefined ? `（下限${x.lower}` : '（'}${x.lower !== undefined && x.upper !== undefined ? '，' : ''}${x.upper !== undefined ? `上限${x.upper}` : ''}）。`;
      case 'unchanged': return `全部${x.count}个指标与上年完全相同，可能重复报送了上年的数据。`;
      case 'outlier': return `${label}同比${pct(x.pct as number)}，远离各地区的中位数${pct(x.median as number)}（修正z分数${formatFixed(x.z as number, 2)}，绝对值超过${x.threshold}；按中位数绝对偏差计算）。`;
      case 'conflict': return `${label}：${raw(x.first as number)}（${x.firstSource}）与${raw(f.value)}（${f.source}）不一致，请保留其一。`;
    }
  }
  switch (f.rule) {
    case 'missing':
      if (f.node !== '') return `${label} is empty (a required indicator).`;
      return x.whole === 'absent' ? 'no submission: --units lists this unit but no file has it.' : `no data for ${periodText(f.period)}.`;
    case 'yoy-jump': return `${label} is ${raw(f.value)} against ${raw(f.previous)} a year earlier: ${pct(x.pct as number)}, beyond ±${x.max}%.`;
    case 'out-of-range':
      if (x.kind === 'share') return `${label} is ${raw(f.value)}; a share lies between 0 and 100.`;
      if (x.kind === 'negative') return `${label} is ${raw(f.value)}; it cannot be negative.`;
      return `${label} is ${raw(f.value)}, outside its plausible range (${x.lower ?? '−∞'} to ${x.upper ?? '∞'}).`;
    case 'unchanged': return `all ${x.count} indicators equal the year before: last year's form sent again?`;
    case 'outlier': return `${label} changed ${pct(x.pct as number)} on the year before, far from the units' median ${pct(x.median as number)} (modified z-score ${formatFixed(x.z as number, 2)}, beyond ±${x.threshold}, from the median absolute deviation).`;
    case 'conflict': return `${label}: ${raw(x.first as number)} (${x.firstSource}) and ${raw(f.value)} (${f.source}) differ; keep one.`;
  }
}

