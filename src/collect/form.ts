// The collection form (填报表) as the round defines it: the marker (a hidden
// sheet) a form carries to describe its own structure, the geometry of its
// sheets, what it asks for, the plausible range of an input. The reader
// (input/form.ts) reads a filled form back by these, the writer
// (render/form.ts) draws the workbook from them, the review checks ranges
// with them. Pure.
import { createHash } from 'node:crypto';
import { frameworkToSpec } from '../framework/check.js';
import { denominatorLabel, nodeLabel, nodeUnit, type Framework, type FrameworkNode } from '../framework/types.js';
import { isCount } from '../framework/units.js';
import { L, type Lang } from '../text.js';
import { formatPeriod, parsePeriod, periodWords, sameLastYear, type Frequency } from '../time/period.js';

/** The name of the hidden sheet holding the marker. */
export const MARKER_SHEET = '_smei';

/** The first cell of the marker sheet. */
export const MARKER_TAG = 'smei-form';

/** A cell the form reads a value from: where it is and what it is. */
export interface FormInput {
  row: number;
  col: number;
  unit: string;
  node: string;
}

/** One indicator a form asks for: its id, and its label and unit as the form prints them. */
export interface FormIndicator {
  id: string;
  label: string;
  /** The unit as printed ('' when none). */
  unit: string;
  /** The unit of the framework (its zh `unit`), which the values are in: what a form depends on. */
  valueUnit: string;
}

/**
 * What a form says about itself (kept small: the geometry is derived from it).
 * Version 2 carries what its cells depend on (the units, the period, the
 * indicators asked for, the denominators among them: ids, order, units) and nothing else of the framework,
 * so a change of weights, methods, labels or aggregation never refuses a form.
 * Version 1 forms (a hash of the whole framework) still read.
 */
export interface FormMarker {
  version: 1 | 2;
  framework: string;
  /** Version 1: SHA-256 of the framework as a canonical spec. */
  frameworkHash?: string;
  /** Version 2: SHA-256 of the units, the period and the indicators asked for (ids, order, units). */
  fingerprint?: string;
  layout: 'units' | 'sheets';
  /** The period collected: a year (version 1), or as written (2025H1, 2025Q3, 2025-03, 2025M1-6). */
  period: number | string;
  lang: Lang;
  /** Whether last period's values stand beside the inputs. */
  previous: boolean;
  units: string[];
  /** The sheet of each unit (layout `sheets`), or the one sheet (layout `units`). */
  sheets: string[];
  /** Version 2: the indicators asked for, in order. */
  indicators?: FormIndicator[];
}

/** The indicators a framework's form asks for, as a form in `lang` prints them: the leaves, then the denominators they are divided by. */
export function askedIndicators(fw: Framework, lang: Lang): FormIndicator[] {
  return [
    ...formIndicators(fw).map((n) => ({ id: n.id, label: nodeLabel(n, lang), unit: nodeUnit(n, lang), valueUnit: n.unit })),
    ...formDenominators(fw).map((d) => ({ id: d.id, label: denominatorLabel(d, lang), unit: d.unit, valueUnit: d.unit })),
  ];
}

/** The denominators a form asks for: those a leaf is divided by (地区生产总值 for tax per 亿元 of GDP), in the framework's order. */
export function formDenominators(fw: Framework): Framework['denominators'] {
  const used = new Set(formIndicators(fw).map((n) => n.denominator));
  return fw.denominators.filter((d) => used.has(d.id));
}


/** The fingerprint of what a form's cells depend on. */
export function formFingerprint(units: string[], period: string, indicators: FormIndicator[]): string {
  return createHash('sha256').update(JSON.stringify({ units, period, indicators: indicators.map((i) => [i.id, i.valueUnit]) })).digest('hex');
}

/** A form's period: its key and frequency. */
export function markerPeriod(m: FormMarker): { key: number; freq: Frequency; text: string } {
  const p = parsePeriod(String(m.period));
  if ('error' in p) throw Object.assign(new Error(`period ${JSON.stringify(m.period)} ${p.error}`), { zh: `时期 ${JSON.stringify(m.period)}${p.zh}` });
  return { key: p.key, freq: p.freq, text: formatPeriod(p.key, p.freq) };
}

/**
 * How the indicators a form asks for differ from what the framework asks for
 * now, in words ("indicator rd was removed", "the unit of revenue changed from
 * 亿元 to 万元"); empty when they agree (ids, order, units).
 */
export function askDifferences(form: FormIndicator[], now: FormIndicator[], lang: 'zh' | 'en' = 'en', optional: ReadonlySet<string> = new Set()): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  const nowById = new Map(now.map((i) => [i.id, i]));
  const formIds = new Set(form.map((i) => i.id));
  for (const i of form) if (!nowById.has(i.id)) out.push(zh ? `指标 ${i.id} 已删除` : `indicator ${i.id} was removed`);
  // a form made before forms asked for denominators (`optional`) still reads: its denominator comes from elsewhere
  for (const i of now) if (!formIds.has(i.id) && !optional.has(i.id)) out.push(zh ? `新增了指标 ${i.id}` : `indicator ${i.id} was added`);
  for (const i of form) {
    const n = nowById.get(i.id);
    if (n !== undefined && n.valueUnit !== i.valueUnit) {
      out.push(zh ? `${i.id} 的计量单位由 ${i.valueUnit || '（无）'} 改为 ${n.valueUnit || '（无）'}` : `the unit of ${i.id} changed from ${i.valueUnit || '(none)'} to ${n.valueUnit || '(none)'}`);
    }
  }
  const kept = form.filter((i) => nowById.has(i.id)).map((i) => i.id);
  const nowKept = now.filter((i) => formIds.has(i.id)).map((i) => i.id);
  if (out.length === 0 && kept.join('\n') !== nowKept.join('\n')) {
    out.push(zh ? `指标的顺序变了（填报表上为 ${kept.join(', ')}，现在为 ${nowKept.join(', ')}）` : `the order of the indicators changed (${kept.join(', ')} on the form, ${nowKept.join(', ')} now)`);
  }
  return out;
}

/** Where everything of one sheet of a form is (0-based rows and columns). */
export interface FormSheetGeometry {
  name: string;
  headerRow: number;
  head: string[];
  /** Label cells that must read as written: [row, col, text]. */
  labels: [number, number, string][];
  inputs: FormInput[];
  /** Reference columns (last period), by node id (layout `units`), or the one column (layout `sheets`). */
  reference: Map<string, number>;
}

/** The rows of title and instructions above the header. */
const PREAMBLE_ROWS = 2;

/** The geometry of every sheet of a form, derived from its marker (version 1: and the framework it was made with). */
export function formGeometry(m: FormMarker, fw: Framework): FormSheetGeometry[] {
  const leaves = m.indicators ?? askedIndicators(fw, m.lang);
  const lang = m.lang;
  const headerRow = PREAMBLE_ROWS + 1;
  const { key, freq } = markerPeriod(m);
  const words = (k: number): string => periodWords(k, freq, lang);
  // version 1 forms printed years as "2017年" / "2017"; periodWords gives the same for years
  const before = words(sameLastYear(key, freq));
  if (m.layout === 'units') {
    const head: string[] = [L(lang, '地区', 'Unit'), L(lang, freq === 'year' ? '年份' : '时期', freq === 'year' ? 'Year' : 'Period')];
    const inputCol = new Map<string, number>();
    const reference = new Map<string, number>();
    for (const n of leaves) {
      if (m.previous) {
        reference.set(n.id, head.length);
        head.push(L(lang, `${n.label}（${before}，参考）`, `${n.label} (${before}, reference)`));
      }
      inputCol.set(n.id, head.length);
      head.push(headerLabel(n, lang));
    }
    const labels: [number, number, string][] = head.map((h, c) => [headerRow, c, h]);
    const inputs: FormInput[] = [];
    m.units.forEach((unit, i) => {
      labels.push([headerRow + 1 + i, 0, unit]);
      for (const n of leaves) inputs.push({ row: headerRow + 1 + i, col: inputCol.get(n.id)!, unit, node: n.id });
    });
    return [{ name: m.sheets[0]!, headerRow, head, labels, inputs, reference }];
  }
  const head = [L(lang, '指标', 'Indicator'), L(lang, '计量单位', 'Unit'), ...(m.previous ? [L(lang, `${before}（参考）`, `${before} (reference)`)] : []), words(key)];
  const valueCol = head.length - 1;
  return m.units.map((unit, u) => {
    const labels: [number, number, string][] = head.map((h, c) => [headerRow, c, h]);
    const inputs: FormInput[] = [];
    leaves.forEach((n, i) => {
      labels.push([headerRow + 1 + i, 0, n.label]);
      inputs.push({ row: headerRow + 1 + i, col: valueCol, unit, node: n.id });
    });
    return { name: m.sheets[u]!, headerRow, head, labels, inputs, reference: new Map(m.previous ? [['*', valueCol - 1]] : []) };
  });
}

/** The hash that tied a version-1 form to its framework. */
export function frameworkHash(fw: Framework): string {
  return createHash('sha256').update(JSON.stringify(frameworkToSpec(fw))).digest('hex');
}


/**
 * The plausible range of a node: within min/max; 0-100 for a share in %; ≥ 0
 * for a count (unless "negative": true). Goalposts (lower/upper) are not a
 * plausible range: a unit beyond a goalpost is legitimate.
 */
export function inputRange(n: FrameworkNode): { lower?: number; upper?: number } {
  const lower = n.min ?? (n.unit === '%' ? 0 : isCount(n.unit) && !n.negative ? 0 : undefined);
  const upper = n.max ?? (n.unit === '%' ? 100 : undefined);
  return { ...(lower !== undefined ? { lower } : {}), ...(upper !== undefined ? { upper } : {}) };
}

/** The leaf indicators a form asks for, in framework order. */
export function formIndicators(fw: Framework): FrameworkNode[] {
  return fw.nodes.filter((n) => n.children.length === 0);
}

/** The marker's text split into cells of at most 30,000 characters (Excel holds 32,767 in a cell). */
export function markerCells(m: FormMarker): string[] {
  const text = JSON.stringify(m);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 30000) out.push(text.slice(i, i + 30000));
  return out;
}

/** A header label: "营业收入总额（亿元）", "Total operating revenue (hundred million CNY)". */
export function headerLabel(n: FormIndicator, lang: Lang): string {
  return n.unit ? L(lang, `${n.label}（${n.unit}）`, `${n.label} (${n.unit})`) : n.label;
}
