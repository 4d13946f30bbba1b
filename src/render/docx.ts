// The report as a Word document (docx, a maintained library): the same blocks
// as the Markdown, headings as Word headings, tables as native Word tables with
// the header row repeated on each page, charts as PNG images drawn from the
// same SVG as the HTML, the page set up for A4. It opens in Word, WPS and
// LibreOffice. Deterministic: the parts are re-packed with the report date (or
// 1980-01-01) as every timestamp, so the same input gives the same bytes.
import type { Lang } from './i18n.js';
import { inlineRuns, type Block } from './markdown.js';
import { ZipArchive, zip } from '../zip.js';
import { xmlText } from '../text.js';
import displayWidth from './width.js';

/** What the document needs besides the blocks. */
export interface DocxOptions {
  lang: Lang;
  title: string;
  creator: string;
  /** The document date (YYYY-MM-DD); none: 1980-01-01, never the clock. */
  date?: string;
  /** Each chart block's PNG and its size in CSS pixels, in order. */
  images: { png: Uint8Array; width: number; height: number }[];
}

/** A4 in twentieths of a point, and 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
/** The text width in pixels (96 per inch): charts are scaled to fit it. */
const TEXT_WIDTH_PX = Math.floor(((A4.width - 2 * MARGIN) / 1440) * 96);
/** The text height in pixels, less room for a caption. */
const TEXT_HEIGHT_PX = Math.floor(((A4.height - 2 * MARGIN) / 1440) * 96) - 60;

/** The document as .docx bytes. */
export async function renderDocx(blocks: Block[], o: DocxOptions): Promise<Uint8Array> {
  const d = await import('docx');
  const body = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: o.lang === 'zh' ? '宋体' : 'SimSun', cs: 'Times New Roman' };
  const heading = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' };
  const runs = (markdown: string, size?: number): InstanceType<typeof d.TextRun>[] =>
    inlineRuns(markdown).map((r) => new d.TextRun({ text: xmlText(r.text), ...(r.code ? { font: 'Consolas', size: 18 } : {}), ...(size !== undefined && !r.code ? { size } : {}) }));
  const border = { style: d.BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  const headingLevels = [d.HeadingLevel.TITLE, d.HeadingLevel.HEADING_1, d.HeadingLevel.HEADING_2, d.HeadingLevel.HEADING_3, d.HeadingLevel.HEADING_4];
  const children: (InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>)[] = [];
  // Chinese official typography: no space between a number and a Chinese character (2018年, 6.49%),
  // so the reader's automatic spacing between digits and East Asian text is turned off
  const tight = o.lang === 'zh' ? { autoSpaceEastAsianText: false } : {};
  let chart = 0;
  let afterTitle = false;
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        children.push(new d.Paragraph({ ...tight,  heading: headingLevels[Math.min(b.level, 4) - 1]!, keepNext: true, ...(b.level === 1 ? { alignment: d.AlignmentType.CENTER } : {}), children: [new d.TextRun({ text: xmlText(b.text) })] }));
        break;
      case 'paragraph':
        children.push(new d.Paragraph({ ...tight,  children: runs(b.markdown), ...(afterTitle ? { alignment: d.AlignmentType.CENTER } : { alignment: d.AlignmentType.JUSTIFIED }) }));
        break;
      case 'list':
        for (const [text, depth] of b.items) children.push(new d.Paragraph({ ...tight,  children: runs(text), bullet: { level: Math.min(depth, 8) } }));
        break;
      case 'code':
        for (const line of b.text.split('\n')) children.push(new d.Paragraph({ ...tight,  children: [new d.TextRun({ text: xmlText(line), font: 'Consolas', size: 18 })] }));
        break;
      case 'table': {
        const cell = (text: string, right: boolean, head: boolean, width: number): InstanceType<typeof d.TableCell> => new d.TableCell({
          width: { size: width, type: d.WidthType.DXA },
          children: [new d.Paragraph({ ...tight,  alignment: right ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT, children: [new d.TextRun({ text: xmlText(text === '' ? '—' : text), size: 18, bold: head })] })],
          ...(head ? { shading: { type: d.ShadingType.CLEAR, color: 'auto', fill: 'EEF2F6' } } : {}),
          margins: { left: 80, right: 80, top: 20, bottom: 20 },
        });
        // columns as wide as their text asks (a unit named 信息传输软件和信息技术服务业 on one line, not broken
        // into three), each at least 4 characters and at most 24, shared out over the text width
        const chars = b.head.map((h, i) => Math.min(24, Math.max(4, ...[h, ...b.rows.map((r) => r[i] ?? '')].map((t) => displayWidth(t) / 2 + 1))));
        const total = chars.reduce((a, c) => a + c, 0);
        const textWidth = A4.width - 2 * MARGIN;
        const columnWidths = chars.map((c) => Math.floor((textWidth * c) / total));
        children.push(new d.Table({
          borders,
          width: { size: textWidth, type: d.WidthType.DXA },
          columnWidths,
          layout: d.TableLayoutType.FIXED,
          rows: [
            new d.TableRow({ tableHeader: true, cantSplit: true, children: b.head.map((h, i) => cell(h, b.right[i]!, true, columnWidths[i]!)) }),
            ...b.rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, b.right[i]!, false, columnWidths[i]!)) })),
          ],
        }));
        children.push(new d.Paragraph({ ...tight,  children: [] }));
        break;
      }
      case 'chart': {
        const img = o.images[chart++]!;
        // fit the text width and, for a tall chart (a slope chart of many units), the page height
        const scale = Math.min(1, TEXT_WIDTH_PX / img.width, TEXT_HEIGHT_PX / img.height);
        children.push(new d.Paragraph({ ...tight,  alignment: d.AlignmentType.CENTER, keepLines: true, spacing: { line: 240, lineRule: d.LineRuleType.AUTO, before: 120, after: 60 }, children: [new d.ImageRun({ type: 'png', data: img.png, transformation: { width: Math.round(img.width * scale), height: Math.round(img.height * scale) }, altText: { name: b.spec.title, title: b.spec.title, description: b.spec.title } })] }));
        if (b.spec.note) children.push(new d.Paragraph({ ...tight,  alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ text: xmlText(b.spec.note), size: 18, color: '555555' })] }));
        break;
      }
    }
    afterTitle = b.kind === 'heading' && b.level === 1;
  }
  const doc = new d.Document({
    creator: o.creator,
    title: o.title,
    lastModifiedBy: o.creator,
    styles: {
      default: {
        document: { run: { font: body, size: 24 }, paragraph: { spacing: { line: 360, lineRule: d.LineRuleType.AUTO, after: 120 } } },
        title: { run: { font: heading, size: 36, bold: true, color: '000000' } },
        heading1: { run: { font: heading, size: 30, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 160 } } },
        heading2: { run: { font: heading, size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: heading, size: 24, bold: true, color: '000000' } },
      },
    },
    sections: [{
      properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
      // page numbers, as a printed report has them
      footers: {
        default: new d.Footer({
          children: [new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            children: [new d.TextRun({ size: 18, color: '555555', children: o.lang === 'zh' ? ['第 ', d.PageNumber.CURRENT, ' 页，共 ', d.PageNumber.TOTAL_PAGES, ' 页'] : ['Page ', d.PageNumber.CURRENT, ' of ', d.PageNumber.TOTAL_PAGES] })],
          })],
        }),
      },
      children,
    }],
  });
  const packed = await d.Packer.toBuffer(doc);
  return repack(Buffer.from(packed), o.date ?? '1980-01-01');
}

/** The document re-packed with `date` as the created and modified date and every ZIP timestamp, drawing ids numbered within it. */
function repack(buf: Buffer, date: string): Uint8Array {
  const stamp = `${date}T00:00:00Z`;
  const archive = new ZipArchive(buf);
  const files: [string, string | Uint8Array][] = archive.names().map((name) => {
    const bytes = archive.bytes(name)!;
    if (name === 'docProps/core.xml') return [name, bytes.toString('utf8').replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`)];
    // docx counts drawing ids per process: number them within this document
    let drawing = 0;
    // the library writes only autoSpaceDN (digits next to East Asian text); its sibling autoSpaceDE (Latin
    // next to East Asian text) goes just before it, as the schema orders them, so no reader adds spaces
    if (name === 'word/document.xml') {
      return [name, bytes.toString('utf8').replace(/(<wp:docPr id=")\d+"/g, (_, head: string) => `${head}${++drawing}"`).replace(/<w:autoSpaceDN w:val="false"\/>/g, '<w:autoSpaceDE w:val="false"/><w:autoSpaceDN w:val="false"/>')];
    }
    return [name, bytes];
  });
  return zip(files, date);
}
