// --bom on every command that writes CSV: Excel on a Chinese Windows reads a
// CSV without a byte-order mark in the system's code page (GBK), so the
// Chinese text of a review's findings or a diff's units would show garbled.
import { describe, expect, it } from 'vitest';
import { fixture, run } from '../helpers.js';

const SYN = fixture('zhejiang-synthetic.csv');
const commands: [string, string[]][] = [
  ['compute', ['compute', SYN]],
  ['data', ['data', SYN]],
  ['review', ['review', SYN]],
  ['diff', ['diff', SYN, '--from', '2017', '--to', '2018']],
  ['audit', ['audit', SYN]],
  ['sensitivity', ['sensitivity', SYN, '--vary-weights', '10', '--samples', '20']],
  ['rebase', ['rebase', fixture('zhejiang-cities-2018.csv'), '--to', '2017']],
];

describe('--bom', () => {
  it.each(commands)('%s --format csv --bom starts with a byte-order mark, and only with --bom', async (_, args) => {
    const plain = await run([...args, '--format', 'csv', '-q']);
    expect(plain.code, plain.stderr).toBeLessThan(2);
    expect(plain.stdout.charCodeAt(0)).not.toBe(0xfeff);
    const bom = await run([...args, '--format', 'csv', '--bom', '-q']);
    expect(bom.code).toBe(plain.code);
    expect(bom.stdout).toBe(`\uFEFF${plain.stdout}`);
  });
});
