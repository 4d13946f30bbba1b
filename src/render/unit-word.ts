// The units' word in tables: the data's (core/unit-word.ts) in Chinese, Unit in English. Pure.
import { unitWord } from '../core/unit-word.js';
import type { Lang } from './i18n.js';

export { unitWord };

/** The head of the units column in a table: the word in Chinese, Unit in English. */
export function unitHead(header: string | undefined, lang: Lang): string {
  return lang === 'zh' ? unitWord(header) : 'Unit';
}
