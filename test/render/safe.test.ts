// Hostile strings stay harmless in terminals, Markdown and CSV.
import { describe, expect, it } from 'vitest';
import { csvCell, markdownText, terminalSafe } from '../../src/render/safe.js';

describe('safe text', () => {
  it('terminal output has no raw control or bidi characters', () => {
    const s = terminalSafe('a\x1b[31mred\nb\u202Eevil\u0007');
    expect(s).toBe('a\\u001b[31mred\\nb\\u202eevil\\u0007');
    expect(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/.test(s)).toBe(false);
  });
  it('Markdown cells escape pipes, backticks, tags and newlines', () => {
    expect(markdownText('a|b')).toBe('a\\|b');
    expect(markdownText('`x`')).toBe('\\`x\\`');
    expect(markdownText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(markdownText('line1\nline2')).toBe('line1 line2');
    expect(markdownText('*bold* _it_')).toBe('\\*bold\\* \\_it\\_');
  });
  it('CSV cells defuse formulas and quote when needed', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-x')).toBe(`"'-x"`);
    expect(csvCell('@a')).toBe(`"'@a"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('杭州市')).toBe('杭州市');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(null)).toBe('');
  });
});
