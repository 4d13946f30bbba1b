// Renderers for `smei review`: table, json, csv, md (strings) and xlsx (the
// submitted values with every flagged cell coloured and commented, ready to
// send back). Each sentence is in the reader's language.
import type { Finding } from '../collect/review.js';
import { unitHead, unitWord } from './unit-word.js';
import { labeller, unitOfId, type Framework } from '../framework/types.js';
import type { Observations } from '../core/observations.js';
import { boxTable } from './box.js';
import type { Painter } from './color.js';
import type { Lang } from './i18n.js';
import { ReportDoc } from './markdown.js';
import { findingSentence, levelName, raw, ruleName } from './findings.js';
import { csvLine, markdownText, terminalSafe } from './safe.js';
import type { CellStyle, WBook, WCell } from './xlsx-writer.js';
import { printSetup, wrappedHeight } from './xlsx-layout.js';
import displayWidth, { wrapColumns } from './width.js';
import { formatPeriod, periodWords, type Frequency } from '../time/period.js';

/** What a review render shows. */
export interface ReviewView {
  lang: Lang;
  decimals: number;
  fw: Framework;
  /** The periods reviewed, latest first. */
  periods: number[];
  /** The frequency of the periods. */
  freq: Frequency;
  /** How many units were reviewed, for the summary line (totals rows not counted). */
  units: number;
  /** The totals rows reviewed besides them, named in the summary line. */
  totalsRows?: readonly string[];
  /** The header of the data's column of unit names (行业): what the summary and tables call the units. */
  unitHeader?: string;
  paint?: Painter;
}

/** "2个错误，3个警告，1个提示" / "2 errors, 3 warnings, 1 note" (notes only when there are some). */
function counts(findings: Finding[], lang: Lang): string {
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  const notes = findings.length - errors - warnings;
  const s = (n: number): string => (n === 1 ? '' : 's');
  if (lang === 'zh') return `${errors}个错误，${warnings}个警告${notes > 0 ? `，${notes}个提示` : ''}`;
  return `${errors} error${s(errors)}, ${warnings} warning${s(warnings)}${notes > 0 ? `, ${notes} note${s(notes)}` : ''}`;
}

/** The periods reviewed in words: "2018年" or "2014年至2018年（5期）" / "2014 to 2018 (5 periods)". */
function periodsText(view: ReviewView): string {
  const { periods, freq, lang } = view;
  const words = (k: number): string => periodWords(k, freq, lang);
  if (periods.length === 1) return words(periods[0]!);
  const first = words(periods[periods.length - 1]!);
  const last = words(periods[0]!);
  return lang === 'zh' ? `${first}至${last}，${periods.length}期` : `${first} to ${last}, ${periods.length} periods`;
}

/**
 * "数据审核（2014年至2018年，5期，11个地区及汇总行浙江省）：2个错误，3个警告" /
 * "review of 2014 to 2018, 5 periods (11 units and the totals row 浙江省): 2 errors, 3 warnings".
 */
export function reviewSummary(findings: Finding[], view: ReviewView): string {
  const totals = view.totalsRows ?? [];
  const shown = totals.slice(0, 3).join(view.lang === 'zh' ? '、' : ', ') + (totals.length > 3 ? (view.lang === 'zh' ? `等${totals.length}个` : ` and ${totals.length - 3} more`) : '');
  if (view.lang === 'zh') return `数据审核（${periodsText(view)}，${view.units}个${unitWord(view.unitHeader)}${totals.length > 0 ? `及汇总行${shown}` : ''}）：${counts(findings, 'zh')}`;
  return `review of ${periodsText(view)} (${view.units} unit${view.units === 1 ? '' : 's'}${totals.length > 0 ? ` and the totals row${totals.length === 1 ? '' : 's'} ${shown}` : ''}): ${counts(findings, 'en')}`;
}

/** The findings by period, latest first, each with its line ("2018年：1个错误，0个警告"); periods without findings left out. */
function byPeriod(findings: Finding[], view: ReviewView): { period: number; line: string; findings: Finding[] }[] {
  return view.periods.map((period) => {
    const fs = findings.filter((f) => f.period === period);
    return { period, line: `${periodWords(period, view.freq, view.lang)}${view.lang === 'zh' ? '：' : ': '}${counts(fs, view.lang)}`, findings: fs };
  }).filter((g) => g.findings.length > 0);
}

/** A finding's sentence in the view's language, labels and units from the framework. */
export function reviewSentence(f: Finding, view: Pick<ReviewView, 'fw' | 'lang' | 'decimals' | 'freq'>): string {
  const { fw, lang } = view;
  // a denominator's unit (地区生产总值 in 亿元) names its slips of scale as a node's does
  const unitOf = (id: string): string => unitOfId(fw, id);
  return findingSentence(f, lang, labeller(fw, lang), view.decimals, (k) => periodWords(k, view.freq, lang), unitOf);
}

/** The rows every text format shows. */
function grid(findings: Finding[], view: ReviewView): { head: string[]; rows: string[][] } {
  const zh = view.lang === 'zh';
  const label = labeller(view.fw, view.lang);
  const head = zh ? ['级别', unitWord(view.unitHeader), '时期', '指标', '规则', '数值', '来源', '说明'] : ['Level', 'Unit', 'Period', 'Indicator', 'Rule', 'Value', 'Source', 'Finding'];
  // a month or quarter in words in Chinese (2025年9月, not 2025-09: the industry trial); a year as it is written
  const when = (k: number): string => (view.lang === 'zh' && view.freq !== 'year' ? periodWords(k, view.freq, 'zh') : formatPeriod(k, view.freq));
  const rows = findings.map((f) => [levelName(f.level, view.lang), f.unit, when(f.period), f.node === '' ? '—' : label(f.node), ruleName(f.rule, view.lang, f), raw(f.value), f.source ?? '—', reviewSentence(f, view)]);
  return { head, rows };
}

/** The findings as terminal tables, the summary first, then one table per period, latest first. */
export function renderReviewTable(findings: Finding[], view: ReviewView): string {
  const c = view.paint;
  const out = [reviewSummary(findings, view)];
  const paint = (cell: string, i: number): string => (i !== 0 || c === undefined ? cell : cell === levelName('error', view.lang) ? c.red(cell) : c.dim(cell));
  for (const g of byPeriod(findings, view)) {
    const { head, rows } = grid(g.findings, view);
    // the indicator, the source and the sentence wrapped, so that a table fits a terminal of about 120 columns
    const wrap = (cell: string, i: number): string => (i === 3 ? wrapColumns(cell, 16) : i === 6 ? wrapColumns(cell, 24) : i === 7 ? wrapColumns(cell, 44) : cell);
    out.push('', c ? c.bold(g.line) : g.line, boxTable(head.map((h) => (c ? c.bold(h) : h)), rows.map((r) => r.map((cell, i) => wrap(terminalSafe(cell), i))), head.map((_, i) => i === 5), paint));
  }
  return `${out.join('\n')}\n`;
}

/** The findings as GitHub Markdown: the summary, then a heading and a table per period, latest first. */
export function renderReviewMarkdown(findings: Finding[], view: ReviewView): string {
  const doc = new ReportDoc().paragraph(`**${markdownText(reviewSummary(findings, view))}**`);
  for (const g of byPeriod(findings, view)) {
    doc.heading(3, g.line);
    const { head, rows } = grid(g.findings, view);
    doc.table(head, rows, head.map((_, i) => i === 5));
  }
  return doc.toString();
}

/** The findings as CSV. */
export function renderReviewCsv(findings: Finding[], view: ReviewView): string {
  const lines = [csvLine(['unit', 'period', 'node', 'rule', 'level', 'value', 'previous', 'source', 'message'])];
  for (const f of findings) lines.push(csvLine([f.unit, formatPeriod(f.period, view.freq), f.node, f.rule, f.level, f.value, f.previous ?? null, f.source ?? null, reviewSentence(f, view)]));
  return `${lines.join('\r\n')}\r\n`;
}

/** The findings as JSON: schemaVersion, the periods (latest first), the summary and every finding with its sentence. */
export function renderReviewJson(findings: Finding[], view: ReviewView): string {
  const tally = (fs: Finding[]): { errors: number; warnings: number; notes: number } => ({ errors: fs.filter((f) => f.level === 'error').length, warnings: fs.filter((f) => f.level === 'warning').length, notes: fs.filter((f) => f.level === 'note').length });
  const doc = {
    schemaVersion: 3,
    periods: view.periods.map((k) => ({ period: formatPeriod(k, view.freq), ...tally(findings.filter((f) => f.period === k)) })),
    summary: tally(findings),
    findings: findings.map((f) => ({ unit: f.unit, period: formatPeriod(f.period, view.freq), node: f.node, rule: f.rule, level: f.level, value: f.value, ...(f.previous !== undefined ? { previous: f.previous } : {}), message: reviewSentence(f, view), source: f.source ?? null, detail: f.detail })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const FLAG: Record<'error' | 'warning' | 'note', CellStyle> = { error: { fill: 'FFC7CE', color: '9C0006' }, warning: { fill: 'FFEB9C', color: '9C5700' }, note: { fill: 'DDEBF7', color: '1F4E79' } };
/** The findings sheet's styles, made once (the writer keys a style by its text). */
const FLAG_TOP: Record<'error' | 'warning' | 'note', CellStyle> = { error: { ...FLAG.error, top: true }, warning: { ...FLAG.warning, top: true }, note: { ...FLAG.note, top: true } };
const TOP: CellStyle = { top: true };
const WRAP: CellStyle = { wrap: true };

/**
 * The submitted values of the periods reviewed (a row per unit and period, latest first, a column per indicator),
 * each flagged cell coloured by level and commented with its findings, and a
 * sheet listing every finding: a workbook to send back to whoever filled it.
 */
export function renderReviewWorkbook(findings: Finding[], obs: Observations, view: ReviewView, date?: string): WBook {
  const { fw, lang } = view;
  const label = labeller(fw, lang);
  const leaves = fw.nodes.filter((n) => n.children.length === 0 && obs.nodeHasData[n.index]);
  // the denominators the data gives (地区生产总值), after the leaves: their findings colour their own cells
  const dens = fw.denominators.filter((d) => obs.aux.has(d.id));
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.period}|${f.unit}|${f.node}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  const worst = (fs: Finding[]): 'error' | 'warning' | 'note' => (fs.some((f) => f.level === 'error') ? 'error' : fs.some((f) => f.level === 'warning') ? 'warning' : 'note');
  const comment = (fs: Finding[]): string => fs.map((f) => `${levelName(f.level, lang)}（${ruleName(f.rule, lang, f)}）${reviewSentence(f, view)}`).join('\n');
  const yearly = view.freq === 'year';
  const head: WCell[] = [unitHead(view.unitHeader, lang), lang === 'zh' ? (yearly ? '年份' : '时期') : yearly ? 'Year' : 'Period', ...leaves.map((n) => label(n.id)), ...dens.map((d) => label(d.id))].map((h) => ({ v: h, style: { bold: true, fill: 'DDEBF7', wrap: true } }));
  const units = [...obs.units, ...[...new Set(findings.map((f) => f.unit))].filter((u) => !obs.units.includes(u))];
  const rows = view.periods.flatMap((period) => units.flatMap((unit): WCell[][] => {
    const u = obs.findUnit(unit);
    const row = u === undefined ? -1 : obs.row(u, period);
    const whole = byCell.get(`${period}|${unit}|`);
    // a unit with no row in an earlier period (panel data) is left out unless a finding is about it
    if (row < 0 && whole === undefined && period !== view.periods[0]) return [];
    const first: WCell = whole ? { v: unit, style: FLAG[worst(whole)], comment: comment(whole) } : { v: unit };
    return [[first, { v: formatPeriod(period, view.freq) }, ...leaves.map((n): WCell => {
      const v = row < 0 ? null : obs.value(row, n.index);
      const value = v === null || Number.isNaN(v) ? null : v;
      const fs = byCell.get(`${period}|${unit}|${n.id}`);
      return fs ? { v: value, style: FLAG[worst(fs)], comment: comment(fs) } : { v: value };
    }), ...dens.map((d): WCell => {
      const v = row < 0 ? undefined : obs.aux.get(d.id)!.get(row);
      const value = v === undefined || Number.isNaN(v) ? null : v;
      // its own findings (scale, out of range), and a missing one flagged on the leaf it divides: shown here too, where it is to be filled in
      const fs = [...(byCell.get(`${period}|${unit}|${d.id}`) ?? []), ...findings.filter((f) => f.period === period && f.unit === unit && f.rule === 'missing' && f.detail.denominator === d.id)];
      return fs.length > 0 ? { v: value, style: FLAG[worst(fs)], comment: comment(fs) } : { v: value };
    })]];
  }));
  const listHead = grid(findings, view).head.map((h): WCell => ({ v: h, style: { bold: true, fill: 'DDEBF7' } }));
  // the sentence (last column) wraps within its column, its row as tall as it needs
  // every cell at the top of its row, as the wrapped sentence is (else it reads as the row above's)
  const list = findings.map((f, i): WCell[] => grid([f], view).rows[0]!.map((cell, c): WCell => (c === 0 ? { v: cell, style: FLAG_TOP[findings[i]!.level] } : c === 7 ? { v: cell, style: WRAP } : { v: c === 5 && f.value !== null ? f.value : cell, style: TOP })));
  const dataCols = [12, 8, ...leaves.map(() => 14), ...dens.map(() => 14)];
  // the source column as wide as its longest place (file, sheet and cell; a file name cut reads as another file), 12 to 60
  const sourceWidth = Math.min(60, Math.max(12, ...list.map((r) => displayWidth(String(r[6]!.v)) + 2)));
  const listCols = [8, 12, 8, 24, 12, 12, sourceWidth, 60];
  const listHeights = Object.fromEntries(list.map((r, i) => [i + 1, wrappedHeight([String(r[7]!.v)], [listCols[7]!])]).filter(([, h]) => (h as number) > 15));
  return {
    title: reviewSummary(findings, view),
    creator: 'smei',
    ...(date ? { date } : {}),
    sheets: [
      // printed one page wide, the summary and the header on every page
      { name: lang === 'zh' ? '审核结果' : 'Reviewed data', rows: [[{ v: reviewSummary(findings, view), style: { bold: true } }], [], head, ...rows], cols: dataCols, heights: { 2: wrappedHeight(head.map((h) => String(h.v)), dataCols) }, freeze: { rows: 3, cols: 1 }, print: printSetup(dataCols, 3) },
      { name: lang === 'zh' ? '问题清单' : 'Findings', rows: [listHead, ...list], cols: listCols, heights: listHeights, freeze: { rows: 1, cols: 0 }, print: printSetup(listCols, 1) },
    ],
  };
}
