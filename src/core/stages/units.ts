// Stage 2, units and aggregates: which units are totals rows (by name, by the
// framework's list, by --aggregate-unit), shown but never ranked against the
// units they contain; which nodes have data; what that leaves unsaid.
import { SmeiError } from '../../errors.js';
import type { Framework } from '../../framework/types.js';
import { cleanCell, quote } from '../../text.js';
import type { MethodSpec } from '../methods.js';
import type { Observations } from '../observations.js';
import type { ComputeOptions, Note, Warning } from '../types.js';

/** The units of a run: which are aggregates, which nodes have data, and the notes and warnings of this stage. */
export interface Units {
  aggregate: boolean[];
  /** Whether a node (or something below it) has data anywhere. */
  hasData: boolean[];
  /** Totals rows found; lower-is-better indicators entering as they are. */
  notes: Note[];
  /** Nodes without data whose siblings have some. */
  warnings: Warning[];
  /** The names of the aggregates, for the record. */
  aggregates: string[];
  /** Lower-is-better indicators that enter unflipped (normalise none). */
  directionIgnored: string[];
}

/** Names of totals rows: 合计, 总计, 全省, 全市, 全县, 全区, 全国, 总体, Total, All, and names ending in 合计. */
export function isTotalName(name: string): boolean {
  return /^(合计|总计|全省|全市|全县|全区|全国|总体|total|all|grand total)$/i.test(name.trim()) || /合计$/.test(name.trim());
}

/** Which nodes have data at or below them. */
export function nodesWithData(fw: Framework, obs: Observations): boolean[] {
  const has = [...obs.nodeHasData];
  for (let n = fw.nodes.length - 1; n >= 0; n--) {
    if (fw.nodes[n]!.children.some((c) => has[c])) has[n] = true;
  }
  return has;
}

/** Marks the aggregates (refusing an --aggregate-unit the data lacks). */
export function markAggregates(obs: Observations, fw: Framework, options: ComputeOptions): { aggregate: boolean[]; notes: Note[] } {
  const aggregate = new Array<boolean>(obs.units.length).fill(false);
  const notes: Note[] = [];
  if (options.autoAggregate !== false) {
    // Totals rows are never ranked against the units they contain.
    const own = new Set(fw.aggregates.map(cleanCell));
    const found = obs.units.filter((name, u) => {
      const total = own.has(name) || isTotalName(name);
      if (total) aggregate[u] = true;
      return total;
    });
    if (found.length > 0) notes.push({ code: 'auto-aggregate', detail: { units: found.join(', ') } });
  }
  for (const name of options.aggregateUnits ?? []) {
    const id = obs.findUnit(cleanCell(name));
    if (id === undefined) {
      throw new SmeiError('usage', `--aggregate-unit ${quote(name)}: no such unit in ${obs.file}. Units: ${obs.units.slice(0, 12).join(', ')}${obs.units.length > 12 ? ', ...' : ''}.`);
    }
    aggregate[id] = true;
  }
  return { aggregate, notes };
}

/** The units and nodes of a run, after the aggregates are marked. */
export function settleUnits(obs: Observations, fw: Framework, marked: { aggregate: boolean[]; notes: Note[] }, normalise: MethodSpec): Units {
  const nodes = fw.nodes;
  const hasData = nodesWithData(fw, obs);
  const warnings: Warning[] = [];
  for (const n of nodes) {
    if (n.parent < 0 || hasData[n.index]) continue;
    const siblings = nodes[n.parent]!.children;
    if (siblings.some((s) => hasData[s])) warnings.push({ code: 'no-data', node: n.id });
  }
  const notes = [...marked.notes];
  // raw values have no direction: say which lower-is-better indicators enter as they are
  const directionIgnored = normalise.name === 'none' ? nodes.filter((n) => n.children.length === 0 && n.direction === -1 && hasData[n.index]).map((n) => n.id) : [];
  if (directionIgnored.length > 0) notes.push({ code: 'direction-ignored', detail: { indicators: directionIgnored.join(', ') } });
  const aggregates = obs.units.filter((_, u) => marked.aggregate[u]);
  return { aggregate: marked.aggregate, hasData, notes, warnings, aggregates, directionIgnored };
}
