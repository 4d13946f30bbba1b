// Warnings as sentences, in either language, with node labels: one sentence
// per unit, year and cause, listing the nodes (JSON keeps every warning).
import { nameBefore } from '../text.js';
import type { Warning } from '../core/types.js';
import type { Finding } from '../collect/review.js';
import { findingSentence } from './findings.js';
import { methodZh } from './notes.js';
import type { Lang } from './i18n.js';

/** Warnings of one cause for one unit and year, with the nodes they concern. */
export interface WarningGroup extends Omit<Warning, 'node'> {
  nodes: string[];
  /** The last period of a run of consecutive periods said at once (foldPeriods): `year` is the first. */
  yearTo?: number;
}

/** Causes whose sentence reads the same over a run of periods ("金华市2014—2018年核心竞争力：只有5/6个…"). */
const FOLDABLE = new Set(['renormalised', 'missing-value', 'nonpositive-value', 'zero-lower-better', 'denominator']);

/**
 * Groups of one cause, unit, detail and nodes in consecutive periods (of
 * `periods`, in order) said once, over the run: an indicator a county never
 * reports would otherwise give a line per year, and push the rest past the
 * cut on stderr. Other groups keep their place; a run takes its first's.
 */
export function foldPeriods(groups: readonly WarningGroup[], periods: readonly number[]): WarningGroup[] {
  const at = new Map(periods.map((p, i) => [p, i]));
  const out: WarningGroup[] = [];
  const runs = new Map<string, WarningGroup>();
  for (const g of groups) {
    const i = g.year === undefined ? undefined : at.get(g.year);
    const finding = g.code === 'review' ? (JSON.parse(String(g.detail?.finding)) as Finding) : undefined;
    if (!(FOLDABLE.has(g.code) || finding?.rule === 'missing') || i === undefined) {
      out.push(g);
      continue;
    }
    // a required indicator left empty year after year: the finding but for its period and cell
    const same = finding === undefined ? g.detail ?? null : { ...finding, period: 0, source: '' };
    const key = JSON.stringify([g.code, g.unit ?? null, same, g.nodes]);
    const run = runs.get(key);
    if (run !== undefined && at.get(run.yearTo ?? run.year!) === i - 1) {
      run.yearTo = g.year;
      continue;
    }
    const copy = { ...g };
    runs.set(key, copy);
    out.push(copy);
  }
  return out;
}

/** Groups warnings by cause, unit, year and detail, keeping first-seen order; nodes in framework order when `order` is given. */
export function groupWarnings(warnings: readonly Warning[], order?: Map<string, number>): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  // a unit the review found missing from a period (its latest data earlier: the wrong form?) is said once,
  // by the review's sentence, not again as the index's period without a row
  const dropped = new Set(warnings.filter((w) => w.code === 'review' && (w.detail?.rule === 'dropped' || w.detail?.rule === 'renamed')).map((w) => `${w.unit}\u0000${w.year}`));
  for (const w of warnings) {
    if (w.code === 'missing-year' && dropped.has(`${w.unit}\u0000${w.year}`)) continue;
    const key = JSON.stringify([w.code, w.unit ?? null, w.year ?? null, w.detail ?? null]);
    let g = groups.get(key);
    if (g === undefined) {
      const { node: _node, ...rest } = w;
      g = { ...rest, nodes: [] };
      groups.set(key, g);
    }
    if (w.node !== undefined && !g.nodes.includes(w.node)) g.nodes.push(w.node);
  }
  const out = [...groups.values()];
  if (order !== undefined) for (const g of out) g.nodes.sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
  return out;
}

/** One warning (or group) as a sentence naming unit, year and the nodes by label. */
export function describeWarning(w: Warning | WarningGroup, lang: Lang, labelOf: (id: string) => string = (id) => id, periodText?: (key: number) => string): string {
  // a period in words; for annual data the year ("2018年" / "2018" as before)
  const one = (key: number): string => (periodText ? periodText(key) : lang === 'zh' ? `${key}年` : String(key));
  const to = 'yearTo' in w ? w.yearTo : undefined;
  // a run of periods: 2014—2018年 / 2014–2018 for years, 2020年第一季度至2021年第二季度 / … to … for the rest
  const yearText = w.year === undefined ? '' : to === undefined ? one(w.year) : w.year < 10000 ? (lang === 'zh' ? `${w.year}—${to}年` : `${w.year}–${to}`) : `${one(w.year)}${lang === 'zh' ? '至' : ' to '}${one(to)}`;
  // (企业0002 2024年: a name and a period that meet in digits, apart)
  const unit = lang === 'zh' ? nameBefore(w.unit ?? '', yearText) : (w.unit ?? '');
  const refKey = w.detail?.refYear === undefined ? undefined : Number(w.detail.refYear);
  const refText = refKey === undefined ? '' : periodText ? periodText(refKey) : lang === 'zh' ? `${refKey}年` : String(refKey);
  const refWord = refKey !== undefined && refKey >= 10000 ? 'period' : 'year';
  const ids = 'nodes' in w ? w.nodes : w.node === undefined ? [] : [w.node];
  // a group of thousands of nodes (a framework far larger than its data) names the first 20
  const shown = ids.length > 20 ? ids.slice(0, 20) : ids;
  const more = ids.length - shown.length;
  const node = shown.map(labelOf).join(lang === 'zh' ? '、' : ', ') + (more === 0 ? '' : lang === 'zh' ? `等${ids.length}个节点` : ` and ${more} more`);
  const several = ids.length > 1;
  // a half-year, quarter or month (its key is the year × 100 and more): 当期, not 当年
  const sub = w.year !== undefined && w.year >= 10000;
  const d = w.detail ?? {};
  if (lang === 'zh') {
    switch (w.code) {
      case 'missing-value': return `${unit}${yearText}${node}：缺少数值，${to !== undefined ? (sub ? '这些期' : '这些年') : sub ? '当期' : '当年'}无指数。`;
      case 'missing-year': return `${unit}：数据中没有${yearText}，该${sub ? '期' : '年'}无指数。`;
      case 'missing-base': return d.missing !== undefined
        ? `${unit}${node}：基期${yearText}缺少${missingText(String(d.missing), periodText)}的数值（基期取${yearText}各期的平均），各期指数均无定义。`
        : `${unit}${node}：缺少基期（${yearText}）数值，各年指数均无定义。`;
      case 'zero-base': return `${unit}${node}：基期（${yearText}）数值为0，各年指数均无定义。`;
      case 'nonpositive-value': return `${unit}${yearText}${node}：数值为负，无法计算指数。`;
      case 'zero-lower-better': return `${unit}${yearText}${node}：逆向指标数值为0，指数无定义。`;
      case 'not-finite': return `${unit}${yearText}${node}：数值量级悬殊，指数超出可表示范围，无定义。`;
      case 'geometric-nonpositive': return d.method ? `${unit}${yearText}${node}：有下级得分不为正，${d.method}平均无定义${d.crossSection ? '（标准化得分为0很常见：可用 min-max:1,100）' : ''}。` : `${unit}${yearText}${node}：有下级指数不为正，几何平均无定义。`;
      case 'renormalised': return `${unit}${yearText}${node}：只有${d.present}/${d.expected}个下级指标有值，权重按现有指标重新归一。`;
      case 'no-data': return `${node}：数据中没有${several ? '这些节点' : '该节点'}，其权重由同级节点分担。`;
      case 'missing-prior': return `${unit}${yearText}${node}：上年无值，同比无定义。`;
      case 'zero-prior': return `${unit}${yearText}${node}：上年值为0，同比无定义。`;
      case 'missing-ref': return `${unit}${yearText}${node}：参照年${refText}无值，较参照年变化无定义。`;
      case 'zero-ref': return `${unit}${yearText}${node}：参照年${refText}值为0，较参照年变化无定义。`;
      case 'error-cell': return `${unit}${yearText}${node}：单元格${d.cell}为错误值${d.text}，按缺失处理。`;
      case 'review': return `${unit}${yearText}：${reviewText(w, lang, labelOf, periodText)}`;
      case 'denominator': return `${unit}${yearText}${node}：分母${labelOf(String(d.denominator))}${d.value === 'missing' ? '缺失' : '为0'}，该值无法计算${d.imputed === undefined ? '' : `，已按${methodZh(String(d.imputed))}插补`}。`;
      case 'constant': return `${node}${yearText ? `（${yearText}）` : ''}：各单位数值相同，无法标准化，得分无定义。`;
      case 'zero-weights': return `${node}：下级权重之和为0，无定义。`;
      case 'imputed': return `${unit}${yearText}${node}：缺失值已按${d.method}插补为${d.value}。`;
      case 'mixed-scale': return `${node}：有的单元格带百分号（${d.percentCell}），有的是小数或未带百分号（${d.plainCell}），数值可能相差100倍；请统一写法。`;
    }
  }
  const s = several ? 's' : '';
  const its = several ? 'their' : 'its';
  switch (w.code) {
    case 'missing-value': return `${unit}, ${yearText}, ${node}: the value${s} ${several || to !== undefined ? 'are' : 'is'} missing, so ${several ? 'these indicators have' : 'the indicator has'} no index ${to !== undefined ? `in those ${sub ? 'periods' : 'years'}` : `that ${sub ? 'period' : 'year'}`}.`;
    case 'missing-year': return `${unit}: no row for ${yearText}, so it has no index that ${sub ? 'period' : 'year'}.`;
    case 'missing-base': return d.missing !== undefined
      ? `${unit}, ${node}: the base year ${yearText} lacks ${missingText(String(d.missing), periodText)} (the base is the mean of its periods), so ${its} index is undefined in every period.`
      : `${unit}, ${node}: no value in the base year ${yearText}, so ${its} index is undefined in every year.`;
    case 'zero-base': return `${unit}, ${node}: the base-year (${yearText}) value is 0, so ${its} index is undefined in every year.`;
    case 'nonpositive-value': return `${unit}, ${yearText}, ${node}: the value${s} ${several ? 'are' : 'is'} negative; an index needs positive values.`;
    case 'zero-lower-better': return `${unit}, ${yearText}, ${node}: a lower-is-better value of 0 has no finite index.`;
    case 'not-finite': return `${unit}, ${yearText}, ${node}: the values differ so much in magnitude that the index overflows; it is undefined.`;
    case 'geometric-nonpositive': return d.method ? `${unit}, ${yearText}, ${node}: a child score is not positive, so the ${d.method} mean is undefined${d.crossSection ? ' (normalised scores of 0 are common: min-max:1,100 avoids them, as COINr users do)' : ''}.` : `${unit}, ${yearText}, ${node}: a child index is not positive, so the geometric mean is undefined.`;
    case 'renormalised': return `${unit}, ${yearText}, ${node}: only ${d.present} of ${d.expected} children have values; weights renormalised over them.`;
    case 'no-data': return `${node}: not in the data; ${its} weight goes to ${its} siblings.`;
    case 'missing-prior': return `${unit}, ${yearText}, ${node}: no value the year before, so the YoY rate is undefined.`;
    case 'zero-prior': return `${unit}, ${yearText}, ${node}: the value the year before is 0, so the YoY rate is undefined.`;
    case 'missing-ref': return `${unit}, ${yearText}, ${node}: no value in the reference ${refWord} ${refText}, so the change against it is undefined.`;
    case 'zero-ref': return `${unit}, ${yearText}, ${node}: the reference-${refWord} (${refText}) value is 0, so the change against it is undefined.`;
    case 'error-cell': return `${unit}, ${yearText}, ${node}: the cell ${d.cell} holds the error ${d.text}; read as missing.`;
    case 'review': return `${unit}, ${yearText}: ${reviewText(w, lang, labelOf, periodText)}`;
    case 'denominator': return `${unit}, ${yearText}, ${node}: the denominator ${labelOf(String(d.denominator))} is ${d.value === 'missing' ? 'missing' : '0'}, so the value is undefined${d.imputed === undefined ? '' : `; it was imputed (${d.imputed})`}.`;
    case 'constant': return `${node}${yearText ? ` (${yearText})` : ''}: every unit has the same value, so it cannot be normalised; its scores are undefined.`;
    case 'zero-weights': return `${node}: the weights of its children sum to 0, so it is undefined.`;
    case 'imputed': return `${unit}, ${yearText}, ${node}: the missing value was imputed (${d.method}) as ${d.value}.`;
    case 'mixed-scale': return `${node}: some cells are written as percentages (${d.percentCell}) and others as plain numbers or fractions (${d.plainCell}), so values may be 100 times apart; write them one way.`;
  }
}

/** The base year's periods a base lacks (keys "202308,202309"), in words where the view gives them. */
function missingText(keys: string, periodText?: (key: number) => string): string {
  return keys.split(',').map((k) => (periodText ? periodText(Number(k)) : k)).join('、');
}

/** The sentence of a review finding carried as a warning. */
function reviewText(w: Warning | WarningGroup, lang: Lang, labelOf: (id: string) => string, periodText?: (key: number) => string): string {
  const f = JSON.parse(String(w.detail?.finding)) as Finding;
  // periods in words as the warning's own (2020年第三季度, not 202003年)
  return periodText === undefined ? findingSentence(f, lang, labelOf) : findingSentence(f, lang, labelOf, 2, periodText);
}
