// Stage 2, units and aggregates: which units are totals rows (by name, by the
// framework's list, by --aggregate-unit), shown but never ranked against the
// units they contain (found by core/aggregates.ts); which nodes have data;
// what that leaves unsaid.
import type { Framework } from '../../framework/types.js';
import { findAggregates } from '../aggregates.js';
import { crossSectional, specText, type MethodSpec } from '../methods.js';
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

/** Which nodes have data at or below them. */
export function nodesWithData(fw: Framework, obs: Observations): boolean[] {
  const has = [...obs.nodeHasData];
  for (let n = fw.nodes.length - 1; n >= 0; n--) {
    if (fw.nodes[n]!.children.some((c) => has[c])) has[n] = true;
  }
  return has;
}

/** Marks the aggregates: totals rows by name, by the framework's list, by their sums (aggregates.ts), and --aggregate-unit (refused when the data lacks it); or those the caller found already. */
export function markAggregates(obs: Observations, fw: Framework, options: ComputeOptions): { aggregate: boolean[]; notes: Note[] } {
  const found = options.aggregatesFound;
  if (found !== undefined) return { aggregate: obs.units.map((u) => found.units.has(u)), notes: [...found.notes] };
  return findAggregates(obs, fw, options);
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
  // a totals row scored among its parts (min-max, z-score, rank...) is not comparable with them: a sum of
  // counts scores several times the best part; it is shown without scores (fixed-base indexes it against itself)
  if (aggregates.length > 0 && crossSectional(normalise)) notes.push({ code: 'aggregate-unscored', detail: { units: aggregates.join('、'), method: specText(normalise) } });
  return { aggregate: marked.aggregate, hasData, notes, warnings, aggregates, directionIgnored };
}
