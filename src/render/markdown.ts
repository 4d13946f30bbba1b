// The document model of every report smei writes (the yearly report, diff,
// review, audit and sensitivity documents): ReportDoc, a list of blocks
// (headings, paragraphs, lists, tables, code, charts), drawn as Markdown here
// and as HTML or Word by render/html.ts and render/docx.ts, so the three
// formats cannot drift apart. Text is kept as escaped Markdown (what the
// writers produce); `plainText` undoes the escaping.
import type { ChartSpec } from './chart-spec.js';
import { markdownText } from './safe.js';

/** One block of a document. */
export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; markdown: string }
  | { kind: 'list'; items: [string, number][] }
  | { kind: 'table'; head: string[]; rows: string[][]; right: boolean[] }
  | { kind: 'code'; lang: string; text: string }
  /** A chart: drawn from `spec` in HTML and Word; in Markdown as `mermaid` (when GitHub can draw it) and as a linked SVG with --charts. */
  | { kind: 'chart'; spec: ChartSpec; mermaid?: string; mermaidLegend?: string };

/** A report as a model: built block by block, drawn as Markdown (toString), HTML or Word. */
export class ReportDoc {
  readonly blocks: Block[] = [];

  /** A heading; text is plain (escaped for Markdown when drawn). */
  heading(level: number, text: string): this {
    this.blocks.push({ kind: 'heading', level, text });
    return this;
  }

  /** A paragraph of already-escaped Markdown. */
  paragraph(markdown: string): this {
    this.blocks.push({ kind: 'paragraph', markdown });
    return this;
  }

  /** A bulleted list of already-escaped items; a [text, depth] item is nested. */
  list(items: (string | [string, number])[]): this {
    if (items.length > 0) this.blocks.push({ kind: 'list', items: items.map((i) => (typeof i === 'string' ? [i, 0] : i)) });
    return this;
  }

  /** A table of plain cells (escaped when drawn); `right` marks right-aligned columns. */
  table(head: string[], rows: string[][], right: boolean[]): this {
    this.blocks.push({ kind: 'table', head, rows, right });
    return this;
  }

  /** A fenced code block. */
  code(lang: string, text: string): this {
    this.blocks.push({ kind: 'code', lang, text });
    return this;
  }

  /** A chart, with its Mermaid source for GitHub when there is one (and a Markdown legend for it). */
  chart(spec: ChartSpec, mermaid?: string, mermaidLegend?: string): this {
    this.blocks.push({ kind: 'chart', spec, ...(mermaid !== undefined ? { mermaid } : {}), ...(mermaidLegend !== undefined ? { mermaidLegend } : {}) });
    return this;
  }

  /** The document as Markdown, ending in one newline; `chartLinks` gives the SVG file of each chart, in order, for --charts. */
  toString(chartLinks?: string[]): string {
    let chart = 0;
    const out: string[] = [];
    for (const b of this.blocks) {
      if (b.kind === 'chart') {
        const link = chartLinks?.[chart++];
        if (b.mermaid !== undefined) out.push(fence('mermaid', b.mermaid));
        // Mermaid draws no legend: the Markdown names the lines
        if (b.mermaid !== undefined && b.mermaidLegend !== undefined) out.push(b.mermaidLegend);
        if (link !== undefined) out.push(`![${markdownText(b.spec.title)}](${encodeURI(link)})`);
        continue;
      }
      out.push(markdownBlock(b));
    }
    return `${out.join('\n\n')}\n`;
  }
}

/** A fenced code block's text. */
function fence(lang: string, text: string): string {
  return `\`\`\`${lang}\n${text.replace(/\n$/, '')}\n\`\`\``;
}

/** One non-chart block as Markdown. */
function markdownBlock(b: Exclude<Block, { kind: 'chart' }>): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${markdownText(b.text)}`;
    case 'paragraph':
      return b.markdown;
    case 'list':
      return b.items.map(([text, depth]) => `${'  '.repeat(depth)}- ${text}`).join('\n');
    case 'code':
      return fence(b.lang, b.text);
    case 'table': {
      // an empty cell is drawn as — (markdownlint's table style counts the spaces of an empty cell)
      const row = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? '—' : markdownText(c))).join(' | ')} |`;
      const rule = `| ${b.right.map((r) => (r ? '---:' : ':---')).join(' | ')} |`;
      return [row(b.head), rule, ...b.rows.map(row)].join('\n');
    }
  }
}

/** Inline Markdown split into plain text and code spans, escapes undone. */
export function inlineRuns(markdown: string): { text: string; code?: true }[] {
  const runs: { text: string; code?: true }[] = [];
  let plain = '';
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]!;
    if (c === '\\' && i + 1 < markdown.length && /[\\|*_`<>[\]#~:.]/.test(markdown[i + 1]!)) {
      plain += markdown[++i];
    } else if (c === '`') {
      const end = markdown.indexOf('`', i + 1);
      if (end < 0) {
        plain += c;
        continue;
      }
      if (plain) runs.push({ text: plain });
      plain = '';
      runs.push({ text: markdown.slice(i + 1, end).replace(/\\\|/g, '|'), code: true });
      i = end;
    } else plain += c;
  }
  if (plain) runs.push({ text: plain });
  return runs;
}

/** Inline Markdown as plain text. */
export function plainText(markdown: string): string {
  return inlineRuns(markdown).map((r) => r.text).join('');
}
