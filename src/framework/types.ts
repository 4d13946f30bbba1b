// The index tree: what a framework file says, and the checked form the core uses.

/** How a node combines its children: arithmetic or geometric, or a method of core/methods.ts (harmonic, power:P, mpi). */
export type Aggregation = string;

/** One node as written in a framework file. */
export interface NodeSpec {
  id: string;
  parent?: string;
  weight?: number;
  direction?: 1 | -1;
  zh?: string;
  en?: string;
  /** The unit of the raw values (`家`, `亿元`, `%`), quoted beside them in reports. */
  unit?: string;
  /** The unit in English reports (default: `unit`). */
  unitEn?: string;
  /** What the indicator is and how it is measured. */
  note?: string;
  /** Whether a submission must give it (review rule `missing`; default true). */
  required?: boolean;
  /** Goalposts: normalisation parameters (goalposts, efficacy), never a review bound. */
  lower?: number;
  upper?: number;
  /** The lowest and highest plausible values (review rule `out-of-range`, the form's data validation). */
  min?: number;
  max?: number;
  /** Whether negative values are plausible (default false: a negative count is out of range). */
  negative?: boolean;
  /** The largest plausible change against the same period a year earlier, in percent (review rule `yoy-jump`; default 50). */
  maxChange?: number;
  /** A denominator column the raw value is divided by (with --denominate). */
  denominator?: string;
  /** The target value (distance-to-target normalisation). */
  target?: number;
  /** How this node combines its children (default: the framework's aggregation). */
  aggregation?: string;
  /** AHP: a pairwise comparison matrix over the node's children, in their order. */
  ahp?: number[][];
}

/** The rules of `smei review`. */
export type ReviewRule = 'missing' | 'dropped' | 'renamed' | 'yoy-jump' | 'out-of-range' | 'scale' | 'totals' | 'unchanged' | 'outlier' | 'conflict';

/** A rule's level: an error stops compute and report; a warning is listed; off is not checked. */
export type ReviewLevel = 'error' | 'warning' | 'off';

/** Framework-wide review settings. */
export interface ReviewSpec {
  levels?: Partial<Record<ReviewRule, ReviewLevel>>;
  /** Default largest plausible YoY change, in percent (50). */
  maxChange?: number;
  /** Modified z-score above which a unit's YoY is an outlier (3.5). */
  outlierZ?: number;
}

/** A framework as written in a framework file (and printed by `smei framework`). */
export interface FrameworkSpec {
  name: string;
  zh?: string;
  en?: string;
  /** The base year of fixed-base indices (absent or 0: none; --base-year gives it). */
  baseYear?: number;
  aggregation: Aggregation;
  /** Units that are totals of the others (the province of a provincial index): shown, never ranked. */
  aggregates?: string[];
  /** Old unit names and the names in use now ({"龙南县": "龙南市"}): the old name's rows continue the new name's series. */
  aliases?: Record<string, string>;
  review?: ReviewSpec;
  /** Columns of the data that group units (text, e.g. EurAsia_group): for group imputation and group ranks. */
  groups?: string[];
  /** Columns of the data that indicators may be divided by (e.g. GDP, Population). */
  denominators?: { id: string; zh?: string; en?: string; unit?: string }[];
  /** The methods (each overridable on the command line); see core/methods.ts. */
  methods?: Record<string, string | boolean | number>;
  /** A GeoJSON file of the units' boundaries for the report's map (relative to the framework file), with the property naming them. */
  map?: string | { file: string; key?: string };
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
  unit: string;
  unitEn: string;
  note: string;
  required: boolean;
  lower?: number;
  upper?: number;
  min?: number;
  max?: number;
  negative: boolean;
  maxChange?: number;
  denominator?: string;
  target?: number;
  /** The node's own aggregation method, if it has one. */
  aggregation?: string;
  ahp?: number[][];
}

/** Where a framework came from, for the method section. */
export interface FrameworkSource {
  /** 'built-in': by name; 'file': a framework file. */
  kind: 'built-in' | 'file';
  /** The file as named on the command line (files only). */
  name?: string;
  /** SHA-256 of the file's bytes (files only). */
  sha256?: string;
  /** Whether it is the built-in framework unchanged (by name, or a file that spells it out exactly). */
  unmodifiedBuiltIn?: string;
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
  /** Units that are totals of the others: shown, never ranked. */
  aggregates: string[];
  /** Old unit names and the names in use now: the old name's rows continue the new name's series. */
  aliases: Record<string, string>;
  review: ReviewSpec;
  groups: string[];
  denominators: { id: string; zh: string; en: string; unit: string }[];
  methods: Record<string, string | boolean | number>;
  /** The report's map: a GeoJSON file (relative to the framework file) and the property naming the units. */
  map?: { file: string; key?: string };
  source?: FrameworkSource;
}

/** The unit of a node's raw values in a language ('' when none is given). */
export function nodeUnit(node: FrameworkNode, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? node.unit : node.unitEn || node.unit;
}

/** The label of a node in a language, falling back to the other label and then the id. */
export function nodeLabel(node: FrameworkNode, lang: 'zh' | 'en'): string {
  return (lang === 'zh' ? node.zh || node.en : node.en || node.zh) || node.id;
}

/** A function from node id to its label in a language (the id itself when unknown). */
export function labeller(fw: Framework, lang: 'zh' | 'en'): (id: string) => string {
  return (id) => {
    const n = fw.byId.get(id);
    if (n !== undefined) return nodeLabel(fw.nodes[n]!, lang);
    // a denominator (地区生产总值), named as its nodes are
    const d = fw.denominators.find((x) => x.id === id);
    return d === undefined ? id : denominatorLabel(d, lang);
  };
}

/** The unit a node or a denominator is measured in, by id, as the framework gives it ('' for none or an unknown id): what a slip of scale is said against. */
export function unitOfId(fw: Framework, id: string): string {
  const n = fw.byId.get(id);
  return n === undefined ? (fw.denominators.find((d) => d.id === id)?.unit ?? '') : nodeUnit(fw.nodes[n]!, 'zh');
}

/** A denominator's name in `lang` (the other language's, else its id, where it has none). */
export function denominatorLabel(d: { id: string; zh: string; en: string }, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? d.zh || d.en || d.id : d.en || d.zh || d.id;
}
