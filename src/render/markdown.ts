// A small Markdown builder: blocks separated by one blank line, tables escaped.
import { markdownText } from './safe.js';

/** Builds a Markdown document block by block. */
export class MarkdownDoc {
  private readonly blocks: string[] = [];

  /** A heading; text is escaped. */
  heading(level: number, text: string): this {
    this.blocks.push(`${'#'.repeat(level)} ${markdownText(text)}`);
    return this;
  }

  /** A paragraph of already-escaped Markdown. */
  paragraph(markdown: string): this {
    this.blocks.push(markdown);
    return this;
  }

  /** A bulleted list of already-escaped items; a [text, depth] item is nested. */
  list(items: (string | [string, number])[]): this {
    const line = (i: string | [string, number]): string => (typeof i === 'string' ? `- ${i}` : `${'  '.repeat(i[1])}- ${i[0]}`);
    if (items.length > 0) this.blocks.push(items.map(line).join('\n'));
    return this;
  }

  /** A table; cells are escaped here; `right` marks right-aligned columns. */
  table(head: string[], rows: string[][], right: boolean[]): this {
    // an empty cell is drawn as — (markdownlint's table style counts the spaces of an empty cell)
    const row = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? '—' : markdownText(c))).join(' | ')} |`;
    const rule = `| ${right.map((r) => (r ? '---:' : ':---')).join(' | ')} |`;
    this.blocks.push([row(head), rule, ...rows.map(row)].join('\n'));
    return this;
  }

  /** A fenced code block. */
  code(lang: string, text: string): this {
    this.blocks.push(`\`\`\`${lang}\n${text.replace(/\n$/, '')}\n\`\`\``);
    return this;
  }

  /** The document, ending in one newline. */
  toString(): string {
    return `${this.blocks.join('\n\n')}\n`;
  }
}
