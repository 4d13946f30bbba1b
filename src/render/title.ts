// The index's name in titles: a framework's own, except where the built-in
// framework's 浙江省 is not the round's place. Small, and in the chunk every
// command loads (compute's table titles use it).
import { totalsPlace } from '../core/aggregates.js';
import type { Framework } from '../framework/types.js';
import type { Lang } from './i18n.js';
/** The province and its cities, which the built-in framework's name (浙江省小微企业成长指数) is about. */
const ZHEJIANG_PLACES = new Set(['浙江省', '杭州市', '宁波市', '温州市', '湖州市', '嘉兴市', '绍兴市', '金华市', '衢州市', '舟山市', '台州市', '丽水市']);

/**
 * The index's name for titles. The built-in framework's own name says 浙江省;
 * a round of other units with it (a city's counties, 湖州市 as their totals
 * row) is titled after its totals row (湖州市小微企业成长指数), or without a
 * place where it has none. Any other framework's name is its own.
 */
export function indexTitle(fw: Framework, lang: Lang, units: readonly string[], aggregates: readonly string[], word = '地区', titlePlace?: string): string {
  const name = lang === 'zh' ? fw.zh || fw.en || fw.name : fw.en || fw.zh || fw.name;
  if (fw.source?.unmodifiedBuiltIn !== 'zhejiang' || units.length === 0) return name;
  // an industry round (its units headed 行业) is the province's by industry: 浙江省分行业小微企业成长指数
  const byIndustry = word === '行业';
  const named = (place: string): string => (lang === 'zh' ? `${place}${byIndustry ? '分行业' : ''}小微企业成长指数` : `${place} SME growth index${byIndustry ? ' by industry' : ''}`);
  // a totals row named after its place (湖州市, 柯城区合计), not 全区 or 合计
  // else the place the data's title row names (柯城区 over townships whose totals row is 全区)
  const place = aggregates.filter((a) => a !== '浙江省').map(totalsPlace).find((p) => p !== undefined) ?? (titlePlace !== '浙江省' ? titlePlace : undefined);
  // a totals row written 全省 is the province's: the built-in framework's 浙江省
  if (aggregates.includes('浙江省') || (place === undefined && (aggregates.includes('全省') || units.some((u) => ZHEJIANG_PLACES.has(u) && !aggregates.includes(u))))) return byIndustry ? named(lang === 'zh' ? '浙江省' : 'Zhejiang') : name;
  if (place !== undefined) return named(place);
  return lang === 'zh' ? `${byIndustry ? '分行业' : ''}小微企业成长指数` : `SME growth index${byIndustry ? ' by industry' : ''}`;
}
