// From a data path and the shared options to a computed index table.
import { closeSync, createReadStream, openSync, read as fsRead, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { conflictError, mergeObservations, type Conflict } from '../collect/merge.js';

export { conflictError };
import { findAggregates } from '../core/aggregates.js';
import { computeIndex, type IndexTable } from '../core/compute.js';
import { duplicatesNote, type Note, type Warning } from '../core/types.js';
import type { Observations } from '../core/observations.js';
import { formatPeriod, periodOf, type Period } from '../time/period.js';
import { periodKeyFor } from './resolve.js';
import { parseAggregation, parseImpute, parseNormalise, parseRandomIndex, parseTreat, parseWeights, specText, type MethodSpec, type RandomIndexTable } from '../core/methods.js';
import type { PrepLog } from '../prep/prep.js';
import { errorClause, SmeiError } from '../errors.js';
import { loadFramework } from '../input/framework.js';
import type { Framework } from '../framework/types.js';
import { readObservations, type ByteSource, type ReadResult } from '../input/read.js';
import { renameHints, renameMap, renameUnits } from '../input/rename.js';
import { quote } from '../text.js';
import type { Io } from './io.js';
import { isFolderDataFileName, noteRead } from './output.js';
import { progressReporter } from './progress.js';

/** Options every data-reading command shares. */
export interface DataOptions {
  framework?: string;
  baseYear?: number;
  basePeriod?: Period;
  refYear?: Period;
  aggregateUnit?: string[];
  encoding?: string;
  delimiter?: string;
  quiet?: boolean;
  sheet?: string;
  headerRow?: number;
  unitColumn?: string;
  ignoreColumn?: string[];
  indicator?: string;
  /** The period a file without a period column (or a title naming one) is read as: diff's --year. */
  periodIfNone?: Period;
  autoAggregate?: boolean;
  /** --rename OLD=NEW (repeatable): units renamed, over the framework's "aliases". */
  rename?: string[];
  /** Whether --rename came from the config file (set by main's preAction): a round's renames serve every file, so one whose old name a file lacks is passed over. */
  renameFromConfig?: boolean;
  /** false with --no-review: compute without the error-level review rules. */
  review?: boolean;
  /** --level RULE=LEVEL, repeatable: the review rules' levels for this run. */
  level?: string[];
  /** The language of messages (zh by default). */
  lang?: 'zh' | 'en';
  normalise?: string;
  weights?: string;
  aggregation?: string;
  denominate?: boolean;
  impute?: string;
  screen?: number;
  treat?: string;
  scope?: 'year' | 'panel';
  allowInconsistent?: boolean;
  ahpRi?: string;
}

/** The methods of a run: the command line over the framework's "methods" over the defaults. */
export interface RunMethods {
  normalise: MethodSpec;
  weights: MethodSpec;
  aggregation?: MethodSpec;
  denominate: boolean;
  impute?: MethodSpec;
  screen?: number;
  treat?: MethodSpec;
  scope: 'year' | 'panel';
  /** The random index table of AHP's consistency ratio. */
  ahpRandomIndex: RandomIndexTable;
}

/** Resolves the methods of a run, checking every one. */
export function resolveMethods(fw: Framework, opts: DataOptions): RunMethods {
  const f = fw.methods;
  const pick = (cli: string | undefined, key: string): string | undefined => cli ?? (f[key] === undefined ? undefined : String(f[key]));
  // a framework's setting is placed by its file, as every other framework error is (the built-in one by its name)
  const place = fw.source?.kind === 'file' && fw.source.name !== undefined ? fw.source.name : fw.name;
  const from = (cli: unknown, key: string): string => (cli !== undefined ? `--${key}` : `${place}: methods.${key}`);
  const normalise = pick(opts.normalise, 'normalise');
  const weights = pick(opts.weights, 'weights');
  const impute = pick(opts.impute, 'impute');
  const treat = pick(opts.treat, 'treat');
  const screenRaw = opts.screen ?? (f.screen === undefined ? undefined : Number(f.screen));
  if (screenRaw !== undefined && !(screenRaw >= 0 && screenRaw <= 1)) throw new SmeiError('framework', `${place}: methods.screen must be a share from 0 to 1, got ${JSON.stringify(f.screen)}.`, { zh: `${place}：methods.screen 必须是 0 到 1 之间的比例，实际为 ${JSON.stringify(f.screen)}。` });
  const scope = opts.scope ?? (f.scope === undefined ? 'year' : String(f.scope));
  if (scope !== 'year' && scope !== 'panel') throw new SmeiError('framework', `${place}: methods.scope must be "year" or "panel", got ${JSON.stringify(f.scope)}.`, { zh: `${place}：methods.scope 必须是 "year" 或 "panel"，实际为 ${JSON.stringify(f.scope)}。` });
  return {
    normalise: normalise === undefined ? { name: 'fixed-base', params: [] } : parseNormalise(normalise, from(opts.normalise, 'normalise')),
    weights: weights === undefined ? { name: 'given', params: [] } : parseWeights(weights, from(opts.weights, 'weights')),
    ...(opts.aggregation !== undefined ? { aggregation: parseAggregation(opts.aggregation) } : {}),
    denominate: opts.denominate === true || f.denominate === true,
    ...(impute !== undefined ? { impute: parseImpute(impute, from(opts.impute, 'impute')) } : {}),
    ...(screenRaw !== undefined ? { screen: screenRaw } : {}),
    ...(treat !== undefined ? { treat: parseTreat(treat, from(opts.treat, 'treat')) } : {}),
    scope,
    ahpRandomIndex: parseRandomIndex(pick(opts.ahpRi, 'ahpRandomIndex') ?? 'saaty', opts.ahpRi !== undefined ? '--ahp-ri' : `${fw.name}: ahpRandomIndex`),
  };
}

/** Files up to this size are read whole; larger ones are streamed. */
const SMALL_FILE = 1 << 20;

/** An async iterable over chunks, whether they are a stream or an array. */
async function* toAsync(chunks: AsyncIterable<Uint8Array> | Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* chunks;
}

/** Opens a data path ('-' is stdin) as a byte source, failing clearly if it cannot. */
export function openSource(path: string, io: Io): { source: ByteSource; size?: number } {
  if (path === '-') return { source: { name: '<stdin>', chunks: io.stdin } };
  const full = resolve(io.cwd, path);
  let size: number;
  let whole: Uint8Array | undefined;
  try {
    const st = statSync(full);
    if (st.isDirectory()) throw new SmeiError('file', `${path}: is a directory. Give a CSV file or a workbook.`, { zh: `${path}：这是一个文件夹。请给出 CSV 文件或工作簿。` });
    size = st.size;
    // A small file is read in one go (no stream machinery to load: a CLI is judged by its start).
    // A device or a pipe (/dev/zero, a FIFO) has no size: it is streamed, so its first bytes are checked before more is read.
    if (!st.isFile()) return { source: { name: path, chunks: toAsync(createReadStream(full, { highWaterMark: 1 << 16 })) } };
    if (size <= SMALL_FILE) whole = readFileSync(full);
  } catch (e) {
    if (e instanceof SmeiError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? String(e);
    const whyZh = code === 'ENOENT' ? '没有这个文件' : code === 'EACCES' ? '没有读取权限' : code ?? String(e);
    throw new SmeiError('file', `${path}: cannot read the data file (${why}). Check the path.`, { cause: e, zh: `${path}：无法读取数据文件（${whyZh}）。请检查路径。` });
  }
  return { source: whole !== undefined ? { name: path, chunks: toAsync([whole]) } : { name: path, chunks: fileChunks(full), reusesChunks: true }, size };
}

/** Bytes a large file is read in at a time. */
const CHUNK = 1 << 20;

/**
 * A large file's bytes in chunks of CHUNK, read into two buffers in turn: the
 * next chunk is read (in Node's thread pool) while the last is taken in. A
 * chunk is valid until the next is asked for: a reader that keeps one copies
 * it (read.ts keeps a workbook's). A fresh buffer per chunk, as a read stream
 * makes, is fresh memory the process touches page by page: 2,300 page faults
 * for a 9 MB file, 25 ms on a machine that pays 10 µs a page.
 */
async function* fileChunks(full: string): AsyncIterable<Uint8Array> {
  const fd = openSync(full, 'r');
  const bufs = [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)];
  const readInto = (b: Buffer): Promise<number> => new Promise((ok, fail) => fsRead(fd, b, 0, CHUNK, null, (e, n) => (e ? fail(e) : ok(n))));
  try {
    let which = 0;
    let pending = readInto(bufs[0]!);
    for (;;) {
      const n = await pending;
      if (n === 0) return;
      const got = bufs[which]!;
      which ^= 1;
      pending = readInto(bufs[which]!);
      yield got.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Everything a command needs from one data file. */
export interface LoadedData {
  framework: Framework;
  read: ReadResult;
  table: IndexTable;
}

/** Files a command reads: each path, a folder's CSV and workbook files (sorted by name) in its place. */
export function expandInputs(paths: string[], io: Io, skipped: string[] = []): string[] {
  if (paths.length > 1 && paths.includes('-')) throw new SmeiError('usage', 'stdin (-) can only be read alone: give files or folders, or - by itself.', { zh: '标准输入（-）只能单独读取：请给出文件或文件夹，或只给 -。' });
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(io.cwd, p);
    let dir = false;
    try {
      dir = p !== '-' && statSync(full).isDirectory();
    } catch {
      // not there: openSource says so, naming the path
    }
    if (!dir) {
      out.push(p);
      continue;
    }
    const entries = readdirSync(full, { withFileTypes: true });
    const files = entries.filter((e) => !e.isDirectory() && isFolderDataFileName(e.name)).map((e) => e.name).sort();
    // folders inside are not read (an archive of last year, the outputs): those holding data files are named in a note
    const inner = entries.filter((e) => e.isDirectory() && holdsData(join(full, e.name))).map((e) => join(p, e.name)).sort();
    if (files.length === 0) {
      const sub = inner.length > 0 ? [` Its subfolders ${inner.join(', ')} hold some: name them (smei reads the files directly in a folder).`, `它的子文件夹 ${inner.join(', ')} 中有：请直接给出这些子文件夹（smei 只读取文件夹本层的文件）。`] : ['', ''];
      throw new SmeiError('file', `${p}: no CSV or workbook (.csv, .xlsx, .xls) in this folder.${sub[0] || ' Put the submissions there, or name the files.'}`, { zh: `${p}：此文件夹中没有 CSV 文件或工作簿（.csv、.xlsx、.xls）。${sub[1] || '请把报送的文件放在这里，或直接给出文件名。'}` });
    }
    skipped.push(...inner);
    out.push(...files.map((f) => join(p, f)));
  }
  return out;
}

/** Whether a folder holds a data file (directly). */
function holdsData(dir: string): boolean {
  try {
    return readdirSync(dir).some(isFolderDataFileName);
  } catch {
    return false;
  }
}

/** Files from this size may take long enough to read for a progress line on a terminal. */
const PROGRESS_MIN_BYTES = 16 << 20;

/** Reads one file with the shared options. */
async function readOne(path: string, framework: Framework, opts: DataOptions, io: Io, hash: boolean): Promise<ReadResult> {
  const { source, size } = openSource(path, io);
  // a file under PROGRESS_MIN_BYTES is read before a progress line would show (after a second)
  const progress = opts.quiet || (size !== undefined && size < PROGRESS_MIN_BYTES) || !io.stderrIsTTY ? undefined : progressReporter(source.name, size, io);
  try {
    return await readObservations(source, framework, {
      ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
      ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
      ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
      ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      ...(opts.unitColumn !== undefined ? { unitColumn: opts.unitColumn } : {}),
      ...(opts.ignoreColumn !== undefined ? { ignoreColumns: opts.ignoreColumn } : {}),
      ...(opts.indicator !== undefined ? { indicator: opts.indicator } : {}),
      ...(opts.periodIfNone !== undefined ? { periodIfNone: { key: opts.periodIfNone.key, freq: opts.periodIfNone.freq } } : {}),
      ...(hash ? { hash: true } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
      ...(size !== undefined ? { size } : {}),
    });
  } finally {
    progress?.done();
  }
}

/** The files read, each with its SHA-256 when asked. */
export interface InputFile {
  path: string;
  sha256?: string;
}

/** Everything a command needs from its data files. */
export interface LoadedData {
  framework: Framework;
  read: ReadResult;
  table: IndexTable;
  inputs: InputFile[];
  /** Values two files give differently (only with keepConflicts; otherwise they are an error). */
  conflicts: Conflict[];
  /** The methods of the run. */
  methods: RunMethods;
  /** The same run with another framework (weights) or other methods. */
  recompute: (fw: Framework, v: { weights?: MethodSpec; normalise?: MethodSpec; aggregation?: MethodSpec; impute?: MethodSpec }) => IndexTable;
  /** With `crossSectionFallback`: true when fixed-base could not apply and min-max was used. */
  fellBack?: boolean;
}

/**
 * Refuses data without a single value, indicator or denominator: forms sent
 * back blank, or the wrong file or sheet. Every unit would show "—", and the
 * review would have nothing to flag.
 */
function refuseBlank(obs: Observations): void {
  if (obs.nodeHasData.some(Boolean) || [...obs.aux.values()].some((col) => [...col.values()].some((v) => !Number.isNaN(v)))) return;
  const n = obs.units.length;
  const periods = obs.years().map((k) => formatPeriod(k, obs.frequency)).join(', ');
  throw new SmeiError('data', `${obs.file}: no values at all: every indicator cell of its ${n} unit${n === 1 ? '' : 's'} is empty (${periods}). Returned forms were sent back blank, or this is not the file (or sheet) with the data: fill in the values, or give the right file.`, {
    zh: `${obs.file}：没有任何数值：${n}个地区的指标单元格全部为空（${periods}）。可能交回的填报表是空表，或者这不是存放数据的文件（或工作表）：请填入数值，或给出正确的文件。`,
  });
}

/** The data files read and merged, before anything is computed. */
export interface ReadData {
  framework: Framework;
  read: ReadResult;
  inputs: InputFile[];
  conflicts: Conflict[];
  /** Every unit name as the files spell it, before renaming. */
  seen: Set<string>;
}

/**
 * Refuses a --rename whose old name is none of the units the files spell
 * (`seen`): a typo on the command line is said, not passed over. Renames
 * from the config file are the round's, for every file (the merged data of
 * a later step already has the new names), so they are not checked.
 */
export function checkRenames(rename: string[] | undefined, seen: Set<string>, files: string[], fromConfig = false): void {
  if (fromConfig) return;
  for (const [old] of renameMap({}, rename)) {
    if (!seen.has(old)) throw new SmeiError('usage', `--rename: no unit ${quote(old)} in ${files.join(', ')}. Units: ${[...seen].slice(0, 12).join(', ')}${seen.size > 12 ? ', ...' : ''}.`, { zh: `--rename：${files.join(', ')}中没有地区${quote(old)}。地区有：${[...seen].slice(0, 12).join(', ')}${seen.size > 12 ? '等' : ''}。` });
  }
}

/** Reads (and merges) the data files with the shared options. */
export async function readData(paths: string | string[], opts: DataOptions, io: Io, extra: { hash?: boolean; framework?: Framework; keepConflicts?: boolean; renameElsewhere?: boolean } = {}): Promise<ReadData> {
  const framework = extra.framework ?? (await loadFramework(opts.framework, io.cwd));
  const inner: string[] = [];
  const files = expandInputs(Array.isArray(paths) ? paths : [paths], io, inner);
  noteRead(io, files);
  const reads: ReadResult[] = [];
  const renames = renameMap(framework.aliases, opts.rename);
  const nodeIds = framework.nodes.map((n) => n.id);
  const seen = new Set<string>();
  // a folder of returns: every file is read, and the ones that cannot be are named together (a township's form
  // with a row inserted no longer hides whether the other eleven read)
  const failed: SmeiError[] = [];
  for (const f of files) {
    let one: ReadResult;
    try {
      one = await readOne(f, framework, opts, io, extra.hash === true);
    } catch (e) {
      if (files.length === 1 || !(e instanceof SmeiError)) throw e;
      failed.push(e);
      continue;
    }
    for (const u of one.observations.units) seen.add(u);
    // renamed units continue their new name's series, file by file (before merging, so a conflict names its file)
    const renamed = renameUnits(one.observations, renames, nodeIds);
    reads.push(renamed.notes.length === 0 ? one : { ...one, observations: renamed.observations, notes: [...one.notes, ...renamed.notes] });
  }
  if (failed.length === 1) throw failed[0]!;
  if (failed.length > 1) {
    throw new SmeiError(failed[0]!.code, `${failed.length} of ${files.length} files cannot be read: ${failed.map((e) => errorClause(e, 'en')).join('; ')}.`, {
      zh: `${files.length}个文件中有${failed.length}个无法读取：${failed.map((e) => errorClause(e, 'zh')).join('；')}。`,
    });
  }
  // a typo in --rename is said, not passed over (the framework's aliases may name units the data does not have);
  // a caller that reads another file too (review's --previous) checks the names against both itself
  if (!extra.renameElsewhere) checkRenames(opts.rename, seen, files, opts.renameFromConfig);
  let read = reads[0]!;
  let conflicts: Conflict[] = [];
  if (reads.length > 1) {
    // what messages call the merged data: the folder the files share, else the first and last file (no English words in a Chinese message)
    const folders = new Set(files.map((f) => dirname(f)));
    const one = folders.size === 1 ? [...folders][0]! : '.';
    const merged = mergeObservations(reads.map((r) => r.observations), one !== '.' ? `${one}/` : `${files[0]} … ${files.at(-1)}`);
    conflicts = merged.conflicts;
    if (conflicts.length > 0 && !extra.keepConflicts) throw conflictError(conflicts, framework, merged.observations.frequency);
    const notes: Note[] = [{ code: 'merged', detail: { files: files.length, names: files.join(', ') } }, ...reads.flatMap((r, i) => r.notes.map((n) => ({ ...n, file: files[i]! })))];
    if (merged.identical > 0) notes.push(duplicatesNote(merged.identical, merged.example!, framework, merged.observations.frequency));
    read = { ...read, observations: merged.observations, notes, warnings: reads.flatMap((r) => r.warnings), records: reads.reduce((a, r) => a + r.records, 0) };
  }
  if (inner.length > 0) read = { ...read, notes: [...read.notes, { code: 'subfolders', detail: { folders: inner.join(', ') } }] };
  refuseBlank(read.observations);
  // a unit whose data stops just before another's starts: perhaps one unit renamed
  const hints = renameHints(read.observations);
  if (hints.length > 0) read = { ...read, notes: [...read.notes, ...hints] };
  return { framework, read, conflicts, inputs: files.map((path, i) => ({ path, ...(reads[i]!.sha256 ? { sha256: reads[i]!.sha256! } : {}) })), seen };
}


/** Reads (and merges) the data files, reviews them, and computes the index with the shared options. */
export async function loadData(paths: string | string[], opts: DataOptions, io: Io, extra: { hash?: boolean; framework?: Framework; skipReview?: boolean; keepConflicts?: boolean; crossSectionFallback?: boolean; missingAllowed?: boolean; historyWarnings?: boolean } = {}): Promise<LoadedData> {
  const data = await readData(paths, opts, io, extra);
  const { framework, read } = data;
  const methods = resolveMethods(framework, opts);
  // A command that needs scores but not a base (smei audit): fixed-base by default, min-max where it cannot apply
  let fellBack = false;
  if (extra.crossSectionFallback && opts.normalise === undefined && framework.methods.normalise === undefined && opts.basePeriod === undefined) {
    const base = opts.baseYear ?? framework.baseYear;
    const freq = read.observations.frequency;
    const years = read.observations.years();
    if (!base || (years.length === 1 && years[0] === 0) || !years.some((k) => periodOf(k, freq).year === base)) {
      methods.normalise = { name: 'min-max', params: [] };
      fellBack = true;
    }
  }
  // The totals rows, found once in the data as read: the review's totals rule and the index both take them
  // from here (found again after denominating, imputing or treating, a row would no longer sum, and be ranked)
  const found = findAggregates(read.observations, framework, { autoAggregate: opts.autoAggregate !== false, aggregateUnits: opts.aggregateUnit ?? [] });
  const totalsRows = new Set(read.observations.units.filter((_, u) => found.aggregate[u]));
  // The error-level review rules run first: a ranking is never computed from data that fails them.
  const reviewWarnings: Warning[] = [];
  if (!extra.skipReview && opts.review !== false) {
    const { noteErrorCells, reviewAll } = await import('../collect/review.js');
    const { levelsOf } = await import('./options.js');
    const obs = read.observations;
    const errors = [];
    // imputing or screening is how the run deals with missing values: they are not errors then
    // (and an audit counts the missing values itself: its missing shares are what it is asked for)
    const levels = { ...levelsOf(opts.level), ...(methods.impute !== undefined || methods.screen !== undefined || extra.missingAllowed ? { missing: 'off' as const } : {}) };
    const totals = { aggregates: totalsRows, sums: found.mismatches };
    // oldest first, as the warnings of compute are listed; the refusal lists the errors latest first, as review does
    // a denominator the data lacks altogether is refused by the preparation itself, naming the column to add
    const denominate = methods.denominate && framework.nodes.every((n) => n.denominator === undefined || obs.aux.has(n.denominator));
    // earlier periods' warnings are looked for only where the output says them (extra.historyWarnings false:
    // compute --quiet writing CSV, Markdown or a table, which show no warning); their errors always are
    const findings = reviewAll(obs, framework, { periods: obs.years(), conflicts: data.conflicts, levels, denominate, ...totals, ...(extra.historyWarnings === false ? { historyOnly: 'error' as const } : {}) });
    dropNamedRenames(read.notes, findings);
    noteErrorCells(findings, read.warnings);
    for (const f of findings) {
      if (f.level === 'error') errors.push(f);
      else if (f.level === 'warning') reviewWarnings.push({ code: 'review', unit: f.unit, year: f.period, ...(f.node ? { node: f.node } : {}), detail: { rule: f.rule, finding: JSON.stringify(f) } });
    }
    if (errors.length > 0) {
      const { reviewStopMessage } = await import('../render/findings.js');
      errors.sort((a, b) => b.period - a.period);
      throw new SmeiError('data', reviewStopMessage(errors, framework, obs.frequency, opts.lang ?? 'zh', reviewCommandLine(paths, opts, levels)));
    }
  }
  // Preparation, in this order: denominate, impute, screen, treat.
  const prepMod = await import('../prep/prep.js');
  const prepare = (m: RunMethods): { obs: Observations; log: PrepLog } => {
    const log: PrepLog = { imputed: new Set(), screened: [], treated: [], warnings: [] };
    let o = read.observations;
    // the data as read stays as it is (reports quote it); a stage's own copy, made by the stage before, may be
    // changed in place by the next where that gives the same values (denominate, treat), saving a copy of the table
    if (m.denominate) o = prepMod.denominate(o, framework, log);
    if (m.impute) o = prepMod.impute(o, framework, m.impute, log);
    if (m.screen !== undefined) o = prepMod.screen(o, framework, m.screen, log);
    if (m.treat) o = prepMod.treat(o, framework, m.treat.params.length ? Number(m.treat.params[0]) : 5, log, o !== read.observations);
    return { obs: o, log };
  };
  const { obs, log } = prepare(methods);
  const prepNotes: Note[] = [];
  if (log.imputed.size > 0) prepNotes.push({ code: 'imputed', detail: { count: log.imputed.size, method: specText(methods.impute!) } });
  if (log.notImputed !== undefined) prepNotes.push({ code: 'not-imputed', detail: { count: log.notImputed.length, method: specText(methods.impute!), units: log.notImputed.slice(0, 10).map((x) => (x.period === 0 ? x.unit : `${x.unit} ${formatPeriod(x.period, obs.frequency)}`)).join(', ') + (log.notImputed.length > 10 ? ', …' : '') } });
  if (log.screened.length > 0) prepNotes.push({ code: 'screened', detail: { count: log.screened.length, units: log.screened.map((x) => `${x.unit} ${x.period} (${(100 * x.share).toFixed(1)}%)`).join(', '), share: methods.screen! } });
  if (log.treated.length > 0) {
    // each indicator (and period, where several) treated, in English by id and in Chinese by its label
    const periods = log.treated.some((y) => y.period !== log.treated[0]!.period);
    const zhLabel = (id: string): string => framework.nodes[framework.byId.get(id)!]?.zh || id;
    const indicators = log.treated.map((x) => `${x.node}${periods ? ` ${x.period}` : ''}${x.log ? ' (log)' : ` (${x.winsorised})`}`).join(', ');
    const indicatorsZh = log.treated.map((x) => `${zhLabel(x.node)}${periods ? ` ${formatPeriod(x.period, obs.frequency)}` : ''}（${x.log ? '取对数' : `缩尾${x.winsorised}个点`}）`).join('、');
    prepNotes.push({ code: 'treated', detail: { winsorised: log.treated.filter((x) => !x.log).length, logged: log.treated.filter((x) => x.log).length, indicators, indicatorsZh } });
  }
  const freq = obs.frequency;
  const label = obs.file;
  const computeWith = (fw: Framework, m: RunMethods, o: Observations, l: PrepLog, nonPositive: 'refuse' | 'missing' = 'refuse'): IndexTable => computeIndex(o, fw, {
    nonPositive,
    normalise: m.normalise,
    weights: m.weights,
    ...(m.aggregation ? { aggregation: m.aggregation } : {}),
    scope: m.scope,
    allowInconsistent: opts.allowInconsistent === true,
    ahpRandomIndex: m.ahpRandomIndex,
    imputed: l.imputed,
    ...(opts.baseYear !== undefined ? { baseYear: opts.baseYear } : {}),
    ...(opts.basePeriod !== undefined ? { basePeriod: periodKeyFor(opts.basePeriod, freq, '--base-period', label) } : {}),
    ...(opts.refYear !== undefined ? { refYear: periodKeyFor(opts.refYear, freq, '--ref-year', label) } : {}),
    aggregatesFound: { units: totalsRows, notes: found.notes },
    warnings: [...read.warnings, ...reviewWarnings, ...l.warnings],
  });
  const table = computeWith(framework, methods, obs, log);
  table.notes.unshift(...read.notes, ...prepNotes);
  table.record.prepare = { methods, log, read: read.observations };
  // For the sensitivity analysis: the same run with another framework (weights) or methods;
  // prepared data is cached per imputation.
  const prepared = new Map<string, { obs: Observations; log: PrepLog }>([[methods.impute ? specText(methods.impute) : '', { obs, log }]]);
  const recompute = (fw: Framework, v: { weights?: MethodSpec; normalise?: MethodSpec; aggregation?: MethodSpec; impute?: MethodSpec }): IndexTable => {
    const m: RunMethods = { ...methods, ...v };
    const key = m.impute ? specText(m.impute) : '';
    let p = prepared.get(key);
    if (p === undefined) prepared.set(key, (p = prepare(m)));
    // a variation that leaves units without a value is refused by the analysis, naming the variation
    return computeWith(fw, m, p.obs, p.log, 'missing');
  };
  return { ...data, table, methods, recompute, ...(fellBack ? { fellBack } : {}) };
}

/** The `smei review …` command that lists the findings a compute run stopped on (the same files, reader options and levels). */
export function reviewCommandLine(paths: string | string[], opts: DataOptions, levels: Record<string, string>): string {
  const q = (a: string): string => (/^[\w./:@%+=,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const args = ['smei', 'review', ...(Array.isArray(paths) ? paths : [paths])];
  const add = (flag: string, v: string | number | undefined): void => {
    if (v !== undefined) args.push(flag, String(v));
  };
  add('--framework', opts.framework);
  for (const u of opts.aggregateUnit ?? []) add('--aggregate-unit', u);
  if (opts.autoAggregate === false) args.push('--no-auto-aggregate');
  if (opts.denominate === true) args.push('--denominate');
  add('--encoding', opts.encoding);
  add('--delimiter', opts.delimiter);
  add('--sheet', opts.sheet);
  add('--header-row', opts.headerRow);
  add('--unit-column', opts.unitColumn);
  for (const c of opts.ignoreColumn ?? []) add('--ignore-column', c);
  add('--indicator', opts.indicator);
  for (const [rule, level] of Object.entries(levels)) add('--level', `${rule}=${level}`);
  if (opts.lang === 'en') add('--lang', 'en');
  return args.map(q).join(' ');
}

/** Drops read's rename hints for the units a review finding names as renamed: said once, by the finding. */
export function dropNamedRenames(notes: Note[], findings: readonly { rule: string; unit: string }[]): void {
  const renamed = new Set(findings.filter((f) => f.rule === 'renamed').map((f) => f.unit));
  if (renamed.size === 0) return;
  const kept = notes.filter((n) => n.code !== 'rename-hint' || !renamed.has(String(n.detail.from)));
  notes.length = 0;
  notes.push(...kept);
}
