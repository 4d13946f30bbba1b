// Reading a file, in the steps a reader can follow:
//   1. detect   the first bytes tell a workbook (.xlsx, .xls) from text, and
//               text's encoding (BOM, strict UTF-8, else GB18030);
//   2. a workbook goes whole to the workbook reader (workbook.ts, loaded only
//               then); text is decoded chunk by chunk as it streams in;
//   3. split    the separator is chosen, and lines split into records
//               (split.ts: the byte splitter, its kernel, csv-parse);
//   4. fold     each record folded at once into the (unit, period, node)
//               table (fold.ts: the layout is chosen from the first rows),
//               so raw records are never held.
import { createHash } from 'node:crypto';
import { SmeiError } from '../errors.js';
import type { Framework } from '../framework/types.js';
import { ChunkDecoder, detectEncoding, encodingFromName, type Encoding } from './decode.js';
import { RecordFolder } from './fold.js';
import { csvLocator } from './layout.js';
import { layoutOptions, MAX_WORKBOOK_BYTES, workbookKind, type ByteSource, type ReadOptions, type ReadResult } from './read-options.js';
import { csvFailure, delimiterFromName, HEAD_BYTES, splitText, type TextSplitter } from './split.js';

export { layoutOptions, MAX_WORKBOOK_BYTES, workbookKind, type ByteSource, type ReadOptions, type ReadResult } from './read-options.js';
export { delimiterFromName, MAX_LINE_BYTES, sniffDelimiter } from './split.js';

/** Text up to this size is kept whole, in case it is a form saved as CSV. */
const SMALL_TEXT = 1 << 20;

/** Bytes read before the table is sized for the whole file. */
const RESERVE_AFTER = 1 << 20;

/** Step 1: what the first bytes are: a workbook, or text in an encoding (refusing a workbook's name on text). */
export function detect(head: Buffer, file: string, forced: Encoding | undefined): { workbook: boolean; encoding: Encoding } {
  const workbook = workbookKind(head) !== undefined;
  if (!workbook && /\.(xlsx|xlsm|xls)$/i.test(file) && head.length > 0) {
    throw new SmeiError('file', `${file}: not a workbook (it does not start as an .xlsx or .xls file does). If it is CSV text, rename it to .csv; if it came from Excel, open it there and save it again as .xlsx.`, { zh: `${file}：不是工作簿（它的开头不像 .xlsx 或 .xls 文件）。如果它是 CSV 文本，请改名为 .csv；如果来自 Excel，请在 Excel 中打开并重新另存为 .xlsx。` });
  }
  return { workbook, encoding: forced ?? detectEncoding(workbook ? Buffer.from('x') : head, file) };
}

/** Reads CSV bytes (or a workbook) into observations checked against the framework. */
export async function readObservations(src: ByteSource, fw: Framework, options: ReadOptions = {}): Promise<ReadResult> {
  const file = src.name;
  const forced = options.encoding === undefined ? undefined : encodingFromName(options.encoding);
  // a bad --delimiter is refused before anything is read (a workbook too)
  if (options.delimiter !== undefined) delimiterFromName(options.delimiter);
  const hash = options.hash ? createHash('sha256') : undefined;
  const folder = new RecordFolder(csvLocator(file), fw, { ...layoutOptions(options), firstRowFallback: true, shortRows: 'note' });
  const workbook: Uint8Array[] = [];
  let isWorkbook = false;
  let decoder: ChunkDecoder | undefined;
  let text: TextSplitter | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let bytes = 0;
  let reserved = false;
  let caught: unknown;

  /** The text of a small file, kept in case it is a form saved as CSV (forms are a few KB), and whether it was read to its end. */
  const small: Uint8Array[] = [];
  let ended = false;
  /**
   * A small CSV the reader refused for its header (no unit column): read as
   * one unit's form saved as CSV where it has that shape (the result), else
   * undefined, and the reader's own error stands.
   */
  const formSavedAsCsv = async (e: unknown): Promise<Omit<ReadResult, 'sha256'> | undefined> => {
    if (isWorkbook || decoder === undefined || bytes > SMALL_TEXT || !(e instanceof SmeiError) || e.code !== 'header') return undefined;
    // only the whole file: the reader stops at its first error, which for a form is within its first chunk
    // (a few KB); a file not read to its end (or of unknown size) keeps the reader's own error
    if (!ended && (options.size === undefined || bytes !== options.size)) return undefined;
    const { readFormCopyText } = await import('./form.js');
    const all = Buffer.concat(small);
    const text = new ChunkDecoder(decoder.encoding, file, false).decode(all, true);
    const read = await readFormCopyText(typeof text === 'string' ? text : text.toString('utf8'), file, fw);
    // its fingerprint, as every input's (report --check, the method's list of inputs)
    return read === undefined ? undefined : { ...read, ...(options.hash ? { sha256: createHash('sha256').update(all).digest('hex') } : {}) };
  };

  /** Steps 1-2 once the head is in: a workbook keeps its bytes; text gets its decoder and splitter, and the head. */
  const start = async (): Promise<void> => {
    const all = Buffer.concat(head);
    head = [];
    const d = detect(all, file, forced);
    isWorkbook = d.workbook;
    decoder = new ChunkDecoder(d.encoding, file, forced === undefined);
    if (isWorkbook) workbook.push(all);
    else {
      text = splitText(folder, file, options);
      await text.feed(decoder.decode(all), false);
    }
  };

  /** A chunk kept past its turn: copied where the source reads the next into the same memory. */
  const keep = (chunk: Uint8Array): Uint8Array => (src.reusesChunks === true ? Uint8Array.prototype.slice.call(chunk) : chunk);
  try {
    for await (const chunk of src.chunks) {
      hash?.update(chunk);
      bytes += chunk.length;
      if (bytes <= SMALL_TEXT) small.push(keep(chunk));
      options.onProgress?.(bytes);
      if (decoder === undefined) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < HEAD_BYTES) {
          head[head.length - 1] = keep(chunk);
          continue;
        }
        await start();
      } else if (isWorkbook) {
        if (bytes > MAX_WORKBOOK_BYTES) throw new SmeiError('file', `${file}: a workbook larger than ${MAX_WORKBOOK_BYTES >> 30} GiB, more than smei reads. Save the sheet as CSV (smei streams CSV of any size).`, { zh: `${file}：工作簿大于 ${MAX_WORKBOOK_BYTES >> 30} GiB，超出 smei 的读取上限。请把工作表另存为 CSV（smei 可以流式读取任意大小的 CSV）。` });
        workbook.push(keep(chunk));
      } else {
        await text!.feed(decoder.decode(chunk), false);
        // After the first mebibytes, what was read tells how many rows the whole file holds.
        if (!reserved && options.size !== undefined && bytes >= RESERVE_AFTER && bytes < options.size) {
          reserved = true;
          folder.reserve(bytes / options.size);
        }
      }
      if (text?.failure !== undefined) break;
    }
    ended = text?.failure === undefined;
    if (text?.failure === undefined) {
      if (decoder === undefined) {
        if (headLength === 0) throw new SmeiError('data', `${file}: the file is empty. Give a CSV with a header line (unit, year, indicators) and data rows.`, { zh: `${file}：文件是空的。请提供有表头（地区、年份、各指标）和数据行的 CSV。` });
        await start();
      }
      if (isWorkbook) {
        // Loaded only now: the workbook library is large, and CSV never needs it.
        const { readWorkbook } = await import('./workbook.js');
        const result = await readWorkbook(Buffer.concat(workbook), file, fw, options);
        return { ...result, records: result.records, ...(hash ? { sha256: hash.digest('hex') } : {}) };
      }
      await text!.feed(decoder!.decode(undefined, true), true);
      await text!.end();
    } else {
      // Stop at the first error: the rest of the file is not read.
      text.abort();
    }
  } catch (e) {
    caught = e;
  }
  const failure = text?.failure ?? caught;
  if (failure !== undefined) {
    const asForm = await formSavedAsCsv(failure);
    if (asForm !== undefined) return asForm;
    // cells that are not numbers came before the failure in the file: they are said first, all of them
    throw folder.pendingError() ?? csvFailure(failure, file, folder.lastLine);
  }
  // Step 4's end: the layout's last checks, the notes
  try {
    folder.finish();
  } catch (e) {
    const asForm = await formSavedAsCsv(e);
    if (asForm !== undefined) return asForm;
    throw csvFailure(e, file, folder.lastLine);
  }
  return {
    observations: folder.observations,
    format: folder.format,
    notes: folder.notes,
    warnings: folder.warnings,
    encoding: decoder!.encoding,
    delimiter: text?.delimiter ?? ',',
    records: folder.records,
    ...(hash ? { sha256: hash.digest('hex') } : {}),
  };
}
