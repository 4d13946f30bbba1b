// How reports and diffs name their input: stable across spellings, folders and systems.
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputName } from '../../src/cli/input-name.js';

describe('inputName', () => {
  const repo = (root: string) => (f: string): boolean => f === `${root}/.git` || f === `${root}\\.git`;

  it('is the path from the repository root with / whatever the spelling and working folder', () => {
    const has = repo('/home/u/data-repo');
    for (const [path, cwd] of [['data/x.csv', '/home/u/data-repo'], ['./data/x.csv', '/home/u/data-repo'], ['../data/x.csv', '/home/u/data-repo/docs'], ['/home/u/data-repo/data/x.csv', '/tmp'], ['x.csv', '/home/u/data-repo/data']]) {
      expect(inputName(path!, cwd!, posix, has)).toBe('data/x.csv');
    }
  });

  it('is the same on Windows, with backslashes in the path', () => {
    const has = repo('C:\\work\\data-repo');
    expect(inputName('data\\x.csv', 'C:\\work\\data-repo', win32, has)).toBe('data/x.csv');
    expect(inputName('..\\data\\x.csv', 'C:\\work\\data-repo\\docs', win32, has)).toBe('data/x.csv');
  });

  it('outside a repository is the file name; stdin is <stdin>', () => {
    expect(inputName('../a/b/x.csv', '/tmp/q', posix, () => false)).toBe('x.csv');
    expect(inputName('-', '/tmp', posix, () => false)).toBe('<stdin>');
  });
});
