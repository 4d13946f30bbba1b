// Cell parsing: the fast path agrees with Number(); Excel spellings are understood.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseYear } from '../../src/input/values.js';

describe('parseNumber', () => {
  it('agrees with Number() on plain decimals (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 }), (x, d) => {
      const s = x.toFixed(d);
      const expected = Number(s);
      expect(parseNumber(s)).toBe(expected === 0 ? 0 : expected);
    }), { numRuns: 3000 });
  });
  it.each([
    ['1,234.5', 1234.5], ['１２３', 123], ['１２．５', 12.5], [' 42 ', 42], ['12.5%', 12.5], ['+3', 3], ['1e3', 1000], ['.5', 0.5], ['5.', 5],
    ['-0', 0], ['0.10000000000000001', 0.1], ['123456789012345678', 123456789012345678],
  ])('%s is %d', (raw, v) => {
    expect(parseNumber(raw)).toBe(v);
  });
  it.each(['', '-', '—', 'NA', 'n/a', '#N/A', '..', 'null', 'NaN', 'nan'])('%j is missing', (raw) => {
    expect(parseNumber(raw)).toBeNull();
  });
  it.each(['abc', '1,2', '1.2.3', '0x10', '--5'])('%j is not a number', (raw) => {
    expect(parseNumber(raw)).toEqual({ error: 'not-a-number' });
  });
  it.each(['Infinity', '-Infinity', 'inf', '-inf', '∞'])('%j is infinite', (raw) => {
    expect(parseNumber(raw)).toEqual({ error: 'infinite' });
  });
  it('refuses "1,500" where a comma may be a decimal comma, but not "1,234.5" or "1,234,567"', () => {
    expect(parseNumber('1,500', true)).toEqual({ error: 'ambiguous' });
    expect(parseNumber('1,500')).toBe(1500);
    expect(parseNumber('1,234.5', true)).toBe(1234.5);
    expect(parseNumber('1,234,567', true)).toBe(1234567);
  });
  it('1e400 is not finite', () => {
    expect(parseNumber('1e400')).toEqual({ error: 'not-finite' });
  });
});

describe('parseYear', () => {
  it.each([['2018', 2018], ['２０１８', 2018], ['2018年', 2018], [' 2018 ', 2018]])('%j is %d', (raw, y) => {
    expect(parseYear(raw)).toBe(y);
  });
  it.each(['18', '2018.5', '2018.0', 'two', ''])('%j is not a year', (raw) => {
    expect(typeof parseYear(raw)).toBe('object');
  });
});
