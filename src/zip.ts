// Reading ZIP archives (.xlsx, .docx) defensively: the central directory is
// checked before anything is inflated (entries inside the file, none
// overlapping another, no ZIP encryption, stored or deflate only), the
// inflated total is capped against the file's size, and every entry is
// inflated by node:zlib, bounded by the size its directory states. And
// writing: deflated archives (the .xlsx and .docx smei writes), and stored
// (uncompressed) ones, so that SheetJS is handed entries already inflated and
// never runs its own JavaScript inflate. One module for input and render alike.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** Limits on what an archive may inflate to (the README's security section states them). */
export const ZIP_LIMITS = {
  /** The inflated total may be this many times the archive's size... */
  ratio: 100,
  /** ...but at least this much (small files), */
  floor: 16 * 1024 * 1024,
  /** and never more than this. */
  ceiling: 1024 * 1024 * 1024,
  /** One entry is at most V8's longest string (its text is one string). */
  part: 0x1fffffe8,
};

/** Why an archive cannot be read, in words for a message (callers add the file's name). */
export class ZipError extends Error {
  /** The same reason in Chinese, for a message in Chinese. */
  readonly zh: string;
  constructor(message: string, zh: string) {
    super(message);
    this.name = 'ZipError';
    this.zh = zh;
  }
}

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** Sizes in words: "1.5 GiB", "64.0 MiB". */
function mb(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GiB` : n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MiB` : `${n} bytes`;
}

/** A 64-bit little-endian size (below 2^53 in any file this reads). */
function u64(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * 0x100000000;
}

/** The end of central directory record: where the directory is and how many entries it has (ZIP64 too). */
function endRecord(buf: Buffer): { count: number; at: number; size: number } {
  const min = Math.max(0, buf.length - 65557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('it has no ZIP end record: the file is cut short (truncated) or is not a ZIP archive', '它没有 ZIP 结束记录：文件被截断了，或者不是 ZIP 压缩包');
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff || size === 0xffffffff) {
    // ZIP64: a locator just before the record points at the 64-bit record
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== 0x07064b50) throw new ZipError('its ZIP64 end record is missing', '缺少 ZIP64 结束记录');
    const rec = u64(buf, loc + 8);
    if (rec + 56 > buf.length || buf.readUInt32LE(rec) !== 0x06064b50) throw new ZipError('its ZIP64 end record lies outside the file', 'ZIP64 结束记录位于文件之外');
    count = u64(buf, rec + 32);
    size = u64(buf, rec + 40);
    at = u64(buf, rec + 48);
  }
  if (at + size > buf.length) throw new ZipError(`its central directory (at byte ${at}, ${size} bytes) lies outside the file of ${buf.length} bytes: the file is truncated`, `中央目录（位于第 ${at} 字节，${size} 字节）超出了 ${buf.length} 字节的文件：文件被截断了`);
  return { count, at, size };
}

/** The entries of an archive, checked: inside the file, not overlapping, unencrypted, stored or deflated. */
export function zipDirectory(buf: Buffer): ZipEntry[] {
  const { count, at } = endRecord(buf);
  const entries: ZipEntry[] = [];
  let p = at;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipError(`its central directory is damaged at entry ${i + 1} of ${count}`, `中央目录在第 ${i + 1} 项（共 ${count} 项）处损坏`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength).replace(/\\/g, '/');
    // ZIP64 sizes and offset, in this order, for the fields that are 0xffffffff
    let x = p + 46 + nameLength;
    const xEnd = x + extraLength;
    while (x + 4 <= xEnd) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 1) {
        let q = x + 4;
        if (size === 0xffffffff && q + 8 <= x + 4 + len) (size = u64(buf, q)), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) (compressedSize = u64(buf, q)), (q += 8);
        if (offset === 0xffffffff && q + 8 <= x + 4 + len) offset = u64(buf, q);
      }
      x += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, size, offset });
    p = xEnd + commentLength;
  }
  // every entry's bytes inside the file, before the directory, and no two sharing bytes (overlap bombs)
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  let end = 0;
  let previous: ZipEntry | undefined;
  for (const e of sorted) {
    if (e.offset + 30 > at || buf.readUInt32LE(e.offset) !== 0x04034b50) throw new ZipError(`entry ${JSON.stringify(e.name)} points at byte ${e.offset}, where no entry starts: the file is damaged`, `条目 ${JSON.stringify(e.name)} 指向第 ${e.offset} 字节，那里并没有条目开始：文件已损坏`);
    const dataEnd = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28) + e.compressedSize;
    if (dataEnd > at) throw new ZipError(`entry ${JSON.stringify(e.name)} runs past the end of the file's data (its stated compressed size, ${e.compressedSize} bytes, is a lie or the file is truncated)`, `条目 ${JSON.stringify(e.name)} 超出了文件数据的末尾（它声明的压缩大小 ${e.compressedSize} 字节不实，或文件被截断）`);
    if (e.offset < end) throw new ZipError(`entries ${JSON.stringify(previous!.name)} and ${JSON.stringify(e.name)} overlap (share bytes): a ZIP bomb or a damaged file`, `条目 ${JSON.stringify(previous!.name)} 和 ${JSON.stringify(e.name)} 重叠（共用字节）：是 ZIP 炸弹或已损坏的文件`);
    end = dataEnd;
    previous = e;
  }
  return entries;
}

/** The stated inflated total an archive of `length` bytes may have. */
export function zipBudget(length: number): number {
  return Math.min(ZIP_LIMITS.ceiling, Math.max(ZIP_LIMITS.floor, ZIP_LIMITS.ratio * length));
}

/** A checked archive: its entries by name, each inflated on demand within the limits. */
export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();

  /** Reads and checks the directory; throws ZipError saying why an archive cannot be read. */
  constructor(readonly buf: Buffer) {
    let total = 0;
    for (const e of zipDirectory(buf)) {
      if (this.entries.has(e.name)) throw new ZipError(`it has two entries named ${JSON.stringify(e.name)}`, `它有两个名为 ${JSON.stringify(e.name)} 的条目`);
      this.entries.set(e.name, e);
      total += e.size;
    }
    const budget = zipBudget(buf.length);
    if (total > budget) {
      throw new ZipError(`it would inflate to ${mb(total)} from ${mb(buf.length)} (more than ${ZIP_LIMITS.ratio} times its size, or more than ${mb(ZIP_LIMITS.ceiling)}): a ZIP bomb, or a workbook too large to read`, `它会从 ${mb(buf.length)} 解压到 ${mb(total)}（超过其大小的 ${ZIP_LIMITS.ratio} 倍，或超过 ${mb(ZIP_LIMITS.ceiling)}）：是 ZIP 炸弹，或是太大而无法读取的工作簿`);
    }
  }

  /** The names of the entries, in directory order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The inflated bytes of an entry, or undefined when there is none of that name; throws ZipError when it cannot be inflated. */
  bytes(name: string): Buffer | undefined {
    const e = this.entries.get(name);
    if (e === undefined) return undefined;
    const q = JSON.stringify(name);
    if (e.flags & 1) throw new ZipError(`entry ${q} is marked as ZIP-encrypted, which Excel, WPS and Word never write (a password-protected workbook is not a ZIP at all): the file is damaged`, `条目 ${q} 被标记为 ZIP 加密，而 Excel、WPS 和 Word 从不这样写（有密码保护的工作簿根本不是 ZIP）：文件已损坏`);
    if (e.size > ZIP_LIMITS.part) throw new ZipError(`entry ${q} is ${mb(e.size)} inflated, more than smei reads as one part (${mb(ZIP_LIMITS.part)}); split the workbook, or save the sheet as CSV`, `条目 ${q} 解压后为 ${mb(e.size)}，超过 smei 能作为一个部分读取的上限（${mb(ZIP_LIMITS.part)}）；请拆分工作簿，或把工作表另存为 CSV`);
    const buf = this.buf;
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    let out: Buffer;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipError(`entry ${q} inflates to more than the ${e.size} bytes its directory states: a ZIP bomb or a damaged file`, `条目 ${q} 解压后超过目录中声明的 ${e.size} 字节：是 ZIP 炸弹或已损坏的文件`);
        throw new ZipError(`entry ${q} cannot be inflated (${code === 'Z_BUF_ERROR' ? 'its data is cut short: the file is truncated' : (err as Error).message}); the file is damaged`, `条目 ${q} 无法解压（${code === 'Z_BUF_ERROR' ? '数据不完整：文件被截断了' : (err as Error).message}）；文件已损坏`);
      }
    } else throw new ZipError(`entry ${q} is compressed with method ${e.method}; only stored and deflate entries are read`, `条目 ${q} 使用的压缩方法为 ${e.method}；只能读取未压缩（stored）和 deflate 条目`);
    if (out.length !== e.size && !(e.size === 0 && out.length <= 1)) throw new ZipError(`entry ${q} inflates to ${out.length} bytes, not the ${e.size} its directory states: the file is damaged`, `条目 ${q} 解压后为 ${out.length} 字节，而不是目录中声明的 ${e.size} 字节：文件已损坏`);
    return out.length === e.size ? out : out.subarray(0, e.size);
  }

  /** The text (UTF-8) of an entry, or undefined when there is none of that name. */
  text(name: string): string | undefined {
    return this.bytes(name)?.toString('utf8');
  }

  /** The archive again with every entry stored (inflated here, by node:zlib), for a reader with a slow inflate of its own. */
  stored(): Buffer {
    return storedZip(this.names().map((n) => [n, this.bytes(n)!]));
  }
}

/** A ZIP archive of the given files, stored without compression (no ZIP64: below 4 GB). */
export function storedZip(files: [string, Uint8Array][]): Buffer {
  return archive(files.map(([name, data]) => [name, { packed: [Buffer.from(data.buffer, data.byteOffset, data.length)], crc: crc32(data), size: data.length, packedSize: data.length }]), 0, 0);
}

/** A part deflated: the pieces of its deflate stream, its CRC-32, inflated and deflated sizes. */
export interface PackedPart {
  packed: Buffer[];
  crc: number;
  size: number;
  packedSize: number;
}

/** One part deflated in a single piece. */
function pack(content: string | Uint8Array): PackedPart {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const packed = deflateRawSync(data, { level: 6 });
  return { packed: [packed], crc: crc32(data), size: data.length, packedSize: packed.length };
}

/** The bytes of a ZIP archive of the given files (deflated), every entry dated `date`. */
export function zip(files: [string, string | Uint8Array | PackedPart][], date = '1980-01-01'): Uint8Array {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const dosDate = ((Math.max(1980, y) - 1980) << 9) | (mo << 5) | d;
  return archive(files.map(([name, content]) => [name, typeof content === 'string' || content instanceof Uint8Array ? pack(content) : content]), 8, dosDate);
}

/** The archive of parts already packed with `method` (0 stored, 8 deflated), every entry dated `dosDate` (no ZIP64). */
function archive(files: [string, PackedPart][], method: 0 | 8, dosDate: number): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, part] of files) {
    const { crc, size, packedSize } = part;
    if (size > 0xfffffffe || offset + packedSize > 0xfffffffe) throw new RangeError(`${name} is larger than a ZIP archive without ZIP64 holds (4 GiB)`);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packedSize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(method, 10);
    head.writeUInt16LE(0, 12);
    head.writeUInt16LE(dosDate, 14);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(packedSize, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(nameBytes.length, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, ...part.packed);
    central.push(head, nameBytes);
    offset += 30 + nameBytes.length + packedSize;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}
