// Every `npx smei` example in the README runs as written after the Quick start
// (in a scratch folder holding a copy of fixtures/), in order, block by block.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../helpers.js';

/** The `npx smei` lines of the README's sh blocks, comments removed, with stdin where a `cat F |` feeds them. */
function examples(): { line: string; args: string[]; stdinFile?: string }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const out: { line: string; args: string[]; stdinFile?: string }[] = [];
  for (const block of blocks) {
    for (const raw of block.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      const m = /^(?:cat (\S+) \| )?npx smei (.*)$/.exec(line);
      if (!m || line.startsWith('npm ci')) continue;
      out.push({ line, args: m[2]!.split(/\s+/), ...(m[1] ? { stdinFile: m[1] } : {}) });
    }
  }
  return out;
}

describe('README examples', () => {
  const all = examples();

  it('there are examples of every command', () => {
    for (const cmd of ['compute', 'report', 'diff', 'framework', 'config']) expect(all.some((e) => e.args[0] === cmd), cmd).toBe(true);
  });

  it('each runs as written: exit 0, or 1 where it asks for --exit-code on a revision', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
    for (const e of all) {
      // `> FILE` redirects stdout, as the shell would
      const redirect = e.args.indexOf('>');
      const args = redirect < 0 ? e.args : e.args.slice(0, redirect);
      const r = await run(args, { cwd: dir, ...(e.stdinFile ? { stdin: readFileSync(join(dir, e.stdinFile)) } : {}) });
      if (redirect >= 0) writeFileSync(join(dir, e.args[redirect + 1]!), r.stdout);
      const expected = e.args.includes('--exit-code') ? 1 : 0;
      expect(r.code, `${e.line}\n${r.stderr}`).toBe(expected);
    }
  });
});
