// Bytes -> records -> observations. Each record csv-parse emits is folded
// straight into the (unit, year, node) table, so raw records are never held.
import { createHash } from 'node:crypto';
import { parse, CsvError } from 'csv-parse';
import { SmeiError } from '../errors.js';
import { buildNodeLookup, nodeNames } from '../framework/check.js';
import type { Framework } from '../framework/types.js';
import { Observations } from '../core/observations.js';
import { cleanCell, didYouMean, matchKey, quote } from '../text.js';
import { ChunkDecoder, detectEncoding, encodingFromName, type Encoding } from './decode.js';
import { excerpt, parseNumber, parseYear } from './values.js';

/** Header names that mark each column role (matched NFKC, case-insensitive). */
export const ROLE_HEADERS = {
  unit: ['unit', 'region', '地区', '城市', '地市', '区域', '单位'],
  year: ['year', '年份', '年度'],
  indicator: ['indicator', '指标'],
  value: ['value', '数值', '值'],
} as const;

type Role = keyof typeof ROLE_HEADERS;

/** Where the bytes come from: a display name and the chunks. */
export interface ByteSource {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

/** Reader settings from the command line. */
export interface ReadOptions {
  encoding?: string;
  delimiter?: string;
  /** Also compute the SHA-256 of the bytes read. */
  hash?: boolean;
  /** Called now and then with the number of bytes read so far. */
  onProgress?: (bytes: number) => void;
}

/** What reading a file gives. */
export interface ReadResult {
  observations: Observations;
  format: 'wide' | 'long';
  encoding: Encoding;
  delimiter: string;
  records: number;
  sha256?: string;
}

const HEAD_BYTES = 65536;

/** Maps a --delimiter value to the character. */
export function delimiterFromName(name: string): string {
  const d = name === 'tab' || name === '\\t' ? '\t' : name === 'comma' ? ',' : name === 'semicolon' ? ';' : name;
  if (d.length !== 1 || /[\r\n"]/.test(d)) {
    throw new SmeiError('usage', `--delimiter ${quote(name)} must be one character (for example , ; or tab).`);
  }
  return d;
}

/** Picks , ; or tab by counting them (outside quotes) on the header line. */
export function sniffDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d]! > counts[best]!) best = d;
  return best;
}

/** A header cell seen as a column: what it is for. */
type Column =
  | { kind: 'role'; role: Role }
  | { kind: 'node'; node: number }
  | { kind: 'ignored' };

/** Reads CSV bytes into observations checked against the framework. */
export async function readObservations(src: ByteSource, fw: Framework, options: ReadOptions = {}): Promise<ReadResult> {
  const file = src.name;
  const forced = options.encoding === undefined ? undefined : encodingFromName(options.encoding);
  const hash = options.hash ? createHash('sha256') : undefined;
  const folder = new RecordFolder(file, fw);
  let decoder: ChunkDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let pending: (string | Buffer)[] = [];
  let delimiter = options.delimiter === undefined ? undefined : delimiterFromName(options.delimiter);
  let parser: ReturnType<typeof parse> | undefined;
  let failure: unknown;
  let finished: Promise<void> | undefined;
  let bytes = 0;

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

  const startParser = (d: string): void => {
    // No on_record and no info option: csv-parse builds an info object per
    // record for those, which costs more than the parse itself. 'data' is
    // emitted synchronously from push(), so parser.info.lines is the line the
    // record ended on (the tests pin the line numbers down).
    const p = parse({
      delimiter: d,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      bom: true,
    });
    parser = p;
    folder.setDelimiter(d);
    p.on('data', (record: string[]) => {
      batch.push(record);
      batchLines.push(p.info.lines);
      if (batch.length === BATCH) flush();
    });
    finished = new Promise<void>((resolve) => {
      p.on('error', (e) => {
        flush(); // the records before the bad one come first: an earlier error wins
        failure ??= e;
        resolve();
      });
      p.on('end', resolve);
    });
  };

  const write = async (data: string | Buffer): Promise<void> => {
    if (failure === undefined && data.length > 0 && !parser!.write(data)) {
      flush();
      await new Promise<void>((resolve) => {
        parser!.once('drain', resolve);
        parser!.once('error', () => resolve());
      });
    }
    flush();
  };

  const feed = async (data: string | Buffer, end: boolean): Promise<void> => {
    if (parser !== undefined) return write(data);
    // Hold the start until the header line is complete, to count its separators.
    pending.push(data);
    const text = pending.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
    const nl = text.search(/[\r\n]/);
    if (nl < 0 && !end) return;
    delimiter ??= sniffDelimiter(nl < 0 ? text : text.slice(0, nl));
    startParser(delimiter);
    const held = pending;
    pending = [];
    for (const p of held) await write(p);
  };

  const startDecoder = (): void => {
    const all = Buffer.concat(head);
    decoder = new ChunkDecoder(forced ?? detectEncoding(all, file), file, forced === undefined);
    head = [];
  };

  try {
    for await (const chunk of src.chunks) {
      hash?.update(chunk);
      bytes += chunk.length;
      options.onProgress?.(bytes);
      if (decoder === undefined) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < HEAD_BYTES) continue;
        const all = Buffer.concat(head);
        startDecoder();
        await feed(decoder!.decode(all), false);
      } else {
        await feed(decoder.decode(chunk), false);
      }
      if (failure !== undefined) break;
    }
    if (failure === undefined) {
      if (decoder === undefined) {
        const all = Buffer.concat(head);
        if (all.length === 0) throw new SmeiError('data', `${file}: the file is empty. Give a CSV with a header line (unit, year, indicators) and data rows.`);
        startDecoder();
        await feed(decoder!.decode(all), false);
      }
      await feed(decoder!.decode(undefined, true), true);
      parser?.end();
      await finished;
      flush();
    } else {
      // Stop at the first error: the rest of the file is not read.
      parser?.destroy();
    }
  } catch (e) {
    failure ??= e;
  }
  if (failure !== undefined) throw csvFailure(failure, file, folder.lastLine);
  folder.finish();
  return {
    observations: folder.observations,
    format: folder.format,
    encoding: decoder!.encoding,
    delimiter: delimiter ?? ',',
    records: folder.records,
    ...(hash ? { sha256: hash.digest('hex') } : {}),
  };
}

/** Turns a csv-parse or I/O failure into a SmeiError naming the file and line. */
function csvFailure(e: unknown, file: string, lastGoodLine: number): unknown {
  if (e instanceof SmeiError) return e;
  if (e instanceof CsvError) {
    const line = (e as CsvError & { lines?: number }).lines;
    const where = line === undefined ? file : `${file}:${line}`;
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        // csv-parse reports the last line; the quote opened in the record after the last good one.
        return new SmeiError('csv', `${file}:${lastGoodLine + 1}: a quoted field opened on this line (or the next non-blank one) is never closed; the file ends inside quotes. Close the quote; a quote inside a field is written twice ("").`, { cause: e });
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return new SmeiError('csv', `${where}: text follows a closing quote. Quote the whole field and write a quote inside it twice ("").`, { cause: e });
      case 'INVALID_OPENING_QUOTE':
        return new SmeiError('csv', `${where}: a quote in the middle of an unquoted field. Quote the whole field and write a quote inside it twice ("").`, { cause: e });
      default:
        return new SmeiError('csv', `${where}: the CSV cannot be parsed (${e.message}). Check the quotes and separators on that line.`, { cause: e });
    }
  }
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return new SmeiError('file', `${file}: is a directory. Give a CSV file.`, { cause: e });
  if (code === 'ENOENT') return new SmeiError('file', `${file}: no such file. Check the path.`, { cause: e });
  if (code !== undefined) return new SmeiError('file', `${file}: cannot be read (${code}). Check the path and its permissions.`, { cause: e });
  return e;
}

/** Parsed cells by their raw text, the last one at hand: long files repeat units and years row after row. */
class CellCache {
  private lastRaw: string | undefined;
  private last = -1;
  private readonly byRaw = new Map<string, number>();

  constructor(private readonly parse: (raw: string, line: number, col: number) => number) {}

  /** The parsed value of a cell (parsing it only the first time it is seen). */
  get(raw: string, line: number, col: number): number {
    if (raw === this.lastRaw) return this.last;
    let v = this.byRaw.get(raw);
    if (v === undefined) {
      v = this.parse(raw, line, col);
      this.byRaw.set(raw, v);
    }
    this.lastRaw = raw;
    this.last = v;
    return v;
  }
}

/** Folds records, one at a time, into observations; knows the header and the lines seen. */
class RecordFolder {
  readonly observations: Observations;
  format: 'wide' | 'long' = 'wide';
  records = 0;
  /** The line the last complete record ended on. */
  lastLine = 0;
  /** Whether a comma in a number may be a decimal comma (the file is not comma-separated). */
  private decimalComma = false;
  /** The field separator, named for messages. */
  private separatorName = 'commas';
  private header: string[] | undefined;
  private columns: Column[] = [];
  private nodeColumns: { col: number; node: number }[] = [];
  private roles: Partial<Record<Role, number>> = {};
  private readonly lookup: Map<string, number>;
  private readonly units: CellCache;
  private readonly years: CellCache;
  private readonly indicatorCache = new Map<string, number>();
  private lines = new Int32Array(0);
  /** Whether any column has an empty header (whose cells must stay empty). */
  private hasIgnored = false;

  constructor(private readonly file: string, private readonly fw: Framework) {
    this.observations = new Observations(file, fw.nodes.length);
    this.lookup = buildNodeLookup(fw);
    this.units = new CellCache(this.newUnit);
    this.years = new CellCache(this.newYear);
  }

  /** Takes the field separator: it decides whether "1,500" is ambiguous, and how messages name it. */
  setDelimiter(d: string): void {
    this.decimalComma = d !== ',';
    this.separatorName = d === ',' ? 'commas' : d === ';' ? 'semicolons' : d === '\t' ? 'tabs' : JSON.stringify(d);
  }

  /** Handles one record (the first is the header). */
  add(record: string[], line: number): void {
    this.lastLine = line;
    if (this.header === undefined) {
      this.readHeader(record, line);
      return;
    }
    this.records++;
    this.checkWidth(record, line);
    const unit = this.unitOf(record, line);
    const year = this.yearOf(record, line);
    if (this.format === 'wide') {
      for (const { col, node } of this.nodeColumns) this.store(unit, year, node, record[col] ?? '', line, col);
    } else {
      const node = this.indicatorOf(record, line);
      const col = this.roles.value!;
      this.store(unit, year, node, record[col] ?? '', line, col);
    }
  }

  /** Fails unless there were data rows. */
  finish(): void {
    if (this.header === undefined) throw new SmeiError('data', `${this.file}: the file has no header line (only blank lines). Give a CSV with a header line and data rows.`);
    if (this.records === 0) throw new SmeiError('data', `${this.file}: no data rows, only the header. Add one row per unit and year.`);
  }

  /** "file:line:col (header)" for messages. */
  private where(line: number, col: number): string {
    const h = this.header?.[col];
    return `${this.file}:${line}:${col + 1}${h ? ` (${excerpt(h)})` : ''}`;
  }

  /** Works out each column's role from the header. */
  private readHeader(record: string[], line: number): void {
    const header = record.map(cleanCell);
    this.header = header;
    const seen = new Map<string, number>();
    const nodeSeen = new Map<number, number>();
    const roleOf = new Map<string, Role>();
    for (const [role, names] of Object.entries(ROLE_HEADERS) as [Role, readonly string[]][]) for (const n of names) roleOf.set(matchKey(n), role);
    const unknown: number[] = [];
    header.forEach((h, col) => {
      const key = matchKey(h);
      if (key === '') {
        this.columns.push({ kind: 'ignored' });
        return;
      }
      const before = seen.get(key);
      if (before !== undefined) {
        throw new SmeiError('header', `${this.file}:${line}: duplicate header ${quote(h)} in columns ${before + 1} and ${col + 1}. Rename or remove one of them.`);
      }
      seen.set(key, col);
      const role = roleOf.get(key);
      if (role !== undefined) {
        const other = this.roles[role];
        if (other !== undefined) {
          throw new SmeiError('header', `${this.file}:${line}: columns ${other + 1} (${quote(header[other]!)}) and ${col + 1} (${quote(h)}) are both ${role} columns. Keep one of them.`);
        }
        this.roles[role] = col;
        this.columns.push({ kind: 'role', role });
        return;
      }
      const node = this.lookup.get(key);
      if (node === undefined) {
        unknown.push(col);
        this.columns.push({ kind: 'ignored' });
        return;
      }
      const prev = nodeSeen.get(node);
      if (prev !== undefined) {
        throw new SmeiError('header', `${this.file}:${line}: columns ${prev + 1} (${quote(header[prev]!)}) and ${col + 1} (${quote(h)}) both name node ${quote(this.fw.nodes[node]!.id)}. Keep one of them.`);
      }
      nodeSeen.set(node, col);
      this.columns.push({ kind: 'node', node });
      this.nodeColumns.push({ col, node });
    });
    this.hasIgnored = this.columns.some((c) => c.kind === 'ignored');
    const accepted = (role: Role): string => ROLE_HEADERS[role].join(', ');
    if (this.roles.unit === undefined) {
      throw new SmeiError('header', `${this.file}:${line}: no unit column. Name the column of unit names one of: ${accepted('unit')}.`);
    }
    if (this.roles.year === undefined) {
      throw new SmeiError('header', `${this.file}:${line}: no year column. Name the column of years one of: ${accepted('year')}.`);
    }
    const long = this.roles.indicator !== undefined || this.roles.value !== undefined;
    if (long) {
      this.format = 'long';
      if (this.roles.indicator === undefined || this.roles.value === undefined) {
        const missing = this.roles.indicator === undefined ? 'indicator' : 'value';
        throw new SmeiError('header', `${this.file}:${line}: a long file needs both an indicator and a value column; there is no ${missing} column. Name it one of: ${accepted(missing)}.`);
      }
      const extra = [...unknown, ...this.nodeColumns.map((c) => c.col)].sort((a, b) => a - b)[0];
      if (extra !== undefined) {
        throw new SmeiError('header', `${this.file}:${line}:${extra + 1}: column ${quote(header[extra]!)} is not expected in a long file (unit, year, indicator, value). Remove it, or use the wide layout with one column per indicator.`);
      }
      this.nodeColumns = [];
      return;
    }
    if (unknown.length > 0) {
      const col = unknown[0]!;
      const h = header[col]!;
      throw new SmeiError('header', `${this.file}:${line}:${col + 1}: column ${quote(h)} is not a node of framework ${this.fw.name}.${didYouMean(h, nodeNames(this.fw))} Rename it to a node id or label (\`smei framework\` lists them), or remove the column.`);
    }
    if (this.nodeColumns.length === 0) {
      throw new SmeiError('header', `${this.file}:${line}: no indicator columns. Add columns named by node ids or labels (\`smei framework\` lists them), or use the long layout (unit, year, indicator, value).`);
    }
  }

  /** Checks the field count against the header, allowing Excel's empty trailing cells. */
  private checkWidth(record: string[], line: number): void {
    const width = this.header!.length;
    if (record.length === width && !this.hasIgnored) return;
    if (record.length > width) {
      for (let c = width; c < record.length; c++) {
        if (record[c] !== '') {
          throw new SmeiError('csv', `${this.file}:${line}:${c + 1}: this row has ${record.length} fields but the header has ${width}. Remove the extra field or add a header for it (a separator inside a value must be quoted).`);
        }
      }
    } else if (record.length < width) {
      for (let c = record.length; c < width; c++) {
        if (this.columns[c]!.kind !== 'ignored') {
          throw new SmeiError('csv', `${this.file}:${line}: this row has ${record.length} fields but the header has ${width}. Fill in the missing fields (leave a cell empty for a missing value).`);
        }
      }
    }
    for (let c = 0; c < Math.min(width, record.length); c++) {
      if (this.columns[c]!.kind === 'ignored' && record[c] !== '') {
        throw new SmeiError('csv', `${this.where(line, c)}: a value in a column with an empty header. Give the column a header or remove the value.`);
      }
    }
  }

  /** The unit of a record, NFKC-normalised and trimmed. */
  private unitOf(record: string[], line: number): number {
    const col = this.roles.unit!;
    return this.units.get(record[col] ?? '', line, col);
  }

  /** Turns a unit cell into a unit id (on a cache miss). */
  private readonly newUnit = (raw: string, line: number, col: number): number => {
    const name = cleanCell(raw);
    if (name === '') throw new SmeiError('value', `${this.where(line, col)}: the unit name is empty. Fill it in, or delete the row.`);
    return this.observations.unitId(name);
  };

  /** The year of a record. */
  private yearOf(record: string[], line: number): number {
    const col = this.roles.year!;
    return this.years.get(record[col] ?? '', line, col);
  }

  /** Turns a year cell into a year (on a cache miss). */
  private readonly newYear = (raw: string, line: number, col: number): number => {
    const y = parseYear(raw);
    if (typeof y !== 'number') throw new SmeiError('value', `${this.where(line, col)}: ${quote(excerpt(raw))} ${y.error}. Write the year as four digits, like 2018.`);
    return y;
  };

  /** The node named in a long file's indicator cell. */
  private indicatorOf(record: string[], line: number): number {
    const col = this.roles.indicator!;
    const raw = record[col] ?? '';
    let node = this.indicatorCache.get(raw);
    if (node === undefined) {
      node = this.lookup.get(matchKey(raw));
      if (node === undefined) {
        const what = raw.trim() === '' ? 'the indicator is empty' : `indicator ${quote(excerpt(raw))} is not a node of framework ${this.fw.name}.${didYouMean(raw, nodeNames(this.fw))}`;
        throw new SmeiError('value', `${this.where(line, col)}: ${what} Use a node id or label (\`smei framework\` lists them).`);
      }
      this.indicatorCache.set(raw, node);
    }
    return node;
  }

  /** Parses and stores one value, refusing a second observation of the same cell. */
  private store(unit: number, year: number, node: number, raw: string, line: number, col: number): void {
    const v = parseNumber(raw, this.decimalComma);
    if (v !== null && typeof v !== 'number') {
      if (v.error === 'ambiguous') {
        throw new SmeiError('value', `${this.where(line, col)}: ${quote(excerpt(raw))} could be a thousands separator or a decimal comma in a file separated by ${this.separatorName}. Write it without the separator (1500) or with a decimal point (1.5).`);
      }
      const why = v.error === 'not-finite' ? 'is too large to be a finite number' : 'is not a number';
      throw new SmeiError('value', `${this.where(line, col)}: ${quote(excerpt(raw))} ${why}. Write a plain number such as 1234.5 (1,234.5 and full-width digits are fine); leave the cell empty or write NA for a missing value.`);
    }
    const obs = this.observations;
    const at = obs.rowFor(unit, year) * obs.nodeCount + node;
    if (at >= this.lines.length) {
      // the line of every cell, to name both lines of a duplicate; grows with the rows
      const bigger = new Int32Array(Math.max(obs.data.length, this.lines.length * 2));
      bigger.set(this.lines);
      this.lines = bigger;
    }
    const first = this.lines[at]!;
    if (first !== 0) {
      throw new SmeiError('duplicate', `${this.file}:${line}: duplicate observation for ${quote(obs.units[unit]!)}, ${year}, ${quote(this.fw.nodes[node]!.id)}: lines ${first} and ${line} both give it. Keep one of the two rows.`);
    }
    this.lines[at] = line;
    obs.setAt(at, node, v === null ? NaN : v);
  }
}
