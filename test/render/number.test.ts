// Rounding half to even at output, and signs on changes.
import { describe, expect, it } from 'vitest';
import { fmt, formatFixed, formatSigned, roundHalfEven } from '../../src/render/number.js';

describe('rounding (GB/T 8170, half to even)', () => {
  it.each([
    [2.675, 2, '2.68'], // stored as 2.67499999...: rounded as the decimal written
    [2.665, 2, '2.66'],
    [1.005, 2, '1.00'],
    [1.015, 2, '1.02'],
    [0.125, 2, '0.12'],
    [0.135, 2, '0.14'],
    [7.125890736342044, 2, '7.13'],
    [5.797340820877039, 2, '5.80'],
    [-0.004, 2, '0.00'],
    [-1.235, 2, '-1.24'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [123456.789, 1, '123456.8'],
    [0, 3, '0.000'],
  ])('%d to %d decimals is %s', (x, d, s) => {
    expect(formatFixed(x, d)).toBe(s);
  });
  it('signs changes and never prints -0.00', () => {
    expect(formatSigned(7.13, 2)).toBe('+7.13');
    expect(formatSigned(-0.92, 2)).toBe('-0.92');
    expect(formatSigned(-0.001, 2)).toBe('0.00');
    expect(formatSigned(0, 2)).toBe('0.00');
  });
  it('shows undefined as the missing mark', () => {
    expect(fmt(null, 2)).toBe('—');
    expect(fmt(null, 2, true)).toBe('—');
  });
  it('roundHalfEven returns numbers', () => {
    expect(roundHalfEven(2.345, 2)).toBe(2.34);
    expect(roundHalfEven(2.355, 2)).toBe(2.36);
  });
});
