// Workbooks (.xlsx, .xls) -> the rows the CSV reader would give -> the same
// folder. Numbers come from the cell values, not their display text; a
// formula uses its cached value. An .xlsx is read by the lean reader
// (xlsx.ts); an .xls, or an .xlsx it does not handle, by SheetJS.
import { errorClause, SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import { quote } from '../text.js';
import { RecordFolder } from './fold.js';
import { cellText, headerPeriod, type Cell, type Locator } from './layout.js';
import { layoutOptions, workbookKind, type ReadOptions, type ReadResult } from './read-options.js';
import { excerpt } from './values.js';
import { findMarker, formCopyShape, readForm, readFormCopies } from './form.js';
import { formatPeriod, frequencyName } from '../time/period.js';
import { conflictError, mergeObservations } from '../collect/merge.js';
import { duplicatesNote, type Note } from '../core/types.js';
import { openXlsx, openZip, zipFailure, type XlsxSheet } from './xlsx.js';

/** Column letters of a 0-based column ("C" for 2, "AA" for 26). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet's locator: "data.xlsx, sheet 2018, C7". */
function sheetLocator(file: string, sheet: string): Locator {
  const at = `${file}, sheet ${sheet}`;
  return { file, row: (line) => `${at}, row ${line}`, cell: (line, col) => `${at}, ${columnLetters(col)}${line}`, colName: columnLetters, lineWord: 'row' };
}

/** A short picture of a sheet for the "no sheet fits" message: its first non-empty row. */
function firstRowText(rows: { cells: Cell[] }[], lang: 'zh' | 'en' = 'en'): string {
  const row = rows[0];
  if (row === undefined) return lang === 'zh' ? '空表' : 'empty';
  return `${lang === 'zh' ? '第一行：' : 'first row: '}${excerpt(row.cells.map((c) => cellText(c).trim()).filter((t) => t !== '').join(' | '), 60)}`;
}

/** Reads a workbook into observations: the sheet --sheet names, or every sheet whose header smei recognises, merged (one frequency; the first sheet's errors are the file's). */
export async function readWorkbook(bytes: Buffer, file: string, fw: Framework, options: ReadOptions): Promise<Omit<ReadResult, 'sha256'>> {
  const where = (sheet: string, line: number, col: number): string => sheetLocator(file, sheet).cell(line, col);
  // a ZIP is checked (entries inside the file, none overlapping, inflated total capped) before anything is inflated
  const archive = workbookKind(bytes) === 'zip' ? openZip(bytes, file) : undefined;
  let sheets: XlsxSheet[] | undefined = archive === undefined ? undefined : openXlsx(archive, where, file);
  if (sheets === undefined) {
    const { sheetjsSheets } = await import('./sheetjs.js');
    let given = bytes;
    if (archive !== undefined) {
      // SheetJS gets every entry inflated already (by node:zlib, within the limits): its own inflate never runs
      try {
        given = archive.stored();
      } catch (e) {
        throw zipFailure(e, file);
      }
    }
    sheets = await sheetjsSheets(given, file, where);
  }
  // An smei form is read by its marker, not by guesswork.
  const marker = findMarker(sheets, file);
  if (marker !== undefined) return readForm(sheets, marker, file, fw, columnLetters);
  const names = sheets.map((s) => s.name);
  let candidates = sheets;
  // smei's own results workbook (compute --out x.xlsx): its 指数 sheet, the index and modules as given;
  // the ranked, 同比 and 排名 sheets are worked out from it, and the indicators' columns are points, not raw values
  const results = options.sheet === undefined ? resultsIndexSheet(sheets) : undefined;
  if (results !== undefined) candidates = [results];
  if (options.sheet !== undefined) {
    const want = options.sheet.trim();
    const n = /^\d+$/.test(want) ? Number(want) : undefined;
    const found = sheets.find((s) => s.name.trim() === want) ?? (n !== undefined && n >= 1 && n <= sheets.length ? sheets[n - 1] : undefined);
    if (found === undefined) throw new SmeiError('usage', `--sheet ${quote(options.sheet)}: ${file} has no such sheet. Its sheets: ${names.map((s, i) => `${i + 1} ${quote(s)}`).join(', ')}.`, { zh: `--sheet ${quote(options.sheet)}：${file}中没有这个工作表。它的工作表有：${names.map((s, i) => `${i + 1} ${quote(s)}`).join(', ')}。` });
    candidates = [found];
  }
  // A filled form copied into a new workbook (its hidden marker lost) is known by its own shape
  // (指标, 计量单位, period columns): when a sheet has it, every sheet that has it is read so.
  const shapes = options.headerRow === undefined && options.unitColumn === undefined;
  const looked: string[] = [];
  const lookedZh: string[] = [];
  /** The sheets read as data, in workbook order. */
  const read: { sheet: XlsxSheet; folder: RecordFolder }[] = [];
  /** Sheets with a header that were not read, and why (another frequency, an error). */
  const skipped: Note[] = [];
  /** Later sheets named as periods that could not be read (refused after the others are tried, all named). */
  const broken: { sheet: string; error: SmeiError }[] = [];
  /** The sheets of another frequency than the first read, left out. */
  const otherFrequency: { sheet: XlsxSheet; folder: RecordFolder }[] = [];
  for (const sheet of candidates) {
    // a sheet named as a period (2018年, 2025年第三季度) without a period column or a title naming one holds that period
    const period = headerPeriod(sheet.name);
    const named = options.periodIfNone === undefined ? period : undefined;
    const folder = new RecordFolder(sheetLocator(file, sheet.name), fw, { ...layoutOptions(options), ...(named !== undefined ? { periodIfNone: { ...named, from: 'sheet' as const } } : {}), ...(results !== undefined ? { indexPoints: true } : {}), firstRowFallback: options.sheet !== undefined || candidates.length === 1 });
    const rows = sheet.rows();
    if (read.length === 0 && shapes && formCopyShape(sheet, rows) !== undefined) {
      const copies = candidates.map((s) => formCopyShape(s, s === sheet ? rows : s.rows())).filter((c) => c !== undefined);
      return readFormCopies(copies, file, fw, columnLetters);
    }
    try {
      for (const r of rows) folder.add(r.cells, r.line);
      folder.finish();
    } catch (caught) {
      // cells that are not numbers came before the error further on: said first, all of them
      const e = folder.pendingError() ?? caught;
      // a later sheet with a header of its own (the other half-year, another indicator) is read too, unless it cannot be
      if (read.length === 0 || !(e instanceof SmeiError)) throw e;
      // a sheet named as a period (2024年 beside 2019年…2023年) is that period's data: left out, the index would
      // silently end a period early (the county trial: 2024年's one misnamed column dropped the year), so it is refused
      if (period !== undefined) {
        broken.push({ sheet: sheet.name, error: e });
        continue;
      }
      skipped.push({ code: 'sheet-skipped', detail: { sheet: sheet.name, reason: errorClause(e, 'en'), reasonZh: errorClause(e, 'zh') } });
      continue;
    }
    if (read.length > 0) {
      // a portal's year-to-date sheets begin with January alone (2023年1月, then 2023年1-2月…): January is 1-1月
      const januaryOnly = (o: RecordFolder): boolean => o.observations.frequency === 'month' && o.observations.years().every((k) => k % 100 === 1);
      if (folder.hasLayout && folder.observations.frequency === 'cumulative' && read.every((r) => januaryOnly(r.folder))) {
        for (const r of read) r.folder.observations.frequency = 'cumulative';
      } else if (folder.hasLayout && read[0]!.folder.observations.frequency === 'cumulative' && januaryOnly(folder)) {
        folder.observations.frequency = 'cumulative';
      }
      if (folder.hasLayout && folder.observations.frequency !== read[0]!.folder.observations.frequency) {
        const f = (o: RecordFolder, lang: 'zh' | 'en'): string => frequencyName(o.observations.frequency, lang);
        skipped.push({ code: 'sheet-skipped', detail: { sheet: sheet.name, reason: `it holds ${f(folder, 'en')} data, sheet "${read[0]!.sheet.name}" ${f(read[0]!.folder, 'en')} data; read it with --sheet ${quote(sheet.name)}`, reasonZh: `它是${f(folder, 'zh')}数据，而工作表“${read[0]!.sheet.name}”是${f(read[0]!.folder, 'zh')}数据；要读它，请用 --sheet ${quote(sheet.name)}` } });
        otherFrequency.push({ sheet, folder });
        continue;
      }
    }
    if (!folder.hasLayout) {
      looked.push(`${quote(sheet.name)} (${firstRowText(rows)})`);
      lookedZh.push(`${quote(sheet.name)}（${firstRowText(rows, 'zh')}）`);
      continue;
    }
    read.push({ sheet, folder });
  }
  if (read.length > 0 && broken.length > 0) {
    const names = broken.map((b) => quote(b.sheet));
    throw new SmeiError(broken[0]!.error.code, `${file}: ${broken.length === 1 ? 'sheet' : 'sheets'} ${names.join(', ')}, named as ${broken.length === 1 ? 'a period' : 'periods'}, cannot be read beside the other sheets, and the index would end without ${broken.length === 1 ? 'it' : 'them'}: ${broken.map((b) => errorClause(b.error, 'en')).join('; ')}.`, {
      zh: `${file}：以时期命名的工作表${names.join('、')}无法与其他工作表一起读取，缺了它，指数就少了这一期：${broken.map((b) => errorClause(b.error, 'zh')).join('；')}。`,
    });
  }
  if (read.length > 0) {
    // a sheet left out for its frequency that holds indicators no sheet read gives (a portal's 营业收入 累计 beside
    // monthly counts): the index would be made without them, so the file is refused, not read in part
    const given = new Set(read.flatMap((r) => fw.nodes.filter((n) => r.folder.observations.nodeHasData[n.index]).map((n) => n.index)));
    const lost = otherFrequency.map((o) => ({ ...o, nodes: fw.nodes.filter((n) => n.children.length === 0 && o.folder.observations.nodeHasData[n.index] && !given.has(n.index)) })).filter((o) => o.nodes.length > 0);
    if (lost.length > 0) {
      const f0 = read[0]!.folder.observations.frequency;
      const what = (lang: 'zh' | 'en'): string => lost.map((o) => {
        const names = o.nodes.map((n) => (lang === 'zh' ? n.zh || n.id : n.en || n.id)).join(lang === 'zh' ? '、' : ', ');
        return lang === 'zh' ? `${quote(o.sheet.name)}（${frequencyName(o.folder.observations.frequency, lang)}：${names}）` : `${quote(o.sheet.name)} (${frequencyName(o.folder.observations.frequency, lang)}: ${names})`;
      }).join(lang === 'zh' ? '；' : '; ');
      throw new SmeiError('data', `${file}: sheets of ${frequencyName(f0, 'en')} data (${read.map((r) => quote(r.sheet.name)).join(', ')}) are read, but other sheets hold indicators none of them gives, in another frequency: ${what('en')}. An index of some indicators in one frequency and some in another would be wrong, and one without them is not the index. Give every indicator in one frequency (for 累计 year-to-date values, each month's own is this month's total minus last month's), or read one kind with --sheet.`, {
        zh: `${file}：读取了${frequencyName(f0, 'zh')}数据的工作表（${read.map((r) => quote(r.sheet.name)).join('、')}），但另有工作表以另一种频率给出了它们没有的指标：${what('zh')}。指标频率不一的指数是错的，缺了这些指标的也不是该指数。请以同一种频率给出全部指标（累计数可换算为当月数：本月累计减上月累计），或用 --sheet 只读其中一种。`,
      });
    }
    const { sheet, folder } = read[0]!;
    const notes: Note[] = results !== undefined ? [{ code: 'results-workbook', detail: { sheet: results.name } }, ...folder.notes] : names.length > 1 ? [{ code: 'sheet', detail: { sheet: read.map((r) => r.sheet.name).join('", "'), count: read.length } }, ...skipped, ...folder.notes] : [...folder.notes];
    if (folder.formCopy) {
      // the units layout of a form (地区, 年份, indicators with 参考 columns beside them), read as the wide table it is
      const years = folder.observations.years();
      notes.unshift({ code: 'form-copy', detail: { sheet: sheet.name, period: years.map((y) => formatPeriod(y, folder.observations.frequency)).join(', '), units: folder.observations.units.length } });
    }
    const result: Omit<ReadResult, 'sha256'> = { observations: folder.observations, format: folder.format, encoding: 'workbook', delimiter: ',', records: folder.records, notes, warnings: folder.warnings, sheet: sheet.name };
    if (read.length === 1) return result;
    // several sheets of data (a half-year each, an indicator each): merged as files are, a cell two sheets give differently refused
    const merged = mergeObservations(read.map((r) => r.folder.observations), file);
    if (merged.conflicts.length > 0) throw conflictError(merged.conflicts, fw, merged.observations.frequency, 'sheets');
    const seen = new Set(notes.map((n) => JSON.stringify(n)));
    for (const r of read.slice(1)) {
      for (const n of r.folder.notes) {
        const key = JSON.stringify(n);
        if (!seen.has(key)) notes.push(n);
        seen.add(key);
      }
    }
    if (merged.identical > 0) notes.push(duplicatesNote(merged.identical, merged.example!, fw, merged.observations.frequency));
    // a sheet per period, each without a period column (a portal's 2023年1-2月, 2023年1-3月, …): one note, not one a sheet
    const titled = notes.filter((n) => n.code === 'title-period');
    if (titled.length > 1) {
      const first = notes.indexOf(titled[0]!);
      const join = (k: 'zh' | 'en'): string => titled.map((n) => String(n.detail[k])).join(k === 'zh' ? '、' : ', ');
      notes.splice(first, 1, { code: 'title-period', detail: { period: titled.map((n) => String(n.detail.period)).join(', '), zh: join('zh'), en: join('en'), sheets: titled.length, ...(titled.every((n) => n.detail.given === 'sheet') ? { given: 'sheet' } : {}) } });
      for (let i = notes.length - 1; i > first; i--) if (notes[i]!.code === 'title-period') notes.splice(i, 1);
    }
    return { ...result, observations: merged.observations, records: read.reduce((a, r) => a + r.folder.records, 0), warnings: read.flatMap((r) => r.folder.warnings) };
  }
  throw new SmeiError('header', `${file}: no sheet has a header smei recognises (a unit column such as 地区 and a year column such as 年份, or years as columns such as 2016年, in its first 20 rows). Sheets: ${looked.join('; ')}. Pick one with --sheet NAME and --header-row N; if the column of unit names has another header (村社, 园区), name it with --unit-column NAME.`, { zh: `${file}：没有一个工作表的表头能被 smei 识别（前 20 行中应有地区列如“地区”“乡镇（街道）”和年份列如“年份”，或以年份为列如“2016年”）。工作表：${lookedZh.join('；')}。请用 --sheet NAME 和 --header-row N 指定；地区名称所在列的列名另有叫法（如“村社”“园区”）时，用 --unit-column 列名 指定。` });
}

/**
 * The index sheet of smei's own results workbook (compute --out x.xlsx): a
 * sheet 指数 (Index) beside a method sheet 方法 (Method) that says smei
 * made it (生成 smei 1.2.0); undefined for any other workbook.
 */
function resultsIndexSheet(sheets: XlsxSheet[]): XlsxSheet | undefined {
  const method = sheets.find((s) => s.name === '方法' || s.name === 'Method');
  const index = sheets.find((s) => s.name === '指数' || s.name === 'Index');
  if (method === undefined || index === undefined) return undefined;
  const made = method.rows().some((r) => ['生成', 'Generated by'].includes(String(r.cells[0] ?? '').trim()) && /^smei \S+$/.test(String(r.cells[1] ?? '').trim()));
  return made ? index : undefined;
}
