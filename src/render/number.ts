// Rounding once, at output: half to even (GB/T 8170) on the decimal value.

/** The rounding rule, as the method sections state it. */
export const ROUNDING_RULE = {
  zh: '四舍六入五成双（GB/T 8170），只在输出时舍入一次',
  en: 'round half to even (GB/T 8170), applied once at output',
};

/**
 * Rounds to `decimals` places, half to even, and returns the scaled integer.
 * A value within 1e-12 (relative) of a half counts as a half, so that 2.675,
 * stored in binary as 2.67499999..., rounds as the decimal it was written as.
 */
export function roundScaled(x: number, decimals: number): number {
  const scaled = x * 10 ** decimals;
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  const tol = Math.max(Math.abs(scaled), 1) * 1e-12;
  if (Math.abs(frac - 0.5) <= tol) return floor % 2 === 0 ? floor : floor + 1;
  return frac < 0.5 ? floor : floor + 1;
}

/** Rounds half to even and returns a number (for tests and comparisons). */
export function roundHalfEven(x: number, decimals: number): number {
  return roundScaled(x, decimals) / 10 ** decimals;
}

/** Formats a number with fixed decimals, half to even; never "-0.00". */
export function formatFixed(x: number, decimals: number): string {
  const r = roundScaled(x, decimals);
  if (!Number.isSafeInteger(r)) return x.toFixed(decimals);
  if (r === 0) return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
  const digits = String(Math.abs(r)).padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${r < 0 ? '-' : ''}${int}${frac}`;
}

/** Formats a change with its sign: "+7.13", "-0.92", "0.00". */
export function formatSigned(x: number, decimals: number): string {
  const s = formatFixed(x, decimals);
  return s.startsWith('-') || /^0\.?0*$/.test(s) ? s : `+${s}`;
}

/** The text shown for an undefined value. */
export const MISSING_MARK = '—';

/** Formats a value or the missing mark. */
export function fmt(x: number | null, decimals: number, signed = false): string {
  if (x === null) return MISSING_MARK;
  return signed ? formatSigned(x, decimals) : formatFixed(x, decimals);
}
