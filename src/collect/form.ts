// The collection form (填报表): a workbook to fill in, built from the framework
// that defines the index. It carries a marker (a hidden sheet) describing its
// own structure, so that a filled form reads back with no option and an
// edited one is refused at the cell where it differs. Pure: a model in, a
// workbook model out.
import { createHash } from 'node:crypto';
import { frameworkToSpec } from '../framework/check.js';
import { nodeLabel, nodeUnit, type Framework, type FrameworkNode } from '../framework/types.js';
import { L, type Lang } from '../text.js';
import { formatPeriod, parsePeriod, periodWords, sameLastYear, type Frequency } from '../time/period.js';
import { cellRef, type CellStyle, type Validation, type WBook, type WCell, type WSheet } from '../render/xlsx-writer.js';

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
 * indicators asked for: ids, order, units) and nothing else of the framework,
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

/** The indicators a framework's form asks for, as a form in `lang` prints them. */
export function askedIndicators(fw: Framework, lang: Lang): FormIndicator[] {
  return formIndicators(fw).map((n) => ({ id: n.id, label: nodeLabel(n, lang), unit: nodeUnit(n, lang), valueUnit: n.unit }));
}

/** The fingerprint of what a form's cells depend on. */
export function formFingerprint(units: string[], period: string, indicators: FormIndicator[]): string {
  return createHash('sha256').update(JSON.stringify({ units, period, indicators: indicators.map((i) => [i.id, i.valueUnit]) })).digest('hex');
}

/** A form's period: its key and frequency. */
export function markerPeriod(m: FormMarker): { key: number; freq: Frequency; text: string } {
  const p = parsePeriod(String(m.period));
  if ('error' in p) throw new Error(`period ${JSON.stringify(m.period)} ${p.error}`);
  return { key: p.key, freq: p.freq, text: formatPeriod(p.key, p.freq) };
}

/**
 * How the indicators a form asks for differ from what the framework asks for
 * now, in words ("indicator rd was removed", "the unit of revenue changed from
 * 亿元 to 万元"); empty when they agree (ids, order, units).
 */
export function askDifferences(form: FormIndicator[], now: FormIndicator[]): string[] {
  const out: string[] = [];
  const nowById = new Map(now.map((i) => [i.id, i]));
  const formIds = new Set(form.map((i) => i.id));
  for (const i of form) if (!nowById.has(i.id)) out.push(`indicator ${i.id} was removed`);
  for (const i of now) if (!formIds.has(i.id)) out.push(`indicator ${i.id} was added`);
  for (const i of form) {
    const n = nowById.get(i.id);
    if (n !== undefined && n.valueUnit !== i.valueUnit) out.push(`the unit of ${i.id} changed from ${i.valueUnit || '(none)'} to ${n.valueUnit || '(none)'}`);
  }
  const kept = form.filter((i) => nowById.has(i.id)).map((i) => i.id);
  const nowKept = now.filter((i) => formIds.has(i.id)).map((i) => i.id);
  if (out.length === 0 && kept.join('\n') !== nowKept.join('\n')) out.push(`the order of the indicators changed (${kept.join(', ')} on the form, ${nowKept.join(', ')} now)`);
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
      head.push(headerLabel(n));
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

/** What a form is made from. */
export interface FormOptions {
  units: string[];
  /** The period collected: its key and frequency (time/period.ts). */
  period: { key: number; freq: Frequency };
  layout: 'units' | 'sheets';
  lang: Lang;
  /** Last period's values by unit and node id, shown beside the inputs. */
  previous?: (unit: string, node: string) => number | null;
  date?: string;
}


const TITLE: CellStyle = { bold: true, size: 14 };
const NOTE: CellStyle = { italic: true, wrap: true, color: '595959' };
const HEAD: CellStyle = { bold: true, fill: 'DDEBF7', wrap: true, align: 'center' };
const LABEL: CellStyle = { bold: true };
const INPUT: CellStyle = { unlocked: true, fill: 'FFF2CC' };
const REFERENCE: CellStyle = { fill: 'EDEDED', color: '595959' };

/** Units of counts: their values are never negative unless the node says so. */
const COUNT_UNITS = new Set(['家', '户', '人', '万人', '人次', '件', '个', '次', '项', '名', '万户', '万家']);

/**
 * The plausible range of a node: within min/max; 0-100 for a share in %; ≥ 0
 * for a count (unless "negative": true). Goalposts (lower/upper) are not a
 * plausible range: a unit beyond a goalpost is legitimate.
 */
export function inputRange(n: FrameworkNode): { lower?: number; upper?: number } {
  const lower = n.min ?? (n.unit === '%' ? 0 : COUNT_UNITS.has(n.unit) && !n.negative ? 0 : undefined);
  const upper = n.max ?? (n.unit === '%' ? 100 : undefined);
  return { ...(lower !== undefined ? { lower } : {}), ...(upper !== undefined ? { upper } : {}) };
}

/** A data validation for a range of input cells. */
function validation(ref: string, n: FrameworkNode, lang: Lang): Validation {
  const { lower, upper } = inputRange(n);
  const what = lower !== undefined && upper !== undefined ? L(lang, `${lower}到${upper}之间的数`, `a number from ${lower} to ${upper}`) : lower !== undefined ? L(lang, `不小于${lower}的数`, `a number of at least ${lower}`) : upper !== undefined ? L(lang, `不大于${upper}的数`, `a number of at most ${upper}`) : L(lang, '数值', 'a number');
  const base = { ref, type: 'decimal' as const, errorTitle: L(lang, '数值不符合要求', 'Not a valid value'), error: L(lang, `${nodeLabel(n, lang)}：请填写${what}，缺失请留空。`, `${nodeLabel(n, lang)}: enter ${what}; leave it empty if missing.`), prompt: `${nodeLabel(n, lang)}${nodeUnit(n, lang) ? `（${nodeUnit(n, lang)}）` : ''}` };
  if (lower !== undefined && upper !== undefined) return { ...base, operator: 'between', formula1: lower, formula2: upper };
  if (lower !== undefined) return { ...base, operator: 'greaterThanOrEqual', formula1: lower };
  if (upper !== undefined) return { ...base, operator: 'lessThanOrEqual', formula1: upper };
  return { ...base, operator: 'between', formula1: -1e15, formula2: 1e15 };
}

/** A header label: "营业收入总额（亿元）". */
function headerLabel(n: FormIndicator): string {
  return n.unit ? `${n.label}（${n.unit}）` : n.label;
}

/** A sheet name Excel accepts (31 characters, none of []:*?/\), unique among `taken`. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 28)}(${i})`;
  taken.add(out.toLowerCase());
  return out;
}

/** The form's first rows: a title and what to fill and how to return it. */
function preamble(fw: Framework, o: FormOptions): WCell[][] {
  const name = o.lang === 'zh' ? fw.zh || fw.name : fw.en || fw.name;
  const now = periodWords(o.period.key, o.period.freq, o.lang);
  const before = periodWords(sameLastYear(o.period.key, o.period.freq), o.period.freq, o.lang);
  const ref = o.previous ? L(o.lang, `灰色单元格为${before}数据，仅供参考；`, `grey cells hold ${before} for reference; `) : '';
  return [
    [{ v: L(o.lang, `${name}数据填报表（${now}）`, `${name}: data form, ${now}`), style: TITLE }],
    [{ v: L(o.lang,
      `填报说明：请在黄色单元格中填写${now}数据，${ref}只填数值、不带单位，比率按百分数填写（12.5表示12.5%），缺失的留空。请勿增删行列或修改表头（smei 据此识别本表）。填好后保存为 .xlsx，原文件名发回。各指标的定义见工作表“${L(o.lang, '指标说明', 'Definitions')}”。`,
      `How to fill in: enter the ${now} values in the yellow cells (${ref}numbers only, no units; shares in percent: 12.5 means 12.5%; leave a missing value empty). Do not add or delete rows or columns or change the headers (smei reads the form by them). Save as .xlsx and send it back. The sheet "Definitions" says what each indicator is.`), style: NOTE }],
  ];
}

/** The leaf indicators a form asks for, in framework order. */
export function formIndicators(fw: Framework): FrameworkNode[] {
  return fw.nodes.filter((n) => n.children.length === 0);
}

/** The definitions sheet: module, indicator, id, unit, direction, allowed range, definition. */
function definitions(fw: Framework, lang: Lang): WSheet {
  const head = [L(lang, '模块', 'Module'), L(lang, '指标', 'Indicator'), L(lang, '代码', 'Id'), L(lang, '计量单位', 'Unit'), L(lang, '方向', 'Direction'), L(lang, '填报要求', 'Allowed values'), L(lang, '是否必填', 'Required'), L(lang, '说明', 'Definition')];
  const rows = formIndicators(fw).map((n): (WCell | string)[] => {
    const { lower, upper } = inputRange(n);
    const range = lower !== undefined && upper !== undefined ? `${lower} – ${upper}` : lower !== undefined ? `≥ ${lower}` : upper !== undefined ? `≤ ${upper}` : L(lang, '任意数值', 'any number');
    return [n.parent >= 0 ? nodeLabel(fw.nodes[n.parent]!, lang) : '', nodeLabel(n, lang), n.id, nodeUnit(n, lang), n.direction === 1 ? L(lang, '正向', 'higher is better') : L(lang, '逆向', 'lower is better'), range, n.required ? L(lang, '是', 'yes') : L(lang, '否', 'no'), n.note];
  });
  return { name: L(lang, '指标说明', 'Definitions'), rows: [head.map((h) => ({ v: h, style: HEAD })), ...rows], cols: [14, 28, 24, 10, 12, 12, 10, 40], freeze: { rows: 1, cols: 0 }, protect: true };
}

/** The marker's text split into cells of at most 30,000 characters (Excel holds 32,767 in a cell). */
export function markerCells(m: FormMarker): string[] {
  const text = JSON.stringify(m);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 30000) out.push(text.slice(i, i + 30000));
  return out;
}

/** Builds the form: the workbook model with its marker. */
export function buildForm(fw: Framework, o: FormOptions): WBook {
  const leaves = formIndicators(fw);
  const byId = new Map(leaves.map((n) => [n.id, n]));
  const taken = new Set<string>([MARKER_SHEET.toLowerCase(), L(o.lang, '指标说明', 'Definitions').toLowerCase()]);
  const period = formatPeriod(o.period.key, o.period.freq);
  const indicators = askedIndicators(fw, o.lang);
  const marker: FormMarker = {
    version: 2, framework: fw.name, fingerprint: formFingerprint(o.units, period, indicators), layout: o.layout, period, lang: o.lang, previous: o.previous !== undefined, units: o.units,
    sheets: o.layout === 'units' ? [L(o.lang, '填报表', 'Form')] : o.units.map((u) => sheetName(u, taken)),
    indicators,
  };
  const sheets: WSheet[] = formGeometry(marker, fw).map((g, s) => {
    const grid: (WCell | string | number | null)[][] = preamble(fw, o);
    if (o.layout === 'sheets') grid[0] = [{ v: `${o.units[s]} · ${(grid[0]![0] as WCell).v}`, style: TITLE }];
    while (grid.length < g.headerRow) grid.push([]);
    grid.push(g.head.map((h) => ({ v: h, style: HEAD })));
    const set = (r: number, c: number, cell: WCell | string | number | null): void => {
      while (grid.length <= r) grid.push([]);
      const row = grid[r]!;
      while (row.length < c) row.push(null);
      row[c] = cell;
    };
    for (const [r, c, text] of g.labels) if (r > g.headerRow) set(r, c, { v: text, style: LABEL });
    for (const input of g.inputs) {
      set(input.row, input.col, { v: null, style: INPUT });
      if (o.layout === 'units') set(input.row, 1, o.period.freq === 'year' ? o.period.key : period);
      else set(input.row, 1, nodeUnit(byId.get(input.node)!, o.lang));
      const refCol = o.layout === 'units' ? g.reference.get(input.node) : g.reference.get('*');
      if (refCol !== undefined && o.previous) set(input.row, refCol, { v: o.previous(input.unit, input.node), style: REFERENCE });
    }
    const last = g.headerRow + (o.layout === 'units' ? o.units.length : leaves.length);
    const width = g.head.length;
    const validations = o.layout === 'units'
      ? (o.units.length === 0 ? [] : leaves.map((n) => {
        const col = g.inputs.find((x) => x.node === n.id)!.col;
        return validation(`${cellRef(g.headerRow + 1, col)}:${cellRef(last, col)}`, n, o.lang);
      }))
      : g.inputs.map((x) => validation(cellRef(x.row, x.col), byId.get(x.node)!, o.lang));
    return {
      name: g.name, rows: grid, protect: true, heights: { 1: 64 },
      cols: o.layout === 'units' ? g.head.map((h, c) => (c === 0 ? 12 : c === 1 ? 8 : Math.min(22, Math.max(10, h.length * 1.6)))) : [30, 10, ...(o.previous ? [14] : []), 14],
      freeze: { rows: g.headerRow + 1, cols: o.layout === 'units' ? 2 : 1 },
      merges: [`A1:${cellRef(0, Math.min(width - 1, 9))}`, `A2:${cellRef(1, Math.min(width - 1, 9))}`],
      validations,
      print: { landscape: o.layout === 'units', titleRows: g.headerRow + 1 },
    };
  });
  sheets.push(definitions(fw, o.lang));
  sheets.push({ name: MARKER_SHEET, rows: markerCells(marker).map((t, i) => (i === 0 ? [MARKER_TAG, t] : [null, t])), state: 'veryHidden' });
  const words = periodWords(o.period.key, o.period.freq, o.lang);
  return { sheets, title: L(o.lang, `${fw.zh || fw.name}数据填报表（${words}）`, `${fw.en || fw.name}: data form ${words}`), creator: 'smei', ...(o.date ? { date: o.date } : {}) };
}
