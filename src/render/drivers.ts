// `smei compute --drivers`: what each child contributed to every unit's change
// since the period before, as a table, Markdown, CSV or JSON (and a workbook sheet).
import type { IndexTable } from '../core/compute.js';
import { decompose } from '../core/drivers.js';
import { nodeLabel } from '../framework/types.js';
import { formatPeriod } from '../time/period.js';
import { boxTable } from './box.js';
import { cellText, markdownRow, type ColumnKind, type ComputeView } from './compute.js';
import { L, type Lang } from './i18n.js';
import { unitHead } from './unit-word.js';
import { csvCell, markdownText, terminalSafe } from './safe.js';


/** The drivers of one period and node, unrounded, one row per unit with a decomposition. */
export interface DriversGrid {
  head: string[];
  /** Machine names of the columns (JSON keys). */
  keys: string[];
  kinds: ColumnKind[];
  rows: (string | number | null)[][];
}

/** Every unit's decomposition of the node's change into its children's contributions (points and percentage points). */
export function driversGrid(t: IndexTable, yi: number, node: number, lang: Lang): DriversGrid {
  const fw = t.framework;
  const kids = fw.nodes[node]!.children.filter((c) => t.nodeHasData[c]).map((c) => fw.nodes[c]!);
  const rows: (string | number | null)[][] = [];
  for (let u = 0; u < t.units.length; u++) {
    const dec = decompose(t, u, yi, node);
    if (dec === null) continue;
    const part = (id: string, key: 'points' | 'pctPoints'): number | null => dec.children.find((k) => k.node === id)?.[key] ?? null;
    rows.push([t.units[u]!, dec.from, dec.to, dec.change, dec.yoyPct, ...kids.map((k) => part(k.id, 'points')), ...kids.map((k) => part(k.id, 'pctPoints')), dec.remainder]);
  }
  return {
    // the two periods by name: for quarters the change is against the same quarter a year earlier, not the one before
    head: [unitHead(t.observations.unitHeader, lang), t.prevYear(yi) >= 0 ? t.periodLabel(t.years[t.prevYear(yi)]!, lang) : L(lang, '上年同期', 'A year earlier'), t.periodLabel(t.years[yi]!, lang), L(lang, '变化(点)', 'Change (points)'), L(lang, '同比(%)', 'YoY (%)'),
      ...kids.map((k) => `${nodeLabel(k, lang)}${L(lang, '(点)', ' (points)')}`), ...kids.map((k) => `${nodeLabel(k, lang)}${L(lang, '(百分点)', ' (pp)')}`), L(lang, '权重归一(点)', 'Reweighting (points)')],
    keys: ['unit', 'from', 'to', 'change', 'yoyPct', ...kids.map((k) => `${k.id}.points`), ...kids.map((k) => `${k.id}.pctPoints`), 'reweighting'],
    kinds: ['text', 'value', 'value', 'change', 'change', ...kids.map(() => 'change' as const), ...kids.map(() => 'change' as const), 'change'],
    rows,
  };
}

/** The drivers in a text format: table and md rounded once; csv and json unrounded, for machines. */
export function renderDrivers(t: IndexTable, view: ComputeView, format: 'table' | 'md' | 'csv' | 'json'): string {
  const g = driversGrid(t, view.yi, view.node, view.lang);
  const period = t.periodLabel(t.years[view.yi]!, view.lang);
  const text = (r: (string | number | null)[]): string[] => r.map((v, i) => cellText(v, g.kinds[i]!, view.decimals));
  const none = L(view.lang, `${period}没有可分解的变化（需要上一期的值）。`, `No change to decompose in ${period} (a value for the period before is needed).`);
  if (format === 'json') {
    const rows = g.rows.map((r) => Object.fromEntries(r.map((v, i) => [g.keys[i]!, v])));
    return `${JSON.stringify({ period: formatPeriod(t.years[view.yi]!, t.frequency), node: t.framework.nodes[view.node]!.id, rows }, null, 2)}\n`;
  }
  if (format === 'csv') {
    return `${[g.keys.map(csvCell).join(','), ...g.rows.map((r) => r.map((v) => (v === null ? '' : typeof v === 'string' ? csvCell(v) : String(v))).join(','))].join('\r\n')}\r\n`;
  }
  const title = L(view.lang, `${period}${nodeLabel(t.framework.nodes[view.node]!, view.lang)}增长动力`, `Drivers of the ${nodeLabel(t.framework.nodes[view.node]!, view.lang)}, ${period}`);
  if (format === 'md') {
    if (g.rows.length === 0) return `${markdownText(none)}\n`;
    return `${[`**${markdownText(title)}**`, '', markdownRow(g.head.map(markdownText)), markdownRow(g.kinds.map((k) => (k === 'text' ? ':---' : '---:'))), ...g.rows.map((r) => markdownRow(text(r).map(markdownText)))].join('\n')}\n`;
  }
  if (g.rows.length === 0) return `${terminalSafe(none)}\n`;
  return `${view.paint.bold(terminalSafe(title))}\n${boxTable(g.head.map((h) => view.paint.bold(terminalSafe(h))), g.rows.map((r) => text(r).map(terminalSafe)), g.kinds.map((k) => k !== 'text'))}\n`;
}
