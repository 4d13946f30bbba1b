// Which format to write: --format, else the --out file's extension, else the
// command's default; a mismatch or an unknown extension is an error, never a
// silent terminal table in a file.
import { extname } from 'node:path';
import { SmeiError } from '../errors.js';

/** The formats a file extension names. */
const BY_EXTENSION: Record<string, string> = {
  '.json': 'json', '.csv': 'csv', '.md': 'md', '.markdown': 'md', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.docx': 'docx', '.txt': 'table',
};

/**
 * The output format of a command: `allowed` lists what it writes, `fallback`
 * is what it prints without --out and --format.
 */
export function outputFormat<F extends string>(format: F | undefined, out: string | undefined, allowed: readonly F[], fallback: F, flag = '--out'): F {
  const toFile = out !== undefined && out !== '-';
  const ext = toFile ? extname(out).toLowerCase() : '';
  const byExt = toFile ? BY_EXTENSION[ext] : undefined;
  if (format !== undefined) {
    if (byExt !== undefined && byExt !== format) {
      throw new SmeiError('usage', `${flag} ${out} names a ${byExt} file but --format is ${format}: make them agree (or drop --format; the extension decides).`, { zh: `${flag} ${out} 是 ${byExt} 文件，但 --format 是 ${format}：请让二者一致（或去掉 --format，由扩展名决定）。` });
    }
    return format;
  }
  if (!toFile) return fallback;
  if (byExt === undefined || !(allowed as readonly string[]).includes(byExt)) {
    const exts = Object.entries(BY_EXTENSION).filter(([, f]) => (allowed as readonly string[]).includes(f)).map(([e]) => e);
    throw new SmeiError('usage', `${flag} ${out}: ${ext === '' ? 'no extension' : `the extension ${ext} is not one this command writes`}; use ${exts.join(', ')}, or say --format ${allowed.join('|')}.`, { zh: `${flag} ${out}：${ext === '' ? '没有扩展名' : `此命令不写扩展名为 ${ext} 的文件`}；请使用 ${exts.join('、')}，或指定 --format ${allowed.join('|')}。` });
  }
  return byExt as F;
}
