// Loads the framework a command runs with: the built-in one or a JSON file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SmeiError } from '../errors.js';
import { checkFramework, parseFrameworkJson } from './check.js';
import type { Framework } from './types.js';
import { ZHEJIANG } from './zhejiang.js';

/** Built-in frameworks by name. */
export const BUILT_IN: Record<string, () => Framework> = {
  zhejiang: () => checkFramework(ZHEJIANG, 'built-in framework zhejiang'),
};

/** Loads `--framework` (a built-in name or a JSON file path); the default is zhejiang. */
export function loadFramework(arg: string | undefined, cwd: string): Framework {
  if (arg === undefined) return BUILT_IN.zhejiang!();
  const builtIn = BUILT_IN[arg];
  if (builtIn) return builtIn();
  let text: string;
  try {
    const path = resolve(cwd, arg);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? String(e);
    throw new SmeiError('file', `${arg}: cannot read the framework file (${why}). Give a JSON framework file, or a built-in name: ${Object.keys(BUILT_IN).join(', ')}.`, { cause: e });
  }
  return parseFrameworkJson(text, arg);
}
