// Loads the framework a command runs with: the built-in one or a JSON file,
// noting where it came from (the method section states it).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SmeiError } from '../errors.js';
import { checkFramework, frameworkToSpec, parseFrameworkJson } from './check.js';
import type { Framework } from './types.js';
import { ZHEJIANG } from './zhejiang.js';

/** Built-in frameworks by name. */
export const BUILT_IN: Record<string, () => Framework> = {
  zhejiang: () => ({ ...checkFramework(ZHEJIANG, 'built-in framework zhejiang'), source: { kind: 'built-in', unmodifiedBuiltIn: 'zhejiang' } }),
};

/** The name of the built-in framework a checked framework spells out exactly, if any. */
function sameAsBuiltIn(fw: Framework): string | undefined {
  const text = JSON.stringify(frameworkToSpec(fw));
  return Object.keys(BUILT_IN).find((name) => JSON.stringify(frameworkToSpec(BUILT_IN[name]!())) === text);
}

/** Loads `--framework` (a built-in name or a JSON file path); the default is zhejiang. */
export function loadFramework(arg: string | undefined, cwd: string): Framework {
  if (arg === undefined) return BUILT_IN.zhejiang!();
  const builtIn = BUILT_IN[arg];
  if (builtIn) return builtIn();
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, arg));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? String(e);
    throw new SmeiError('file', `${arg}: cannot read the framework file (${why}). Give a JSON framework file, or a built-in name: ${Object.keys(BUILT_IN).join(', ')}.`, { cause: e });
  }
  const fw = parseFrameworkJson(bytes.toString('utf8'), arg);
  const same = sameAsBuiltIn(fw);
  fw.source = { kind: 'file', name: arg, sha256: createHash('sha256').update(bytes).digest('hex'), ...(same ? { unmodifiedBuiltIn: same } : {}) };
  return fw;
}
