// A small .xlsx writer: a workbook model in, the bytes out. Enough of
// SpreadsheetML for smei's forms, review files and result workbooks: inline
// strings, numbers with formats, fonts and fills, unlocked input cells on a
// protected sheet, data validation, comments, column widths, frozen panes,
// merged cells, hidden sheets. Deterministic: the same model gives the same
// bytes (the date comes from the caller, never the clock). node:zlib only.
// Large sheets are written row by row: the XML is cut into pieces of about
// 1 MiB, each deflated as it is made (Z_SYNC_FLUSH, so the pieces join into
// one deflate stream) and its CRC carried on, so memory follows the
// compressed output, never the whole sheet's XML as one string.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { zip, type PackedPart } from '../zip.js';

// the archive writer lives with the reader in src/zip.ts; re-exported for the writers' callers
export { zip, type PackedPart } from '../zip.js';

/** How a cell looks. Colours are RGB hex ("FF0000"). */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  fill?: string;
  /** An Excel number format: "0.00", "0.00%", "#,##0", "@". */
  numFmt?: string;
  /** An input cell of a protected sheet. */
  unlocked?: boolean;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Aligned to the top of its row (a wrapped cell always is). */
  top?: boolean;
  size?: number;
}

/** A cell: a value with an optional style and comment. */
export interface WCell {
  v: string | number | boolean | null;
  style?: CellStyle;
  comment?: string;
}

/** Data validation of a range of cells. */
export interface Validation {
  ref: string;
  type: 'decimal' | 'whole';
  operator: 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual';
  formula1: number;
  formula2?: number;
  errorTitle?: string;
  error?: string;
  prompt?: string;
}

/** One row: each cell a WCell, a plain value, or null. */
export type WRow = (WCell | string | number | null)[];

/** Rows made on demand, one at a time while the sheet is written (large sheets): `length` rows, at most `width` cells each. */
export interface WRowSource {
  length: number;
  width: number;
  row(r: number): WRow;
}

/** A sheet: rows from A1, each cell a WCell, a plain value, or null. */
export interface WSheet {
  name: string;
  rows: WRow[] | WRowSource;
  /** Column widths in characters, from column A. */
  cols?: number[];
  /** Row heights in points, by 0-based row. */
  heights?: Record<number, number>;
  /** Freeze the rows above and the columns left of this cell (0-based counts). */
  freeze?: { rows: number; cols: number };
  merges?: string[];
  validations?: Validation[];
  /** Protect the sheet (no password): only unlocked cells can be edited. */
  protect?: boolean;
  state?: 'hidden' | 'veryHidden';
  /** Print setup: A4, fit to one page wide. */
  print?: { landscape?: boolean; titleRows?: number };
}

/** A workbook. */
export interface WBook {
  sheets: WSheet[];
  title?: string;
  creator?: string;
  /** The document date (YYYY-MM-DD); 1980-01-01 when none, so that bytes never depend on the clock. */
  date?: string;
}

/** Escapes text for XML (and drops characters XML 1.0 cannot hold). */
function esc(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Column letters of a 0-based column. */
export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B7" for a 0-based row and column. */
export function cellRef(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

/** Collects the distinct styles of a workbook as cellXfs. */
class Styles {
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly numFmts: string[] = [];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>([['{}', 0]]);
  /** The index of a style object already seen: most cells share one object, so no key is made per cell. */
  private readonly byObject = new WeakMap<CellStyle, number>();

  /** The cellXfs index of a style. */
  id(style: CellStyle | undefined): number {
    if (style === undefined) return 0;
    const seen = this.byObject.get(style);
    if (seen !== undefined) return seen;
    const key = JSON.stringify(style, Object.keys(style).sort());
    const known = this.byKey.get(key);
    if (known !== undefined) {
      this.byObject.set(style, known);
      return known;
    }
    const font = `<font>${style.bold ? '<b/>' : ''}${style.italic ? '<i/>' : ''}<sz val="${style.size ?? 11}"/>${style.color ? `<color rgb="FF${style.color}"/>` : ''}<name val="Calibri"/><family val="2"/></font>`;
    let fontId = this.fonts.indexOf(font);
    if (fontId < 0) fontId = this.fonts.push(font) - 1;
    let fillId = 0;
    if (style.fill) {
      const fill = `<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`;
      fillId = this.fills.indexOf(fill);
      if (fillId < 0) fillId = this.fills.push(fill) - 1;
    }
    let numFmtId = 0;
    if (style.numFmt) {
      const builtIn: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };
      numFmtId = builtIn[style.numFmt] ?? 0;
      if (numFmtId === 0) {
        let i = this.numFmts.indexOf(style.numFmt);
        if (i < 0) i = this.numFmts.push(style.numFmt) - 1;
        numFmtId = 164 + i;
      }
    }
    const align = style.wrap || style.align || style.top ? `<alignment${style.align ? ` horizontal="${style.align}"` : ''}${style.wrap ? ' wrapText="1"' : ''} vertical="top"/>` : '';
    const protection = style.unlocked ? '<protection locked="0"/>' : '';
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${align ? ' applyAlignment="1"' : ''}${protection ? ' applyProtection="1"' : ''}>${align}${protection}</xf>`;
    const id = this.xfs.push(xf) - 1;
    this.byKey.set(key, id);
    this.byObject.set(style, id);
    return id;
  }

  /** styles.xml. */
  xml(): string {
    const numFmts = this.numFmts.length ? `<numFmts count="${this.numFmts.length}">${this.numFmts.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` : '';
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${numFmts}<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts><fills count="${this.fills.length}">${this.fills.join('')}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  }
}

/** A cell in the model's forms, as a WCell. */
function asCell(c: WCell | string | number | null): WCell {
  return c !== null && typeof c === 'object' ? c : { v: c };
}

/** Pieces of one part's XML, deflated as they come: about 1 MiB of text at a time. */
export class PartWriter {
  private text = '';
  private readonly packed: Buffer[] = [];
  private crc = 0;
  private size = 0;
  private packedSize = 0;

  /** Appends XML text. */
  add(s: string): void {
    this.text += s;
    if (this.text.length >= 1 << 20) this.flush(false);
  }

  private flush(last: boolean): void {
    const data = Buffer.from(this.text, 'utf8');
    this.text = '';
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    // Z_SYNC_FLUSH ends a piece on a byte boundary without a final block, so the pieces are one stream
    const out = deflateRawSync(data, { level: 6, ...(last ? {} : { finishFlush: constants.Z_SYNC_FLUSH }) });
    this.packed.push(out);
    this.packedSize += out.length;
  }

  /** The deflated part: its pieces, CRC-32 and sizes. */
  end(): PackedPart {
    this.flush(true);
    return { packed: this.packed, crc: this.crc, size: this.size, packedSize: this.packedSize };
  }
}

/** One worksheet's XML, written row by row into `out`, and its comments. */
function sheetXml(sheet: WSheet, styles: Styles, hasComments: boolean, out: PartWriter): { comments: { ref: string; text: string }[] } {
  const comments: { ref: string; text: string }[] = [];
  const source = sheet.rows;
  const list = Array.isArray(source) ? source : undefined;
  // a loop, not Math.max(...rows): a spread of 200,000 rows overflows the stack
  let width = 1;
  if (list) {
    for (const r of list) if (r.length > width) width = r.length;
  } else width = Math.max(1, (source as WRowSource).width);
  const count = source.length;
  const rowAt = list ? (r: number) => list[r]! : (r: number) => (source as WRowSource).row(r);
  const letters: string[] = [];
  const f = sheet.freeze;
  const pane = f && (f.rows > 0 || f.cols > 0)
    ? `<pane${f.cols ? ` xSplit="${f.cols}"` : ''}${f.rows ? ` ySplit="${f.rows}"` : ''} topLeftCell="${cellRef(f.rows, f.cols)}" activePane="${f.rows && f.cols ? 'bottomRight' : f.rows ? 'bottomLeft' : 'topRight'}" state="frozen"/>`
    : '';
  const cols = sheet.cols?.length ? `<cols>${sheet.cols.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  const sheetPr = sheet.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
  out.add(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${sheetPr}<dimension ref="A1:${cellRef(Math.max(0, count - 1), width - 1)}"/><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`);
  for (let r = 0; r < count; r++) {
    const row = rowAt(r);
    const ht = sheet.heights?.[r];
    let x = `<row r="${r + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>`;
    for (let c = 0; c < row.length; c++) {
      const raw = row[c];
      if (raw === null || raw === undefined) continue;
      const cell = asCell(raw);
      const ref = `${letters[c] ??= colLetters(c)}${r + 1}`;
      if (cell.comment) comments.push({ ref, text: cell.comment });
      const s = styles.id(cell.style);
      const sAttr = s ? ` s="${s}"` : '';
      const v = cell.v;
      if (v === null || v === '') {
        if (s) x += `<c r="${ref}"${sAttr}/>`;
      } else if (typeof v === 'number') x += Number.isFinite(v) ? `<c r="${ref}"${sAttr}><v>${v}</v></c>` : `<c r="${ref}"${sAttr}/>`;
      else if (typeof v === 'boolean') x += `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
      else x += `<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
    }
    out.add(`${x}</row>`);
  }
  const protect = sheet.protect ? '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>' : '';
  const merges = sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const validations = sheet.validations?.length
    ? `<dataValidations count="${sheet.validations.length}">${sheet.validations.map((v) => `<dataValidation type="${v.type}" operator="${v.operator}" allowBlank="1" showInputMessage="1" showErrorMessage="1"${v.errorTitle ? ` errorTitle="${esc(v.errorTitle)}"` : ''}${v.error ? ` error="${esc(v.error)}"` : ''}${v.prompt ? ` prompt="${esc(v.prompt)}"` : ''} sqref="${v.ref}"><formula1>${v.formula1}</formula1>${v.formula2 !== undefined ? `<formula2>${v.formula2}</formula2>` : ''}</dataValidation>`).join('')}</dataValidations>`
    : '';
  const print = sheet.print ? `<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="${sheet.print.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` : '';
  const legacy = hasComments && comments.length > 0 ? '<legacyDrawing r:id="rIdVml"/>' : '';
  out.add(`</sheetData>${protect}${merges}${validations}${print}${legacy}</worksheet>`);
  return { comments };
}

/** The comments part and its VML drawing for one sheet. */
function commentParts(comments: { ref: string; text: string }[], author: string): { comments: string; vml: string } {
  const list = comments.map((c) => `<comment ref="${c.ref}" authorId="0"><text><r><t xml:space="preserve">${esc(c.text)}</t></r></text></comment>`).join('');
  const shapes = comments.map((c, i) => {
    const m = /^([A-Z]+)(\d+)$/.exec(c.ref)!;
    let col = 0;
    for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
    const row = Number(m[2]) - 1;
    return `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style="position:absolute;visibility:hidden;width:240pt;height:80pt" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 15, ${row}, 2, ${col + 4}, 15, ${row + 5}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`;
  }).join('');
  return {
    comments: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>${esc(author)}</author></authors><commentList>${list}</commentList></comments>`,
    vml: `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes}</xml>`,
  };
}


/** Writes a workbook as .xlsx bytes. */
export function writeXlsx(book: WBook): Uint8Array {
  const styles = new Styles();
  const author = book.creator ?? 'smei';
  const files: [string, string | PackedPart][] = [];
  const sheetEntries: string[] = [];
  const sheetRels: string[] = [];
  const overrides: string[] = [];
  const names: string[] = [];
  book.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const part = new PartWriter();
    const { comments } = sheetXml(sheet, styles, true, part);
    files.push([`xl/worksheets/sheet${n}.xml`, part.end()]);
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    sheetEntries.push(`<sheet name="${esc(sheet.name)}" sheetId="${n}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${n}"/>`);
    sheetRels.push(`<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    if (sheet.print?.titleRows) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${esc(sheet.name.replace(/'/g, "''"))}'!$1:$${sheet.print.titleRows}</definedName>`);
    if (comments.length > 0) {
      const parts = commentParts(comments, author);
      files.push([`xl/comments${n}.xml`, parts.comments], [`xl/drawings/vmlDrawing${n}.vml`, parts.vml]);
      files.push([`xl/worksheets/_rels/sheet${n}.xml.rels`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdCmt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments${n}.xml"/><Relationship Id="rIdVml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/></Relationships>`]);
      overrides.push(`<Override PartName="/xl/comments${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>`);
    }
  });
  const date = `${book.date ?? '1980-01-01'}T00:00:00Z`;
  const first = book.sheets.findIndex((s) => s.state === undefined);
  const all: [string, string | PackedPart][] = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>${overrides.join('')}</Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`],
    ['docProps/core.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${book.title ? `<dc:title>${esc(book.title)}</dc:title>` : ''}<dc:creator>${esc(author)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified></cp:coreProperties>`],
    ['docProps/app.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>smei</Application></Properties>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="${Math.max(0, first)}"/></bookViews><sheets>${sheetEntries.join('')}</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}</workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels.join('')}<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', ''],
    ...files,
  ];
  // styles are complete only after every sheet was written
  all[6] = ['xl/styles.xml', styles.xml()];
  return zip(all, book.date);
}
