// Step 3 of reading text, splitting: lines of bytes into records for the
// folder. The separator is chosen first (--delimiter, else counted over the
// first 20 lines); then the byte splitter (lines.ts, with its WebAssembly
// kernel) splits plain lines straight into the folder, and at the first line
// it cannot read (a quote across lines, a lone CR) csv-parse takes the rest of
// the file, its line numbers offset by the lines read before.
import type { CsvError } from 'csv-parse';
import { SmeiError } from '../errors.js';
import { quote } from '../text.js';
import type { RecordFolder } from './fold.js';
import type { Cell } from './layout.js';
import { ByteLines } from './lines.js';
import { MAX_WORKBOOK_BYTES, type ReadOptions } from './read-options.js';

/**
 * csv-parse, loaded at the first line the byte splitter leaves (or for a
 * separator beyond ASCII): most files never need it, and it brings Node's
 * stream module with it, a millisecond or two of every start.
 */
let csvParse: typeof import('csv-parse') | undefined;

/** Loads csv-parse (once). */
async function loadCsvParse(): Promise<typeof import('csv-parse')> {
  return (csvParse ??= await import('csv-parse'));
}

/** Text held to choose the separator: 20 lines, or this many characters. */
export const HEAD_BYTES = 65536;
const EMPTY: Buffer = Buffer.alloc(0);

/** The longest line (and field, quoted or not) read: 16 MiB. A longer one is a runaway quote or not a CSV. */
export const MAX_LINE_BYTES = 16 << 20;

/** The error for a line past MAX_LINE_BYTES, naming where it starts. */
function lineTooLong(file: string, line: number): SmeiError {
  return new SmeiError('csv', `${file}:${line}: this line runs past ${MAX_LINE_BYTES >> 20} MiB without ending (smei reads lines and fields up to ${MAX_LINE_BYTES >> 20} MiB): the file is not a CSV, or a quote opened here is never closed. Check the line; a quote inside a field is written twice ("").`, { zh: `${file}:${line}：这一行超过 ${MAX_LINE_BYTES >> 20} MiB 仍未结束（smei 读取的行和字段最长 ${MAX_LINE_BYTES >> 20} MiB）：该文件不是 CSV，或者这里开始的引号没有闭合。请检查这一行；字段中的引号要写两次（""）。` });
}

/** Maps a --delimiter value to the character. */
export function delimiterFromName(name: string): string {
  const d = name === 'tab' || name === '\\t' ? '\t' : name === 'comma' ? ',' : name === 'semicolon' ? ';' : name;
  if (d.length !== 1 || /[\r\n"]/.test(d)) {
    throw new SmeiError('usage', `--delimiter ${quote(name)} must be one character (for example , ; or tab).`, { zh: `--delimiter ${quote(name)} 必须是一个字符（如 , ; 或 tab）。` });
  }
  return d;
}

/**
 * Picks , ; or tab by counting them (outside quotes) line by line over the
 * first lines (title rows above a header may hold none): the separator that
 * is most frequent on the line where any separator is most frequent.
 */
export function sniffDelimiter(text: string): string {
  let best = ',';
  let bestCount = 0;
  for (const line of firstLines(text, 20)) {
    // commas, semicolons, tabs outside quotes (char codes: a short job's wide header runs this loop cold, 10,000 times)
    let comma = 0;
    let semicolon = 0;
    let tab = 0;
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (!quoted) {
        if (c === 44) comma++;
        else if (c === 59) semicolon++;
        else if (c === 9) tab++;
      }
    }
    for (const [d, count] of [[',', comma], [';', semicolon], ['\t', tab]] as const) {
      if (count > bestCount) {
        best = d;
        bestCount = count;
      }
    }
  }
  return best;
}

/** The first n lines of a text (line ends \r\n, \n or \r), without splitting the rest of it. */
function firstLines(text: string, n: number): string[] {
  const lines: string[] = [];
  let at = 0;
  while (lines.length < n && at <= text.length) {
    const m = /\r\n|\n|\r/g;
    m.lastIndex = at;
    const found = m.exec(text);
    if (found === null) {
      lines.push(text.slice(at));
      break;
    }
    lines.push(text.slice(at, found.index));
    at = found.index + found[0].length;
  }
  return lines;
}

/** Whether a text has at least n line ends. */
function hasLines(text: string, n: number): boolean {
  const m = /\r\n|\n|\r/g;
  for (let i = 0; i < n; i++) if (m.exec(text) === null) return false;
  return true;
}

/** The text splitter of one file: fed decoded chunks, it folds their records into `folder`; the first error stops it. */
export interface TextSplitter {
  /** Feeds a chunk (the last with end = true). */
  feed(data: string | Buffer, end: boolean): Promise<void>;
  /** After the last chunk: waits for csv-parse, folds what it holds. */
  end(): Promise<void>;
  /** Stops at the first error: the rest of the file is not read. */
  abort(): void;
  /** The first error met, if any. */
  readonly failure: unknown;
  /** The separator chosen (undefined before the first 20 lines are in). */
  readonly delimiter: string | undefined;
}

/** A splitter for one text file, folding into `folder`. */
export function splitText(folder: RecordFolder, file: string, options: ReadOptions): TextSplitter {
  let pending: (string | Buffer)[] = [];
  let delimiter = options.delimiter === undefined ? undefined : delimiterFromName(options.delimiter);
  let parser: ReturnType<typeof import('csv-parse').parse> | undefined;
  let failure: unknown;
  let finished: Promise<void> | undefined;

  // Records are folded in batches of BATCH: the per-record 'data' callback
  // stays tiny, so V8 keeps csv-parse's hot loop as it optimised it (folding
  // inside the callback slowed csv-parse's own code by a fifth), and a batch
  // is too short-lived to burden the garbage collector.
  const BATCH = 256;
  const batch: string[][] = [];
  const batchLines: number[] = [];
  const flush = (): void => {
    if (failure === undefined) {
      try {
        for (let i = 0; i < batch.length; i++) folder.add(batch[i]!, batchLines[i]!);
      } catch (e) {
        failure = e;
      }
    }
    batch.length = 0;
    batchLines.length = 0;
  };

  // The line splitter (lines.ts): lines without a quote or a lone CR are
  // split here, fields trimmed exactly as csv-parse trims them; at the first
  // line that has one, the rest of the file goes to csv-parse, its line
  // numbers offset by the lines read here. Lines are split from UTF-8 bytes;
  // other encodings are decoded once per chunk and encoded again as UTF-8.
  let fast = options.csvPath !== 'csv-parse';
  let fastLines = 0;
  /** The start of a line the next chunk ends. */
  let carry = EMPTY;
  let sep = ',';
  let atStart = true;
  let byteLines: ByteLines | undefined;
  const emit = (fields: Cell[], blank: boolean): void => {
    fastLines++;
    if (!blank) folder.add(fields, fastLines);
    if (byteLines!.numeric === null) byteLines!.numeric = folder.numericColumns;
  };

  const startParser = (d: string): void => {
    // No on_record and no info option: csv-parse builds an info object per
    // record for those, which costs more than the parse itself. 'data' is
    // emitted synchronously from push(), so parser.info.lines is the line the
    // record ended on (the tests pin the line numbers down).
    const p = csvParse!.parse({
      delimiter: d,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // a never-closed quote stops here, not after the whole file is in one field
      max_record_size: MAX_LINE_BYTES,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      bom: true,
    });
    parser = p;
    const offset = fastLines;
    p.on('data', (record: string[]) => {
      batch.push(record);
      batchLines.push(p.info.lines + offset);
      if (batch.length === BATCH) flush();
    });
    finished = new Promise<void>((resolve) => {
      p.on('error', (e) => {
        flush(); // the records before the bad one come first: an earlier error wins
        if (failure === undefined) {
          try {
            folder.drain();
          } catch (early) {
            failure = early;
          }
        }
        const located = e as CsvError & { lines?: number };
        if (located.lines !== undefined) located.lines += offset;
        failure ??= e;
        resolve();
      });
      p.on('end', resolve);
    });
  };


  /** Feeds the line splitter; whole lines only, the rest kept for the next chunk (or the end). */
  const writeFast = async (input: string | Buffer, end: boolean): Promise<void> => {
    // Text decoded from another encoding (GB18030, UTF-16) is split as UTF-8 bytes too: encoding a
    // chunk again costs less than a string per field, and csv-parse reads the same bytes after a hand-over.
    const data = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    // a mebibyte without a line feed (a file of lone CRs, or one huge field): csv-parse takes it from here,
    // rather than the carry growing chunk by chunk
    if (!end && carry.length + data.length >= 1 << 20 && !data.includes(10)) {
      const rest = carry.length === 0 ? data : Buffer.concat([carry, data]);
      carry = EMPTY;
      fast = false;
      await loadCsvParse();
      startParser(sep);
      await write(rest);
      return;
    }
    if (byteLines === undefined) {
      byteLines = new ByteLines(sep.charCodeAt(0), options.csvPath === 'bytes' ? Infinity : options.csvPath === 'kernel' ? 0 : undefined);
      // plain lines straight into the table, as ids and values (RecordFolder.foldLines), while the folder can
      byteLines.sink = (batch, from, count) => {
        const folded = folder.foldLines(batch, from, count, fastLines + 1);
        fastLines += folded;
        return folded;
      };
    }
    const lines = byteLines;
    /** Splits whole lines of bytes; from the first line it leaves (one csv-parse must read), the bytes to `to`. */
    const split = (buf: Buffer, from: number, to: number): Buffer | undefined => {
      const stop = lines.split(buf, from, to, emit);
      return stop < 0 ? undefined : Buffer.from(buf.subarray(stop, to));
    };
    /** What csv-parse takes, in order, from the line the splitter left. */
    const left: Buffer[] = [];
    try {
      let from = 0;
      if (atStart) {
        atStart = false;
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) from = 3;
      }
      if (carry.length > 0) {
        // the line begun in the chunk before, joined with its own end (not the whole chunk copied)
        const nl = data.indexOf(10);
        if (nl < 0 && !end) {
          if (carry.length + data.length > MAX_LINE_BYTES) {
            failure = lineTooLong(file, fastLines + 1);
            return;
          }
          carry = Buffer.concat([carry, data]);
          return;
        }
        from = nl < 0 ? data.length : nl + 1;
        const joined = Buffer.concat([carry, data.subarray(0, from)]);
        carry = EMPTY;
        const stopped = split(joined, 0, joined.length);
        if (stopped !== undefined) left.push(stopped);
      }
      const cut = end ? data.length : Math.max(from, data.lastIndexOf(10) + 1);
      // a copy, not a view of a chunk the reader reuses
      carry = cut < data.length ? Buffer.from(data.subarray(cut)) : EMPTY;
      if (left.length > 0) left.push(Buffer.from(data.subarray(from, cut)));
      else {
        const stopped = split(data, from, cut);
        if (stopped !== undefined) left.push(stopped);
      }
    } catch (e) {
      failure = e;
      return;
    }
    if (left.length === 0) return;
    // a line only csv-parse reads: it takes the rest of the file, its line numbers offset by the lines split here
    fast = false;
    await loadCsvParse();
    startParser(sep);
    const rest = carry;
    carry = EMPTY;
    for (const b of left) await write(b);
    if (rest.length > 0) await write(rest);
  };

  const write = async (data: string | Buffer, end = false): Promise<void> => {
    if (failure !== undefined) return; // the first error stands: nothing after it is read
    if (fast) return writeFast(data, end);
    // csv-parse may keep a view of the bytes for a field not yet ended: its own copy, since the reader reads
    // the next chunk into the same memory
    if (failure === undefined && data.length > 0 && !parser!.write(typeof data === 'string' ? data : Buffer.from(data))) {
      flush();
      await new Promise<void>((resolve) => {
        parser!.once('drain', resolve);
        parser!.once('error', () => resolve());
      });
    }
    flush();
  };

  let started = false;
  const begin = async (d: string): Promise<void> => {
    started = true;
    sep = d;
    folder.setDelimiter(d);
    // the splitter compares single bytes: a separator beyond ASCII (，) is csv-parse's
    if (d.charCodeAt(0) > 127) fast = false;
    if (!fast) {
      await loadCsvParse();
      startParser(d);
    }
  };

  const feed = async (data: string | Buffer, end: boolean): Promise<void> => {
    if (started) return write(data, end);
    // Hold the start until 20 lines are in (or the end), to count their separators.
    pending.push(data);
    const text = pending.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
    if (!end && text.length < HEAD_BYTES && !hasLines(text, 20)) return;
    delimiter ??= sniffDelimiter(text);
    await begin(delimiter);
    const held = pending;
    pending = [];
    for (let i = 0; i < held.length; i++) await write(held[i]!, end && i === held.length - 1);
  };

  return {
    feed,
    async end(): Promise<void> {
      parser?.end();
      await finished;
      flush();
    },
    abort(): void {
      parser?.destroy();
    },
    get failure(): unknown {
      return failure;
    },
    get delimiter(): string | undefined {
      return delimiter;
    },
  };
}

/** Turns a csv-parse or I/O failure into a SmeiError naming the file and line. */
export function csvFailure(e: unknown, file: string, lastGoodLine: number): unknown {
  if (e instanceof SmeiError) return e;
  if (csvParse !== undefined && e instanceof csvParse.CsvError) {
    const line = (e as CsvError & { lines?: number }).lines;
    const where = line === undefined ? file : `${file}:${line}`;
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        // csv-parse reports the last line; the quote opened in the record after the last good one.
        return new SmeiError('csv', `${file}:${lastGoodLine + 1}: a quoted field opened on this line (or the next non-blank one) is never closed; the file ends inside quotes. Close the quote; a quote inside a field is written twice ("").`, { cause: e, zh: `${file}:${lastGoodLine + 1}：这一行（或其后第一个非空行）开始的带引号字段没有闭合；文件在引号内结束。请闭合引号；字段中的引号要写两次（""）。` });
      case 'CSV_MAX_RECORD_SIZE':
        return lineTooLong(file, lastGoodLine + 1);
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return new SmeiError('csv', `${where}: text follows a closing quote. Quote the whole field and write a quote inside it twice ("").`, { cause: e, zh: `${where}：闭合引号后面还有文字。请给整个字段加上引号，字段中的引号写两次（""）。` });
      case 'INVALID_OPENING_QUOTE':
        return new SmeiError('csv', `${where}: a quote in the middle of an unquoted field. Quote the whole field and write a quote inside it twice ("").`, { cause: e, zh: `${where}：不带引号的字段中间出现了引号。请给整个字段加上引号，字段中的引号写两次（""）。` });
      default:
        return new SmeiError('csv', `${where}: the CSV cannot be parsed (${e.message}). Check the quotes and separators on that line.`, { cause: e, zh: `${where}：无法解析 CSV（${e.message}）。请检查这一行的引号和分隔符。` });
    }
  }
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_STRING_TOO_LONG' || code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) return new SmeiError('file', `${file}: too large to read as one piece (${code ?? (e as Error).message}); smei reads CSV lines up to ${MAX_LINE_BYTES >> 20} MiB and workbooks up to ${MAX_WORKBOOK_BYTES >> 30} GiB. Split the file.`, { cause: e, zh: `${file}：文件太大，无法整体读取（${code ?? (e as Error).message}）；smei 读取的 CSV 行最长 ${MAX_LINE_BYTES >> 20} MiB，工作簿最大 ${MAX_WORKBOOK_BYTES >> 30} GiB。请拆分文件。` });
  if (code === 'EISDIR') return new SmeiError('file', `${file}: is a directory. Give a CSV file.`, { cause: e, zh: `${file}：这是一个文件夹。请给出 CSV 文件。` });
  if (code === 'ENOENT') return new SmeiError('file', `${file}: no such file. Check the path.`, { cause: e, zh: `${file}：没有这个文件。请检查路径。` });
  if (code !== undefined) return new SmeiError('file', `${file}: cannot be read (${code}). Check the path and its permissions.`, { cause: e, zh: `${file}：无法读取（${code}）。请检查路径及其权限。` });
  return e;
}

