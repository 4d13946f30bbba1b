// Errors said in Chinese by default (--lang zh) and in English with --lang en,
// for the places the bad-input corpus (test/input/corpus.test.ts) does not
// reach: framework tables and methods, --out refusals, config files, forms and
// workbooks, the commands' own options. Each exits 2 with no stack trace.
import { describe, expect, it } from 'vitest';
import { run, tempDir, tempFile } from '../helpers.js';

const OK = 'unit,year,firms,revenue\nA,2014,10,20\nA,2015,11,22\nB,2014,5,6\nB,2015,6,7\n';

interface Case {
  name: string;
  /** Files written into a fresh folder (data.csv is the data unless the args say otherwise). */
  files?: Record<string, string | Uint8Array>;
  /** The arguments; {dir} is the folder. Run from the folder (cwd). */
  args: string[];
  /** Fragments of the English message (--lang en). */
  en: string[];
  /** Fragments of the Chinese message (the default). */
  zh: string[];
}

const cases: Case[] = [
  // framework tables and methods
  {
    name: 'a framework table with a misspelt column',
    files: { 'data.csv': OK, 'fw.csv': 'id,parent,wieght\nroot,,\nfirms,root,1\n' },
    args: ['compute', 'data.csv', '--framework', 'fw.csv'],
    en: ['fw.csv:1:3: column "wieght" is not a framework column. Did you mean "weight"? Columns: id (iCode, 代码)'],
    zh: ['fw.csv:1:3：列"wieght"不是框架表的列。是否指“weight”？可用的列：id（iCode、代码）、parent'],
  },
  {
    name: 'a framework table with a direction that is not 1 or -1',
    files: { 'data.csv': OK, 'fw.csv': 'id,parent,direction\nroot,,\nfirms,root,up\n' },
    args: ['compute', 'data.csv', '--framework', 'fw.csv'],
    en: ['fw.csv:3: direction "up" of "firms" is not 1 or -1 (正向 or 逆向).'],
    zh: ['fw.csv:3："firms"的 direction "up"不是 1 或 -1（正向或逆向）。'],
  },
  {
    name: 'a framework with an unknown review rule',
    files: { 'data.csv': OK, 'f.json': JSON.stringify({ name: 'f', baseYear: 2014, review: { levels: { 'yoy-jmp': 'error' } }, nodes: [{ id: 'root' }, { id: 'firms', parent: 'root' }] }) },
    args: ['compute', 'data.csv', '--framework', 'f.json'],
    en: ['f.json: review.levels: unknown rule "yoy-jmp". Rules: missing, dropped, yoy-jump', 'Did you mean "yoy-jump"?'],
    zh: ['f.json：review.levels：未知的审核规则"yoy-jmp"。规则：missing, dropped, yoy-jump', '是否指“yoy-jump”？'],
  },
  {
    name: 'a --normalise whose bounds are the wrong way round',
    files: { 'data.csv': OK },
    args: ['compute', 'data.csv', '--normalise', 'min-max:5,1'],
    en: ['--normalise "min-max:5,1": LO must be below HI. Allowed: fixed-base, chain-linked, min-max'],
    zh: ['--normalise "min-max:5,1"：LO 必须小于 HI。可用的有：fixed-base, chain-linked, min-max'],
  },
  {
    name: 'an unknown --ahp-ri table',
    files: { 'data.csv': OK },
    args: ['compute', 'data.csv', '--ahp-ri', 'nist'],
    en: ['--ahp-ri "nist": no such random index table. Allowed: saaty (Saaty 1980), cn (the table of Chinese textbooks).'],
    zh: ['--ahp-ri "nist"：没有这个随机一致性指标（RI）表。可用的有：saaty（Saaty 1980）、cn（国内教材中的表）。'],
  },
];

describe('messages in Chinese by default and in English with --lang en', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir();
      for (const [name, content] of Object.entries(c.files ?? {})) tempFile(name, content, dir);
      const fill = (s: string): string => s.replaceAll('{dir}', dir);
      const args = c.args.map(fill);
      const zh = await run(args, { cwd: dir });
      expect(zh.code, zh.stderr).toBe(2);
      expect(zh.stdout).toBe('');
      for (const f of c.zh) expect(zh.stderr).toContain(fill(f));
      expect(zh.stderr).not.toMatch(/^\s+at /m);
      const en = await run([...args, '--lang', 'en'], { cwd: dir });
      expect(en.code, en.stderr).toBe(2);
      for (const f of c.en) expect(en.stderr).toContain(fill(f));
      // the English message has no Chinese sentence punctuation in it (the Chinese text is not printed)
      expect(en.stderr).not.toMatch(/[：。，；]/);
    });
  }
});
