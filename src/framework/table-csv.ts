// A framework table that the line splitter leaves (a quoted field across lines, a
// lone CR, a stray quote), read by csv-parse, which says what is wrong. Apart from
// table.ts, so that reading a plain framework table never loads csv-parse.
import { parse } from 'csv-parse/sync';
import { SmeiError } from '../errors.js';
import { frameworkFromRows, tableDelimiter } from './table.js';
import type { FrameworkSpec } from './types.js';

/** Parses a framework table's text (CSV, separator sniffed from the header). */
export function frameworkFromCsv(text: string, source: string): FrameworkSpec {
  const delimiter = tableDelimiter(text);
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new SmeiError('framework', `${source}: the framework table cannot be parsed as CSV (${e instanceof Error ? e.message : e}).`, { cause: e, zh: `${source}：框架表无法按 CSV 解析（${e instanceof Error ? e.message : e}）。` });
  }
  return frameworkFromRows(rows, source);
}
