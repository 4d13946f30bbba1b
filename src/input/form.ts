// Reading a filled smei form back: known by its marker (a hidden sheet), not
// by guesswork. Every label cell is checked where the form put it, so a form
// whose rows or columns were deleted, moved or inserted is refused at the cell
// where it differs; then the input cells become rows for the same folder.
import { askDifferences, askedIndicators, formFingerprint, formGeometry, MARKER_SHEET, MARKER_TAG, frameworkHash, markerPeriod, type FormMarker } from '../collect/form.js';
import { SmeiError } from '../errors.js';
import type { Note } from '../core/types.js';
import { buildNodeLookup } from '../framework/check.js';
import type { Framework } from '../framework/types.js';
import { unitKey } from '../framework/units.js';
import { cleanCell, matchKey, quote } from '../text.js';
import { RecordFolder } from './fold.js';
import { cellText, headerYear, isNoteRow, isReferenceHeader, type Cell, type Locator } from './layout.js';
import { formatPeriod, parsePeriod } from '../time/period.js';
import type { ReadResult } from './read-options.js';
import { excerpt } from './values.js';
import type { XlsxSheet } from './xlsx.js';

/** The marker of a workbook's sheets, or undefined when it is not an smei form. */
export function findMarker(sheets: XlsxSheet[], file: string): FormMarker | undefined {
  const sheet = sheets.find((s) => s.name === MARKER_SHEET);
  if (sheet === undefined) return undefined;
  const rows = sheet.rows();
  if (cellText(rows[0]?.cells[0]) !== MARKER_TAG) return undefined;
  const text = rows.map((r) => cellText(r.cells[1])).join('');
  try {
    const m = JSON.parse(text) as FormMarker;
    if ((m.version !== 1 && m.version !== 2) || !Array.isArray(m.units) || !Array.isArray(m.sheets)) throw Object.assign(new Error('unknown marker version'), { zh: '标记的版本未知' });
    markerPeriod(m);
    if (m.version === 2 && (!Array.isArray(m.indicators) || m.fingerprint !== formFingerprint(m.units, markerPeriod(m).text, m.indicators))) throw Object.assign(new Error('its fingerprint does not match what it describes'), { zh: '其指纹与所描述的内容不符' });
    return m;
  } catch (e) {
    // the reason in Chinese where smei gave one (JSON.parse's own stays as it is)
    const zh = (e as { zh?: unknown }).zh;
    throw new SmeiError('file', `${file}: the form's hidden marker sheet (${MARKER_SHEET}) is damaged (${e instanceof Error ? e.message : e}). Fill in a fresh form (smei template) and copy the values over.`, { cause: e, zh: `${file}：填报表的隐藏标记工作表（${MARKER_SHEET}）已损坏（${typeof zh === 'string' ? zh : e instanceof Error ? e.message : e}）。请填写一张新的填报表（smei template），把数值抄过去。` });
  }
}

/** Reads a filled form into observations, checking its structure first. */
export function readForm(sheets: XlsxSheet[], marker: FormMarker, file: string, fw: Framework, columnLetters: (col: number) => string): Omit<ReadResult, 'sha256'> {
  if (marker.version === 1 && marker.frameworkHash !== frameworkHash(fw)) {
    throw new SmeiError('file', `${file}: this form was made for framework ${quote(marker.framework)}${marker.framework === fw.name ? ' as it was then' : ''}, not for ${quote(fw.name)} as given now. Read it with the framework it was made with (--framework), or fill in a form made from the framework given now (smei template).`, { zh: `${file}：这张填报表是为${marker.framework === fw.name ? '当时的' : ''}框架${quote(marker.framework)}制作的，不是为现在给出的框架${quote(fw.name)}。请用制作它时的框架读取（--framework），或填写一张用现在的框架制作的填报表（smei template）。` });
  }
  if (marker.version === 2) {
    // only what the cells depend on: weights, methods, labels and aggregation may have changed since
    const asked = askedIndicators(fw, marker.lang);
    const optional = new Set(fw.denominators.map((d) => d.id));
    const diff = askDifferences(marker.indicators!, asked, 'en', optional);
    if (diff.length > 0) {
      const diffZh = askDifferences(marker.indicators!, asked, 'zh', optional);
      const made = marker.framework === fw.name ? '' : ` was made for framework ${quote(marker.framework)} and`;
      const madeZh = marker.framework === fw.name ? '' : `是为框架${quote(marker.framework)}制作的，`;
      const shown = diff.length > 6 ? [...diff.slice(0, 5), `and ${diff.length - 5} more differences`] : diff;
      const shownZh = diffZh.length > 6 ? [...diffZh.slice(0, 5), `另有 ${diffZh.length - 5} 处不同`] : diffZh;
      throw new SmeiError('file', `${file}: this form${made} asks for other indicators than framework ${quote(fw.name)} does now: ${shown.join('; ')}. Read it with the framework it was made with (--framework), or fill in a form made from the framework given now (smei template).`, {
        zh: `${file}：这张填报表${madeZh}所要的指标与框架${quote(fw.name)}现在的不同：${shownZh.join('；')}。请用制作它时的框架读取（--framework），或填写一张用现在的框架制作的填报表（smei template）。`,
      });
    }
  }
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const at = (sheet: string, row: number, col: number): string => `${file}, sheet ${sheet}, ${columnLetters(col)}${row + 1}`;
  const places: { sheet: string; row: number; col: number; labelCol: number }[] = [];
  const folderRows: Cell[][] = [['unit', 'year', 'indicator', 'value']];
  /** Rows a clerk added below the form (a 合计, a new county): not read, and said so. */
  const extra: string[] = [];
  /** Labels a clerk annotated in brackets (营业收入总额（不含税）): read, and said so, as the remark may change the definition. */
  const annotated: string[] = [];
  const printed = new Map((marker.indicators ?? askedIndicators(fw, marker.lang)).map((i) => [i.id, i]));
  for (const g of formGeometry(marker, fw)) {
    const sheet = byName.get(g.name);
    if (sheet === undefined) throw new SmeiError('file', `${file}: the form's sheet ${quote(g.name)} is missing (deleted or renamed). Restore it, or copy the values into a fresh form (smei template).`, { zh: `${file}：填报表的工作表${quote(g.name)}不见了（被删除或改名）。请恢复它，或把数值抄到一张新的填报表（smei template）。` });
    const cells = new Map(sheet.rows().map((r) => [r.line - 1, r.cells]));
    for (const [row, col, text] of g.labels) {
      const raw = cellText(cells.get(row)?.[col]).trim();
      // white space aside: earlier English forms wrote units in full-width brackets, "revenue（CNY）"
      const got = cleanCell(raw).replace(/\s+/g, '');
      const want = cleanCell(text).replace(/\s+/g, '');
      // the label with a remark in brackets after it (营业收入总额（不含税）): the same row, read, and the remark noted
      if (got !== want && got.startsWith(want) && /^[(（【\[].*[)）】\]]$/.test(got.slice(want.length))) {
        annotated.push(`${columnLetters(col)}${row + 1}${marker.sheets && marker.sheets.length > 1 ? ` (${g.name})` : ''}: ${raw}`);
        continue;
      }
      if (got !== want) {
        throw new SmeiError('file', `${at(g.name, row, col)}: the form says ${quote(excerpt(text))} here, but the cell holds ${raw === '' ? 'nothing' : quote(excerpt(raw))}: the form's rows or columns were changed (deleted, moved or inserted). Put them back as sent, or copy the values into a fresh form (smei template).`, { zh: `${at(g.name, row, col)}：填报表这里应是${quote(excerpt(text))}，但单元格中${raw === '' ? '是空的' : `是${quote(excerpt(raw))}`}：填报表的行或列被改动了（删除、移动或插入）。请恢复为下发时的样子，或把数值抄到一张新的填报表（smei template）。` });
      }
    }
    const last = Math.max(...g.labels.map(([row]) => row), ...g.inputs.map((i) => i.row));
    for (const [row, rowCells] of cells) {
      if (row <= last) continue;
      const texts = rowCells.map((c) => cleanCell(cellText(c))).filter((t) => t !== '');
      if (texts.length > 0) extra.push(`${g.name} ${row + 1}: ${excerpt(texts[0]!)}`);
    }
    for (const input of g.inputs) {
      places.push({ sheet: g.name, row: input.row, col: input.col, labelCol: marker.layout === 'units' ? 0 : 0 });
      // a unit's sheet prints each indicator's unit beside it: a clerk's 万元 written over the form's 亿元 is
      // converted (or another quantity refused) as a header's unit is, not read as if in 亿元
      let indicator = input.node;
      if (marker.layout === 'sheets') {
        const typed = cleanCell(cellText(cells.get(input.row)?.[1]));
        // named by the label the form prints (the conversion's note says 营业收入（万元）, not revenue（万元）)
        if (typed !== '' && unitKey(typed) !== unitKey(printed.get(input.node)?.unit ?? '')) indicator = `${printed.get(input.node)?.label ?? input.node}（${typed}）`;
      }
      folderRows.push([input.unit, markerPeriod(marker).text, indicator, cells.get(input.row)?.[input.col] ?? '']);
    }
  }
  // Rows go to the folder as a long table; the locator names the form's own cells.
  const place = (line: number): (typeof places)[number] => places[line - 2]!;
  const where: Locator = {
    file,
    row: (line) => (line < 2 ? `${file}` : `${file}, sheet ${place(line).sheet}, row ${place(line).row + 1}`),
    cell: (line, col) => (line < 2 ? file : at(place(line).sheet, place(line).row, col === 3 ? place(line).col : place(line).labelCol)),
    colName: (col) => String(col + 1),
    lineWord: 'row',
  };
  const folder = new RecordFolder(where, fw, { firstRowFallback: true });
  folderRows.forEach((cells, i) => folder.add(cells, i + 1));
  folder.finish();
  const notes: Note[] = [{ code: 'form', detail: { layout: marker.layout, period: marker.period, units: marker.units.length } }, ...folder.notes.filter((n) => n.code === 'unit-converted' || n.code === 'unit-unchecked')];
  if (annotated.length > 0) notes.push({ code: 'form-label-remark', detail: { count: annotated.length, cells: annotated.slice(0, 10).join(', ') + (annotated.length > 10 ? ', …' : '') } });
  if (extra.length > 0) notes.push({ code: 'form-extra-rows', detail: { count: extra.length, rows: extra.slice(0, 10).join(', ') + (extra.length > 10 ? ', …' : '') } });
  return { observations: folder.observations, format: 'long', encoding: 'workbook', delimiter: ',', records: folder.records, notes, warnings: folder.warnings };
}

/** One sheet shaped like a unit's sheet of an smei form (layout `sheets`) whose marker was lost. */
export interface FormCopySheet {
  sheet: XlsxSheet;
  rows: { line: number; cells: Cell[] }[];
  unit: string;
  /** The period columns: 0-based column, period key and its text (a form has one; the 参考 column beside it is last period's, not read). */
  values: { col: number; period: number; text: string }[];
  /** 1-based row of the 指标 / 计量单位 / period header. */
  headerLine: number;
}

/**
 * Whether a sheet has the shape of one unit's sheet of a filled smei form:
 * a header row (in the first 20) of 指标, 计量单位 and period columns (those
 * not marked 参考 hold the values); the unit named in the title
 * above it (`丽水市 · …数据填报表（2019年）`) or, failing that, by the sheet's name.
 */
export function formCopyShape(sheet: XlsxSheet, rows = sheet.rows()): FormCopySheet | undefined {
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const cells = rows[i]!.cells;
    const key = (c: number): string => cleanCell(cellText(cells[c])).replace(/\s+/g, '').toLowerCase();
    if (!(['指标', 'indicator'].includes(key(0)) && ['计量单位', 'unit'].includes(key(1)))) continue;
    const values: { col: number; period: number; text: string }[] = [];
    for (let c = 2; c < cells.length; c++) {
      const h = cellText(cells[c]);
      if (isReferenceHeader(h)) continue;
      // a year (2020年), or the period of a half-yearly, quarterly or monthly form (2020年第四季度)
      const p = headerYear(h) !== undefined ? parsePeriod(String(headerYear(h))) : parsePeriod(h);
      if ('error' in p) break;
      values.push({ col: c, period: p.key, text: formatPeriod(p.key, p.freq) });
    }
    if (values.length === 0) return undefined;
    let unit = '';
    for (const r of rows.slice(0, i)) {
      for (const c of r.cells) {
        const m = /^\s*(.+?)\s*[·・]\s*\S/.exec(cellText(c));
        if (m !== null) {
          unit = cleanCell(m[1]!);
          break;
        }
      }
      if (unit !== '') break;
    }
    return { sheet, rows, unit: unit || cleanCell(sheet.name), values, headerLine: rows[i]!.line };
  }
  return undefined;
}

/**
 * A form of one unit's sheet saved as CSV (Excel's 另存为 CSV: the title line,
 * the instructions, 指标, 计量单位 and the period's column), read as a copied
 * form is; undefined when the text has not that shape. Only for a file the
 * ordinary reader refused (it found no unit column).
 */
export async function readFormCopyText(text: string, file: string, fw: Framework): Promise<Omit<ReadResult, 'sha256'> | undefined> {
  const { parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, delimiter: [',', '\t', ';'].sort((a, b) => text.split(b).length - text.split(a).length)[0] }) as string[][];
  } catch {
    return undefined;
  }
  const rows = records.map((cells, i) => ({ line: i + 1, cells: cells as Cell[] })).filter((r) => r.cells.some((c) => String(c).trim() !== ''));
  const name = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const copy = formCopyShape({ name, rows: () => rows }, rows);
  return copy === undefined ? undefined : readFormCopies([copy], file, fw, () => '', true);
}

/**
 * Reads copies of filled form sheets (their marker lost: a form copied into
 * a new workbook to merge or rename it) by their own shape: each indicator
 * row's value in each period column, under the sheet's unit. The labels are
 * matched as any indicator name is, so the framework still decides what is
 * read; the form's structure cannot be checked, and a note says so.
 */
export function readFormCopies(copies: FormCopySheet[], file: string, fw: Framework, columnLetters: (col: number) => string, text = false): Omit<ReadResult, 'sha256'> {
  // a sheet's cell (book.xlsx, sheet 丽水市, C5), or a CSV's line and column (form.csv:5:3)
  const at = (sheet: string, line: number, col: number): string => (text ? `${file}:${line}:${col + 1}` : `${file}, sheet ${sheet}, ${columnLetters(col)}${line}`);
  const places: { sheet: string; line: number; col: number }[] = [];
  const folderRows: Cell[][] = [['unit', 'year', 'indicator', 'value']];
  const lookup = buildNodeLookup(fw);
  for (const copy of copies) {
    for (const r of copy.rows) {
      if (r.line <= copy.headerLine) continue;
      const label = cellText(r.cells[0]).trim();
      if (label === '') continue;
      if (isNoteRow(r.cells)) break;
      // the 计量单位 cell, where it is not the framework's unit, goes with the label (营业收入总额（万元）): converted or refused as a header's is
      const node = lookup.get(matchKey(label));
      const unit = cleanCell(cellText(r.cells[1]));
      const n = node === undefined ? undefined : fw.nodes[node]!;
      const named = n !== undefined && unit !== '' && unitKey(unit) !== unitKey(n.unit) && unitKey(unit) !== unitKey(n.unitEn) ? `${label}（${unit}）` : label;
      // every period column (a form has one; a table kept the same way may have several)
      for (const { col, text } of copy.values) {
        places.push({ sheet: copy.sheet.name, line: r.line, col });
        folderRows.push([copy.unit, text, named, r.cells[col] ?? '']);
      }
    }
  }
  const place = (line: number): (typeof places)[number] => places[line - 2]!;
  const where: Locator = {
    file,
    row: (line) => (line < 2 ? file : text ? `${file}:${place(line).line}` : `${file}, sheet ${place(line).sheet}, row ${place(line).line}`),
    cell: (line, col) => (line < 2 ? file : at(place(line).sheet, place(line).line, col === 3 ? place(line).col : 0)),
    colName: (col) => String(col + 1),
    lineWord: 'row',
  };
  const folder = new RecordFolder(where, fw, { firstRowFallback: true });
  folderRows.forEach((cells, i) => folder.add(cells, i + 1));
  folder.finish();
  const units = [...new Set(copies.map((c) => c.unit))];
  const periods = [...new Map(copies.flatMap((c) => c.values.map((v) => [v.period, v.text] as const))).entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
  const notes = [{ code: 'form-copy' as const, detail: { sheet: copies.map((c) => c.sheet.name).join(', '), period: periods.join(', '), units: units.length, ...(text ? { saved: 'csv' } : {}) } }, ...folder.notes.filter((n) => n.code !== 'header-units')];
  return { observations: folder.observations, format: 'long', encoding: 'workbook', delimiter: ',', records: folder.records, notes, warnings: folder.warnings };
}
