// The width of a string in a terminal's columns, exactly as string-width 4
// (the measure cli-table3 draws with) counts it, without its cost where the
// answer is plain: string-width strips escape codes and replaces emoji with
// a regular expression of some thousand alternatives, compiled on first use
// and run on every cell (3 ms of a 35 ms `smei compute`). Printable ASCII,
// Latin-1, common punctuation, box drawing and the common CJK blocks hold
// neither an escape code nor any part of an emoji (keycaps need U+20E3,
// presentation U+FE0F, sequences U+200D), so for those the width is counted
// here: 1 column, or 2 for a CJK ideograph, symbol or fullwidth form. Any
// other string goes to string-width. test/render/width.test.ts holds the two equal on every code
// point counted here and on random strings. The build hands cli-table3 this
// function in place of string-width (rolldown.config.mjs).
import stringWidth from 'string-width';

/** Columns a terminal gives the string. */
export default function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || narrow(c)) width += 1;
    else if (wide(c)) width += 2;
    else return stringWidth(text);
  }
  return width;
}

/** Latin-1 letters and signs, dashes, quotes and the ellipsis (cli-table3 measures … at every cell), box drawing: 1 column, never emoji. */
export function narrow(c: number): boolean {
  return (c >= 0xa0 && c <= 0xff && c !== 0xa9 && c !== 0xae) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2500 && c <= 0x257f);
}

/** CJK code points string-width counts as 2 and its emoji pattern never matches. */
export function wide(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK Unified Ideographs
    (c >= 0x3000 && c <= 0x303e && c !== 0x3030 && c !== 0x303d) || // CJK symbols and punctuation, less the two emoji (〰 〽)
    (c >= 0xff01 && c <= 0xff60) || // fullwidth forms
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/**
 * Text broken into lines of at most `width` columns for a terminal table's
 * cell: after a space, a slash, a colon, a comma or a CJK character where one falls
 * within the line, else wherever the line is full. Lines keep every
 * character; a break at a space drops that space.
 */
export function wrapColumns(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let breakAt = -1; // index in `line` after which it may break
  for (const ch of text) {
    const w = displayWidth(ch);
    while (used + w > width && line !== '') {
      if (breakAt > 0 && breakAt < line.length) {
        lines.push(line.slice(0, breakAt).trimEnd());
        line = line.slice(breakAt).trimStart();
      } else {
        lines.push(line.trimEnd());
        line = '';
      }
      used = displayWidth(line);
      breakAt = -1;
    }
    if (ch === ' ' && line === '') continue;
    line += ch;
    used += w;
    if (ch === ' ' || ch === '/' || ch === ':' || ch === ',' || ch === '，' || ch === '、' || ch === '；' || w === 2) breakAt = line.length;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
