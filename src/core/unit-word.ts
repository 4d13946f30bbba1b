// What sentences call the units: the word a table heads its column of names
// with (行业 for an industry round, 县（市、区） for a county one), where it
// is a word a sentence can take (8个行业全部同比增长, 各行业小微企业成长指数);
// else 地区. The review's sentences and every renderer share it. Pure.

/** Headers that name no kind of unit (单位, 名称) or no Chinese one: the sentences say 地区. */
const GENERIC = new Set(['单位', '名称', '对象', '主体', '单位名称']);

/** The Chinese word for the units, from the header of their column (行业名称 → 行业); 地区 where it gives none. */
export function unitWord(header: string | undefined): string {
  const h = (header ?? '').normalize('NFKC').replace(/\s+/g, '').replace(/(?:名称|名|代码)$/, '');
  // an industry column by any of its headers (所属行业, 行业门类, 国民经济行业分类) is 行业; an administrative one (行政区划) 地区
  if (h.includes('行业')) return '行业';
  if (h.startsWith('行政区') || h.startsWith('区划')) return '地区';
  if (h === '' || GENERIC.has(h) || !/^[\p{Script=Han}()（）、]+$/u.test(h) || h.length > 8) return '地区';
  // the full-width brackets of 县（市、区） as written in Chinese text
  return h.replace(/\(/g, '（').replace(/\)/g, '）');
}
