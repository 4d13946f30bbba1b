// A lean .xlsx reader for the common case: the ZIP's central directory, the
// workbook's sheet list, shared strings, the styles' percentage formats, and
// each sheet's cells scanned with indexOf (no DOM, no regex per cell). SheetJS
// parses a 100,000-row sheet about four times slower; it stays the reader for
// .xls and for any .xlsx this one does not understand (it returns undefined
// then, and the caller falls back). Tested against SheetJS cell by cell.
import { SmeiError } from '../errors.js';
import { ZipArchive, ZipError } from '../zip.js';
import { cellNumber, dateFormatKind, excelDateText, excerpt, parsePlain } from './values.js';
import { Fraction, type Cell } from './layout.js';

/** Opens an archive, a ZipError (why it cannot be read) made a message naming the file. */
export function openZip(buf: Buffer, file: string): ZipArchive {
  try {
    return new ZipArchive(buf);
  } catch (e) {
    throw zipFailure(e, file);
  }
}

/** A ZipError as the user's message: the file, why, and what to do. */
export function zipFailure(e: unknown, file: string): unknown {
  if (!(e instanceof ZipError)) return e;
  return new SmeiError('file', `${file}: cannot be read as a workbook: ${e.message}. Open it in Excel or WPS and save it again as .xlsx (or ask for the file again).`, { cause: e, zh: `${file}：无法作为工作簿读取：${e.zh}。请在 Excel 或 WPS 中打开并重新另存为 .xlsx（或请对方重新发送文件）。` });
}

/** The text of one part of a ZIP archive (an .xlsx or .docx), or undefined. */
export function zipPart(buf: Buffer, name: string): string | undefined {
  return openZip(buf, 'the archive').text(name);
}

/** The bytes of one part of a ZIP archive, or undefined. */
export function zipPartBytes(buf: Buffer, name: string): Buffer | undefined {
  return openZip(buf, 'the archive').bytes(name);
}

/** The names of the parts of a ZIP archive. */
export function zipNames(buf: Buffer): string[] {
  return openZip(buf, 'the archive').names();
}

/** One XML character reference as text; a code point past U+10FFFF (or a surrogate) is U+FFFD, not a crash. */
function codePoint(n: number): string {
  return n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

/**
 * Decodes the five XML entities and numeric references, then Excel's escapes
 * _xHHHH_ (a UTF-16 unit: Excel writes _x000D_ for a CR), in one pass each as
 * SheetJS does (so _x005F_x000D_ is the literal text _x000D_).
 */
function unescapeXml(s: string): string {
  if (s.includes('&')) {
    s = s.replace(/&(?:#x([0-9a-fA-F]{1,8})|#(\d{1,9})|(amp|lt|gt|quot|apos));/g, (_, hex: string, dec: string, name: string) =>
      hex ? codePoint(parseInt(hex, 16)) : dec ? codePoint(Number(dec)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name]!);
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

/** Whether a character code may follow a tag name (white space, >, /). */
function endsName(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/**
 * The opening tags `<name ...>` in xml[from, to), each as its text: found with
 * indexOf, never a regex that could rescan the rest of the file (linear in the
 * bytes however the XML is broken; a tag that never closes ends the scan).
 */
function* tags(xml: string, name: string, from = 0, to = xml.length): Generator<string> {
  const open = `<${name}`;
  let i = xml.indexOf(open, from);
  while (i >= 0 && i < to) {
    const gt = xml.indexOf('>', i);
    if (gt < 0) return;
    if (endsName(xml.charCodeAt(i + open.length))) yield xml.slice(i, gt + 1);
    i = xml.indexOf(open, gt);
  }
}

/** The attributes of one tag's text (`<sheet name="x" r:id="rId1"/>`), scanned once, left to right. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 1;
  while (i < tag.length) {
    const eq = tag.indexOf('=', i);
    if (eq < 0) break;
    const name = tag.slice(i, eq);
    let q = eq + 1;
    while (q < tag.length && (tag.charCodeAt(q) === 32 || tag.charCodeAt(q) === 9 || tag.charCodeAt(q) === 10 || tag.charCodeAt(q) === 13)) q++;
    const quote = tag[q];
    if (quote !== '"' && quote !== "'") break; // an unquoted value: the rest of the tag is not read
    const close = tag.indexOf(quote, q + 1);
    if (close < 0) break;
    // the name is the last word before = (white space and stray text before it skipped)
    const word = name.trim().split(/\s+/).pop() ?? '';
    if (word !== '') out.set(word, unescapeXml(tag.slice(q + 1, close)));
    i = close + 1;
  }
  return out;
}

/** The text of every <t> in an element, phonetic runs (<rPh>) left out; linear in its length. */
function runText(xml: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const t = xml.indexOf('<t', i);
    if (t < 0) break;
    const rph = xml.indexOf('<rPh', i);
    if (rph >= 0 && rph < t) {
      // a phonetic run: skip to its end (an unclosed one ends the text)
      const end = xml.indexOf('</rPh>', rph);
      if (end < 0) break;
      i = end + 6;
      continue;
    }
    const gt = xml.indexOf('>', t);
    if (gt < 0) break;
    if (!endsName(xml.charCodeAt(t + 2))) {
      i = t + 2;
      continue;
    }
    if (xml.charCodeAt(gt - 1) === 47) {
      i = gt + 1; // <t/>
      continue;
    }
    const close = xml.indexOf('</t>', gt);
    if (close < 0) break; // an unclosed <t>: what follows is not text
    out += xml.slice(gt + 1, close);
    i = close + 4;
  }
  return unescapeXml(out);
}

/** The shared strings table, scanned once: each <si>...</si> (or <si/>) in order. */
function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let i = xml.indexOf('<si');
  while (i >= 0) {
    const c = xml.charCodeAt(i + 3);
    if (c === 47) {
      out.push(''); // <si/>
      i = xml.indexOf('<si', i + 3);
      continue;
    }
    if (c !== 62) {
      i = xml.indexOf('<si', i + 3);
      continue;
    }
    const close = xml.indexOf('</si>', i);
    if (close < 0) break; // an unclosed <si>: the table ends there
    out.push(runText(xml.slice(i + 4, close)));
    i = xml.indexOf('<si', close + 5);
  }
  return out;
}

/** A relationship's target as a part name (relative to xl/); one that leaves the package is refused. */
function packagePath(target: string, file: string): string {
  const out: string[] = [];
  for (const seg of (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/')) {
    if (seg === '..') {
      if (out.length === 0) throw new SmeiError('file', `${file}: cannot be read as a workbook: a relationship points outside the package (${JSON.stringify(target.slice(0, 80))}). Open it in Excel or WPS and save it again as .xlsx.`, { zh: `${file}：无法作为工作簿读取：有一个关系指向包外（${JSON.stringify(target.slice(0, 80))}）。请在 Excel 或 WPS 中打开并重新另存为 .xlsx。` });
      out.pop();
    } else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** A sheet of the workbook: its name and its rows as the folder takes them. */
export interface XlsxSheet {
  name: string;
  /** Rows by 1-based row number, cells by column; blank rows left out. */
  rows: () => { line: number; cells: Cell[] }[];
}

/** Spreadsheet errors as a cell's cached text gives them. */
const ERROR_TEXTS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

/** Column letters to a 0-based index ("C" -> 2). */
function columnIndex(ref: string, end: number): number {
  let col = 0;
  for (let i = 0; i < end; i++) col = col * 26 + (ref.charCodeAt(i) - 64);
  return col - 1;
}

/** The last column a workbook has (XFD), 0-based. */
const MAX_COLUMN = 16383;

/** "data.xlsx, sheet S" from a cell locator (its part before the cell). */
function sheetName(sheet: string, where: (sheet: string, line: number, col: number) => string): string {
  const at = where(sheet, 1, 0);
  return at.endsWith(', A1') ? at.slice(0, -4) : at;
}

/** Built-in number formats that show a percentage (0%, 0.00%). */
const PERCENT_FORMAT_IDS = new Set([9, 10]);

/**
 * Opens an .xlsx: its sheets in workbook order, each read on demand. Returns
 * undefined for anything outside the common case (the caller uses SheetJS).
 * `where(sheet, row, col)` names a cell for messages.
 */
export function openXlsx(buf: Buffer | ZipArchive, where: (sheet: string, line: number, col: number) => string, file = 'the workbook'): XlsxSheet[] | undefined {
  const archive = buf instanceof ZipArchive ? buf : openZip(buf, file);
  const entries = archive.entries;
  const part = (name: string): string | undefined => {
    try {
      return archive.text(name);
    } catch (e) {
      throw zipFailure(e, file);
    }
  };
  const workbook = part('xl/workbook.xml');
  const rels = part('xl/_rels/workbook.xml.rels');
  if (workbook === undefined || rels === undefined || !workbook.includes('<sheet ')) return undefined;
  const targets = new Map<string, string>();
  for (const tag of tags(rels, 'Relationship')) {
    const a = attributes(tag);
    const target = a.get('Target');
    if (a.get('Id') !== undefined && target !== undefined) targets.set(a.get('Id')!, packagePath(target, file));
  }
  const strings: string[] = [];
  const shared = part('xl/sharedStrings.xml');
  if (shared !== undefined) strings.push(...sharedStrings(shared));
  const percent: boolean[] = [];
  /** Styles that show a date (a period typed 2025年6月 is stored as a date): its serial is read as the date's text. */
  const dates: ('month' | 'day' | undefined)[] = [];
  const styles = part('xl/styles.xml');
  if (styles !== undefined) {
    const custom = new Map<number, string>();
    for (const tag of tags(styles, 'numFmt')) {
      const a = attributes(tag);
      custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
    }
    const xfsAt = styles.indexOf('<cellXfs');
    const xfsEnd = xfsAt < 0 ? -1 : styles.indexOf('</cellXfs>', xfsAt);
    for (const tag of xfsEnd < 0 ? [] : tags(styles, 'xf', xfsAt, xfsEnd)) {
      const id = Number(attributes(tag).get('numFmtId') ?? 0);
      const code = custom.get(id);
      percent.push(code !== undefined ? code.replace(/"[^"]*"|\\./g, '').includes('%') : PERCENT_FORMAT_IDS.has(id));
      dates.push(dateFormatKind(code, id));
    }
  }
  const sheets: XlsxSheet[] = [];
  // part names are case-insensitive (OPC): Target="worksheets/Sheet1.xml" finds xl/worksheets/sheet1.xml
  const lower = new Map([...entries.keys()].map((k) => [k.toLowerCase(), k]));
  const broken = (why: string, whyZh: string): SmeiError =>
    new SmeiError('file', `${file}: cannot be read as a workbook: ${why}. The file is damaged or was not written by Excel or WPS: open it there and save it again as .xlsx.`, {
      zh: `${file}：无法作为工作簿读取：${whyZh}。文件已损坏，或不是由 Excel 或 WPS 写出的：请在其中打开并重新另存为 .xlsx。`,
    });
  for (const tag of tags(workbook, 'sheet')) {
    const a = attributes(tag);
    const name = a.get('name');
    // the relationship id: r:id, whatever the prefix is called
    const id = a.get('r:id') ?? [...a].find(([k]) => k.endsWith(':id'))?.[1];
    if (name === undefined || id === undefined) throw broken(`sheet ${sheets.length + 1} in xl/workbook.xml has no ${name === undefined ? 'name' : 'relationship (r:id)'} (${JSON.stringify(excerpt(tag, 60))})`, `xl/workbook.xml 中的第 ${sheets.length + 1} 个工作表没有${name === undefined ? '名称' : '关系（r:id）'}（${JSON.stringify(excerpt(tag, 60))}）`);
    const target = targets.get(id);
    const entry = target === undefined ? undefined : entries.has(target) ? target : lower.get(target.toLowerCase());
    if (entry === undefined) throw broken(`sheet ${JSON.stringify(name)} points at ${target === undefined ? `relationship ${JSON.stringify(id)}, which xl/_rels/workbook.xml.rels does not have` : `${target}, which is not in the file`}`, `工作表 ${JSON.stringify(name)} 指向${target === undefined ? `关系 ${JSON.stringify(id)}，而 xl/_rels/workbook.xml.rels 中没有它` : ` ${target}，而文件中没有它`}`);
    sheets.push({ name, rows: () => sheetRows(part(entry) ?? '', name, strings, percent, where, dates) });
  }
  return sheets;
}

/** The text of a cell's <v> (which may carry attributes: <v xml:space="preserve">), or undefined. */
function valueText(inner: string): string | undefined {
  let i = inner.indexOf('<v');
  while (i >= 0 && inner.charCodeAt(i + 2) !== 62 && inner.charCodeAt(i + 2) !== 32) i = inner.indexOf('<v', i + 2);
  if (i < 0) return undefined;
  const open = inner.indexOf('>', i);
  if (inner.charCodeAt(open - 1) === 47) return ''; // <v/>
  return inner.slice(open + 1, inner.indexOf('</v>', open));
}

/** Scans a sheet's XML for its rows of cells. */
function sheetRows(xml: string, sheet: string, strings: string[], percent: boolean[], where: (sheet: string, line: number, col: number) => string, dates: readonly ('month' | 'day' | undefined)[] = []): { line: number; cells: Cell[] }[] {
  const rows: { line: number; cells: Cell[] }[] = [];
  const start = xml.indexOf('<sheetData');
  if (start < 0) return rows;
  const close = xml.indexOf('</sheetData>', start);
  // a sheet cut short (no </sheetData>) is read to its end
  const end = close < 0 ? xml.length : close;
  let p = xml.indexOf('>', start) + 1;
  if (p === 0) return rows;
  /** The next '=' at or after a position (remembered: the scan moves forward only, so it stays linear). */
  let nextEq = -1;
  const eqFrom = (q: number): number => {
    if (nextEq < q && nextEq !== Infinity) {
      nextEq = xml.indexOf('=', q);
      if (nextEq < 0) nextEq = Infinity;
    }
    return nextEq;
  };
  if (xml.charCodeAt(p - 2) === 47) return rows; // <sheetData/>
  let line = 0;
  let cells: Cell[] = [];
  let col = -1;
  const flush = (): void => {
    while (cells.length > 0 && (cells[cells.length - 1] === '' || (typeof cells[cells.length - 1] === 'string' && (cells[cells.length - 1] as string).trim() === ''))) cells.pop();
    if (cells.length > 0) rows.push({ line, cells });
  };
  while (p < end) {
    const lt = xml.indexOf('<', p);
    if (lt < 0 || lt >= end) break;
    const c1 = xml.charCodeAt(lt + 1);
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break; // a tag cut short at the end
    if (c1 === 114 && xml.startsWith('<row', lt)) {
      // <row r="7" ...> or <row .../>
      const tag = xml.slice(lt, gt);
      const r = /\br="(\d+)"/.exec(tag);
      line = r ? Number(r[1]) : line + 1;
      cells = [];
      col = -1;
      if (xml.charCodeAt(gt - 1) === 47) flush();
      p = gt + 1;
    } else if (c1 === 47 && xml.startsWith('</row>', lt)) {
      flush();
      cells = [];
      p = lt + 6;
    } else if (c1 === 99 && (xml.charCodeAt(lt + 2) === 32 || xml.charCodeAt(lt + 2) === 62 || xml.charCodeAt(lt + 2) === 47)) {
      // <c r="B7" s="3" t="s"> ... </c>, or <c .../>
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      let ref = '';
      let style = 0;
      let type = 'n';
      // attributes, scanned by hand: this runs once per cell
      let q = lt + 3;
      while (q < gt) {
        const eq = eqFrom(q);
        if (eq > gt) break;
        const quote = xml.charCodeAt(eq + 1);
        const close = quote === 34 || quote === 39 ? xml.indexOf(quote === 34 ? '"' : "'", eq + 2) : -1;
        if (close < 0 || close > gt) {
          throw new SmeiError('file', `${sheetName(sheet, where)}, row ${line}: a cell's tag is broken (an attribute value without quotes: ${JSON.stringify(excerpt(xml.slice(lt, Math.min(gt + 1, lt + 60))))}). Open the workbook in Excel or WPS and save it again.`, { zh: `${sheetName(sheet, where)}, row ${line}：单元格的标签已损坏（属性值没有引号：${JSON.stringify(excerpt(xml.slice(lt, Math.min(gt + 1, lt + 60))))}）。请在 Excel 或 WPS 中打开工作簿并重新保存。` });
        }
        const name = xml.slice(q, eq).trim();
        const value = xml.slice(eq + 2, close);
        if (name === 'r') ref = value;
        else if (name === 's') style = Number(value);
        else if (name === 't') type = value;
        q = close + 1;
      }
      if (ref !== '') {
        let letters = 0;
        while (letters < ref.length && letters < 4 && ref.charCodeAt(letters) >= 65) letters++;
        col = letters === 0 ? col + 1 : columnIndex(ref, letters);
        if (col > MAX_COLUMN) {
          throw new SmeiError('file', `${sheetName(sheet, where)}: cell ${JSON.stringify(excerpt(ref, 20))} is past column XFD, the last column a workbook has. The file is damaged or was not written by Excel or WPS: save it again from there.`, { zh: `${sheetName(sheet, where)}：单元格 ${JSON.stringify(excerpt(ref, 20))} 超出了工作簿的最后一列 XFD。文件已损坏，或不是由 Excel 或 WPS 写出的：请在其中重新保存。` });
        }
      } else col++;
      if (selfClosing) {
        p = gt + 1;
        continue;
      }
      const closeTag = xml.indexOf('</c>', gt);
      if (closeTag < 0 || closeTag > end) {
        throw new SmeiError('file', `${where(sheet, line, col)}: the cell is never closed (no </c> before the end of the sheet's data). The file is damaged: open it in Excel or WPS and save it again.`, { zh: `${where(sheet, line, col)}：单元格没有闭合（在工作表数据结束前没有 </c>）。文件已损坏：请在 Excel 或 WPS 中打开并重新保存。` });
      }
      const inner = xml.slice(gt + 1, closeTag);
      p = closeTag + 4;
      const v = valueText(inner);
      let value: Cell = '';
      if (v === undefined && inner.includes('<f')) {
        const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1] ?? '';
        throw new SmeiError('value', `${where(sheet, line, col)}: a formula (=${excerpt(unescapeXml(f))}) without a saved value. Open the workbook in Excel or WPS, let it calculate, and save it again (or paste the values).`, { zh: `${where(sheet, line, col)}：公式（=${excerpt(unescapeXml(f))}）没有保存计算结果。请在 Excel 或 WPS 中打开工作簿，让它计算后重新保存（或粘贴为数值）。` });
      }
      switch (type) {
        case 'n': {
          if (v === undefined || v === '') break;
          // the CSV number rules: blank is missing, 1e999 and 0x3C are refused, naming the cell
          const n = parsePlain(v) ?? cellNumber(v, () => where(sheet, line, col));
          const date = dates[style];
          if (n !== null) value = percent[style] ? new Fraction(n) : date !== undefined ? excelDateText(n, date) : n;
          break;
        }
        case 's': value = strings[Number(v)] ?? ''; break;
        case 'str': value = unescapeXml(v ?? ''); break;
        case 'inlineStr': value = runText(inner); break;
        case 'b': value = v === '1' ? 'TRUE' : 'FALSE'; break;
        case 'e': value = ERROR_TEXTS.has(unescapeXml(v ?? '')) ? unescapeXml(v!) : '#VALUE!'; break;
        case 'd': value = (v ?? '').slice(0, 10); break;
        default: value = unescapeXml(v ?? '');
      }
      // a short gap is filled (a packed array); a far one is left a hole, so one value in XFD on every row stays small
      if (col - cells.length < 256) while (cells.length < col) cells.push('');
      cells[col] = value;
    } else {
      p = gt + 1;
    }
  }
  return rows;
}
