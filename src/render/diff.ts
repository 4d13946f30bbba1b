// Renderers for `smei diff`: a summary line first, then units matched by name.
import type { RankDiff, UnitDiff, UnitStatus } from '../core/diff.js';
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
  top?: number;
  only?: UnitStatus[];
  /** The label of the ranked node. */
  nodeLabel: string;
}

/** "11 units: 5 up, 4 down, 2 same, 0 new, 0 dropped". */
export function summaryLine(d: RankDiff): string {
  const s = d.summary;
  const n = s.up + s.down + s.same + s.new + s.dropped;
  return `${n} unit${n === 1 ? '' : 's'}: ${s.up} up, ${s.down} down, ${s.same} same, ${s.new} new, ${s.dropped} dropped`;
}

/** The units the view selects (--only, --top), in diff order. */
export function selectedUnits(d: RankDiff, view: Pick<DiffView, 'only' | 'top'>): UnitDiff[] {
  const only = view.only;
  const units = only && only.length > 0 ? d.units.filter((u) => only.includes(u.status)) : d.units;
  return view.top === undefined ? units : units.slice(0, view.top);
}

const STATUS_ZH: Record<UnitStatus, string> = { up: '上升', down: '下降', same: '不变', new: '新增', dropped: '移除', aggregate: '汇总' };

/** The rank change as text: "+3", or "↑ +3" where arrows are wanted. */
function rankChangeCell(u: UnitDiff, arrows: boolean): string {
  if (u.rankChange === null) return '—';
  if (u.rankChange === 0) return '0';
  const signed = u.rankChange > 0 ? `+${u.rankChange}` : String(u.rankChange);
  return arrows ? `${u.rankChange > 0 ? '↑' : '↓'} ${signed}` : signed;
}

/** Header and rows shared by table and md. */
function grid(d: RankDiff, view: DiffView, arrows: boolean): { head: string[]; rows: string[][] } {
  const zh = view.lang === 'zh';
  const dd = view.decimals;
  const head = zh
    ? ['地区', '状态', `排名 ${d.from.year} → ${d.to.year}`, '名次变化', `${view.nodeLabel} ${d.from.year} → ${d.to.year}`, '变化(点)', '变化(%)']
    : ['Unit', 'Status', `Rank ${d.from.year} → ${d.to.year}`, 'Rank change', `${view.nodeLabel} ${d.from.year} → ${d.to.year}`, 'Change (points)', 'Change (%)'];
  const rank = (r: number | null): string => (r === null ? '—' : String(r));
  const rows = selectedUnits(d, view).map((u) => [
    u.unit,
    zh ? STATUS_ZH[u.status] : u.status,
    `${rank(u.rankFrom)} → ${rank(u.rankTo)}`,
    rankChangeCell(u, arrows),
    `${fmt(u.valueFrom, dd)} → ${fmt(u.valueTo, dd)}`,
    fmt(u.changePoints, dd, true),
    fmt(u.changePct, dd, true),
  ]);
  return { head, rows };
}

/** A line naming the two sides. */
function sidesLine(d: RankDiff): string {
  return `${d.from.label} (${d.from.year}) → ${d.to.label} (${d.to.year})`;
}

/** The terminal table, summary line first. */
export function renderDiffTable(d: RankDiff, view: DiffView): string {
  const c = view.paint;
  const { head, rows } = grid(d, view, view.paint.color);
  const paint = (cell: string, i: number): string => {
    if (i !== 3 && i !== 5 && i !== 6) return cell;
    return cell.includes('+') ? c.green(cell) : cell.startsWith('-') || cell.includes('↓') ? c.red(cell) : cell;
  };
  const out = boxTable(head.map((h) => c.bold(h)), rows.map((r) => r.map(terminalSafe)), [false, false, true, true, true, true, true], paint);
  return `${summaryLine(d)}\n${c.dim(terminalSafe(sidesLine(d)))}\n${rows.length > 0 ? `${out}\n` : ''}`;
}

/** The diff as GitHub Markdown, arrows on rank changes. */
export function renderDiffMarkdown(d: RankDiff, view: DiffView): string {
  const { head, rows } = grid(d, view, true);
  const doc = new MarkdownDoc().paragraph(`**${markdownText(summaryLine(d))}**`).paragraph(markdownText(sidesLine(d)));
  if (rows.length > 0) doc.table(head, rows, head.map((_, i) => i >= 2));
  return doc.toString();
}

/** The diff as JSON (unrounded numbers). */
export function renderDiffJson(d: RankDiff, view: DiffView): string {
  const doc = { schemaVersion: 1, node: d.node, from: d.from, to: d.to, summary: d.summary, units: selectedUnits(d, view) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The diff as CSV (unrounded numbers, formula-safe text). */
export function renderDiffCsv(d: RankDiff, view: DiffView): string {
  const lines = [csvLine(['unit', 'status', 'rank_from', 'rank_to', 'rank_change', 'value_from', 'value_to', 'change_points', 'change_pct'])];
  for (const u of selectedUnits(d, view)) lines.push(csvLine([u.unit, u.status, u.rankFrom, u.rankTo, u.rankChange, u.valueFrom, u.valueTo, u.changePoints, u.changePct]));
  return `${lines.join('\r\n')}\r\n`;
}
