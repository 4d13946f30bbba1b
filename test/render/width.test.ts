// displayWidth against string-width 4, the measure it stands in for (and that
// cli-table3 is handed in its place by the build): equal on every code point
// it counts itself, on the characters emoji sequences are made of, and on
// random strings mixing both.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import displayWidth, { narrow, wide, wrapColumns } from '../../src/render/width.js';

const counted: number[] = [];
for (let c = 0x20; c < 0x7f; c++) counted.push(c);
for (let c = 0x80; c <= 0xffff; c++) if (narrow(c) || wide(c)) counted.push(c);

describe('displayWidth', () => {
  it('equals string-width on every code point it counts itself (printable ASCII, Latin-1, punctuation, box drawing, the CJK blocks)', () => {
    expect(counted.length).toBeGreaterThan(21_000);
    const differ = counted.filter((c) => displayWidth(String.fromCharCode(c)) !== stringWidth(String.fromCharCode(c)));
    expect(differ).toEqual([]);
    expect(displayWidth('杭州市')).toBe(6);
    expect(displayWidth('135.30')).toBe(6);
    expect(displayWidth('　（亿元）')).toBe(10);
    expect(displayWidth('┌──┐…')).toBe(5);
  });

  it('hands everything else to string-width: escape codes, emoji and their sequences, combining marks, other scripts', () => {
    for (const s of ['\u001b[31m杭州\u001b[39m', '1\ufe0f\u20e3', '#\u20e3', '〰', '〽', '©', '👍🏽', '👩\u200d💻', '🇨🇳', 'é', 'e\u0301', 'ｶﾀｶﾅ', '한국', '\u303f', '\t', '']) {
      expect(displayWidth(s), JSON.stringify(s)).toBe(stringWidth(s));
    }
    expect(displayWidth('\u001b[1m合计\u001b[22m')).toBe(4);
  });

  it('equals string-width on random strings of counted characters, emoji parts, escapes and marks', () => {
    const parts = [...counted.filter((_, i) => i % 97 === 0).map((c) => String.fromCharCode(c)), '0', '#', '*', '\u20e3', '\ufe0f', '\u200d', '\u001b[31m', '\u001b[0m', '\u0301', '👍', '🏽', '🇨', '🇳', '〰', 'é', 'ｶ', '한', '\u00a9', '\u2122', '\u2764'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 12 }), (xs) => {
        const s = xs.join('');
        expect(displayWidth(s)).toBe(stringWidth(s));
      }),
      { numRuns: 3000, seed: 20261203 },
    );
  });
});

describe('wrapColumns', () => {
  it('breaks a review sentence and a source within their columns, after CJK characters, slashes and colons', () => {
    expect(wrapColumns('fixtures/zhejiang-synthetic.csv:51:15', 24)).toBe('fixtures/\nzhejiang-synthetic.csv:\n51:15');
    expect(wrapColumns('小微企业三年存活率同比+2.05%，远离各地区的中位数', 20)).toBe('小微企业三年存活率同\n比+2.05%，远离各地区\n的中位数');
    expect(wrapColumns('short', 24)).toBe('short');
    expect(wrapColumns('a very long English sentence about it', 12)).toBe('a very long\nEnglish\nsentence\nabout it');
  });

  it('keeps every character but the spaces it breaks at, each line within the width', () => {
    const parts = ['杭州', '市', ' ', 'revenue', '/', ':', '，', '12.5%', 'x', '（亿元）', 'abcdefghijklmnopqrstuvwxyz'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 30 }), fc.integer({ min: 4, max: 40 }), (xs, width) => {
        const text = xs.join('');
        const lines = wrapColumns(text, width).split('\n');
        for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
        expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
