// Reads the framework a command runs with: the built-in one, or a file (JSON,
// a CSV or xlsx table), noting where it came from (the method section states
// it). In input, not framework: it reads files and workbooks; the framework
// layer below only checks and holds the tree.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SmeiError } from '../errors.js';
import { checkFramework, frameworkToSpec, parseFrameworkJson } from '../framework/check.js';
import type { Framework, FrameworkSource } from '../framework/types.js';
import { ZHEJIANG } from '../framework/zhejiang.js';
import { ByteLines } from './lines.js';

/** Built-in frameworks by name. */
export const BUILT_IN: Record<string, () => Framework> = {
  zhejiang: () => ({ ...checkFramework(ZHEJIANG, 'built-in framework zhejiang'), source: { kind: 'built-in', unmodifiedBuiltIn: 'zhejiang' } }),
};

/** The built-in frameworks' specs, to tell cheaply that a framework is none of them (another number of nodes). */
const BUILT_IN_SPECS: Record<string, { nodes: unknown[] }> = { zhejiang: ZHEJIANG };

/** The name of the built-in framework a checked framework spells out exactly (its spec's JSON the same), if any. */
function sameAsBuiltIn(fw: Framework): string | undefined {
  const candidates = Object.keys(BUILT_IN).filter((name) => BUILT_IN_SPECS[name]?.nodes.length === fw.nodes.length);
  if (candidates.length === 0) return undefined;
  const text = JSON.stringify(frameworkToSpec(fw));
  return candidates.find((name) => JSON.stringify(frameworkToSpec(BUILT_IN[name]!())) === text);
}

/** A framework from a file's bytes: JSON, or a table (CSV, or an .xlsx workbook's first sheet); the table readers load only when needed. */
export async function frameworkFromBytes(bytes: Buffer, source: string): Promise<Framework> {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(text) || /\.json$/i.test(source)) return parseFrameworkJson(text, source);
  const { frameworkFromRows, tableDelimiter } = await import('../framework/table.js');
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const { openXlsx } = await import('./xlsx.js');
    const { columnLetters } = await import('./workbook.js');
    const { cellText } = await import('./layout.js');
    const sheets = openXlsx(bytes, (sheet, line, col) => `${source}, sheet ${sheet}, ${columnLetters(col)}${line}`);
    if (sheets === undefined || sheets.length === 0) throw new SmeiError('framework', `${source}: cannot be read as a workbook. Save it again as .xlsx, or as CSV.`, { zh: `${source}：无法作为工作簿读取。请重新另存为 .xlsx，或存为 CSV。` });
    const rows = sheets[0]!.rows().map((r) => r.cells.map((c) => cellText(c)));
    return checkFramework(frameworkFromRows(rows, source), source);
  }
  const rows = plainRows(text, tableDelimiter(text));
  if (rows !== undefined) return checkFramework(frameworkFromRows(rows, source), source);
  const { frameworkFromCsv } = await import('../framework/table-csv.js');
  return checkFramework(frameworkFromCsv(text, source), source);
}

/**
 * A CSV framework table's rows, one per line, as csv-parse gives them, split
 * by the data files' line splitter: csv-parse takes 8-12 ms over a table of
 * 70 rows, most of a small job's run. undefined where the splitter leaves a
 * line (a quoted field across lines, a lone CR, a stray quote): csv-parse
 * then reads the table, and says what is wrong.
 */
function plainRows(text: string, delimiter: string): string[][] | undefined {
  const rows: string[][] = [];
  const lines = new ByteLines(delimiter.charCodeAt(0), Infinity);
  const bytes = Buffer.from(text, 'utf8');
  const left = lines.split(bytes, 0, bytes.length, (cells) => {
    rows.push(cells as string[]);
  });
  return left === -1 ? rows : undefined;
}

/** Loads `--framework` (a built-in name or a JSON file path); the default is zhejiang. */
export async function loadFramework(arg: string | undefined, cwd: string): Promise<Framework> {
  if (arg === undefined) return BUILT_IN.zhejiang!();
  // own keys only: --framework toString or __proto__ is a file name, not Object.prototype's
  const builtIn = Object.hasOwn(BUILT_IN, arg) ? BUILT_IN[arg] : undefined;
  if (builtIn) return builtIn();
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, arg));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? String(e);
    const whyZh = code === 'ENOENT' ? '没有这个文件' : code === 'EISDIR' ? '这是一个文件夹' : code ?? String(e);
    throw new SmeiError('file', `${arg}: cannot read the framework file (${why}). Give a JSON framework file, or a built-in name: ${Object.keys(BUILT_IN).join(', ')}.`, {
      cause: e,
      zh: `${arg}：无法读取框架文件（${whyZh}）。请给出 JSON 框架文件，或内置框架名：${Object.keys(BUILT_IN).join(', ')}。`,
    });
  }
  const fw = await frameworkFromBytes(bytes, arg);
  const source: FrameworkSource = { kind: 'file', name: arg };
  // worked out when asked (a title, a report): building the built-in to compare costs more than a small pipeline
  // (nothing changes a framework once it is read)
  let same: string | undefined | null = null;
  Object.defineProperty(source, 'unmodifiedBuiltIn', { enumerable: true, get: () => (same === null ? (same = sameAsBuiltIn(fw)) : same) });
  // hashed when a report or workbook names the file (loading node:crypto is a cost compute need not pay)
  let sha256: string | undefined;
  Object.defineProperty(source, 'sha256', { enumerable: true, get: () => (sha256 ??= createHash('sha256').update(bytes).digest('hex')) });
  fw.source = source;
  return fw;
}
