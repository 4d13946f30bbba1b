// Words the renderers print, in Chinese and English.

import type { Lang } from '../text.js';

// the language and L(lang, zh, en) live in text.ts, below every layer that speaks
export { L, type Lang } from '../text.js';

const WORDS = {
  rank: ['排名', 'Rank'],
  unit: ['地区', 'Unit'],
  index: ['指数', 'Index'],
  yoy: ['同比(%)', 'YoY (%)'],
  pop: ['环比(%)', 'PoP (%)'],
  vsRefPoints: ['较{ref}(点)', 'vs {ref} (points)'],
  vsRefPct: ['较{ref}(%)', 'vs {ref} (%)'],
  base: ['基期{base}=100', 'base {base} = 100'],
  noGrowth: ['{method} 得分是同一期内的相对位置，不计同比；名次变化请用 smei diff 比较两期', '{method} scores place each unit within its period, so no YoY is given; smei diff compares ranks between periods'],
  noPrior: ['同比：数据中没有{period}，无法计算', 'YoY: the data has no {period}, so it is not defined'],
  missingNote: ['“—”表示无定义（原因见 stderr 的警告）', '"—" marks an undefined value (the warnings on stderr say why)'],
  tiedNote: ['各地区并列（{why}），不排名', 'Every unit ties ({why}), so no one is ranked'],
  tiedBase: ['基期均为100', 'the base: all 100'],
  tiedSame: ['数值相同', 'the same value'],
  partialNote: ['* 有下级指标缺失，按现有的指标计算（权重在其间重新归一），排名仅供参考：{units}', '* Computed from the children present only (weights renormalised over them); read its rank with care: {units}'],
  aggregateNote: ['{units}为汇总单位，不参与排名', '{units}: aggregate, shown but not ranked'],
  moreRows: ['……另有{n}个地区未显示（--top 0 显示全部，或用 --format csv/json）', '... {n} more units not shown (--top 0 shows all; or use --format csv/json)'],
  warnings: ['警告', 'Warnings'],
  moreWarnings: ['……另有{n}条警告（--format json 列出全部）', '... and {n} more warnings (--format json lists them all)'],
} as const satisfies Record<string, readonly [string, string]>;

/** A word or phrase in a language, with {placeholders} filled in. */
export function t(key: keyof typeof WORDS, lang: Lang, vars: Record<string, string | number> = {}): string {
  const text: string = WORDS[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
