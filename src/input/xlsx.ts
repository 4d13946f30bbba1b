// A lean .xlsx reader for the common case: the ZIP's central directory, the
// workbook's sheet list, shared strings, the styles' percentage formats, and
// each sheet's cells scanned with indexOf (no DOM, no regex per cell). SheetJS
// parses a 100,000-row sheet about four times slower; it stays the reader for
// .xls and for any .xlsx this one does not understand (it returns undefined
// then, and the caller falls back). Tested against SheetJS cell by cell.
import { SmeiError } from '../errors.js';
import { ZipArchive, ZipError } from '../zip.js';
import { cellNumber, excerpt, parsePlain } from './values.js';
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
  return new SmeiError('file', `${file}: cannot be read as a workbook: ${e.message}. Open it in Excel or WPS and save it again as .xlsx (or ask for the file again).`, { cause: e });
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

/** The attributes of one tag's text (`<sheet name="x" r:id="rId1"/>`). */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out.set(m[1]!, unescapeXml(m[2]!));
  return out;
}

/** The text of every <t> in an element, phonetic runs (<rPh>) left out. */
function runText(xml: string): string {
  const plain = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ?? '';
  return unescapeXml(out);
}

/** A relationship's target as a part name (relative to xl/); one that leaves the package is refused. */
function packagePath(target: string, file: string): string {
  const out: string[] = [];
  for (const seg of (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/')) {
    if (seg === '..') {
      if (out.length === 0) throw new SmeiError('file', `${file}: cannot be read as a workbook: a relationship points outside the package (${JSON.stringify(target.slice(0, 80))}). Open it in Excel or WPS and save it again as .xlsx.`);
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
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const target = a.get('Target');
    if (a.get('Id') !== undefined && target !== undefined) targets.set(a.get('Id')!, packagePath(target, file));
  }
  const strings: string[] = [];
  const shared = part('xl/sharedStrings.xml');
  if (shared !== undefined) for (const m of shared.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) strings.push(m[1] === undefined ? '' : runText(m[1]));
  const percent: boolean[] = [];
  const styles = part('xl/styles.xml');
  if (styles !== undefined) {
    const custom = new Map<number, string>();
    for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) {
      const a = attributes(m[0]);
      custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
    }
    const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
      const id = Number(attributes(m[0]).get('numFmtId') ?? 0);
      const code = custom.get(id);
      percent.push(code !== undefined ? code.replace(/"[^"]*"|\\./g, '').includes('%') : PERCENT_FORMAT_IDS.has(id));
    }
  }
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const name = a.get('name');
    const target = targets.get(a.get('r:id') ?? '');
    if (name === undefined || target === undefined || !entries.has(target)) return undefined;
    sheets.push({ name, rows: () => sheetRows(part(target) ?? '', name, strings, percent, where) });
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
function sheetRows(xml: string, sheet: string, strings: string[], percent: boolean[], where: (sheet: string, line: number, col: number) => string): { line: number; cells: Cell[] }[] {
  const rows: { line: number; cells: Cell[] }[] = [];
  const start = xml.indexOf('<sheetData');
  if (start < 0) return rows;
  const end = xml.indexOf('</sheetData>', start);
  let p = xml.indexOf('>', start) + 1;
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
        const eq = xml.indexOf('="', q);
        if (eq < 0 || eq > gt) break;
        const name = xml.slice(q, eq).trim();
        const close = xml.indexOf('"', eq + 2);
        const value = xml.slice(eq + 2, close);
        if (name === 'r') ref = value;
        else if (name === 's') style = Number(value);
        else if (name === 't') type = value;
        q = close + 1;
      }
      if (ref !== '') {
        let letters = 0;
        while (letters < ref.length && ref.charCodeAt(letters) >= 65) letters++;
        col = columnIndex(ref, letters);
      } else col++;
      if (selfClosing) {
        p = gt + 1;
        continue;
      }
      const closeTag = xml.indexOf('</c>', gt);
      const inner = xml.slice(gt + 1, closeTag);
      p = closeTag + 4;
      const v = valueText(inner);
      let value: Cell = '';
      if (v === undefined && inner.includes('<f')) {
        const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1] ?? '';
        throw new SmeiError('value', `${where(sheet, line, col)}: a formula (=${excerpt(unescapeXml(f))}) without a saved value. Open the workbook in Excel or WPS, let it calculate, and save it again (or paste the values).`);
      }
      switch (type) {
        case 'n': {
          if (v === undefined || v === '') break;
          // the CSV number rules: blank is missing, 1e999 and 0x3C are refused, naming the cell
          const n = parsePlain(v) ?? cellNumber(v, () => where(sheet, line, col));
          if (n !== null) value = percent[style] ? new Fraction(n) : n;
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
      while (cells.length < col) cells.push('');
      cells[col] = value;
    } else {
      p = gt + 1;
    }
  }
  return rows;
}
