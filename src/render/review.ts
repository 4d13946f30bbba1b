// Renderers for `smei review`: table, json, csv, md (strings) and xlsx (the
// submitted values with every flagged cell coloured and commented, ready to
// send back). Each sentence is in the reader's language.
import type { Finding } from '../collect/review.js';
import { labeller, type Framework } from '../framework/types.js';
import type { Observations } from '../core/observations.js';
import { boxTable } from './box.js';
import type { Painter } from './color.js';
import type { Lang } from './i18n.js';
import { ReportDoc } from './markdown.js';
import { findingSentence, levelName, raw, ruleName } from './findings.js';
import { csvLine, markdownText, terminalSafe } from './safe.js';
import type { CellStyle, WBook, WCell } from './xlsx-writer.js';
import { formatPeriod, periodWords, type Frequency } from '../time/period.js';

/** What a review render shows. */
export interface ReviewView {
  lang: Lang;
  decimals: number;
  fw: Framework;
  year: number;
  /** The frequency of the periods. */
  freq: Frequency;
  /** How many units and files were reviewed, for the summary line. */
  units: number;
  paint?: Painter;
}

/** "审核2018年：2个错误，3个警告" / "review of 2018: 2 errors, 3 warnings". */
export function reviewSummary(findings: Finding[], view: ReviewView): string {
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.length - errors;
  if (view.lang === 'zh') return `数据审核（${periodWords(view.year, view.freq, 'zh')}，${view.units}个地区）：${errors}个错误，${warnings}个警告`;
  return `review of ${periodWords(view.year, view.freq, 'en')} (${view.units} units): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** The rows every text format shows. */
function grid(findings: Finding[], view: ReviewView): { head: string[]; rows: string[][] } {
  const zh = view.lang === 'zh';
  const label = labeller(view.fw, view.lang);
  const head = zh ? ['级别', '地区', '时期', '指标', '规则', '数值', '来源', '说明'] : ['Level', 'Unit', 'Period', 'Indicator', 'Rule', 'Value', 'Source', 'Finding'];
  const rows = findings.map((f) => [levelName(f.level, view.lang), f.unit, formatPeriod(f.period, view.freq), f.node === '' ? '—' : label(f.node), ruleName(f.rule, view.lang), raw(f.value), f.source ?? '—', findingSentence(f, view.lang, labeller(view.fw, view.lang), view.decimals, (k) => periodWords(k, view.freq, view.lang))]);
  return { head, rows };
}

/** The findings as a terminal table, the summary first. */
export function renderReviewTable(findings: Finding[], view: ReviewView): string {
  const c = view.paint;
  const summary = reviewSummary(findings, view);
  if (findings.length === 0) return `${summary}\n`;
  const { head, rows } = grid(findings, view);
  const paint = (cell: string, i: number): string => (i !== 0 || c === undefined ? cell : findings.length && cell === levelName('error', view.lang) ? c.red(cell) : c.dim(cell));
  return `${summary}\n${boxTable(head.map((h) => (c ? c.bold(h) : h)), rows.map((r) => r.map(terminalSafe)), head.map((_, i) => i === 5), paint)}\n`;
}

/** The findings as GitHub Markdown. */
export function renderReviewMarkdown(findings: Finding[], view: ReviewView): string {
  const doc = new ReportDoc().paragraph(`**${markdownText(reviewSummary(findings, view))}**`);
  const { head, rows } = grid(findings, view);
  if (rows.length > 0) doc.table(head, rows, head.map((_, i) => i === 5));
  return doc.toString();
}

/** The findings as CSV. */
export function renderReviewCsv(findings: Finding[], view: ReviewView): string {
  const lines = [csvLine(['unit', 'period', 'node', 'rule', 'level', 'value', 'previous', 'source', 'message'])];
  for (const f of findings) lines.push(csvLine([f.unit, formatPeriod(f.period, view.freq), f.node, f.rule, f.level, f.value, f.previous ?? null, f.source ?? null, findingSentence(f, view.lang, labeller(view.fw, view.lang), view.decimals, (k) => periodWords(k, view.freq, view.lang))]));
  return `${lines.join('\r\n')}\r\n`;
}

/** The findings as JSON: schemaVersion, the summary and every finding with its sentence. */
export function renderReviewJson(findings: Finding[], view: ReviewView): string {
  const errors = findings.filter((f) => f.level === 'error').length;
  const doc = {
    schemaVersion: 1,
    period: formatPeriod(view.year, view.freq),
    summary: { errors, warnings: findings.length - errors },
    findings: findings.map((f) => ({ unit: f.unit, period: formatPeriod(f.period, view.freq), node: f.node, rule: f.rule, level: f.level, value: f.value, ...(f.previous !== undefined ? { previous: f.previous } : {}), message: findingSentence(f, view.lang, labeller(view.fw, view.lang), view.decimals, (k) => periodWords(k, view.freq, view.lang)), source: f.source ?? null, detail: f.detail })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const FLAG: Record<'error' | 'warning', CellStyle> = { error: { fill: 'FFC7CE', color: '9C0006' }, warning: { fill: 'FFEB9C', color: '9C5700' } };

/**
 * The submitted values of the year (a row per unit, a column per indicator),
 * each flagged cell coloured by level and commented with its findings, and a
 * sheet listing every finding: a workbook to send back to whoever filled it.
 */
export function renderReviewWorkbook(findings: Finding[], obs: Observations, view: ReviewView, date?: string): WBook {
  const { fw, lang } = view;
  const label = labeller(fw, lang);
  const leaves = fw.nodes.filter((n) => n.children.length === 0 && obs.nodeHasData[n.index]);
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.unit}|${f.node}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  const worst = (fs: Finding[]): 'error' | 'warning' => (fs.some((f) => f.level === 'error') ? 'error' : 'warning');
  const comment = (fs: Finding[]): string => fs.map((f) => `${levelName(f.level, lang)}（${ruleName(f.rule, lang)}）${findingSentence(f, lang, label, view.decimals, (k) => periodWords(k, view.freq, lang))}`).join('\n');
  const head: WCell[] = [lang === 'zh' ? '地区' : 'Unit', lang === 'zh' ? '年份' : 'Year', ...leaves.map((n) => label(n.id))].map((h) => ({ v: h, style: { bold: true, fill: 'DDEBF7', wrap: true } }));
  const units = [...obs.units, ...[...new Set(findings.map((f) => f.unit))].filter((u) => !obs.units.includes(u))];
  const rows = units.map((unit): WCell[] => {
    const u = obs.findUnit(unit);
    const row = u === undefined ? -1 : obs.row(u, view.year);
    const whole = byCell.get(`${unit}|`);
    const first: WCell = whole ? { v: unit, style: FLAG[worst(whole)], comment: comment(whole) } : { v: unit };
    return [first, { v: formatPeriod(view.year, view.freq) }, ...leaves.map((n): WCell => {
      const v = row < 0 ? null : obs.value(row, n.index);
      const value = v === null || Number.isNaN(v) ? null : v;
      const fs = byCell.get(`${unit}|${n.id}`);
      return fs ? { v: value, style: FLAG[worst(fs)], comment: comment(fs) } : { v: value };
    })];
  });
  const listHead = grid(findings, view).head.map((h): WCell => ({ v: h, style: { bold: true, fill: 'DDEBF7' } }));
  const list = findings.map((f, i): WCell[] => grid([f], view).rows[0]!.map((cell, c): WCell => (c === 0 ? { v: cell, style: FLAG[findings[i]!.level] } : { v: c === 5 && f.value !== null ? f.value : cell })));
  return {
    title: reviewSummary(findings, view),
    creator: 'smei',
    ...(date ? { date } : {}),
    sheets: [
      { name: lang === 'zh' ? '审核结果' : 'Reviewed data', rows: [[{ v: reviewSummary(findings, view), style: { bold: true } }], [], head, ...rows], cols: [12, 8, ...leaves.map(() => 14)], freeze: { rows: 3, cols: 1 } },
      { name: lang === 'zh' ? '问题清单' : 'Findings', rows: [listHead, ...list], cols: [8, 12, 8, 24, 12, 12, 30, 60], freeze: { rows: 1, cols: 0 } },
    ],
  };
}
