// Resolving --node and --year against a framework and a computed table.
import type { IndexTable } from '../core/compute.js';
import { SmeiError } from '../errors.js';
import { buildNodeLookup, nodeNames } from '../framework/check.js';
import type { Framework } from '../framework/types.js';
import { didYouMean, matchKey, quote } from '../text.js';

/** The node named by --node (id or label), or the root. */
export function resolveNode(fw: Framework, name: string | undefined): number {
  if (name === undefined) return 0;
  const n = buildNodeLookup(fw).get(matchKey(name));
  if (n === undefined) throw new SmeiError('usage', `--node ${quote(name)}: no such node in framework ${fw.name}.${didYouMean(name, nodeNames(fw))} \`smei framework\` lists the nodes.`);
  return n;
}

/** The year index for --year (default: the latest year in the data). */
export function resolveYear(table: IndexTable, year: number | undefined, option = '--year'): number {
  if (year === undefined) return table.years.length - 1;
  const yi = table.yearIdx(year);
  if (yi === undefined) throw new SmeiError('usage', `${option} ${year}: ${table.file} has no data for that year (it has ${table.years.join(', ')}).`);
  return yi;
}
