// Writing the collection form (填报表): the workbook a province sends out,
// drawn from the framework that defines the index and the round's form model
// (collect/form.ts: the marker, the sheets' geometry, the plausible ranges),
// so that a filled form reads back with no option and an edited one is
// refused at the cell where it differs. Pure: a model in, a workbook model
// out (xlsx-writer.ts makes the bytes).
import { printSetup } from './xlsx-layout.js';
import { indexTitle } from './title.js';
import { askedIndicators, formDenominators, formFingerprint, formGeometry, formIndicators, inputRange, MARKER_SHEET, MARKER_TAG, markerCells, type FormMarker } from '../collect/form.js';
import { denominatorLabel, nodeLabel, nodeUnit, type Framework, type FrameworkNode } from '../framework/types.js';
import { L, type Lang } from '../text.js';
import { formatPeriod, periodWords, sameLastYear, type Frequency } from '../time/period.js';
import { cellRef, type CellStyle, type Validation, type WBook, type WCell, type WSheet } from './xlsx-writer.js';

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

/** A data validation for a range of input cells. */
/** What a form's input cell asks for: a leaf's or a denominator's name and unit, and the plausible range. */
interface Asked {
  label: string;
  unit: string;
  lower?: number;
  upper?: number;
}

/** A leaf as a form asks for it. */
function askedNode(n: FrameworkNode, lang: Lang): Asked {
  return { label: nodeLabel(n, lang), unit: nodeUnit(n, lang), ...inputRange(n) };
}

function validation(ref: string, n: Asked, lang: Lang): Validation {
  const { lower, upper } = n;
  const what = lower !== undefined && upper !== undefined ? L(lang, `${lower}到${upper}之间的数`, `a number from ${lower} to ${upper}`) : lower !== undefined ? L(lang, `不小于${lower}的数`, `a number of at least ${lower}`) : upper !== undefined ? L(lang, `不大于${upper}的数`, `a number of at most ${upper}`) : L(lang, '数值', 'a number');
  const base = { ref, type: 'decimal' as const, errorTitle: L(lang, '数值不符合要求', 'Not a valid value'), error: L(lang, `${n.label}：请填写${what}，缺失请留空。`, `${n.label}: enter ${what}; leave it empty if missing.`), prompt: `${n.label}${n.unit ? `（${n.unit}）` : ''}` };
  if (lower !== undefined && upper !== undefined) return { ...base, operator: 'between', formula1: lower, formula2: upper };
  if (lower !== undefined) return { ...base, operator: 'greaterThanOrEqual', formula1: lower };
  if (upper !== undefined) return { ...base, operator: 'lessThanOrEqual', formula1: upper };
  return { ...base, operator: 'between', formula1: -1e15, formula2: 1e15 };
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
  // the built-in framework's 浙江省 is not a county round's (phrases.ts)
  const name = indexTitle(fw, o.lang, o.units, []);
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

/** The definitions sheet: module, indicator, id, unit, direction, allowed range, definition. */
function definitions(fw: Framework, lang: Lang): WSheet {
  const head = [L(lang, '模块', 'Module'), L(lang, '指标', 'Indicator'), L(lang, '代码', 'Id'), L(lang, '计量单位', 'Unit'), L(lang, '方向', 'Direction'), L(lang, '填报要求', 'Allowed values'), L(lang, '是否必填', 'Required'), L(lang, '说明', 'Definition')];
  const rows = formIndicators(fw).map((n): (WCell | string)[] => {
    const { lower, upper } = inputRange(n);
    const range = lower !== undefined && upper !== undefined ? `${lower} – ${upper}` : lower !== undefined ? `≥ ${lower}` : upper !== undefined ? `≤ ${upper}` : L(lang, '任意数值', 'any number');
    return [n.parent >= 0 ? nodeLabel(fw.nodes[n.parent]!, lang) : '', nodeLabel(n, lang), n.id, nodeUnit(n, lang), n.direction === 1 ? L(lang, '正向', 'higher is better') : L(lang, '逆向', 'lower is better'), range, n.required ? L(lang, '是', 'yes') : L(lang, '否', 'no'), n.note];
  });
  // the denominators: what each divides
  for (const d of formDenominators(fw)) {
    const of = formIndicators(fw).filter((n) => n.denominator === d.id).map((n) => nodeLabel(n, lang)).join(L(lang, '、', ', '));
    rows.push([L(lang, '分母', 'Denominator'), denominatorLabel(d, lang), d.id, d.unit, '—', '> 0', L(lang, '是', 'yes'), L(lang, `${of}除以此数`, `${of} ${of.includes(',') ? 'are' : 'is'} divided by it`)]);
  }
  return { name: L(lang, '指标说明', 'Definitions'), rows: [head.map((h) => ({ v: h, style: HEAD })), ...rows], cols: [14, 28, 24, 10, 12, 12, 10, 40], freeze: { rows: 1, cols: 0 }, protect: true, print: printSetup([14, 28, 24, 10, 12, 12, 10, 40], 1) };
}

/** Builds the form: the workbook model with its marker. */
export function buildForm(fw: Framework, o: FormOptions): WBook {
  // what each input asks for, by id: the leaves, and the denominators they are divided by (a positive number)
  const byId = new Map<string, Asked>([
    ...formIndicators(fw).map((n): [string, Asked] => [n.id, askedNode(n, o.lang)]),
    ...formDenominators(fw).map((d): [string, Asked] => [d.id, { label: denominatorLabel(d, o.lang), unit: d.unit, lower: 0 }]),
  ]);
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
      else set(input.row, 1, byId.get(input.node)!.unit);
      const refCol = o.layout === 'units' ? g.reference.get(input.node) : g.reference.get('*');
      if (refCol !== undefined && o.previous) set(input.row, refCol, { v: o.previous(input.unit, input.node), style: REFERENCE });
    }
    const last = g.headerRow + (o.layout === 'units' ? o.units.length : indicators.length);
    const width = g.head.length;
    const validations = o.layout === 'units'
      ? (o.units.length === 0 ? [] : indicators.map((n) => {
        const col = g.inputs.find((x) => x.node === n.id)!.col;
        return validation(`${cellRef(g.headerRow + 1, col)}:${cellRef(last, col)}`, byId.get(n.id)!, o.lang);
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
  return { sheets, title: L(o.lang, `${indexTitle(fw, 'zh', o.units, [])}数据填报表（${words}）`, `${indexTitle(fw, 'en', o.units, [])}: data form ${words}`), creator: 'smei', ...(o.date ? { date: o.date } : {}) };
}
