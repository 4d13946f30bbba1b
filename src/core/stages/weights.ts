// Stage 4, weights: the weights each inner node gives its children: given,
// equal, AHP (with its consistency), or derived from the data (entropy, CV,
// CRITIC, PCA: weigh.ts). Each node's weights go into the run's record.
import type { MethodSpec, RandomIndexTable } from '../methods.js';
import type { IndexTable } from '../table.js';
import { childWeights, refuseInconsistent } from '../weigh.js';

/** Weights that do not depend on the data: every node can be weighed before any is aggregated. */
export const DATA_FREE_WEIGHTS = new Set(['given', 'equal', 'ahp']);

/** Whether a weighting needs the children's computed values (so nodes are weighed one by one, from the leaves up). */
export function weightsNeedData(m: MethodSpec): boolean {
  return !DATA_FREE_WEIGHTS.has(m.name);
}

/** A node's weights for its children (children order), recorded in the table's record. */
export function weighNode(t: IndexTable, n: number, rowOf: Int32Array, randomIndex: RandomIndexTable): number[] {
  const ws = childWeights(t, n, t.record.weights.method, rowOf, { randomIndex });
  t.record.weights.used.set(n, ws);
  return ws;
}

/** After every node is weighed: the AHP matrices in framework order, the inconsistent ones refused (unless allowed). */
export function finishWeights(t: IndexTable, allowInconsistent: boolean): void {
  // the AHP matrices in framework order (they were weighed from the leaves up)
  t.record.weights.ahp.sort((a, b) => t.framework.byId.get(a.node)! - t.framework.byId.get(b.node)!);
  if (!allowInconsistent) refuseInconsistent(t);
}
