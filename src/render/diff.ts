// Renderers for `smei diff`: a summary line first, then units matched by name,
// then (two files) the data cells a revision changed.
import { COUNTED_STATUSES, type CellDiff, type RankDiff, type UnitDiff, type UnitStatus } from '../core/diff.js';
import { boxTable } from './box.js';
import type { Painter } from './color.js';
import type { Lang } from './i18n.js';
import { ReportDoc } from './markdown.js';
import { fmt, formatFixed } from './number.js';
import { csvLine, markdownText, terminalSafe } from './safe.js';
import { slopeSpec } from './chart-spec.js';
import displayWidth from './width.js';
import { unitWord } from './unit-word.js';
import type { WorkbookMeta } from './compute-xlsx.js';
import type { CellStyle, WBook, WCell, WSheet } from './xlsx-writer.js';
import { printSetup, wrappedHeight } from './xlsx-layout.js';
import { formatPeriod, parsePeriod, periodWords } from '../time/period.js';

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
  /** The index's name in titles where the composite is ranked (浙江省分行业小微企业成长指数), else the node's label. */
  indexName?: string;
  /** A node's label by id, in the view's language (for the cells). */
  labelOf: (id: string) => string;
}

// `dropped`: a unit with a value in the earlier period and none in the later: a township whose return is late as
// often as a unit abolished, so it says what the data shows (本期无值), not 移除
const STATUS_ZH: Record<UnitStatus, string> = { up: '上升', down: '下降', same: '不变', changed: '数值变化', new: '新增', dropped: '本期无值', aggregate: '汇总' };
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
  // a unit ranked on one side only: the changes are among the units ranked on both (core/diff.ts), said so
  const c = d.comparable;
  const names = c === undefined ? '' : c.oneSide.length > 5 ? `${c.oneSide.slice(0, 5).join(lang === 'zh' ? '、' : ', ')}${lang === 'zh' ? '等' : ', …'}` : c.oneSide.join(lang === 'zh' ? '、' : ', ');
  if (lang === 'zh') return `${n}个${unitWord(d.unitHeader)}：${shown.map((k) => `${STATUS_ZH[k]}${s[k]}个`).join('，')}${c === undefined ? '' : `；升降按两期都有排名的${c.units}个${unitWord(d.unitHeader)}相互比较（${names}只在一期有排名，不让它的有无改变其余${unitWord(d.unitHeader)}的名次）`}`;
  return `${n} unit${n === 1 ? '' : 's'}: ${shown.map((k) => `${s[k]} ${STATUS_EN[k]}`).join(', ')}${c === undefined ? '' : `; rises and falls are among the ${c.units} units ranked in both (${names} ranked in one only, so that its coming or going does not move the others)`}`;
}

/** The second summary line of a revision: cells, units and years added, dropped or changed. */
export function revisionLine(d: RankDiff, lang: Lang): string | undefined {
  const r = d.revision;
  if (r === undefined) return undefined;
  const count = (s: CellDiff['status']): number => r.cells.filter((c) => c.status === s).length;
  const [changed, added, dropped] = [count('changed'), count('added'), count('dropped')];
  const [onlyFrom, onlyTo] = [r.nodesOneSide.from.length, r.nodesOneSide.to.length];
  // values read as published (rounded) against unrounded ones: equal within half the last place
  const half = d.rounded === undefined ? '' : formatFixed(0.5 * 10 ** -d.rounded.decimals, d.rounded.decimals + 1);
  if (lang === 'zh') {
    const parts = [`数据单元格：修改${changed}个，新增${added}个，删除${dropped}个`];
    // index points on one side, raw indicators on the other (a published table against the data): not cell by cell
    if (onlyFrom + onlyTo > 0) parts.push(`只在一方给出的指标（如一方为指数值、一方为原始指标）：${d.from.label}中${onlyFrom}个，${d.to.label}中${onlyTo}个，不逐格比较`);
    // index points on one side against what the other side's data computes for them
    for (const [given, other, ids] of [[d.from.label, d.to.label, r.againstComputed.from], [d.to.label, d.from.label, r.againstComputed.to]] as const) {
      if (ids.length > 0) parts.push(`${given}给出的${ids.length}个指数（${ids.join('、')}）与${other}据数据算出的逐格比较`);
    }
    if (r.unitsAdded.length + r.unitsDropped.length > 0) parts.push(`${unitWord(d.unitHeader)}：新增${r.unitsAdded.length}个，删除${r.unitsDropped.length}个`);
    if (r.yearsAdded.length + r.yearsDropped.length > 0) parts.push(`年份：新增${r.yearsAdded.length}个，删除${r.yearsDropped.length}个`);
    if (d.rounded !== undefined) parts.push(`${d.rounded.label}的数值为${d.rounded.decimals}位小数，相差不超过${half}视为相同`);
    return `${parts.join('；')}（相对容差${r.tolerance}）`;
  }
  const parts = [`data cells: ${changed} changed, ${added} added, ${dropped} dropped`];
  if (onlyFrom + onlyTo > 0) parts.push(`nodes given on one side only (index points on one, raw indicators on the other), not compared cell by cell: ${onlyFrom} in ${d.from.label}, ${onlyTo} in ${d.to.label}`);
  for (const [given, other, ids] of [[d.from.label, d.to.label, r.againstComputed.from], [d.to.label, d.from.label, r.againstComputed.to]] as const) {
    if (ids.length > 0) parts.push(`the ${ids.length} ${ids.length === 1 ? 'index' : 'indices'} ${given} gives (${ids.join(', ')}) compared cell by cell with what ${other}'s data computes`);
  }
  if (r.unitsAdded.length + r.unitsDropped.length > 0) parts.push(`units: ${r.unitsAdded.length} added, ${r.unitsDropped.length} dropped`);
  if (r.yearsAdded.length + r.yearsDropped.length > 0) parts.push(`years: ${r.yearsAdded.length} added, ${r.yearsDropped.length} dropped`);
  if (d.rounded !== undefined) parts.push(`${d.rounded.label} gives ${d.rounded.decimals} decimal places, so values within ${half} count as the same`);
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
  // the change among the units ranked on both sides, where some unit is ranked on one only (core/diff.ts)
  const among = d.comparable === undefined ? '' : zh ? `（${d.comparable.units}个${unitWord(d.unitHeader)}间）` : ` (among ${d.comparable.units})`;
  const head = zh
    ? [`${unitWord(d.unitHeader)}`, '状态', `排名 ${headPeriod(d.from.period)} → ${headPeriod(d.to.period)}`, `名次变化${among}`, `${view.nodeLabel} ${headPeriod(d.from.period)} → ${headPeriod(d.to.period)}`, '变化(点)', '变化(%)']
    : ['Unit', 'Status', `Rank ${d.from.period} → ${d.to.period}`, `Rank change${among}`, `${view.nodeLabel} ${d.from.period} → ${d.to.period}`, 'Change (points)', 'Change (%)'];
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

/** The revision's cells (and whole units and years) as a table grid; numbers as read, not rounded, and those one side computed (index points the other side gave) to --decimals. */
function cellGrid(d: RankDiff, view: DiffView): { head: string[]; rows: string[][] } | undefined {
  const r = d.revision;
  if (r === undefined) return undefined;
  const zh = view.lang === 'zh';
  const annual = /^\d{4}$/.test(d.to.period);
  const head = zh ? [`${unitWord(d.unitHeader)}`, annual ? '年份' : '时期', '指标', '变动', '原值', '新值', '变化'] : ['Unit', annual ? 'Year' : 'Period', 'Indicator', 'What', 'Old', 'New', 'Change'];
  // (the county trial: 147.51624030346474 beside a published 146.17)
  const computedNew = new Set(r.againstComputed.from);
  const computedOld = new Set(r.againstComputed.to);
  const num = (v: number | null, computed: boolean): string => (v === null ? '—' : computed ? fmt(v, view.decimals) : String(v));
  const rows = r.cells.map((c) => [c.unit, c.period, view.labelOf(c.node), zh ? CELL_ZH[c.status] : c.status, num(c.old, computedOld.has(c.node)), num(c.new, computedNew.has(c.node)), c.change === null ? '—' : fmt(c.change, view.decimals, true)]);
  const whole = (name: string, what: string): string[] => [name, '—', zh ? `（整个${unitWord(d.unitHeader)}）` : '(whole unit)', what, '—', '—', '—'];
  const wholeYear = (y: number, what: string): string[] => ['—', periodOfKey(d, y), annual ? (zh ? '（整个年份）' : '(whole year)') : zh ? '（整个时期）' : '(whole period)', what, '—', '—', '—'];
  rows.push(...r.unitsAdded.map((u) => whole(u, zh ? '新增' : 'added')), ...r.unitsDropped.map((u) => whole(u, zh ? '删除' : 'dropped')));
  rows.push(...r.yearsAdded.map((y) => wholeYear(y, zh ? '新增' : 'added')), ...r.yearsDropped.map((y) => wholeYear(y, zh ? '删除' : 'dropped')));
  return { head, rows };
}

/** A line naming the two sides. */
function sidesLine(d: RankDiff): string {
  return `${d.from.label} (${d.from.period}) → ${d.to.label} (${d.to.period})`;
}

/** "... 3 more units (--top)" in the view's language. */
function moreLine(left: number, lang: Lang, word = '地区'): string {
  return lang === 'zh' ? `……另有${left}个${word}未显示（去掉 --top 显示全部）` : `... ${left} more unit${left === 1 ? '' : 's'} not shown (drop --top to show all)`;
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
  if (left > 0) lines.push(c.dim(moreLine(left, view.lang, unitWord(d.unitHeader))));
  const cells = cellGrid(d, view);
  if (cells !== undefined && cells.rows.length > 0) lines.push(boxTable(cells.head.map((h) => c.bold(h)), cells.rows.map((r) => r.map(terminalSafe)), [false, true, false, false, true, true, true]));
  return `${lines.join('\n')}\n`;
}

/** The diff as GitHub Markdown, arrows on rank changes. */
export function renderDiffMarkdown(d: RankDiff, view: DiffView): string {
  const { head, rows, left } = grid(d, view, true);
  const doc = new ReportDoc().paragraph(`**${markdownText(summaryLine(d, view.lang))}**`);
  const rev = revisionLine(d, view.lang);
  if (rev !== undefined) doc.paragraph(`**${markdownText(rev)}**`);
  doc.paragraph(markdownText(sidesLine(d)));
  if (rows.length > 0) doc.table(head, rows, head.map((_, i) => i >= 2));
  if (left > 0) doc.paragraph(markdownText(moreLine(left, view.lang, unitWord(d.unitHeader))));
  const cells = cellGrid(d, view);
  if (cells !== undefined && cells.rows.length > 0) doc.table(cells.head, cells.rows, [false, true, false, false, true, true, true]);
  return doc.toString();
}

/** The diff as JSON (unrounded numbers). */
export function renderDiffJson(d: RankDiff, view: DiffView): string {
  const { units } = selectedUnits(d, view);
  const doc = { schemaVersion: 1, node: d.node, from: d.from, to: d.to, summary: d.summary, ...(d.comparable ? { comparable: d.comparable } : {}), units, ...(d.revision ? { revision: d.revision } : {}), ...(d.rounded ? { rounded: d.rounded } : {}) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The diff's unit rows as CSV (unrounded numbers, formula-safe text); the revision's cells are in json, table and md. */
export function renderDiffCsv(d: RankDiff, view: DiffView): string {
  const lines = [csvLine(['unit', 'status', 'rank_from', 'rank_to', 'rank_change', 'value_from', 'value_to', 'change_points', 'change_pct'])];
  for (const u of selectedUnits(d, view).units) lines.push(csvLine([u.unit, u.status, u.rankFrom, u.rankTo, u.rankChange, u.valueFrom, u.valueTo, u.changePoints, u.changePct]));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The diff as a document (drawn as HTML or Word): a title, the summary
 * sentence, the slope chart of the ranks (every unit ranked in both periods,
 * whatever --only and --top select), the table of rank changes and, for two
 * files, the revision's cells.
 */
export function diffDocument(d: RankDiff, view: DiffView): ReportDoc {
  const zh = view.lang === 'zh';
  const same = d.from.label === d.to.label;
  const doc = new ReportDoc();
  // periods in words, as a reader says them (2023年下半年, not 2023H2)
  const [fromP, toP] = [periodText(d.from.period, view.lang), periodText(d.to.period, view.lang)];
  const span = fromP === toP ? toP : zh ? `${fromP}→${toP}` : `${fromP} → ${toP}`;
  const name = view.indexName ?? view.nodeLabel;
  doc.heading(1, zh ? `${name}排名变动（${same ? '' : '修订前后，'}${span}）` : `${name}: rank changes${same ? '' : ' by the revision'}, ${span}`);
  // the data it was worked out from, said as such (a bare file name under the title read as a subtitle)
  doc.paragraph(markdownText(same ? `${zh ? '数据：' : 'Data: '}${d.from.label}` : sidesLine(d)));
  doc.heading(2, zh ? '概况' : 'Summary');
  doc.paragraph(markdownText(`${summaryLine(d, view.lang)}${zh ? '。' : '.'}`));
  const rev = revisionLine(d, view.lang);
  if (rev !== undefined) doc.paragraph(markdownText(`${rev}${zh ? '。' : '.'}`));
  const both = d.units.filter((u) => u.rankFrom !== null && u.rankTo !== null);
  if (both.length >= 2) {
    const one = d.units.filter((u) => u.status !== 'aggregate' && (u.rankFrom === null) !== (u.rankTo === null)).map((u) => u.unit);
    const from = same ? fromP : zh ? `修订前 ${fromP}` : `before, ${fromP}`;
    const to = same ? toP : zh ? `修订后 ${toP}` : `revised, ${toP}`;
    // where a unit is ranked on one side only, the lines join the ranks among the units ranked on both
    doc.chart(slopeSpec(both.map((u) => ({ name: u.unit, from: u.comparableFrom ?? u.rankFrom!, to: u.comparableTo ?? u.rankTo! })), {
      lang: view.lang, from, to, leftNames: one,
      title: zh ? `${view.nodeLabel}排名变化（${span}）` : `${view.nodeLabel}: ranks, ${span}`,
    }));
  }
  const { head, rows, left } = grid(d, view, true);
  doc.heading(2, zh ? '排名变动' : 'Rank changes');
  if (rows.length > 0) doc.table(head, rows, head.map((_, i) => i >= 2));
  if (left > 0) doc.paragraph(markdownText(moreLine(left, view.lang, unitWord(d.unitHeader))));
  const cells = cellGrid(d, view);
  if (cells !== undefined) {
    doc.heading(2, zh ? '数据修订' : 'Revised data');
    if (cells.rows.length > 0) doc.table(cells.head, cells.rows, [false, true, false, false, true, true, true]);
    else doc.paragraph(zh ? '两个文件的数据相同（在容差内）。' : 'The two files hold the same data (within the tolerance).');
  }
  return doc;
}

/** A number cell: the value unrounded, shown with `decimals` (a sign for changes); null stays empty. */
function numCell(v: number | null, decimals: number, kind: 'value' | 'change' | 'rank'): WCell | null {
  if (v === null) return null;
  const places = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
  const numFmt = kind === 'rank' ? '0' : kind === 'change' ? `+${places};-${places};${places}` : places;
  return { v, style: { numFmt } };
}

const XHEAD: CellStyle = { bold: true, fill: 'DDEBF7', wrap: true, align: 'center' };

/** A file read, as the other outputs name it, with its SHA-256 (as compute's workbook lists it). */
type NamedInput = WorkbookMeta['inputs'][number];

/** What the diff workbook says about where its numbers came from. */
export interface DiffWorkbookMeta {
  /** The data read (one file, or the old side of a revision). */
  inputs: NamedInput[];
  /** A revision's new side. */
  revised?: NamedInput[];
  version: string;
  date?: string;
}

/**
 * The method sheet, as compute's workbook has one: what was compared (one
 * file's two periods or a revision's two files), the files with their
 * SHA-256, the periods, the node ranked, a revision's tolerance, what
 * --top and --only left out, the smei version and the date when there is one.
 */
function methodSheet(d: RankDiff, view: DiffView, meta: DiffWorkbookMeta): WSheet {
  const zh = view.lang === 'zh';
  const two = meta.revised !== undefined;
  const file = (f: NamedInput): string => `${f.name}  SHA-256 ${f.sha256}`;
  const shown = [
    ...(view.top !== undefined ? [zh ? `排名前${view.top}的${unitWord(d.unitHeader)}（汇总单位另列）` : `the first ${view.top} ranked units (aggregates besides)`] : []),
    ...(view.only !== undefined && view.only.length > 0 ? [zh ? `仅${view.only.map((s) => statusText(s, 'zh')).join('、')}` : `only ${view.only.map((s) => statusText(s, 'en')).join(', ')}`] : []),
  ];
  const rows: [string, string][] = [
    [zh ? '比较' : 'Compared', two ? (zh ? '两个文件：修订前与修订后' : 'two files: before and after a revision') : (zh ? '同一文件的两个时期' : 'two periods of one file')],
    ...meta.inputs.map((f): [string, string] => [two ? (zh ? '输入（修订前）' : 'Input (before)') : zh ? '输入' : 'Input', file(f)]),
    ...(meta.revised ?? []).map((f): [string, string] => [zh ? '输入（修订后）' : 'Input (revised)', file(f)]),
    [two ? (zh ? '时期（修订前）' : 'Period (before)') : zh ? '起始时期' : 'From', periodText(d.from.period, view.lang)],
    [two ? (zh ? '时期（修订后）' : 'Period (revised)') : zh ? '结束时期' : 'To', periodText(d.to.period, view.lang)],
    [zh ? '排名依据' : 'Ranked by', zh ? `${view.nodeLabel}（${d.node}）` : `${view.nodeLabel} (${d.node})`],
    ...(d.revision !== undefined ? [[zh ? '相对容差' : 'Relative tolerance', String(d.revision.tolerance)] as [string, string]] : []),
    ...(shown.length > 0 ? [[zh ? '显示' : 'Shown', shown.join(zh ? '；' : '; ')] as [string, string]] : []),
    [zh ? '生成' : 'Generated by', `smei ${meta.version}`],
    ...(meta.date ? [[zh ? '日期' : 'Date', meta.date] as [string, string]] : []),
  ];
  // the values' column as wide as the longest (a file's name and its SHA-256), within limits
  const cols = [18, Math.min(110, Math.max(28, ...rows.map(([, v]) => displayWidth(v) + 2)))];
  return { name: zh ? '方法' : 'Method', rows, cols, print: printSetup(cols) };
}

/** The diff as a workbook: the rank changes unrounded with display formats, the revision's cells (two files) and the method; each sheet printed one page wide, its header on every page. */
export function diffWorkbook(d: RankDiff, view: DiffView, meta: DiffWorkbookMeta): WBook {
  const zh = view.lang === 'zh';
  const dd = view.decimals;
  const among = d.comparable === undefined ? '' : zh ? `（${d.comparable.units}个${unitWord(d.unitHeader)}间）` : ` (among ${d.comparable.units})`;
  const head = zh
    ? [`${unitWord(d.unitHeader)}`, '状态', `排名 ${periodText(d.from.period, 'zh')}`, `排名 ${periodText(d.to.period, 'zh')}`, `名次变化${among}`, `${view.nodeLabel} ${periodText(d.from.period, 'zh')}`, `${view.nodeLabel} ${periodText(d.to.period, 'zh')}`, '变化(点)', '变化(%)']
    : ['Unit', 'Status', `Rank ${periodText(d.from.period, 'en')}`, `Rank ${periodText(d.to.period, 'en')}`, `Rank change${among}`, `${view.nodeLabel} ${periodText(d.from.period, 'en')}`, `${view.nodeLabel} ${periodText(d.to.period, 'en')}`, 'Change (points)', 'Change (%)'];
  const { units } = selectedUnits(d, view);
  const rows = units.map((u) => [u.unit, statusText(u.status, view.lang), numCell(u.rankFrom, dd, 'rank'), numCell(u.rankTo, dd, 'rank'), u.rankChange === null ? null : { v: u.rankChange, style: { numFmt: '+0;-0;0' } }, numCell(u.valueFrom, dd, 'value'), numCell(u.valueTo, dd, 'value'), numCell(u.changePoints, dd, 'change'), numCell(u.changePct, dd, 'change')]);
  const sheets: WSheet[] = [{
    name: zh ? '排名变动' : 'Rank changes',
    rows: [[summaryLine(d, view.lang)], ...(revisionLine(d, view.lang) !== undefined ? [[revisionLine(d, view.lang)!]] : []), [sidesLine(d)], head.map((h) => ({ v: h, style: XHEAD })), ...rows],
    cols: [16, 10, 11, 11, 10, 16, 16, 11, 11],
  }];
  // the summary lines and the header: frozen on screen, repeated on every printed page
  const headerRow = sheets[0]!.rows.length - rows.length;
  sheets[0]!.freeze = { rows: headerRow, cols: 1 };
  sheets[0]!.print = printSetup(sheets[0]!.cols!, headerRow);
  sheets[0]!.heights = { [headerRow - 1]: wrappedHeight(head, sheets[0]!.cols!) };
  const r = d.revision;
  if (r !== undefined) {
    const cHead = zh ? [`${unitWord(d.unitHeader)}`, '时期', '指标', '变动', '原值', '新值', '变化'] : ['Unit', 'Period', 'Indicator', 'What', 'Old', 'New', 'Change'];
    const what = (s: CellDiff['status']): string => (zh ? CELL_ZH[s] : s);
    const cellRows: (WCell | string | number | null)[][] = r.cells.map((c) => [c.unit, /^\d{4}$/.test(c.period) ? c.year : periodText(c.period, view.lang), view.labelOf(c.node), what(c.status), c.old, c.new, c.change]);
    cellRows.push(...r.unitsAdded.map((u) => [u, null, zh ? `（整个${unitWord(d.unitHeader)}）` : '(whole unit)', zh ? '新增' : 'added']), ...r.unitsDropped.map((u) => [u, null, zh ? `（整个${unitWord(d.unitHeader)}）` : '(whole unit)', zh ? '删除' : 'dropped']));
    const annual = /^\d{4}$/.test(d.to.period);
    const whole = annual ? (zh ? '（整个年份）' : '(whole year)') : zh ? '（整个时期）' : '(whole period)';
    const when = (y: number): string | number => (annual ? y : periodText(periodOfKey(d, y), view.lang));
    cellRows.push(...r.yearsAdded.map((y) => [null, when(y), whole, zh ? '新增' : 'added']), ...r.yearsDropped.map((y) => [null, when(y), whole, zh ? '删除' : 'dropped']));
    const cCols = [16, 10, 24, 10, 14, 14, 14];
    sheets.push({ name: zh ? '数据修订' : 'Revised data', rows: [cHead.map((h) => ({ v: h, style: XHEAD })), ...cellRows], cols: cCols, heights: { 0: wrappedHeight(cHead, cCols) }, freeze: { rows: 1, cols: 1 }, print: printSetup(cCols, 1) });
  }
  sheets.push(methodSheet(d, view, meta));
  return { sheets, title: zh ? `${view.nodeLabel}排名变动` : `${view.nodeLabel} rank changes`, creator: `smei ${meta.version}`, ...(meta.date ? { date: meta.date } : {}) };
}

/** A period in a Chinese column header: a year as it is (2018), a half-year, quarter or month in words (2025年6月, not 2025-06). */
function headPeriod(p: string): string {
  return /^\d{4}$/.test(p) ? p : periodText(p, 'zh');
}

/** A period as the diff gives it (2023H2, 2018) in words (2023年下半年, 2018年); as it is where it is no period. */
function periodText(p: string, lang: Lang): string {
  const r = parsePeriod(p);
  return 'error' in r ? p : periodWords(r.key, r.freq, lang);
}

/** A period key of the diff's data as JSON writes it (2025Q1), by the frequency its periods show. */
function periodOfKey(d: RankDiff, key: number): string {
  const p = parsePeriod(d.to.period);
  return 'error' in p ? String(key) : formatPeriod(key, p.freq);
}
