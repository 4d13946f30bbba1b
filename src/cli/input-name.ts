// How a report or diff names its input: the same whatever the spelling of the
// path and the working folder, so that `report --check` is stable in CI.
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';

/** The path functions used (POSIX or Windows; tests hand in path.win32). */
export type PathApi = Pick<typeof nodePath, 'resolve' | 'dirname' | 'relative' | 'basename' | 'join' | 'sep'>;

/**
 * The input as a report names it: inside a git repository, its path relative
 * to the repository root with `/` separators (`data/x.csv` whether given as
 * `./data/x.csv`, `../data/x.csv` or `data\x.csv`); elsewhere the file name;
 * stdin is `<stdin>`.
 */
export function inputName(path: string, cwd: string, p: PathApi = nodePath, exists: (f: string) => boolean = existsSync): string {
  if (path === '-') return '<stdin>';
  const full = p.resolve(cwd, path);
  let dir = p.dirname(full);
  for (;;) {
    if (exists(p.join(dir, '.git'))) return p.relative(dir, full).split(p.sep).join('/');
    const up = p.dirname(dir);
    if (up === dir) return p.basename(full);
    dir = up;
  }
}

/** The inputs read, as reports and workbooks name them, each with its SHA-256 (read with `hash: true`). */
export function namedInputs(inputs: { path: string; sha256?: string }[], cwd: string): { name: string; sha256: string }[] {
  return inputs.map((f) => ({ name: inputName(f.path, cwd), sha256: f.sha256! }));
}
