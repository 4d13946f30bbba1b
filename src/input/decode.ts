// Bytes -> text: finds the encoding (BOM, then strict UTF-8, then GB18030)
// and decodes chunk by chunk so a large file never sits in memory whole.
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { SmeiError } from '../errors.js';

/** The encodings smei reads. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf-8-bom': 'utf-8', 'utf-8-sig': 'utf-8',
  'utf-16le': 'utf-16le', utf16le: 'utf-16le', 'utf-16': 'utf-16le', utf16: 'utf-16le',
  'utf-16be': 'utf-16be', utf16be: 'utf-16be',
  // 'gbk' is read as GB18030: TextDecoder's gbk label loses 4-byte characters.
  gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030',
};

/** Maps an --encoding value to an encoding, or fails with the accepted names. */
export function encodingFromName(name: string): Encoding {
  const e = ALIASES[name.trim().toLowerCase()];
  if (e === undefined) throw new SmeiError('usage', `--encoding ${JSON.stringify(name)} is not supported. Use one of: utf-8, utf-16le, utf-16be, gb18030 (gbk and gb2312 are read as gb18030).`, { zh: `--encoding ${JSON.stringify(name)} 不受支持。请使用以下之一：utf-8、utf-16le、utf-16be、gb18030（gbk 和 gb2312 按 gb18030 读取）。` });
  return e;
}

/** Finds the encoding from the first bytes of a file. */
export function detectEncoding(head: Uint8Array, file: string): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const nul = head.indexOf(0);
  if (nul >= 0) {
    throw new SmeiError('encoding', `${file}: not a text file (a NUL byte at offset ${nul}). Export the sheet as CSV; if it is UTF-16 without a byte-order mark, pass --encoding utf-16le or utf-16be.`, { zh: `${file}：不是文本文件（偏移 ${nul} 处有 NUL 字节）。请把工作表导出为 CSV；如果它是不带字节顺序标记（BOM）的 UTF-16，请指定 --encoding utf-16le 或 utf-16be。` });
  }
  try {
    // whole characters by the native check; a character cut at the end by the decoder, as the rest of it may follow
    const whole = wholeCharsLength(head);
    if (!isUtf8(head.subarray(0, whole))) throw new Error('not UTF-8');
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(whole), { stream: true });
    return 'utf-8';
  } catch {
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(head, { stream: true });
      return 'gb18030';
    } catch {
      throw new SmeiError('encoding', `${file}: not a text file (its bytes are neither UTF-8 nor GB18030). Export the sheet as CSV (UTF-8), or name the encoding with --encoding.`, { zh: `${file}：不是文本文件（其字节既不是 UTF-8 也不是 GB18030）。请把工作表导出为 CSV（UTF-8），或用 --encoding 指定编码。` });
    }
  }
}

/** Where a buffer stops being whole UTF-8 characters (a character cut at the end is left out). */
function wholeCharsLength(buf: Uint8Array): number {
  let i = buf.length - 1;
  while (i >= 0 && i >= buf.length - 3 && (buf[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return buf.length;
  const need = sequenceLength(buf[i]!);
  return i + need > buf.length ? i : buf.length;
}

/** How many bytes the UTF-8 character starting with this byte has (1 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf7 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/**
 * A streaming decoder that names the file and byte offset on bad bytes.
 * UTF-8 is validated and passed on as bytes (csv-parse decodes it faster
 * than a string round trip); other encodings are decoded to text.
 */
/** The offset of the first byte that breaks UTF-8 in `b` (its length when every sequence is whole and valid). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    // overlong, surrogate and beyond-U+10FFFF forms
    if ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! >= 0xa0) || (c === 0xf0 && b[i + 1]! < 0x90) || (c === 0xf4 && b[i + 1]! >= 0x90)) return i;
    i += n;
  }
  return b.length;
}

export class ChunkDecoder {
  private readonly decoder: TextDecoder | undefined;
  private offset = 0;
  private carry: Buffer = Buffer.alloc(0);

  constructor(readonly encoding: Encoding, private readonly file: string, private readonly detected: boolean) {
    this.decoder = encoding === 'utf-8' ? undefined : new TextDecoder(encoding, { fatal: true });
  }

  /** The error for bytes that are not valid in the encoding (`at`: the first bad byte's offset in the file, where known). */
  private invalid(cause?: unknown, at?: number): SmeiError {
    if (at !== undefined) this.offset = at;
    const how = this.detected ? `read as ${this.encoding} (detected from its start)` : `read as ${this.encoding} (--encoding)`;
    const hint = this.encoding === 'gb18030' ? 'pass --encoding utf-8 if it is UTF-8' : 'pass --encoding gb18030 if it is a Chinese Excel export (GBK/GB18030)';
    const howZh = this.detected ? `按 ${this.encoding} 读取（根据文件开头判断）` : `按 ${this.encoding} 读取（--encoding）`;
    const hintZh = this.encoding === 'gb18030' ? '如果它是 UTF-8，请指定 --encoding utf-8' : '如果它是中文 Excel 导出的文件（GBK/GB18030），请指定 --encoding gb18030';
    return new SmeiError('encoding', `${this.file}: bytes from offset ${this.offset} are not valid ${this.encoding}; the file was ${how}. Re-save the file in one encoding, or ${hint}.`, {
      cause,
      zh: `${this.file}：从偏移 ${this.offset} 起的字节不是有效的 ${this.encoding}；该文件${howZh}。请用同一种编码重新保存文件，或${hintZh}。`,
    });
  }

  /**
   * Decodes (or, for UTF-8, checks) the next chunk; pass `end` for the last.
   * UTF-8 chunks are passed on untouched (csv-parse joins a character split
   * between chunks itself); only the split character is checked on its own.
   */
  decode(chunk: Uint8Array | undefined, end = false): string | Buffer {
    if (this.decoder === undefined) {
      const bytes = chunk === undefined ? Buffer.alloc(0) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      let start = 0;
      if (this.carry.length > 0) {
        const whole = sequenceLength(this.carry[0]!);
        start = Math.min(whole - this.carry.length, bytes.length);
        this.carry = Buffer.concat([this.carry, bytes.subarray(0, start)]);
        if (this.carry.length === whole) {
          if (!isUtf8(this.carry)) throw this.invalid();
          this.carry = Buffer.alloc(0);
        } else if (!end) {
          this.offset += bytes.length;
          return bytes; // a tiny chunk: the split character is still not whole
        }
      }
      const rest = bytes.subarray(start);
      const cut = end ? rest.length : wholeCharsLength(rest);
      if (!isUtf8(rest.subarray(0, cut)) || (end && this.carry.length > 0)) throw this.invalid(undefined, this.offset + start + firstInvalidUtf8(rest.subarray(0, cut)));
      this.carry = Buffer.from(rest.subarray(cut));
      this.offset += bytes.length;
      return bytes;
    }
    try {
      const text = this.decoder.decode(chunk, { stream: !end });
      this.offset += chunk?.length ?? 0;
      return text;
    } catch (e) {
      throw this.invalid(e);
    }
  }
}
