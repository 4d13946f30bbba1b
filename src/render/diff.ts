// Renderers for `smei diff`: a summary line first, then units matched by name,
// then (two files) the data cells a revision changed.
import { COUNTED_STATUSES, type CellDiff, type RankDiff, type UnitDiff, type UnitStatus } from '../core/diff.js';
import { boxTable } from './box.js';
import type { Painter } from './color.js';
import type { Lang } from './i18n.js';
import { MarkdownDoc } from './markdown.js';
import { fmt } from './number.js';
import { csvLine, markdownText, terminalSafe } from './safe.js';

/** What a diff render shows. */
export interface DiffView {
  lang: Lang;
  decimals: number;
  paint: Painter;
  /** At most this many ranked units (aggregates are shown besides). */
  top?: number;
  only?: UnitStatus[];
  /** The label of the ranked node. */
  nodeLabel: string;
  /** A node's label by id, in the view's language (for the cells). */
  labelOf: (id: string) => string;
}

const STATUS_ZH: Record<UnitStatus, string> = { up: '上升', down: '下降', same: '不变', changed: '数值变化', new: '新增', dropped: '移除', aggregate: '汇总' };
const STATUS_EN: Record<UnitStatus, string> = { up: 'up', down: 'down', same: 'same', changed: 'value changed', new: 'new', dropped: 'dropped', aggregate: 'aggregate' };
const CELL_ZH: Record<CellDiff['status'], string> = { changed: '修改', added: '新增', dropped: '删除' };

/** A status in the view's language. */
function statusText(s: UnitStatus, lang: Lang): string {
  return (lang === 'zh' ? STATUS_ZH : STATUS_EN)[s];
}

/** "11 units: 4 up, 4 down, 3 same, 0 new, 0 dropped" / "11个地区：上升4个，…"; `changed` only for revisions. */
export function summaryLine(d: RankDiff, lang: Lang): string {
  const s = d.summary;
  const shown = COUNTED_STATUSES.filter((k) => k !== 'changed' || d.revision !== undefined);
  const n = COUNTED_STATUSES.reduce((a, k) => a + s[k], 0);
  if (lang === 'zh') return `${n}个地区：${shown.map((k) => `${STATUS_ZH[k]}${s[k]}个`).join('，')}`;
  return `${n} unit${n === 1 ? '' : 's'}: ${shown.map((k) => `${s[k]} ${STATUS_EN[k]}`).join(', ')}`;
}

/** The second summary line of a revision: cells, units and years added, dropped or changed. */
export function revisionLine(d: RankDiff, lang: Lang): string | undefined {
  const r = d.revision;
  if (r === undefined) return undefined;
  const count = (s: CellDiff['status']): number => r.cells.filter((c) => c.status === s).length;
  const [changed, added, dropped] = [count('changed'), count('added'), count('dropped')];
  if (lang === 'zh') {
    const parts = [`数据单元格：修改${changed}个，新增${added}个，删除${dropped}个`];
    if (r.unitsAdded.length + r.unitsDropped.length > 0) parts.push(`地区：新增${r.unitsAdded.length}个，删除${r.unitsDropped.length}个`);
    if (r.yearsAdded.length + r.yearsDropped.length > 0) parts.push(`年份：新增${r.yearsAdded.length}个，删除${r.yearsDropped.length}个`);
    return `${parts.join('；')}（相对容差${r.tolerance}）`;
  }
  const parts = [`data cells: ${changed} changed, ${added} added, ${dropped} dropped`];
  if (r.unitsAdded.length + r.unitsDropped.length > 0) parts.push(`units: ${r.unitsAdded.length} added, ${r.unitsDropped.length} dropped`);
  if (r.yearsAdded.length + r.yearsDropped.length > 0) parts.push(`years: ${r.yearsAdded.length} added, ${r.yearsDropped.length} dropped`);
  return `${parts.join('; ')} (relative tolerance ${r.tolerance})`;
}

/** The units the view selects (--only; --top counts ranked units, aggregates shown besides), and how many --top left out. */
export function selectedUnits(d: RankDiff, view: Pick<DiffView, 'only' | 'top'>): { units: UnitDiff[]; left: number } {
  const only = view.only;
  const units = only && only.length > 0 ? d.units.filter((u) => only.includes(u.status)) : d.units;
  if (view.top === undefined) return { units, left: 0 };
  let kept = 0;
  const out = units.filter((u) => u.status === 'aggregate' || kept++ < view.top!);
  return { units: out, left: units.length - out.length };
}

/** The rank change as text: "+3", or "↑ +3" where arrows are wanted. */
function rankChangeCell(u: UnitDiff, arrows: boolean): string {
  if (u.rankChange === null) return '—';
  if (u.rankChange === 0) return '0';
  const signed = u.rankChange > 0 ? `+${u.rankChange}` : String(u.rankChange);
  return arrows ? `${u.rankChange > 0 ? '↑' : '↓'} ${signed}` : signed;
}

/** Header and rows shared by table and md. */
function grid(d: RankDiff, view: DiffView, arrows: boolean): { head: string[]; rows: string[][]; left: number } {
  const zh = view.lang === 'zh';
  const dd = view.decimals;
  const head = zh
    ? ['地区', '状态', `排名 ${d.from.period} → ${d.to.period}`, '名次变化', `${view.nodeLabel} ${d.from.period} → ${d.to.period}`, '变化(点)', '变化(%)']
    : ['Unit', 'Status', `Rank ${d.from.period} → ${d.to.period}`, 'Rank change', `${view.nodeLabel} ${d.from.period} → ${d.to.period}`, 'Change (points)', 'Change (%)'];
  const rank = (r: number | null): string => (r === null ? '—' : String(r));
  const { units, left } = selectedUnits(d, view);
  const rows = units.map((u) => [
    u.unit,
    statusText(u.status, view.lang),
    `${rank(u.rankFrom)} → ${rank(u.rankTo)}`,
    rankChangeCell(u, arrows),
    `${fmt(u.valueFrom, dd)} → ${fmt(u.valueTo, dd)}`,
    fmt(u.changePoints, dd, true),
    fmt(u.changePct, dd, true),
  ]);
  return { head, rows, left };
}

/** The revision's cells (and whole units and years) as a table grid; numbers as read, not rounded. */
function cellGrid(d: RankDiff, view: DiffView): { head: string[]; rows: string[][] } | undefined {
  const r = d.revision;
  if (r === undefined) return undefined;
  const zh = view.lang === 'zh';
  const head = zh ? ['地区', '年份', '指标', '变动', '原值', '新值', '变化'] : ['Unit', 'Year', 'Indicator', 'What', 'Old', 'New', 'Change'];
  const num = (v: number | null): string => (v === null ? '—' : String(v));
  const rows = r.cells.map((c) => [c.unit, String(c.year), view.labelOf(c.node), zh ? CELL_ZH[c.status] : c.status, num(c.old), num(c.new), c.change === null ? '—' : fmt(c.change, view.decimals, true)]);
  const whole = (name: string, what: string): string[] => [name, '—', zh ? '（整个地区）' : '(whole unit)', what, '—', '—', '—'];
  const wholeYear = (y: number, what: string): string[] => ['—', String(y), zh ? '（整个年份）' : '(whole year)', what, '—', '—', '—'];
  rows.push(...r.unitsAdded.map((u) => whole(u, zh ? '新增' : 'added')), ...r.unitsDropped.map((u) => whole(u, zh ? '删除' : 'dropped')));
  rows.push(...r.yearsAdded.map((y) => wholeYear(y, zh ? '新增' : 'added')), ...r.yearsDropped.map((y) => wholeYear(y, zh ? '删除' : 'dropped')));
  return { head, rows };
}

/** A line naming the two sides. */
function sidesLine(d: RankDiff): string {
  return `${d.from.label} (${d.from.period}) → ${d.to.label} (${d.to.period})`;
}

/** "... 3 more units (--top)" in the view's language. */
function moreLine(left: number, lang: Lang): string {
  return lang === 'zh' ? `……另有${left}个地区未显示（去掉 --top 显示全部）` : `... ${left} more unit${left === 1 ? '' : 's'} not shown (drop --top to show all)`;
}

/** The terminal table, summary line first. */
export function renderDiffTable(d: RankDiff, view: DiffView): string {
  const c = view.paint;
  const { head, rows, left } = grid(d, view, view.paint.color);
  const paint = (cell: string, i: number): string => {
    if (i !== 3 && i !== 5 && i !== 6) return cell;
    return cell.includes('+') ? c.green(cell) : cell.startsWith('-') || cell.includes('↓') ? c.red(cell) : cell;
  };
  const lines = [summaryLine(d, view.lang)];
  const rev = revisionLine(d, view.lang);
  if (rev !== undefined) lines.push(rev);
  lines.push(c.dim(terminalSafe(sidesLine(d))));
  if (rows.length > 0) lines.push(boxTable(head.map((h) => c.bold(h)), rows.map((r) => r.map(terminalSafe)), [false, false, true, true, true, true, true], paint));
  if (left > 0) lines.push(c.dim(moreLine(left, view.lang)));
  const cells = cellGrid(d, view);
  if (cells !== undefined && cells.rows.length > 0) lines.push(boxTable(cells.head.map((h) => c.bold(h)), cells.rows.map((r) => r.map(terminalSafe)), [false, true, false, false, true, true, true]));
  return `${lines.join('\n')}\n`;
}

/** The diff as GitHub Markdown, arrows on rank changes. */
export function renderDiffMarkdown(d: RankDiff, view: DiffView): string {
  const { head, rows, left } = grid(d, view, true);
  const doc = new MarkdownDoc().paragraph(`**${markdownText(summaryLine(d, view.lang))}**`);
  const rev = revisionLine(d, view.lang);
  if (rev !== undefined) doc.paragraph(`**${markdownText(rev)}**`);
  doc.paragraph(markdownText(sidesLine(d)));
  if (rows.length > 0) doc.table(head, rows, head.map((_, i) => i >= 2));
  if (left > 0) doc.paragraph(markdownText(moreLine(left, view.lang)));
  const cells = cellGrid(d, view);
  if (cells !== undefined && cells.rows.length > 0) doc.table(cells.head, cells.rows, [false, true, false, false, true, true, true]);
  return doc.toString();
}

/** The diff as JSON (unrounded numbers). */
export function renderDiffJson(d: RankDiff, view: DiffView): string {
  const { units } = selectedUnits(d, view);
  const doc = { schemaVersion: 1, node: d.node, from: d.from, to: d.to, summary: d.summary, units, ...(d.revision ? { revision: d.revision } : {}) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The diff's unit rows as CSV (unrounded numbers, formula-safe text); the revision's cells are in json, table and md. */
export function renderDiffCsv(d: RankDiff, view: DiffView): string {
  const lines = [csvLine(['unit', 'status', 'rank_from', 'rank_to', 'rank_change', 'value_from', 'value_to', 'change_points', 'change_pct'])];
  for (const u of selectedUnits(d, view).units) lines.push(csvLine([u.unit, u.status, u.rankFrom, u.rankTo, u.rankChange, u.valueFrom, u.valueTo, u.changePoints, u.changePct]));
  return `${lines.join('\r\n')}\r\n`;
}
