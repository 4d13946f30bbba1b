// Small text helpers shared by input, framework and renderers.

/** The output languages. */
export type Lang = 'zh' | 'en';

/** Picks the Chinese or the English text. */
export const L = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

const NON_ASCII = /[^\x00-\x7f]/;

/** NFKC-normalises and trims a cell; ASCII-only strings skip the (slow) normaliser. */
export function cleanCell(s: string): string {
  return (NON_ASCII.test(s) ? s.normalize('NFKC') : s).trim();
}

/**
 * A unit's name before the words that follow it in a Chinese sentence (a
 * period): with a space where both meet in digits, 企业0002 2024年, not
 * 企业00022024年 (the county trial); as it is otherwise.
 */
export function nameBefore(name: string, next: string): string {
  return /\d$/.test(name) && /^\d/.test(next) ? `${name} ` : name;
}

/** A leading character that makes a spreadsheet run a cell as a formula (= + - @ tab CR). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Removes the ' that smei's CSV writer puts before such a character (against
 * formula injection), so that smei reads back the names it wrote.
 */
export function unguardFormula(s: string): string {
  return s.charCodeAt(0) === 39 && FORMULA_START.test(s.slice(1, 2)) ? s.slice(1) : s;
}

/** Characters XML 1.0 cannot hold, and other C0/C1 controls: none belongs in a label. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text fit for an XML document (a chart's SVG, a .docx): control characters
 * and lone surrogates removed, tabs and line breaks made spaces.
 */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/[\t\n\r]+/g, ' ');
}

/** The key used to match names: cleaned, inner runs of white space folded, lower-cased. */
export function matchKey(s: string): string {
  return cleanCell(s).replace(/\s+/g, ' ').toLowerCase();
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[n]!;
}

/** The candidate nearest to `name`, if it is near enough to be a plausible typo. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const key = matchKey(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(key, matchKey(c));
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.ceil(Math.min(key.length, matchKey(best).length) / 2));
  return bestDistance <= limit ? best : undefined;
}

/** A suggestion sentence ("Did you mean X?") or an empty string. */
export function didYouMean(name: string, candidates: Iterable<string>, lang: Lang = 'en'): string {
  const s = nearest(name, candidates);
  return s === undefined ? '' : lang === 'zh' ? `是否指“${s}”？` : ` Did you mean "${s}"?`;
}

/** Quotes a user string for a message, showing control characters visibly. */
export function quote(s: string): string {
  return JSON.stringify(s);
}

/**
 * Text in pieces of at least `size` characters from many small ones, each
 * joined once (not appended piece by piece, and not held long enough to reach
 * the garbage collector's old generation).
 */
export class TextChunks {
  private pieces: string[] = [];
  private length = 0;

  constructor(private readonly size: number) {}

  /** Adds a piece; returns a chunk when one is full. */
  add(piece: string): string | undefined {
    this.pieces.push(piece);
    this.length += piece.length;
    return this.length < this.size ? undefined : this.rest();
  }

  /** What is held (and empties it); '' for nothing. */
  rest(): string {
    const text = this.pieces.join('');
    this.pieces = [];
    this.length = 0;
    return text;
  }
}

/**
 * Parses JSON text (a leading BOM dropped); on a syntax error calls `fail`
 * with where it is (`:line:column`, or '' when the engine gives no position)
 * and the reason without the engine's "at position N".
 */
export function parseJson(text: string, fail: (where: string, reason: string, cause: unknown) => never): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const offset = Number(pos[1]);
      const before = body.slice(0, offset);
      where = `:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
    }
    return fail(where, msg.replace(/ in JSON at position \d+.*$/, ''), e);
  }
}
