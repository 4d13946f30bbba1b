// How an office file is laid out, worked out from its first rows: title rows
// above the header, the header itself, a units row, units in headers, years
// as columns, bookkeeping columns. Pure: rows in, a layout (or the reason
// none fits) out.
import type { Note } from '../core/types.js';
import { SmeiError } from '../errors.js';
import { isTotalName } from '../core/aggregates.js';
import { buildNodeLookup } from '../framework/check.js';
import type { Framework } from '../framework/types.js';
import { knownUnit, otherDimension, unitFamily, unitKey, unitScale } from '../framework/units.js';
import { cleanCell, matchKey, nearest, quote } from '../text.js';
import { parseNumber, percentOf } from './values.js';
import { formatPeriod, frequencyName, parsePeriod, periodWords, type Frequency } from '../time/period.js';

/** A workbook number shown as a percentage (12.5% holds 0.125): read in percent, as a CSV saved from it reads. */
export class Fraction {
  /** The value in percent, its decimal point moved (0.035 is 3.5 exactly, not 3.5000000000000004). */
  readonly percent: number;
  constructor(readonly value: number) {
    this.percent = percentOf(value);
  }
}

/** A cell as a reader gives it: text (CSV, text cells), a number, or a percentage-formatted number (workbooks). */
export type Cell = string | number | Fraction;

/** A row with the line (CSV) or row number (workbook) it came from. */
export interface Row {
  cells: Cell[];
  line: number;
}

/** Header names that mark each column role (matched NFKC, case-insensitive, inner spaces ignored). */
export const ROLE_HEADERS = {
  unit: ['unit', 'ucode', 'region', 'geo', '地区', '城市', '地市', '区域', '单位', '县（市、区）', '县区', '区县', '县市区', '地区名称', '城市名称', '行业', '产业', '名称', '单位名称', '行业名称', '所属行业', '行业类别', '行业门类', '行业大类', '分行业', '国民经济行业分类', '国民经济行业', '产业名称', '区县名称', '县（市、区）名称', '设区市', '乡镇（街道）', '乡镇街道', '乡镇(街道)', '乡镇', '街道', '镇街', '乡镇名称', '街道名称', '镇（街道）', '乡（镇、街道）', '乡镇（街道）名称', '行政区划', '行政区划名称', '行政区', '区划名称'],
  year: ['year', '年份', '年度', 'period', '时期', '期间', 'time', '月份', '季度', '统计期', '统计时期', '报告期', '统计月份', '日期'],
  indicator: ['indicator', 'node', '指标', '指标名称'],
  value: ['value', '数值', '值'],
} as const;

/** The roles a column can have. */
export type Role = keyof typeof ROLE_HEADERS;

/** A role's name in Chinese messages. */
const ROLE_ZH: Record<Role, string> = { unit: '地区', year: '年份', indicator: '指标', value: '数值' };
const roleZh = (role: Role): string => ROLE_ZH[role];

/** Header names of bookkeeping columns, ignored with a note. */
const BOOKKEEPING = ['序号', '编号', 'no.', 'no', '备注', '说明', '代码', '行政区划代码', '区划代码'];

/** Tokens that are only a unit of measure, as a units row under the header holds them (besides every scale src/framework/units.ts knows: 百万元, 千人). */
const UNIT_TOKENS = new Set(['户', '家', '个', '人', '万人', '人次', '件', '项', '次', '元', '万元', '亿元', '千元', '美元', '万美元', '%', '‰', '分', '平方米', '万平方米', '吨', '万吨', '千瓦时', '万千瓦时', '小时', '天', '年', '倍', '公里', '亩', '单位', '计量单位', '百分比', '百分点', '个百分点', '点', '名', '万户', '万家', '万个', '万件', '万人次', '亿美元', '元/人', '万元/人']);

/**
 * First cells that start the notes under a table (that row and the rest are
 * ignored): a note, a source, or the form's signature lines (填表人：张三,
 * 联系电话：…), each followed by a colon, a space, a number or nothing.
 */
const NOTE_PREFIXES = ['注', '说明', '资料来源', '数据来源', '备注', 'note', 'source', '填表人', '填报人', '审核人', '负责人', '单位负责人', '统计负责人', '制表人', '制表', '填报单位', '填表单位', '联系人', '联系电话', '填报日期', '填表日期', '报出日期'];
/** Sentences under a table that begin so (以上数据为快报数，仅供参考): notes whatever follows. */
const NOTE_OPENINGS = ['以上', '本表', '上表', '表中'];

/** How many rows from the top may hold the header. */
/** Columns of smei's own long CSV besides unit, year, period, node and value: worked out again when it is read back. */
const SMEI_DERIVED_COLUMNS = new Set(['yoy_pct', 'pop_pct', 'rank', 'vs_ref_points', 'vs_ref_pct', 'group_rank']);

/**
 * Columns a published ranking table prints beside the index (排名, 同比(%)): worked out again from the
 * values, so ignored where they name no node (matched as headerKey does).
 */
const WORKED_OUT_COLUMNS = new Set(['排名', '名次', '位次', '排位', '同比(%)', '同比', '同比增长(%)', '同比增长', '同比增速(%)', '增速(%)', '比上年增长(%)', '环比(%)', '环比', '环比增长(%)', 'rank', 'yoy(%)', 'yoy', 'pop(%)', 'yoy_pct', 'pop_pct']);

export const HEADER_SEARCH_ROWS = 20;

/** How many data rows decide whether an unknown column holds numbers or text. */
export const CLASSIFY_ROWS = 200;

/** What a reader is told by the command line about layouts. */
export interface LayoutOptions {
  /** 1-based row (CSV: record) number of the header. */
  headerRow?: number;
  /** Another name for the unit column. */
  unitColumn?: string;
  /** Columns to skip, by header name. */
  ignoreColumns?: string[];
  /** The node of a file whose columns are years and which names no indicator. */
  indicator?: string;
  /**
   * The table is smei's own index points (its results workbook's 指数 sheet):
   * the index and modules are read as given, and the indicators' columns
   * (their points, not the raw values an indicator takes) are skipped.
   */
  indexPoints?: boolean;
  /**
   * The period a file without a period column, or a title naming one, is read as (diff --year: the on-screen
   * table compute --layout wide writes has neither).
   */
  periodIfNone?: { key: number; freq: Frequency; from?: 'sheet' };
}

export type { Note };

/** The layout of a table. */
export interface Layout {
  /** Index (into the rows given) of the header row. */
  headerIndex: number;
  header: string[];
  /** wide: a column per node; long: indicator and value columns; years: a column per year. */
  kind: 'wide' | 'long' | 'years';
  roles: Partial<Record<Role, number>>;
  nodeColumns: { col: number; node: number }[];
  yearColumns: { col: number; year: number }[];
  /** Columns of the framework's denominators (numbers) and groups (text). */
  auxColumns: { col: number; id: string; exp: number }[];
  groupColumns: { col: number; id: string }[];
  /** The place a title row names before the index's name (柯城区 in 柯城区小微企业成长指数基础数据表). */
  titlePlace?: string;
  /** wide layout without a period column: the one period its title names (…（2020年第四季度）). */
  titlePeriod?: { key: number; freq: Frequency };
  /** years layout: the frequency of its period columns (years, or a portal's quarters). */
  periodFreq?: Frequency;
  /** years layout without an indicator column: the power of ten a denominator named by the title is converted by (its unit). */
  fixedShift?: number;
  /** years layout without an indicator column: the one node every value belongs to (a denominator: numbered after the nodes). */
  fixedNode?: number;
  /** Columns whose cells are not read. */
  ignored: Set<number>;
  /** Index of a units row under the header, skipped. */
  unitsRowIndex?: number;
  /** Units of measure found in headers or a units row, by node (those the values are in: not the ones converted). */
  dataUnits: Map<number, string>;
  /** Nodes whose header or units row gives another scale of the framework's unit: the power of ten their values are multiplied by. */
  shifts: Map<number, number>;
  /** The unit those nodes' values were typed in (万元 for the framework's 亿元), for messages that quote them as typed. */
  convertedFrom: Map<number, string>;
  /** Nodes with a unit in the framework that nothing in the table's header, units row or statements gives a unit for: read as in the framework's. */
  unitsAssumed: number[];
  notes: Note[];
  /** Whether the table looks like a filled smei form (its title, its 参考 columns) read without its marker. */
  formCopy: boolean;
  /**
   * long layout: smei's own output read back (compute --format csv), whose
   * rows give every node's index points: an indicator's are not the raw
   * value it takes, so its rows are skipped; the index and modules are read
   * as given.
   */
  indexPoints?: boolean;
}

/** The text of a cell (numbers as written). */
export function cellText(c: Cell | undefined): string {
  return c === undefined ? '' : typeof c === 'number' ? String(c) : typeof c === 'string' ? c : `${c.percent}%`;
}

/** A header key: NFKC, lower-cased, every space (full-width too) removed, so `地　区` is `地区`. */
export function headerKey(s: string): string {
  return matchKey(s).replace(/\s+/g, '');
}

/** The framework's denominator a header or an indicator cell names by its id or a label (its index, or -1). */
export function denominatorNamed(fw: Framework, name: string): number {
  const key = headerKey(name);
  return fw.denominators.findIndex((d) => [d.id, d.zh, d.en].some((l) => l !== '' && headerKey(l) === key));
}

/** Splits a unit of measure off a header: `小微企业数（户）`, `营业收入(亿元)`, `占比[%]`, `人数/万人`. */
export function splitHeaderUnit(h: string): { name: string; unit?: string } {
  const s = cleanCell(h);
  const m = /^(.+?)\s*(?:[(（[【]\s*([^()（）[\]【】]{1,12})\s*[)）\]】]|\/\s*([^/]{1,8}))$/.exec(s);
  if (m === null) return { name: s };
  const unit = (m[2] ?? m[3])!.trim();
  return { name: m[1]!.trim(), unit };
}

/**
 * What a unit the data gives for a node (in a header, a units row, an
 * indicator cell) means: 0 when the values are in the framework's unit
 * already (the same unit, spelled the same or an equivalent way: 户 for 家,
 * （%） for %), or the framework gives the node no unit (the data's is kept);
 * the power of ten the values are multiplied by when it is another scale of
 * the framework's unit (万元 for 亿元: -4), with the note saying so; 0 too for
 * a word that is no known unit (含个体户) or another word for the same count
 * (个 for 件); refused only when both are known units of different dimensions
 * (% or 万美元 for 亿元). `what` names the column or indicator, `place` where it is.
 */
export function unitConversion(fw: Framework, node: number, unit: string, what: string, place: string): { exp: number; note?: Note } {
  return convertUnit(fw, fw.nodes[node]!, unit, what, place);
}

/** unitConversion for a node or a denominator: what it is measured in (`unitEn` an English spelling of `unit`) and its names. */
export function convertUnit(fw: Framework, n: { id: string; zh: string; unit: string; unitEn?: string }, unit: string, what: string, place: string): { exp: number; note?: Note } {
  if (n.unit === '' || unitKey(unit) === unitKey(n.unit) || (n.unitEn !== undefined && n.unitEn !== '' && unitKey(unit) === unitKey(n.unitEn))) return { exp: 0 };
  const exp = unitScale(unit, n.unit);
  if (exp === 0) return { exp };
  if (exp !== undefined) return { exp, note: { code: 'unit-converted', detail: { column: what, from: unit, to: n.unit, factor: Number(`1e${exp}`) } } };
  // a note in brackets rather than a unit (小微企业总数（含个体户）, 从业人员（年末）), or an office's word for the
  // same count (个 for 件): kept as before, not refused; only another dimension is (% or 万美元 for 亿元).
  // A unit in Latin letters that smei cannot relate to the framework's (current USD for USD Bn) is read as
  // the framework's too, with a note asking for a check: a slip of scale there would pass unseen.
  if (!otherDimension(unit, n.unit)) return /\p{Script=Han}/u.test(unit) ? { exp: 0 } : { exp: 0, note: { code: 'unit-unchecked', detail: { column: what, from: unit, to: n.unit } } };
  const others = unitFamily(n.unit).filter((u) => unitKey(u) !== unitKey(n.unit));
  const scales = others.length > 0 ? `, or in one of ${others.join(', ')} with that unit in the header (smei converts it)` : '';
  const scalesZh = others.length > 0 ? `，或以 ${others.join('、')} 之一填报并在表头注明该单位（smei 会换算）` : '';
  throw new SmeiError('header', `${place}: ${quote(what)} gives ${quote(n.zh || n.id)} (${n.id}) in ${quote(unit)}, but framework ${fw.name} measures it in ${quote(n.unit)}, and ${quote(unit)} is not ${quote(n.unit)} at another scale. Give the values in ${n.unit}${scales}; if they are in ${n.unit} already, write ${n.unit} as the unit.`, { zh: `${place}：${quote(what)}给出的${quote(n.zh || n.id)}（${n.id}）计量单位是${quote(unit)}，但框架${fw.name}以${quote(n.unit)}计量，而${quote(unit)}不是${quote(n.unit)}换了倍数的单位。请以${n.unit}填报数值${scalesZh}；如果数值已经是${n.unit}，请把单位写成${n.unit}。` });
}

/** A form's reference column: `小微企业总数（2018年，参考）`, `2018年（参考）`, `Firms (2018, reference)`, `2018 (reference)`. */
export function isReferenceHeader(h: string): boolean {
  return /[(（]\s*(?:\d{4}\s*年?\s*[,，]\s*)?(?:参考|reference)\s*[)）]\s*$/i.test(cleanCell(h));
}

/** A header that is a year (`2016`, `2016年`, `2016年度`, `2016 年`), or undefined. */
export function headerYear(h: string): number | undefined {
  const m = /^(\d{4})\s*(?:年度?)?$/.exec(cleanCell(h));
  if (m === null) return undefined;
  const y = Number(m[1]);
  return y >= 1900 && y <= 2200 ? y : undefined;
}

/**
 * A header that is a period: a year (as headerYear), or a half-year, quarter
 * or month as the portals print them (2020年第四季度, 2020Q4, 2020年上半年,
 * 2020年3月); its key and frequency, or undefined.
 */
export function headerPeriod(h: string): { key: number; freq: Frequency } | undefined {
  const y = headerYear(h);
  if (y !== undefined) return { key: y, freq: 'year' };
  const text = cleanCell(h);
  if (!/^\d{4}/.test(text)) return undefined;
  const p = parsePeriod(text);
  return 'error' in p || p.freq === 'year' ? undefined : { key: p.key, freq: p.freq };
}

/** Whether a row is the start of the notes under a table. */
export function isNoteRow(cells: Cell[]): boolean {
  const first = cells.find((c) => cellText(c).trim() !== '');
  if (typeof first !== 'string') return false;
  const t = cleanCell(first).toLowerCase();
  if (NOTE_PREFIXES.some((p) => t.startsWith(p) && (t.length === p.length || /^[\s:：．.、\d（(]/.test(t.slice(p.length))))) return true;
  if (NOTE_OPENINGS.some((p) => t.startsWith(p) && t.length > p.length + 2)) return true;
  // a sentence alone on its row (no unit's name has a full stop, nor a comma in a long text)
  return /[。]|[，,；;].{6,}/.test(t) && cells.filter((c) => cellText(c).trim() !== '').length === 1;
}

/**
 * The units a cell states for the table, as statistical tables print them
 * over or under it: `单位：万元、%`, `（单位：万元）`, `金额单位：万元`,
 * `注：金额单位为万元`, `计量单位：万元；人数单位：人` (each unit once, in
 * order); [] for none. A bare 单位 counts after the start, a bracket or a
 * stop only, so that 填报单位：浙江省统计局 states none.
 */
export function unitStatement(text: string): string[] {
  if (!text.includes('单位')) return [];
  const units: string[] = [];
  for (const m of cleanCell(text).matchAll(UNIT_STATEMENT)) {
    for (const part of m[1]!.split(/[、，,;；/\s]+/)) {
      const inner = /单位\s*(?:[:：]|为|是)\s*(.+)$/.exec(part);
      const unit = (inner === null ? part : inner[1]!).replace(/[。.]+$/, '');
      if (unit !== '' && knownUnit(unit) && !units.includes(unit)) units.push(unit);
    }
  }
  return units;
}

const UNIT_STATEMENT = /(?:(?:计量|金额|货币|价值|数量|人数|数据)单位|(?<=^|[\s（(【[，,；;。：:、.\d表])单位)\s*(?:[:：]|为|是)\s*([^）)】\]。；;]+)/gu;

/**
 * The place a title row names before the index's name, as offices title their tables: 柯城区 in
 * 柯城区小微企业成长指数基础数据表, 浙江省 in 2018年浙江省各市小微企业成长指数; undefined where none does.
 */
function titlePlaceOf(rows: Row[]): string | undefined {
  for (const r of rows) {
    for (const c of r.cells) {
      const m = /^(?:\d{4}年度?)?\s*(\p{Script=Han}{1,10}?(?:省|市|区|县|镇|乡|街道))(?:各[\p{Script=Han}()（）、]{1,8}?|分行业)?(?:小微企业|中小企业)/u.exec(cleanCell(cellText(c)));
      // (全省, 全区: the totals' word, no place)
      if (m && !isTotalName(m[1]!)) return m[1];
    }
  }
  return undefined;
}

/** The node named by a `指标：地区生产总值(亿元)` title row, if any. */
function titleIndicator(rows: Row[], upTo: number): { name: string; unit?: string; text: string } | undefined {
  for (let i = 0; i < upTo; i++) {
    for (const c of rows[i]!.cells) {
      const m = /^\s*(?:指标|indicator)\s*[:：]\s*(.+)$/i.exec(cellText(c));
      if (m) return { ...splitHeaderUnit(m[1]!), text: cleanCell(m[1]!) };
    }
  }
  return undefined;
}

/** The role of each header name. */
function roleLookup(options: LayoutOptions): Map<string, Role> {
  const roleOf = new Map<string, Role>();
  for (const [role, names] of Object.entries(ROLE_HEADERS) as [Role, readonly string[]][]) for (const n of names) roleOf.set(headerKey(n), role);
  if (options.unitColumn !== undefined) roleOf.set(headerKey(options.unitColumn), 'unit');
  return roleOf;
}

/** The role a header cell names (地区, 年份…; with or without a unit in brackets), or undefined. */
function roleOfCell(c: Cell | undefined, roleOf: Map<string, Role>): Role | undefined {
  return typeof c === 'string' ? roleOf.get(headerKey(c)) ?? roleOf.get(headerKey(splitHeaderUnit(c).name)) : undefined;
}

/** Whether a row looks like a header: a unit column and a year column, years as columns, or indicator and value. */
function recognised(cells: Cell[], roleOf: Map<string, Role>): boolean {
  const roles = new Set(cells.map((c) => roleOfCell(c, roleOf)).filter((r) => r !== undefined));
  if (!roles.has('unit')) return false;
  return roles.has('year') || cells.some((c) => headerPeriod(cellText(c)) !== undefined);
}

/** Whether a row has a unit column (地区, 县（市、区）…). */
function unitRole(cells: Cell[], roleOf: Map<string, Role>): boolean {
  return cells.some((c) => roleOfCell(c, roleOf) === 'unit');
}

/** Periods a title names: 2020年第四季度, 2020年上半年, 2020年3月, 2020年1-6月, 2020Q4, 2020年. */
const TITLE_PERIOD = /\d{4}\s*年\s*(?:第?[一二三四1-4]季度|[上下]半年|1\s*[-—–~至]\s*\d{1,2}\s*月|\d{1,2}\s*月|度)?|\d{4}\s*[-]?\s*[QH]\d/g;

/**
 * The one period the title rows above a header name, or undefined where they
 * name none or several (a title of 2019-2020 is no one period).
 */
export function titlePeriodOf(titles: Row[]): { key: number; freq: Frequency } | undefined {
  const found = new Map<number, Frequency>();
  for (const r of titles) {
    for (const c of r.cells) {
      // a span of years (2017-2018年, 2014至2018年) names no one period
      if (/\d{4}\s*年?\s*[-—–~至到]\s*\d{4}/.test(cellText(c))) return undefined;
      for (const m of cellText(c).matchAll(TITLE_PERIOD)) {
        const p = parsePeriod(m[0].replace(/\s+/g, ''));
        if (!('error' in p)) found.set(p.key, p.freq);
      }
    }
  }
  if (found.size !== 1) return undefined;
  const [key, freq] = [...found][0]!;
  return { key, freq };
}

/**
 * Whether the row under a header is the lower row of a two-level header:
 * empty under the header's unit column (地区 merged down), no numbers, and
 * naming at least one node of the framework (an indicator under its module).
 */
function isLowerHeader(header: Cell[], below: Cell[], roleOf: Map<string, Role>, lookup: Map<string, number>): boolean {
  const unitCol = header.findIndex((c) => roleOfCell(c, roleOf) === 'unit');
  if (unitCol < 0 || cellText(below[unitCol]).trim() !== '') return false;
  if (below.some((c) => typeof c === 'number' || (typeof c === 'string' && /^[+-]?[\d.,]+%?$/.test(c.trim())))) return false;
  return below.some((c) => typeof c === 'string' && c.trim() !== '' && (lookup.has(matchKey(c)) || lookup.has(matchKey(splitHeaderUnit(c).name))));
}

/** Whether a row under the header holds only units of measure (or starts with 单位/计量单位). */
function isUnitsRow(cells: Cell[], unitCol: number): boolean {
  const first = headerKey(cellText(cells[unitCol]));
  if (first === '单位' || first === '计量单位') return true;
  const filled = cells.map((c) => cellText(c).trim()).filter((t) => t !== '');
  return filled.length > 0 && filled.every((t) => UNIT_TOKENS.has(unitWord(t)) || knownUnit(t));
}

/** A units-row cell without its brackets: 点, （%） -> %, [亿元] -> 亿元. */
function unitWord(t: string): string {
  return cleanCell(t).replace(/^[(（[【]\s*(.*?)\s*[)）\]】]$/, '$1');
}

/**
 * Works out the layout from the first rows of a table (the header within the
 * first 20, and up to 200 data rows after it). Throws a SmeiError naming the
 * row and column where the header is wrong; returns undefined when no row
 * looks like a header at all (the caller may try another sheet).
 */
export function detectLayout(rows: Row[], fw: Framework, options: LayoutOptions, where: Locator, firstRowFallback: boolean): Layout | undefined {
  const roleOf = roleLookup(options);
  const lookup = buildNodeLookup(fw);
  let headerIndex: number;
  if (options.headerRow !== undefined) {
    headerIndex = rows.findIndex((r) => r.line === options.headerRow);
    if (headerIndex < 0) throw new SmeiError('header', `--header-row ${options.headerRow}: ${where.file} has no such row. Give the number of the row with the column names.`, { zh: `--header-row ${options.headerRow}：${where.file}没有这一行。请给出列名所在行的行号。` });
  } else {
    headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => recognised(r.cells, roleOf));
    if (headerIndex < 0) {
      // a portal's table of one period, the period only in its title (…主要指标（2020年第四季度）): a header
      // with a unit column and indicators, under a title that names one period (or where the period is given
      // otherwise: a sheet named 2025年第三季度, diff --year)
      const at = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r, i) => unitRole(r.cells, roleOf) && r.cells.filter((c) => typeof c === 'string' && (lookup.has(matchKey(c)) || lookup.has(matchKey(splitHeaderUnit(c).name)))).length >= 2 && ((i > 0 && titlePeriodOf(rows.slice(0, i)) !== undefined) || options.periodIfNone !== undefined));
      if (at >= 0) headerIndex = at;
    }
    if (headerIndex < 0) {
      if (!firstRowFallback || rows.length === 0) return undefined;
      // none looks like a header: the row naming most indicators (or periods) is the one whose problems are the
      // clearest message (a title above it is no header), else the first row
      let most = 1;
      headerIndex = 0;
      rows.slice(0, HEADER_SEARCH_ROWS).forEach((r, i) => {
        const named = r.cells.filter((c) => typeof c === 'string' && c.trim() !== '' && (lookup.has(matchKey(c)) || lookup.has(matchKey(splitHeaderUnit(c).name)) || roleOfCell(c, roleOf) === 'year')).length;
        if (named > most) {
          most = named;
          headerIndex = i;
        }
      });
    }
  }
  let headerRow = rows[headerIndex]!;
  const notes: Note[] = [];
  // A two-level header, as statistics portals print them: module names merged over their indicators,
  // 地区 and 时期 merged down both rows. The lower row names the columns it fills, the upper the others.
  const below = rows[headerIndex + 1];
  // the rows of titles above the header (above its first row, when it takes two)
  const titleRows = headerIndex;
  const firstLine = headerRow.line;
  if (options.headerRow === undefined && below !== undefined && isLowerHeader(headerRow.cells, below.cells, roleOf, lookup)) {
    const width = Math.max(headerRow.cells.length, below.cells.length);
    const cells = Array.from({ length: width }, (_, c) => (cellText(below.cells[c]).trim() !== '' ? below.cells[c]! : (headerRow.cells[c] ?? '')));
    notes.push({ code: 'two-row-header', detail: { lines: `${headerRow.line}-${below.line}` } });
    headerIndex++;
    headerRow = { line: below.line, cells };
  }
  const line = headerRow.line;
  const header = headerRow.cells.map((c) => cleanCell(cellText(c)));
  if (titleRows > 0) notes.push({ code: 'header-row', detail: { line: firstLine === line ? line : `${firstLine}-${line}`, skipped: titleRows } });
  // the place a title names (柯城区小微企业成长指数基础数据表): what titles call the round where its totals row does not
  const titlePlace = titlePlaceOf(rows.slice(0, titleRows));

  const ignoreKeys = new Set((options.ignoreColumns ?? []).map(headerKey));
  const roles: Partial<Record<Role, number>> = {};
  const nodeColumns: { col: number; node: number }[] = [];
  const yearColumns: { col: number; year: number }[] = [];
  /** The frequency of the period columns (years, or the quarters of a portal's table). */
  let periodFreq: Frequency = 'year';
  const ignored = new Set<number>();
  const ignoredNames: string[] = [];
  const unknown: number[] = [];
  const dataUnits = new Map<number, string>();
  const strippedUnits: string[] = [];
  /** The unit each node's header or units-row cell gives, the column as named in messages, and where. */
  const given = new Map<number, { unit: string; what: string; place: string }>();
  const shifts = new Map<number, number>();
  const convertedFrom = new Map<number, string>();
  /** Takes a unit the data gives for a node: kept (the framework's, or the framework has none), converted from, or refused. */
  const settle = (node: number, g: { unit: string; what: string; place: string }): void => {
    const { exp, note } = unitConversion(fw, node, g.unit, g.what, g.place);
    // a word in brackets that is no unit (含个体户) is not the data's unit where the framework has one: the
    // framework's stays (reports quote it; the totals search knows a count by it)
    if (exp === 0) {
      if (fw.nodes[node]!.unit === '' || knownUnit(g.unit)) dataUnits.set(node, g.unit);
    } else {
      shifts.set(node, exp);
      convertedFrom.set(node, g.unit);
    }
    if (note !== undefined) notes.push(note);
  };
  const seen = new Map<string, number>();
  const nodeSeen = new Map<number, number>();
  const auxColumns: { col: number; id: string; exp: number }[] = [];
  /** Denominator columns whose header gives a unit. */
  const auxGiven = new Set<number>();
  const groupColumns: { col: number; id: string }[] = [];
  // a title row such as smei's form writes (浙江省小微企业成长指数数据填报表（2019年）)
  let formCopy = rows.slice(0, headerIndex).some((r) => r.cells.some((c) => /数据填报表|: data form\b/.test(cellText(c))));

  // a first column without a header that numbers the rows 0, 1, 2… or 1, 2, 3… (pandas' to_csv writes its
  // index so, R's write.csv its row names): bookkeeping, ignored with a note
  if (headerKey(header[0] ?? '') === '' && isRowNumbers(rows.slice(headerIndex + 1).map((r) => r.cells[0]))) {
    ignored.add(0);
    notes.push({ code: 'row-numbers', detail: { column: where.colName(0) } });
  }
  header.forEach((h, col) => {
    const key = headerKey(h);
    if (key === '') return;
    const before = seen.get(key);
    if (before !== undefined) throw new SmeiError('header', `${where.row(line)}: duplicate header ${quote(h)} in columns ${where.colName(before)} and ${where.colName(col)}. Rename or remove one of them.`, { zh: `${where.row(line)}：表头${quote(h)}重复（第 ${where.colName(before)} 列和第 ${where.colName(col)} 列）。请改名或删除其中一列。` });
    seen.set(key, col);
    if (ignoreKeys.has(key)) {
      ignored.add(col);
      ignoredNames.push(h);
      return;
    }
    if (isReferenceHeader(h)) {
      // a filled smei form's 参考 column: last period's value beside the input, not data
      ignored.add(col);
      ignoredNames.push(h);
      formCopy = true;
      return;
    }
    const { name, unit } = splitHeaderUnit(h);
    const nameKey = headerKey(name);
    const role = roleOf.get(key) ?? roleOf.get(nameKey);
    if (role !== undefined) {
      const other = roles[role];
      // smei's own long CSV of half-years, quarters or months: year (the calendar year) then period (2025Q1), which says it all
      if (role === 'year' && other !== undefined && header[other]!.trim().toLowerCase() === 'year' && h.trim().toLowerCase() === 'period') {
        ignored.add(other);
        roles.year = col;
        return;
      }
      if (other !== undefined) throw new SmeiError('header', `${where.row(line)}: columns ${where.colName(other)} (${quote(header[other]!)}) and ${where.colName(col)} (${quote(h)}) are both ${role} columns. Keep one of them.`, { zh: `${where.row(line)}：第 ${where.colName(other)} 列（${quote(header[other]!)}）和第 ${where.colName(col)} 列（${quote(h)}）都是${roleZh(role)}列。请只保留其中一列。` });
      roles[role] = col;
      return;
    }
    // a year, or a quarter, half-year or month (the portals' 2020年第四季度): one frequency for the file
    const period = headerPeriod(h);
    if (period !== undefined) {
      const first = yearColumns[0];
      if (first !== undefined && periodFreq !== period.freq) {
        throw new SmeiError('header', `${where.cell(line, col)}: column ${quote(h)} is ${frequencyName(period.freq, 'en')}, but ${where.colName(first.col)} (${quote(header[first.col]!)}) is ${frequencyName(periodFreq, 'en')}. One file holds one frequency: split the file, or convert the periods.`, {
          zh: `${where.cell(line, col)}：列${quote(h)}是${frequencyName(period.freq, 'zh')}时期，但${where.colName(first.col)}列（${quote(header[first.col]!)}）是${frequencyName(periodFreq, 'zh')}时期。一个文件只能有一种频率：请拆分文件，或换算时期。`,
        });
      }
      periodFreq = period.freq;
      yearColumns.push({ col, year: period.key });
      return;
    }
    const node = lookup.get(matchKey(h)) ?? lookup.get(matchKey(name));
    if (node !== undefined) {
      const prev = nodeSeen.get(node);
      if (prev !== undefined) throw new SmeiError('header', `${where.row(line)}: columns ${where.colName(prev)} (${quote(header[prev]!)}) and ${where.colName(col)} (${quote(h)}) both name node ${quote(fw.nodes[node]!.id)}. Keep one of them.`, { zh: `${where.row(line)}：第 ${where.colName(prev)} 列（${quote(header[prev]!)}）和第 ${where.colName(col)} 列（${quote(h)}）都对应指标${quote(fw.nodes[node]!.id)}。请只保留其中一列。` });
      nodeSeen.set(node, col);
      nodeColumns.push({ col, node });
      if (unit !== undefined && lookup.get(matchKey(h)) === undefined) {
        given.set(node, { unit, what: h, place: where.cell(line, col) });
        strippedUnits.push(h);
      }
      return;
    }
    // a denominator by its name, with or without its unit (GDP, GDP (USD Bn); 地区生产总值（万元） for the framework's 亿元 is converted)
    const whole = denominatorNamed(fw, h);
    const di = whole >= 0 ? whole : unit !== undefined ? denominatorNamed(fw, name) : -1;
    if (di >= 0) {
      const aux = fw.denominators[di]!;
      let exp = 0;
      if (unit !== undefined && whole < 0) {
        const converted = convertUnit(fw, aux, unit, h, where.cell(line, col));
        auxGiven.add(col);
        exp = converted.exp;
        if (converted.note !== undefined) notes.push(converted.note);
      }
      auxColumns.push({ col, id: aux.id, exp });
      return;
    }
    const group = fw.groups.find((g) => headerKey(g) === key);
    if (group !== undefined) {
      groupColumns.push({ col, id: group });
      return;
    }
    if (BOOKKEEPING.includes(key)) {
      ignored.add(col);
      ignoredNames.push(h);
      return;
    }
    unknown.push(col);
  });
  if (strippedUnits.length > 0) notes.push({ code: 'header-units', detail: { columns: strippedUnits.join(', ') } });

  const accepted = (role: Role): string => ROLE_HEADERS[role].join(', ');
  const rowName = where.row(line);
  if (roles.unit === undefined) {
    // the first column whose header smei does not know: most likely the names (村社, 园区)
    // (a header cell merged down from the row above is empty in the row read: its name stands above it)
    const named = (col: number): string => {
      if (header[col] !== '') return header[col]!;
      for (let i = headerIndex - 1; i >= 0; i--) {
        const t = cleanCell(cellText(rows[i]!.cells[col]));
        if (t !== '') return t;
      }
      return '';
    };
    const taken = new Set<number>([...Object.values(roles), ...nodeColumns.map((c) => c.col), ...yearColumns.map((c) => c.col), ...auxColumns.map((c) => c.col), ...groupColumns.map((c) => c.col), ...ignored]);
    // (not a row number's or a period's column, nor an indicator's, merged down or not)
    const plain = (name: string): boolean => name !== '' && !BOOKKEEPING.includes(headerKey(name)) && roleOfCell(name, roleOf) === undefined && headerPeriod(name) === undefined && lookup.get(matchKey(name)) === undefined;
    const guess = header.map((_, col) => col).find((col) => !taken.has(col) && plain(named(col)));
    const hint = guess === undefined ? '' : ` If column ${where.colName(guess)} (${quote(named(guess))}) holds the unit names, give --unit-column ${named(guess)}.`;
    const hintZh = guess === undefined ? '' : `如果第 ${where.colName(guess)} 列（${quote(named(guess))}）是地区名称，请用 --unit-column ${named(guess)} 指定。`;
    throw new SmeiError('header', `${rowName}: no unit column. Name the column of unit names one of: ${accepted('unit')} (or give --unit-column NAME).${hint}`, {
      zh: `${rowName}：没有地区列（可识别的列名如 地区、城市、县（市、区）、乡镇（街道）、行业、单位名称）。${hintZh || '请把地区名称所在的列改用这些列名之一，或用 --unit-column 列名 指定。'}`,
    });
  }

  // The rows after the header: a units row, then data (up to the notes).
  let dataStart = headerIndex + 1;
  let unitsRowIndex: number | undefined;
  if (dataStart < rows.length && isUnitsRow(rows[dataStart]!.cells, roles.unit)) {
    unitsRowIndex = dataStart;
    const cells = rows[dataStart]!.cells;
    for (const { col, node } of nodeColumns) {
      const u = unitWord(cellText(cells[col]));
      if (u !== '' && u !== '单位' && u !== '计量单位') given.set(node, { unit: u, what: `${header[col]}（${u}）`, place: where.cell(rows[dataStart]!.line, col) });
    }
    notes.push({ code: 'units-row', detail: { line: rows[dataStart]!.line, units: cells.map((c) => cellText(c).trim()).filter((t) => t !== '').join(' ') } });
    dataStart++;
  }
  // a units row's unit over a header's: each converted once, in column order
  for (const { node } of nodeColumns) {
    const g = given.get(node);
    if (g !== undefined) settle(node, g);
  }
  // a statement of units among the titles (单位：万元、%; （单位：万元）; 金额单位：万元) or in the notes under
  // the table (注：金额单位为万元), as statistical tables print them: the unit of each column whose header and
  // units row give none, where it names one unit of that node's kind (万元 for 亿元)
  let noteStart = rows.length;
  for (let i = dataStart; i < rows.length; i++) {
    if (isNoteRow(rows[i]!.cells)) {
      noteStart = i;
      break;
    }
  }
  const stated = [...rows.slice(0, titleRows), ...rows.slice(noteStart)].flatMap((r) => r.cells.flatMap((c, col) => unitStatement(cellText(c)).map((unit) => ({ unit, place: where.cell(r.line, col) }))));
  const statedFor = (unit: string): { unit: string; place: string } | undefined => {
    // (two of its kind, 万元、亿元, say nothing of which column is which)
    const fits = stated.filter((u) => unitScale(u.unit, unit) !== undefined);
    return fits.length === 1 || (fits.length > 1 && fits.every((f) => unitKey(f.unit) === unitKey(fits[0]!.unit))) ? fits[0] : undefined;
  };
  const assumed: number[] = [];
  for (const { col, node } of nodeColumns) {
    const unit = fw.nodes[node]!.unit;
    if (given.has(node) || unit === '') continue;
    const fit = statedFor(unit);
    if (fit === undefined) assumed.push(node);
    else settle(node, { unit: fit.unit, what: header[col]!, place: fit.place });
  }
  for (const aux of auxColumns) {
    const d = fw.denominators.find((x) => x.id === aux.id)!;
    if (auxGiven.has(aux.col) || d.unit === '') continue;
    const fit = statedFor(d.unit);
    if (fit === undefined) continue;
    const converted = convertUnit(fw, d, fit.unit, header[aux.col]!, fit.place);
    aux.exp = converted.exp;
    if (converted.note !== undefined) notes.push(converted.note);
  }
  const data: Row[] = [];
  for (let i = dataStart; i < rows.length && data.length < CLASSIFY_ROWS; i++) {
    if (isNoteRow(rows[i]!.cells)) break;
    data.push(rows[i]!);
  }

  // Columns no header names: text (or nothing) is bookkeeping; numbers are an error listing them all.
  const numericUnknown: number[] = [];
  for (const col of unknown) {
    const cells = data.map((r) => r.cells[col]).filter((c) => c !== undefined && cellText(c).trim() !== '');
    const numeric = cells.some((c) => typeof c !== 'string' || typeof parseNumber(c) === 'number');
    if (numeric) numericUnknown.push(col);
    else {
      ignored.add(col);
      ignoredNames.push(header[col]!);
    }
  }

  // Years as columns: year headers and no year or value column (an indicator column may name the node of each row).
  const years = yearColumns.length > 0 && roles.year === undefined && roles.value === undefined;
  const long = !years && (roles.indicator !== undefined || roles.value !== undefined);
  // smei's own long CSV (compute --format csv) read back: its rates and ranks are worked out again from the values,
  // and its indicators' rows (their index points, not the raw values a leaf takes) are left out
  let derivedOnly = false;
  if (long) {
    // (a column empty in its first rows, such as the base year's yoy_pct, is among the ignored already)
    const derived = header.map((_, col) => col).filter((col) => (numericUnknown.includes(col) || ignored.has(col)) && SMEI_DERIVED_COLUMNS.has(header[col]!.trim().toLowerCase()));
    if (derived.length > 0) {
      for (const col of derived) ignored.add(col);
      numericUnknown.splice(0, numericUnknown.length, ...numericUnknown.filter((col) => !derived.includes(col)));
      ignoredNames.splice(0, ignoredNames.length, ...ignoredNames.filter((name) => !derived.some((col) => header[col] === name)));
      notes.push({ code: 'derived-columns', detail: { columns: derived.map((col) => header[col]!).join(', ') } });
      derivedOnly = true;
    }
  }
  if (!long) {
    const worked = numericUnknown.filter((col) => WORKED_OUT_COLUMNS.has(headerKey(header[col]!)));
    if (worked.length > 0) {
      for (const col of worked) ignored.add(col);
      numericUnknown.splice(0, numericUnknown.length, ...numericUnknown.filter((col) => !worked.includes(col)));
      notes.push({ code: 'worked-out-columns', detail: { columns: worked.map((col) => header[col]!).join(', ') } });
    }
  }
  if (numericUnknown.length > 0 && !long) {
    const labels = [...fw.nodes, ...fw.denominators].flatMap((n) => [n.id, n.zh, n.en].filter((l) => l !== ''));
    const names = numericUnknown.map((col) => {
      const near = nearest(splitHeaderUnit(header[col]!).name, labels);
      return { col, near, text: `${quote(header[col]!)}${near === undefined ? '' : ` (did you mean ${quote(near)}?)`}`, zh: `${quote(header[col]!)}${near === undefined ? '' : `（是否指“${near}”）`}` };
    });
    if (names.length === 1) {
      const { col, near } = names[0]!;
      throw new SmeiError('header', `${where.cell(line, col)}: column ${quote(header[col]!)} is not a node of framework ${fw.name}.${near === undefined ? '' : ` Did you mean "${near}"?`} Rename it to a node id or label (\`smei framework\` lists them), skip it with --ignore-column, or remove the column.`, {
        zh: `${where.cell(line, col)}：列${quote(header[col]!)}不是框架${fw.name}中的指标。${near === undefined ? '' : `是否指“${near}”？`}请改为指标代码或名称（smei framework 列出全部指标），或用 --ignore-column 跳过此列，或删除此列。`,
      });
    }
    throw new SmeiError('header', `${rowName}: ${names.length} columns hold numbers but name no node of framework ${fw.name}: ${names.map((n) => `${where.colName(n.col)} ${n.text}`).join(', ')}. Rename each to a node id or label (\`smei framework\` lists them), skip it with --ignore-column NAME, or remove it.`, {
      zh: `${rowName}：有${names.length}列是数字，但都不是框架${fw.name}中的指标：${names.map((n) => `${where.colName(n.col)} ${n.zh}`).join('、')}。请逐一改为指标代码或名称（smei framework 列出全部指标），或用 --ignore-column 列名 跳过，或删除。`,
    });
  }
  if (ignoredNames.length > 0) notes.push({ code: 'ignored-columns', detail: { columns: ignoredNames.join(', ') } });

  if (long) {
    if (roles.year === undefined) throw new SmeiError('header', `${rowName}: no year column. Name the column of years one of: ${accepted('year')}.`, { zh: `${rowName}：没有年份列。请把年份所在的列命名为以下之一：${accepted('year')}。` });
    if (roles.indicator === undefined || roles.value === undefined) {
      const missing = roles.indicator === undefined ? 'indicator' : 'value';
      throw new SmeiError('header', `${rowName}: a long file needs both an indicator and a value column; there is no ${missing} column. Name it one of: ${accepted(missing)}.`, { zh: `${rowName}：长表需要指标列和数值列；这里没有${roleZh(missing)}列。请把它命名为以下之一：${accepted(missing)}。` });
    }
    const extra = [...numericUnknown, ...nodeColumns.map((c) => c.col), ...yearColumns.map((c) => c.col)].sort((a, b) => a - b)[0];
    if (extra !== undefined) throw new SmeiError('header', `${where.cell(line, extra)}: column ${quote(header[extra]!)} is not expected in a long file (unit, year, indicator, value). Remove it, or use the wide layout with one column per indicator.`, { zh: `${where.cell(line, extra)}：长表（地区、年份、指标、数值）中不应有列${quote(header[extra]!)}。请删除它，或改用每个指标一列的宽表。` });
    return { headerIndex, header, kind: 'long', roles, nodeColumns: [], yearColumns: [], auxColumns, groupColumns, ignored, ...(unitsRowIndex !== undefined ? { unitsRowIndex } : {}), dataUnits, shifts, convertedFrom, unitsAssumed: assumed, ...(titlePlace !== undefined ? { titlePlace } : {}), notes, formCopy, ...(derivedOnly ? { indexPoints: true } : {}) };
  }

  if (years) {
    // Years as columns: a unit column, maybe an indicator column, one column per year.
    if (nodeColumns.length > 0) {
      const c = nodeColumns[0]!.col;
      throw new SmeiError('header', `${where.cell(line, c)}: column ${quote(header[c]!)} names a node, but the other columns are years. Put one indicator per row (地区,指标,2016年,…) or one year per row (地区,年份,${header[c]},…).`, { zh: `${where.cell(line, c)}：列${quote(header[c]!)}是一个指标，但其他列都是年份。请每行一个指标（地区,指标,2016年,…），或每行一个年份（地区,年份,${header[c]},…）。` });
    }
    let fixedNode: number | undefined;
    let fixedShift = 0;
    if (roles.indicator === undefined) {
      const named: { name: string; unit?: string; text?: string } | undefined = options.indicator !== undefined ? { name: options.indicator } : titleIndicator(rows, headerIndex);
      if (named === undefined) {
        const cols = yearColumns.map((y) => formatPeriod(y.year, periodFreq)).join(', ');
        const what = periodFreq === 'year' ? ['years', '年份'] : ['periods', '时期'];
        throw new SmeiError('header', `${rowName}: the columns are ${what[0]} (${cols}) but nothing says which indicator the values are. Give --indicator ID, add an indicator column (地区,指标,2016年,…), or a title row "指标：NAME".`, { zh: `${rowName}：各列是${what[1]}（${cols}），但没有说明这些数值是哪个指标。请用 --indicator ID 指定，或加一个指标列（地区,指标,2016年,…），或加一个标题行"指标：NAME"。` });
      }
      fixedNode = lookup.get(matchKey(named.name));
      // a denominator (the portal's 地区生产总值(亿元)): numbered after the nodes, its unit converted as a node's is
      const den = fixedNode === undefined ? denominatorNamed(fw, named.name) : -1;
      if (den >= 0) {
        fixedNode = fw.nodes.length + den;
        if (named.unit !== undefined) {
          const converted = convertUnit(fw, fw.denominators[den]!, named.unit, named.text ?? named.name, where.file);
          fixedShift = converted.exp;
          if (converted.note !== undefined) notes.push(converted.note);
        }
      }
      if (fixedNode === undefined) {
        const near = nearest(named.name, [...fw.nodes, ...fw.denominators].flatMap((n) => [n.id, n.zh, n.en].filter((l) => l !== '')));
        throw new SmeiError('header', `${options.indicator !== undefined ? '--indicator' : where.file}: indicator ${quote(named.name)} is not a node of framework ${fw.name}.${near === undefined ? '' : ` Did you mean "${near}"?`} \`smei framework\` lists the nodes.`, { zh: `${options.indicator !== undefined ? '--indicator' : where.file}：指标${quote(named.name)}不是框架${fw.name}中的指标。${near === undefined ? '' : `是否指“${near}”？`}smei framework 列出全部指标。` });
      }
      if (named.unit !== undefined && den < 0) settle(fixedNode, { unit: named.unit, what: named.text ?? named.name, place: where.file });
    }
    const fixedId = fixedNode === undefined ? undefined : fixedNode < fw.nodes.length ? fw.nodes[fixedNode]!.id : fw.denominators[fixedNode - fw.nodes.length]!.id;
    notes.push({ code: 'years-as-columns', detail: { years: yearColumns.map((y) => formatPeriod(y.year, periodFreq)).join(', '), ...(fixedId !== undefined ? { indicator: fixedId } : {}) } });
    return { headerIndex, header, kind: 'years', periodFreq, roles, nodeColumns: [], yearColumns, auxColumns, groupColumns, ...(fixedNode !== undefined ? { fixedNode, fixedShift } : {}), ignored, ...(unitsRowIndex !== undefined ? { unitsRowIndex } : {}), dataUnits, shifts, convertedFrom, unitsAssumed: assumed, ...(titlePlace !== undefined ? { titlePlace } : {}), notes, formCopy };
  }

  // A framework without a base year (a cross-sectional one, such as COINr's) may read a file of one period with no year column.
  // no year column: the one period a title row above the header names, as portals print a quarter's table
  const titled = roles.year === undefined ? titlePeriodOf(rows.slice(0, headerIndex)) : undefined;
  const titlePeriod = titled ?? (roles.year === undefined ? options.periodIfNone : undefined);
  if (titlePeriod !== undefined) notes.push({ code: 'title-period', detail: { period: formatPeriod(titlePeriod.key, titlePeriod.freq), zh: periodWords(titlePeriod.key, titlePeriod.freq, 'zh'), en: periodWords(titlePeriod.key, titlePeriod.freq, 'en'), ...(titled === undefined ? { given: options.periodIfNone?.from === 'sheet' ? 'sheet' : 'option' } : {}) } });
  if (roles.year === undefined && fw.baseYear !== 0 && titlePeriod === undefined) {
    throw new SmeiError('header', `${rowName}: no year column. Name the column of years one of: ${accepted('year')}, or give the years as columns (2016年, 2017年, …).`, {
      zh: `${rowName}：没有年份列。请把年份所在的列命名为以下之一：${accepted('year')}，或把各年作为列（2016年、2017年……）。`,
    });
  }
  if (roles.year === undefined && titlePeriod === undefined) notes.push({ code: 'single-period', detail: {} });
  if (yearColumns.length > 0) {
    const c = yearColumns[0]!.col;
    throw new SmeiError('header', `${where.cell(line, c)}: column ${quote(header[c]!)} is a year, but the file also has a year column. Use one year per row or one year per column, not both.`, { zh: `${where.cell(line, c)}：列${quote(header[c]!)}是年份，但文件中还有年份列。请每行一个年份或每列一个年份，不要两者并用。` });
  }
  // a file of denominators alone (地区生产总值 from the national accounts) is merged with the indicators' file
  if (nodeColumns.length === 0 && auxColumns.length === 0) throw new SmeiError('header', `${rowName}: no indicator columns. Add columns named by node ids or labels (\`smei framework\` lists them), or use the long layout (unit, year, indicator, value).`, { zh: `${rowName}：没有指标列。请添加以指标代码或名称命名的列（smei framework 列出全部指标），或使用长表（地区、年份、指标、数值）。` });
  if (options.indexPoints === true) {
    for (const c of nodeColumns) if (fw.nodes[c.node]!.children.length === 0) ignored.add(c.col);
    const kept = nodeColumns.filter((c) => fw.nodes[c.node]!.children.length > 0);
    return { headerIndex, header, kind: 'wide', ...(titlePeriod !== undefined ? { titlePeriod } : {}), roles, nodeColumns: kept, yearColumns: [], auxColumns, groupColumns, ignored, ...(unitsRowIndex !== undefined ? { unitsRowIndex } : {}), dataUnits, shifts, convertedFrom, unitsAssumed: [], ...(titlePlace !== undefined ? { titlePlace } : {}), notes, formCopy, indexPoints: true };
  }
  return { headerIndex, header, kind: 'wide', ...(titlePeriod !== undefined ? { titlePeriod } : {}), roles, nodeColumns, yearColumns: [], auxColumns, groupColumns, ignored, ...(unitsRowIndex !== undefined ? { unitsRowIndex } : {}), dataUnits, shifts, convertedFrom, unitsAssumed: assumed, ...(titlePlace !== undefined ? { titlePlace } : {}), notes, formCopy };
}

/** How messages name places: a CSV's file:line:column, a workbook's sheet and cell. */
export interface Locator {
  file: string;
  /** "data.csv:7" / "data.xlsx, sheet 2018, row 7". */
  row: (line: number) => string;
  /** "data.csv:7:3" / "data.xlsx, sheet 2018, C7". */
  cell: (line: number, col: number) => string;
  /** A column as messages name it: "3" / "C". */
  colName: (col: number) => string;
  /** "line" / "row", for "lines 2 and 4". */
  lineWord: string;
}

/** The locator of a CSV file. */
export function csvLocator(file: string): Locator {
  return { file, row: (line) => `${file}:${line}`, cell: (line, col) => `${file}:${line}:${col + 1}`, colName: (col) => String(col + 1), lineWord: 'line' };
}

/** Whether a column's cells count the rows: whole numbers from 0 or 1 up by one (at least two; a blank row may break the run). */
function isRowNumbers(cells: (Cell | undefined)[]): boolean {
  const xs = cells.map((c) => cellText(c)).filter((t) => t !== '');
  if (xs.length < 2) return false;
  const first = Number(xs[0]);
  if (first !== 0 && first !== 1) return false;
  return xs.every((t, i) => /^\d+$/.test(t) && Number(t) === first + i);
}
