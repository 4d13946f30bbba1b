// `smei compute --out index.xlsx`: the results as a workbook for Excel and WPS.
// Unrounded numbers with a display format (Excel sums the real values), frozen
// headers, widths that fit CJK text, aggregates marked; inline strings only,
// so no text can become a formula.
import { indexTitle } from './title.js';
import displayWidth from './width.js';
import type { IndexTable } from '../core/compute.js';
import { driversGrid } from './drivers.js';
import { labeller, nodeLabel } from '../framework/types.js';
import { formatPeriod } from '../time/period.js';
import { unitHead, unitWord } from './unit-word.js';
import { effectiveWeights, methodSummary, partialText, rawGrid, title, type ColumnKind, type ComputeView } from './compute.js';
import { describeWarning } from './warnings.js';
import { L, type Lang } from './i18n.js';
import type { CellStyle, WBook, WCell, WRow, WSheet } from './xlsx-writer.js';

/** What the workbook says about where the numbers came from. */
export interface WorkbookMeta {
  inputs: { name: string; sha256: string }[];
  version: string;
  date?: string;
}


const HEAD: CellStyle = { bold: true, fill: 'DDEBF7', wrap: true, align: 'center' };
const AGGREGATE_FILL = 'F2F2F2';

/** The width in characters of a value as shown (CJK counts double). */
function valueWidth(v: WCell['v'], decimals: number): number {
  return v === null ? 0 : typeof v === 'number' ? Math.trunc(Math.abs(v)).toString().length + decimals + 3 : displayWidth(String(v));
}

/** Widens column i of `out` to fit a cell of width w, within limits. */
function fit(out: number[], i: number, w: number): void {
  out[i] = Math.max(out[i] ?? 6, Math.min(w + 2, 48));
}

/** Column widths in characters that fit the widest cell (CJK counts double), within limits. */
function widths(rows: (WCell | string | number | null)[][], decimals: number): number[] {
  const out: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => fit(out, i, valueWidth(c !== null && typeof c === 'object' ? c.v : c, decimals)));
  }
  return out;
}

/** A sheet with one header row, frozen, widths fitted. */
function sheet(name: string, head: string[], rows: (WCell | string | number | null)[][], decimals: number, freezeCols = 1, title?: string): WSheet {
  const all = [...(title === undefined ? [] : [[{ v: title, style: TITLE }]]), head.map((h) => ({ v: h, style: HEAD })), ...rows];
  const top = title === undefined ? 1 : 2;
  // a title row (what the table is, its period and base) across the table's columns, printed on every page with the header
  const merges = title === undefined || head.length < 2 ? [] : [`A1:${columnName(head.length - 1)}1`];
  return { name, rows: all, cols: widths([head.map((h) => h.slice(0, 12)), ...rows], decimals), freeze: { rows: top, cols: freezeCols }, print: { landscape: true, titleRows: top }, ...(merges.length > 0 ? { merges } : {}) };
}

/** A spreadsheet column's letters (0: A, 26: AA). */
function columnName(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const TITLE: CellStyle = { bold: true };

/** Styles made once and shared, so that the writer finds a cell's style by identity (a wide sheet has millions of cells). */
const styleCache = new Map<string, CellStyle>();
function shared(key: string, make: () => CellStyle): CellStyle {
  let s = styleCache.get(key);
  if (s === undefined) styleCache.set(key, (s = make()));
  return s;
}

/** A number cell with the display format for its kind; null stays empty. */
function num(v: number | null, kind: ColumnKind, decimals: number, fill?: string): WCell | null {
  if (v === null) return fill ? { v: null, style: shared(`fill ${fill}`, () => ({ fill })) } : null;
  const style = shared(`${kind} ${decimals} ${fill ?? ''}`, () => {
    const numFmt = kind === 'rank' ? '0' : decimals === 0 ? '0' : `${kind === 'change' ? '+' : ''}0.${'0'.repeat(decimals)}${kind === 'change' ? `;-0.${'0'.repeat(decimals)};0.${'0'.repeat(decimals)}` : ''}`;
    return { numFmt, ...(fill ? { fill } : {}) };
  });
  return { v, style };
}

/** The results workbook. */
/** The method settings' names in a workbook, zh and en (the JSON keys are English). */
const METHOD_WORDS: Record<string, [string, string]> = {
  normalise: ['标准化方法', 'Normalisation'],
  weights: ['权重方法', 'Weighting'],
  aggregation: ['合成方法', 'Aggregation'],
  scope: ['统计范围', 'Scope'],
  denominate: ['除以分母', 'Denominated'],
  impute: ['缺失值插补', 'Imputation'],
  screen: ['完整度筛选', 'Screening'],
  treat: ['离群值处理', 'Outlier treatment'],
  ahpRandomIndex: ['AHP随机一致性指标', 'AHP random index'],
};

/** Which indicators the run divided by which denominator: 小微企业税收 ÷ 地区生产总值（亿元）. */
function denominatedText(t: IndexTable, lang: Lang): string {
  const label = labeller(t.framework, lang);
  return t.framework.nodes.filter((n) => n.denominator !== undefined && n.children.length === 0).map((n) => {
    const d = t.framework.denominators.find((x) => x.id === n.denominator);
    return `${label(n.id)} ÷ ${label(n.denominator!)}${d?.unit ? (lang === 'zh' ? `（${d.unit}）` : ` (${d.unit})`) : ''}`;
  }).join(lang === 'zh' ? '；' : '; ');
}

export function computeWorkbook(t: IndexTable, view: ComputeView, meta: WorkbookMeta): WBook {
  const { lang, decimals: d } = view;
  const fw = t.framework;
  const sheets: WSheet[] = [];
  const aggNote = L(lang, '汇总单位，不参与排名', 'aggregate, not ranked');

  // 1. The ranked table as on screen, every unit.
  const g = rawGrid(t, view);
  const rows1 = g.rows.map((r, i) => {
    const fill = g.aggregate[i] ? AGGREGATE_FILL : undefined;
    const cells: (WCell | null)[] = r.map((v, c) => (typeof v === 'string' ? { v, ...(fill ? { style: { fill } } : {}) } : num(v, g.kinds[c]!, d, fill)));
    const partial = partialText(t, g.units[i]!, view.yi, view.node, lang);
    // a row without a value says where the reason is
    const blank = t.value(g.units[i]!, view.yi, view.node) === null;
    cells.push(g.aggregate[i] ? { v: aggNote, style: { fill: AGGREGATE_FILL, italic: true } } : partial !== '' ? { v: L(lang, `部分下级指标缺失，按现有的计算：${partial}`, `from the children present only: ${partial}`), style: { italic: true } } : blank ? { v: L(lang, '无定义，原因见“警告”表', 'undefined: see the Warnings sheet'), style: { italic: true } } : null);
    return cells;
  });
  const period = t.periodLabel(t.years[view.yi]!, lang);
  sheets.push(sheet(L(lang, `${period}排名`, `Table ${formatPeriod(t.years[view.yi]!, t.frequency)}`).slice(0, 31), [...g.head, L(lang, '备注', 'Note')], rows1, d, g.head.indexOf(g.head.find((_, i) => g.kinds[i] === 'text')!) + 1, title(t, view)));

  // 2–4. Every node for every period, wide: values, YoY and ranks.
  const nodes = fw.nodes.filter((n) => t.nodeHasData[n.index]);
  const years = view.onlyYear !== undefined ? [t.years.indexOf(view.onlyYear)] : t.years.map((_, i) => i);
  const headWide = [unitHead(t.observations.unitHeader, lang), L(lang, '时期', 'Period'), ...nodes.map((n) => nodeLabel(n, lang))];
  // Made row by row while the workbook is written: units x periods x nodes cells would not fit in memory as objects.
  const wide = (name: string, get: (u: number, yi: number, n: number) => number | null, kind: ColumnKind): WSheet => {
    const periods = years.map((yi) => formatPeriod(t.years[yi]!, t.frequency));
    const head = headWide.map((h) => ({ v: h, style: HEAD }));
    const cols: number[] = [];
    headWide.forEach((h, i) => fit(cols, i, valueWidth(h.slice(0, 12), d)));
    const count = years.length * t.units.length;
    for (let k = 0; k < count; k++) {
      const yi = years[Math.floor(k / t.units.length)]!;
      const u = k % t.units.length;
      fit(cols, 0, valueWidth(t.units[u]!, d));
      fit(cols, 1, valueWidth(periods[Math.floor(k / t.units.length)]!, d));
      for (let j = 0; j < nodes.length; j++) fit(cols, j + 2, valueWidth(get(u, yi, nodes[j]!.index), d));
    }
    const textStyle = shared(`fill ${AGGREGATE_FILL}`, () => ({ fill: AGGREGATE_FILL }));
    // the cells num() would make, their styles looked up once per sheet
    const plain = num(0, kind, d)!.style!;
    const agg = num(0, kind, d, AGGREGATE_FILL)!.style!;
    const aggEmpty = num(null, kind, d, AGGREGATE_FILL);
    const row = (r: number): WRow => {
      if (r === 0) return head;
      const k = r - 1;
      const p = Math.floor(k / t.units.length);
      const yi = years[p]!;
      const u = k % t.units.length;
      const fill = t.aggregate[u] ? AGGREGATE_FILL : undefined;
      const out: WRow = [fill ? { v: t.units[u]!, style: textStyle } : { v: t.units[u]! }, fill ? { v: periods[p]!, style: textStyle } : { v: periods[p]! }];
      const style = fill ? agg : plain;
      const empty = fill ? aggEmpty : null;
      for (const n of nodes) {
        const v = get(u, yi, n.index);
        out.push(v === null ? empty : { v, style });
      }
      return out;
    };
    return { name, rows: { length: count + 1, width: headWide.length, row }, cols, freeze: { rows: 1, cols: 2 }, print: { landscape: true, titleRows: 1 } };
  };
  sheets.push(wide(L(lang, '指数', 'Index'), (u, yi, n) => t.value(u, yi, n), 'value'));
  // growth rates of scores placed within each period (min-max...) mean nothing: no sheets for them
  if (t.growth) sheets.push(wide(L(lang, '同比(%)', 'YoY (%)'), (u, yi, n) => t.yoyPct(u, yi, n), 'change'));
  if (t.growth && t.hasPop) sheets.push(wide(L(lang, '环比(%)', 'PoP (%)'), (u, yi, n) => t.popPct(u, yi, n), 'change'));
  // (none in a period where every unit ties: the base of a fixed-base index, all 100)
  sheets.push(wide(L(lang, '排名', 'Ranks'), (u, yi, n) => t.shownRank(u, yi, n), 'rank'));

  // 5. Drivers of the shown period: each child's contribution, in points and percentage points.
  const dg = driversGrid(t, view.yi, view.node, lang);
  sheets.push(sheet(L(lang, '增长动力', 'Drivers'), dg.head, dg.rows.map((r) => r.map((v, i) => (typeof v === 'string' ? v : num(v, dg.kinds[i]!, d)))), d));

  // 6. Warnings, one per row.
  const label = labeller(fw, lang);
  sheets.push(sheet(L(lang, '警告', 'Warnings'), [L(lang, '代码', 'Code'), unitHead(t.observations.unitHeader, lang), L(lang, '时期', 'Period'), L(lang, '指标', 'Node'), L(lang, '说明', 'Message')],
    t.warnings.map((w) => [w.code, w.unit ?? null, w.year === undefined ? null : formatPeriod(w.year, t.frequency), w.node === undefined ? null : label(w.node), describeWarning(w, lang, label, (k) => t.periodLabel(k, lang))]), d));

  // 7. The method: settings, inputs with their SHA-256, the framework tree with the weights used.
  const m = methodSummary(t);
  const used = new Map(effectiveWeights(t).map((w) => [w.node, w.weight]));
  const methodRows: (WCell | string | number | null)[][] = [
    [L(lang, '框架', 'Framework'), fw.name],
    [L(lang, '基期', 'Base'), t.baseLabel(lang)],
    // the settings in the workbook's language (the JSON keys in English), the denominated indicators named
    ...Object.entries(m).filter(([k]) => k !== 'ahp').map(([k, v]): [string, string] => [METHOD_WORDS[k]?.[lang === 'zh' ? 0 : 1] ?? k, k === 'denominate' ? denominatedText(t, lang) : String(v)]),
    // one row per AHP matrix: its consistency, unrounded as in JSON
    ...t.record.weights.ahp.map((x): [string, string] => [`ahp ${x.node}`, `ahp:${x.variant}  λmax ${x.lambdaMax}  CI ${x.ci}  RI ${x.ri}  CR ${x.cr}`]),
    ...meta.inputs.map((f) => [L(lang, '输入', 'Input'), `${f.name}  SHA-256 ${f.sha256}`]),
    [L(lang, '生成', 'Generated by'), `smei ${meta.version}`],
    ...(meta.date ? [[L(lang, '日期', 'Date'), meta.date]] : []),
    [],
    [{ v: 'id', style: HEAD }, { v: L(lang, '名称', 'Label'), style: HEAD }, { v: L(lang, '上级', 'Parent'), style: HEAD }, { v: L(lang, '权重', 'Weight'), style: HEAD }, { v: L(lang, '实际占比', 'Share used'), style: HEAD }, { v: L(lang, '方向', 'Direction'), style: HEAD }],
    ...fw.nodes.map((n) => [n.id, nodeLabel(n, lang), n.parent < 0 ? null : fw.nodes[n.parent]!.id, n.weight, used.has(n.id) ? { v: used.get(n.id)!, style: { numFmt: '0.0000' } } : null, n.children.length > 0 ? null : n.direction === -1 ? L(lang, '逆向', 'lower is better') : L(lang, '正向', 'higher is better')]),
  ];
  sheets.push({ name: L(lang, '方法', 'Method'), rows: methodRows, cols: [16, 28, 16, 10, 12, 16] });
  const name = indexTitle(fw, lang, t.units, t.units.filter((_, u) => t.aggregate[u]), unitWord(t.observations.unitHeader), t.observations.titlePlace);
  return { sheets, title: L(lang, `${name}计算结果`, `${name} results`), creator: `smei ${meta.version}`, ...(meta.date ? { date: meta.date } : {}) };
}
