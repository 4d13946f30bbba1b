// The index tree: what a framework file says, and the checked form the core uses.

/** How a node combines its children. */
export type Aggregation = 'arithmetic' | 'geometric';

/** One node as written in a framework file. */
export interface NodeSpec {
  id: string;
  parent?: string;
  weight?: number;
  direction?: 1 | -1;
  zh?: string;
  en?: string;
}

/** A framework as written in a framework file (and printed by `smei framework`). */
export interface FrameworkSpec {
  name: string;
  zh?: string;
  en?: string;
  baseYear: number;
  aggregation: Aggregation;
  nodes: NodeSpec[];
}

/** A checked node; `index` is its position in `Framework.nodes` (pre-order). */
export interface FrameworkNode {
  id: string;
  index: number;
  parent: number;
  children: number[];
  weight: number;
  direction: 1 | -1;
  zh: string;
  en: string;
  depth: number;
}

/** A checked framework: nodes in pre-order, the root first. */
export interface Framework {
  name: string;
  zh: string;
  en: string;
  baseYear: number;
  aggregation: Aggregation;
  nodes: FrameworkNode[];
  byId: Map<string, number>;
}

/** The label of a node in a language, falling back to the other label and then the id. */
export function nodeLabel(node: FrameworkNode, lang: 'zh' | 'en'): string {
  return (lang === 'zh' ? node.zh || node.en : node.en || node.zh) || node.id;
}
