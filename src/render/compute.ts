// Renderers for `smei compute`: table, json, csv and md, each returning a string.
import type { IndexTable } from '../core/compute.js';
import { labeller, nodeLabel, type FrameworkNode } from '../framework/types.js';
import { boxTable } from './box.js';
import type { Painter } from './color.js';
import { t, type Lang } from './i18n.js';
import { fmt, formatFixed } from './number.js';
import { csvCell, csvLine, markdownText, terminalSafe } from './safe.js';
import { describeNote, renderNotes } from './notes.js';
import { indexTitle } from './title.js';
import { formatPeriod, periodOf, sameLastYear } from '../time/period.js';
import { specText } from '../core/methods.js';
import { TextChunks } from '../text.js';
import { unitHead, unitWord } from './unit-word.js';
import { describeWarning, foldPeriods, groupWarnings, type WarningGroup } from './warnings.js';

/** What a compute render shows. */
export interface ComputeView {
  /** The year index (in table.years) shown by table and md. */
  yi: number;
  /** The node whose value leads each row; its children with data follow. */
  node: number;
  lang: Lang;
  decimals: number;
  paint: Painter;
  /** Narrows json and csv to one year (else every year). */
  onlyYear?: number;
  /** Narrows json and csv to `node` and its children. */
  onlyNode?: boolean;
  /** At most this many unit rows in the terminal table (0: all). */
  top?: number;
  /** A group column: ranks within each group are added (--group). */
  group?: string;
}

/** Rows a terminal table shows by default: more is not read on a screen, and costs. */
export const DEFAULT_TABLE_ROWS = 200;

/** Units in display order for a year and node: aggregates first, then by rank, unranked last. */
export function unitOrder(table: IndexTable, yi: number, node: number): number[] {
  const units = table.units.map((_, u) => u);
  const keys = units.map((u) => (table.aggregate[u] ? 0 : table.rank(u, yi, node) ?? Number.MAX_SAFE_INTEGER));
  return units.sort((a, b) => keys[a]! - keys[b]! || a - b);
}

/** The children of a node that have data. */
export function childrenWithData(table: IndexTable, node: number): FrameworkNode[] {
  return table.framework.nodes[node]!.children.filter((c) => table.nodeHasData[c]).map((c) => table.framework.nodes[c]!);
}

/** How a column of the main table reads: text, an index value, or a signed change. */
export type ColumnKind = 'text' | 'value' | 'change' | 'rank';

/** The main table with unrounded cells: what the terminal, Markdown, wide CSV and the workbook show. */
export interface RawGrid {
  head: string[];
  kinds: ColumnKind[];
  rows: (string | number | null)[][];
  /** Which shown rows are aggregates (never ranked). */
  aggregate: boolean[];
  /** Units left out by --top. */
  left: number;
  /** Per row and column: a value aggregated from some of its children only (IndexTable.partial), marked * where shown. */
  partial: boolean[][];
  /** The unit of each row (its index in table.units). */
  units: number[];
}

/** The main table's columns and unrounded cells. */
export function rawGrid(table: IndexTable, view: ComputeView, limit = Infinity): RawGrid {
  const { yi, node, lang } = view;
  const nodeInfo = table.framework.nodes[node]!;
  const children = childrenWithData(table, node);
  const ref = table.refYear;
  // growth rates of scores placed within each period (min-max...) mean nothing: no columns for them
  const growth = table.growth;
  const head = [t('rank', lang), ...(view.group ? [lang === 'zh' ? `组内排名(${view.group})` : `Rank in ${view.group}`] : []), unitHead(table.observations.unitHeader, lang), nodeLabel(nodeInfo, lang)];
  const kinds: ColumnKind[] = ['rank', ...(view.group ? ['text' as const] : []), 'text', 'value'];
  if (growth) head.push(t('yoy', lang)), kinds.push('change');
  if (growth && table.hasPop) head.push(t('pop', lang)), kinds.push('change');
  const refText = ref === undefined ? '' : table.periodLabel(ref, lang);
  if (ref !== undefined) head.push(t('vsRefPoints', lang, { ref: refText })), kinds.push('change');
  if (ref !== undefined && growth) head.push(t('vsRefPct', lang, { ref: refText })), kinds.push('change');
  head.push(...children.map((c) => nodeLabel(c, lang)));
  kinds.push(...children.map(() => 'value' as const));
  const units = unitOrder(table, yi, node);
  // --top counts ranked units; aggregates are shown besides
  let kept = 0;
  const shown = units.filter((u) => table.aggregate[u] || kept++ < limit);
  // the node each column's values are of: the node's own, then its children's (the last columns)
  const colNode = kinds.map((_, i) => (i === kinds.indexOf('value') ? node : i >= kinds.length - children.length ? children[i - (kinds.length - children.length)]!.index : -1));
  const partial = shown.map((u) => colNode.map((n) => n >= 0 && table.value(u, yi, n) !== null && table.partial(u, yi, n).length > 0));
  const rows = shown.map((u) => {
    const gr = view.group ? table.groupRank(u, yi, node, view.group) : null;
    const groupCell = view.group ? [gr === null ? null : `${gr} (${table.observations.groups.get(view.group)?.get(table.units[u]!) ?? ''})`] : [];
    const cells: (string | number | null)[] = [table.shownRank(u, yi, node), ...groupCell, table.units[u]!, table.value(u, yi, node)];
    if (growth) cells.push(table.yoyPct(u, yi, node));
    if (growth && table.hasPop) cells.push(table.popPct(u, yi, node));
    if (ref !== undefined) cells.push(table.vsRefPoints(u, yi, node));
    if (ref !== undefined && growth) cells.push(table.vsRefPct(u, yi, node));
    cells.push(...children.map((c) => table.value(u, yi, c.index)));
    return cells;
  });
  return { head, kinds, rows, aggregate: shown.map((u) => table.aggregate[u]!), left: units.length - shown.length, partial, units: shown };
}

/** One cell of the raw grid as text: rounded once, signed for changes, — when missing. */
export function cellText(v: string | number | null, kind: ColumnKind, decimals: number): string {
  if (typeof v === 'string') return v;
  if (kind === 'rank') return v === null ? '—' : String(v);
  return fmt(v, decimals, kind === 'change');
}

/** The column headers and cell texts of the main table. */
function mainGrid(table: IndexTable, view: ComputeView, limit = Infinity): { head: string[]; rows: string[][]; numeric: boolean[]; change: boolean[]; left: number } {
  const g = rawGrid(table, view, limit);
  // a value from part of its children ends in *; the others of its column in a space, so the decimals stay aligned
  const marked = g.kinds.map((_, i) => g.partial.some((r) => r[i]));
  const rows = g.rows.map((r, j) => r.map((v, i) => cellText(v, g.kinds[i]!, view.decimals) + (!marked[i] ? '' : g.partial[j]![i] ? '*' : ' ')));
  return { head: g.head, rows, numeric: g.kinds.map((k) => k !== 'text'), change: g.kinds.map((k) => k === 'change'), left: g.left };
}

/** Notes under a table: why a column is empty, which units are aggregates. */
function tableNotes(table: IndexTable, view: ComputeView): string[] {
  const notes: string[] = [];
  const year = table.years[view.yi]!;
  if (!table.growth) {
    if (table.years.length > 1) notes.push(t('noGrowth', view.lang, { method: specText(table.record.leaves.normalise) }));
  } else if (table.prevYear(view.yi) < 0 && year !== 0) notes.push(t('noPrior', view.lang, { period: table.periodLabel(sameLastYear(year, table.frequency), view.lang) }));
  if (table.allTied(view.yi, view.node)) notes.push(t('tiedNote', view.lang, { why: t(table.record.leaves.normalise.name === 'fixed-base' ? 'tiedBase' : 'tiedSame', view.lang) }));
  const partial = partialUnits(table, view.yi, view.node, view.lang);
  if (partial !== '') notes.push(t('partialNote', view.lang, { units: partial }));
  const aggregates = table.units.filter((_, u) => table.aggregate[u]);
  if (aggregates.length > 0) notes.push(t('aggregateNote', view.lang, { units: aggregates.join(view.lang === 'zh' ? '、' : ', ') }));
  return notes;
}

/** Units listed by name in the note on values from part of their children; the rest are counted. */
const PARTIAL_NAMED = 10;

/**
 * The units whose value of a node in a period comes from part of the
 * children below it, in display order, each with the nodes renormalised
 * and their counts: 金华市（核心竞争力 5/6）. Empty when there are none.
 */
export function partialUnits(table: IndexTable, yi: number, node: number, lang: Lang): string {
  const zh = lang === 'zh';
  const found = unitOrder(table, yi, node).flatMap((u) => {
    const what = partialText(table, u, yi, node, lang);
    return what === '' ? [] : [zh ? `${table.units[u]}（${what}）` : `${table.units[u]} (${what})`];
  });
  const named = found.slice(0, PARTIAL_NAMED).join(zh ? '；' : '; ');
  const more = found.length - PARTIAL_NAMED;
  return more <= 0 ? named : zh ? `${named}；另有${more}个` : `${named}; and ${more} more`;
}

/** The nodes below (and at) `node` a unit's value in a period was renormalised at, with their counts (核心竞争力 5/6); empty if none or no value. */
export function partialText(table: IndexTable, u: number, yi: number, node: number, lang: Lang): string {
  if (table.value(u, yi, node) === null) return '';
  const label = labeller(table.framework, lang);
  return table.partial(u, yi, node).map((x) => `${label(table.framework.nodes[x.node]!.id)} ${x.present}/${x.expected}`).join(lang === 'zh' ? '、' : ', ');
}

/** The title line: framework, node, year and base (the terminal table's first line, the workbook's ranked sheet's first row). */
export function title(table: IndexTable, view: ComputeView): string {
  const fw = table.framework;
  const name = indexTitle(fw, view.lang, table.units, table.units.filter((_, u) => table.aggregate[u]), unitWord(table.observations.unitHeader), table.observations.titlePlace);
  const node = nodeLabel(fw.nodes[view.node]!, view.lang);
  const year = table.years[view.yi]!;
  const m = table.record.leaves.normalise.name;
  const base = m === 'fixed-base' || m === 'chain-linked' ? t('base', view.lang, { base: table.baseLabel(view.lang) }) : table.baseLabel(view.lang);
  // (the node named again only where the title does not end in it: not 小微企业成长指数 · 小微企业成长指数)
  return `${name}${name.endsWith(node) ? '' : ` · ${node}`} · ${table.periodLabel(year, view.lang)} · ${base}`;
}

/** The terminal table (cli-table3), CJK-aligned, colour only as an extra. */
export function renderComputeTable(table: IndexTable, view: ComputeView): string {
  const c = view.paint;
  const limit = view.top === undefined ? DEFAULT_TABLE_ROWS : view.top === 0 ? Infinity : view.top;
  const { head, rows, numeric, change, left } = mainGrid(table, view, limit);
  const changeCols = new Set(head.map((_, i) => i).filter((i) => change[i]));
  const safeRows = rows.map((r) => r.map(terminalSafe));
  const paint = (cell: string, i: number): string => {
    if (!changeCols.has(i)) return cell;
    return cell.startsWith('+') ? c.green(cell) : cell.startsWith('-') ? c.red(cell) : cell;
  };
  const out = boxTable(head.map((h) => c.bold(terminalSafe(h))), safeRows, numeric, paint);
  const notes = tableNotes(table, view);
  if (left > 0) notes.unshift(t('moreRows', view.lang, { n: left }));
  const lines = [c.bold(terminalSafe(title(table, view))), out, ...notes.map((n) => c.dim(n))];
  return `${lines.join('\n')}\n`;
}

/** The main table as GitHub Markdown. */
export function renderComputeMarkdown(table: IndexTable, view: ComputeView): string {
  const { head, rows, numeric } = mainGrid(table, view);
  const lines = [`**${markdownText(title(table, view))}**`, '', markdownRow(head.map(markdownText))];
  lines.push(markdownRow(numeric.map((n) => (n ? '---:' : ':---'))));
  for (const r of rows) lines.push(markdownRow(r.map(markdownText)));
  const notes = tableNotes(table, view);
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${markdownText(n)}`));
  return `${lines.join('\n')}\n`;
}

/** One Markdown table row. */
export function markdownRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The nodes (with data) and the period indexes the view selects for json and csv, in output order. */
function rowSelection(table: IndexTable, view: ComputeView): { nodes: number[]; yis: number[] } {
  const nodes = view.onlyNode ? [view.node, ...table.framework.nodes[view.node]!.children] : table.framework.nodes.map((n) => n.index);
  const yis = table.years.map((_, yi) => yi).filter((yi) => view.onlyYear === undefined || table.years[yi] === view.onlyYear);
  return { nodes: nodes.filter((n) => table.nodeHasData[n]), yis };
}

/**
 * Every (period, unit, node) row the view selects, in that order, as text:
 * csv lines, or json objects (one per line, each after ",\n    " but the
 * first after "\n    ") of unit, year, period (normalised: 2018, 2018H1,
 * 2018Q3, 2018-03, 2018M1-6), node, value, yoyPct, popPct (sub-annual data),
 * rank, imputed (true, for an imputed leaf), group and groupRank (--group),
 * vsRefPoints and vsRefPct (--ref-year); null where undefined. Written as
 * csvLine and JSON.stringify would write those rows (the tests hold them to
 * that), but with names written once each and no object per row, in chunks
 * of about 16 KiB.
 */
function* rowText(table: IndexTable, view: ComputeView, format: 'csv' | 'json'): Generator<string> {
  const json = format === 'json';
  const cell = json ? (x: string): string => JSON.stringify(x) : csvCell;
  const { nodes, yis } = rowSelection(table, view);
  const groups = view.group ? table.observations.groups.get(view.group) : undefined;
  const rows: RowCells = {
    table,
    json,
    nodes,
    units: table.units.map(cell),
    ids: nodes.map((n) => cell(table.framework.nodes[n]!.id)),
    group: view.group,
    groupCells: view.group ? table.units.map((u) => { const g = groups?.get(u); return g === undefined ? 'null' : cell(g); }) : [],
    sub: table.frequency !== 'year',
    pop: table.hasPop,
    ref: table.refYear !== undefined,
    year: '',
    period: '',
    first: true,
    full: [],
  };
  const chunks = new TextChunks(16384);
  for (const yi of yis) {
    table.rankYear(yi, nodes); // every row's rank: the year's nodes at once
    const key = table.years[yi]!;
    // a cross-section (no year column) has no year: null in JSON, empty in CSV
    rows.year = key === 0 ? (json ? 'null' : '') : String(periodOf(key, table.frequency).year);
    rows.period = cell(formatPeriod(key, table.frequency));
    for (let u = 0; u < table.units.length; u++) {
      unitRows(rows, u, yi, chunks);
      if (rows.full.length > 0) {
        yield* rows.full;
        rows.full.length = 0;
      }
    }
  }
  const rest = chunks.rest();
  if (rest !== '') yield rest;
}

/** What rowText writes every row with: the table, the nodes shown, and the cells made once (a unit's, a node's, the period's). */
interface RowCells {
  table: IndexTable;
  json: boolean;
  nodes: number[];
  units: string[];
  ids: string[];
  group: string | undefined;
  groupCells: string[];
  sub: boolean;
  pop: boolean;
  ref: boolean;
  /** The period's year and period cells. */
  year: string;
  period: string;
  /** No row written yet (JSON's rows are separated by commas). */
  first: boolean;
  /** Chunks filled by the rows written, for rowText to hand on. */
  full: string[];
}

/** A number as JSON and CSV write it (as String does: NaN and Infinity never reach here); null as null or nothing. */
function numberCell(v: number | null, json: boolean): string {
  return v === null ? (json ? 'null' : '') : String(v);
}

/**
 * One unit's rows for a period, a node a line, added to the chunks (a plain
 * function, called row after row: a generator's loop is never optimised, and
 * a million lines ran in slow code); a chunk filled goes into c.full.
 */
function unitRows(c: RowCells, u: number, yi: number, chunks: TextChunks): void {
  const { table, json, nodes } = c;
  const Y = table.years.length;
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k]!;
    let line: string;
    if (json) {
      line = `${c.first ? '' : ','}\n    {"unit":${c.units[u]},"year":${c.year},"period":${c.period},"node":${c.ids[k]},"value":${numberCell(table.value(u, yi, n), true)},"yoyPct":${numberCell(table.yoyPct(u, yi, n), true)}`;
      if (c.pop) line += `,"popPct":${numberCell(table.popPct(u, yi, n), true)}`;
      line += `,"rank":${numberCell(table.rank(u, yi, n), true)}`;
      if (table.imputedFlags[(u * Y + yi) * table.nodeCount + n] === 1) line += ',"imputed":true';
      if (c.group !== undefined) line += `,"group":${c.groupCells[u]},"groupRank":${numberCell(table.groupRank(u, yi, n, c.group), true)}`;
      if (c.ref) line += `,"vsRefPoints":${numberCell(table.vsRefPoints(u, yi, n), true)},"vsRefPct":${numberCell(table.vsRefPct(u, yi, n), true)}`;
      line += '}';
    } else {
      line = `${c.units[u]},${c.year}${c.sub ? `,${c.period}` : ''},${c.ids[k]},${numberCell(table.value(u, yi, n), false)},${numberCell(table.yoyPct(u, yi, n), false)}`;
      if (c.pop) line += `,${numberCell(table.popPct(u, yi, n), false)}`;
      line += `,${numberCell(table.rank(u, yi, n), false)}`;
      if (c.ref) line += `,${numberCell(table.vsRefPoints(u, yi, n), false)},${numberCell(table.vsRefPct(u, yi, n), false)}`;
      line += '\r\n';
    }
    c.first = false;
    const full = chunks.add(line);
    if (full !== undefined) c.full.push(full);
  }
}

/**
 * The JSON document in pieces: unrounded numbers, null where undefined, one
 * row (and one warning) per line, so that a million rows stream out and
 * diff line by line.
 */
export function* computeJsonChunks(table: IndexTable, view: ComputeView): Generator<string> {
  const head = {
    schemaVersion: 2,
    framework: table.framework.name,
    frequency: table.frequency,
    // null where there is none: no base year given, or a cross-section without a year column
    baseYear: table.baseYear && !(table.years.length === 1 && table.years[0] === 0) ? table.baseYear : null,
    ...(table.basePeriod !== undefined ? { basePeriod: formatPeriod(table.basePeriod, table.frequency) } : {}),
    ...(table.refYear !== undefined ? { refYear: table.frequency === 'year' ? table.refYear : formatPeriod(table.refYear, table.frequency) } : {}),
    method: methodSummary(table),
    weights: effectiveWeights(table),
  };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "rows": [`;
  let rows = 0;
  for (const text of rowText(table, view, 'json')) {
    rows++;
    yield text;
  }
  yield `${rows === 0 ? '' : '\n  '}],\n  "warnings": [`;
  let first = true;
  const en = labeller(table.framework, 'en');
  for (const w of table.warnings) {
    const period = w.year === undefined ? {} : w.year === 0 ? { year: null, period: '' } : w.year < 10000 ? { year: w.year, period: String(w.year) } : { year: periodOf(w.year, table.frequency).year, period: formatPeriod(w.year, table.frequency) };
    const out = { code: w.code, message: describeWarning(w, 'en', en, (k) => table.periodLabel(k, 'en')), ...(w.unit !== undefined ? { unit: w.unit } : {}), ...period, ...(w.node !== undefined ? { node: w.node } : {}) };
    yield `${first ? '' : ','}\n    ${JSON.stringify(out)}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}],\n  "notes": [`;
  first = true;
  for (const n of table.notes) {
    yield `${first ? '' : ','}\n    ${JSON.stringify({ code: n.code, message: describeNote(n, 'en'), ...n.detail })}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}

/** The methods a table was computed with, for JSON (and the workbook's method sheet): read from the run's record. */
export function methodSummary(t: IndexTable): Record<string, unknown> {
  const r = t.record;
  const p = r.prepare?.methods;
  return {
    normalise: specText(r.leaves.normalise),
    weights: specText(r.weights.method),
    aggregation: r.aggregation.method ? specText(r.aggregation.method) : t.framework.aggregation,
    scope: r.leaves.scope,
    ...(p?.denominate ? { denominate: true } : {}),
    ...(p?.impute ? { impute: specText(p.impute) } : {}),
    ...(p?.screen !== undefined ? { screen: p.screen } : {}),
    ...(p?.treat ? { treat: specText(p.treat) } : {}),
    // every AHP matrix used, with its consistency: the published tables can be checked against it
    ...(t.record.weights.ahp.length > 0 ? { ahpRandomIndex: t.record.weights.ahp[0]!.randomIndex, ahp: t.record.weights.ahp.map((x) => ({ node: x.node, lambdaMax: x.lambdaMax, ci: x.ci, ri: x.ri, cr: x.cr, variant: x.variant })) } : {}),
  };
}

/** The weights each inner node gave its children, normalised to sum to 1 over the children with data. */
export function effectiveWeights(t: IndexTable): { parent: string; node: string; weight: number }[] {
  const out: { parent: string; node: string; weight: number }[] = [];
  for (const n of t.framework.nodes) {
    const ws = t.record.weights.used.get(n.index);
    if (ws === undefined) continue;
    const total = n.children.reduce((s, c, i) => s + (t.nodeHasData[c] ? ws[i]! : 0), 0);
    n.children.forEach((c, i) => {
      if (t.nodeHasData[c]) out.push({ parent: n.id, node: t.framework.nodes[c]!.id, weight: total === 0 ? 0 : ws[i]! / total });
    });
  }
  return out;
}

/** The JSON document as one string. */
export function renderComputeJson(table: IndexTable, view: ComputeView): string {
  return [...computeJsonChunks(table, view)].join('');
}

/** The rows as CSV in pieces (UTF-8; the CLI adds a BOM on request). */
export function* computeCsvChunks(table: IndexTable, view: ComputeView): Generator<string> {
  const ref = table.refYear !== undefined;
  // annual CSV keeps its columns; sub-annual adds the period and 环比
  const sub = table.frequency !== 'year';
  const pop = table.hasPop;
  yield `${csvLine(['unit', 'year', ...(sub ? ['period'] : []), 'node', 'value', 'yoy_pct', ...(pop ? ['pop_pct'] : []), 'rank', ...(ref ? ['vs_ref_points', 'vs_ref_pct'] : [])])}\r\n`;
  yield* rowText(table, view, 'csv');
}

/**
 * The on-screen table as CSV (--layout wide): headers by --lang, every unit,
 * numbers rounded once to --decimals, missing cells empty.
 */
export function* computeWideCsvChunks(table: IndexTable, view: ComputeView): Generator<string> {
  const g = rawGrid(table, view);
  yield `${csvLine(g.head)}\r\n`;
  for (const r of g.rows) {
    // rounded numbers are written as they are (a formatted "-1.20" is a number, not text to defuse)
    yield `${r.map((v, i) => (v === null ? '' : typeof v === 'string' ? csvCell(v) : g.kinds[i] === 'rank' ? String(v) : formatFixed(v, view.decimals))).join(',')}\r\n`;
  }
}

/** The rows as CSV, one string. */
export function renderComputeCsv(table: IndexTable, view: ComputeView): string {
  return [...computeCsvChunks(table, view)].join('');
}

/** Warnings for stderr, grouped by unit, year and cause, at most `limit` lines; `source` names the file when there are two. */
export function renderWarnings(table: IndexTable, lang: Lang, limit: number, source?: string): string {
  const notes = renderNotes(table.notes, lang, source);
  const found = foldPeriods(groupWarnings(table.warnings, table.framework.byId), table.years);
  // warnings about the whole data (an indicator with no data, percent cells mixed with fractions) before
  // those about one unit's cell, so that the cut at `limit` never hides them behind the review's many
  // then a unit's missing or zero base, which leaves it undefined in every period
  const everyPeriod = (g: WarningGroup): boolean => g.code === 'missing-base' || g.code === 'zero-base';
  // then the latest period's (this round's: a unit without this period's data first), then earlier periods'
  // (a file of history repeats its review findings every run, and the cut would hide this round's behind them)
  const latest = table.years[table.years.length - 1];
  const now = (g: WarningGroup): boolean => g.year === latest || (g.yearTo !== undefined && g.yearTo === latest);
  const absent = (g: WarningGroup): boolean => g.code === 'missing-year' || (g.code === 'review' && (g.detail?.rule === 'dropped' || g.detail?.rule === 'missing'));
  const units = found.filter((g) => g.unit !== undefined && !everyPeriod(g));
  // earlier periods' review warnings of the statistical kind (an outlier, a large change) repeat every run of a
  // file of history: counted in one line, listed by smei review (and in JSON, and the workbook's 警告 sheet)
  const statistical = (g: WarningGroup): boolean => g.code === 'review' && (g.detail?.rule === 'outlier' || g.detail?.rule === 'yoy-jump');
  const past = units.filter((g) => !now(g) && statistical(g));
  const groups = [...found.filter((g) => g.unit === undefined), ...found.filter((g) => g.unit !== undefined && everyPeriod(g)), ...units.filter((g) => now(g) && absent(g)), ...units.filter((g) => now(g) && !absent(g)), ...units.filter((g) => !now(g) && !statistical(g))];
  const pastLine = past.length === 0 ? '' : `${pastReviewLine(past, table, lang, source)}\n`;
  if (groups.length === 0) return notes + pastLine;
  const word = `${lang === 'zh' ? '警告' : 'warning'}${source === undefined ? '' : ` (${terminalSafe(source)})`}`;
  const label = labeller(table.framework, lang);
  const shown = groups.slice(0, limit).map((w) => `${word}: ${terminalSafe(describeWarning(w, lang, label, (k) => table.periodLabel(k, lang)))}`);
  if (groups.length > limit) shown.push(t('moreWarnings', lang, { n: groups.length - limit }));
  return `${notes}${shown.join('\n')}\n${pastLine}`;
}

/** The line that counts earlier periods' statistical review warnings (said in full by smei review). */
function pastReviewLine(past: readonly WarningGroup[], table: IndexTable, lang: Lang, source?: string): string {
  const keys = past.map((g) => g.year!).filter((k) => k !== undefined);
  const first = table.periodLabel(Math.min(...keys), lang);
  const last = table.periodLabel(Math.max(...past.map((g) => g.yearTo ?? g.year!)), lang);
  const span = first === last ? first : lang === 'zh' ? `${first}—${last}` : `${first}-${last}`;
  const from = source === undefined ? '' : ` (${terminalSafe(source)})`;
  return lang === 'zh' ? `说明${from}: 往期（${span}）另有${past.length}条审核警告（离群值、同比变动过大），此处不逐条列出；smei review 列出全部。` : `note${from}: ${past.length} review warning${past.length === 1 ? '' : 's'} of earlier periods (${span}: outliers, large year-on-year changes) not listed here; smei review lists them all.`;
}

