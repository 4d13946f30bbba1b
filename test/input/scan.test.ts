// The line splitter's WebAssembly kernel (src/input/scan.wat): its bytes are
// the .wat assembled, and it splits, keys and parses as the JavaScript does
// (field bounds, quoted fields, one id per distinct bytes, parsePlain's
// numbers), stopping at the lines it leaves to the splitter's own loop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCAN_WASM } from '../../src/input/scan-wasm.js';
import { INPUT, Scanner } from '../../src/input/scan.js';
import { parsePlain } from '../../src/input/values.js';
// @ts-expect-error: a plain ES module script without types
import { assemble } from '../../scripts/wasm.mjs';

/** What the kernel gives for the bytes: each line's fields (text, id, value) and where it stopped. */
function kernel(bytes: Buffer, sep: number, numeric: number[]): { lines: { text: string; id: number; value: number }[][]; stop: number } {
  const s = Scanner.create()!;
  s.load(bytes, 0, bytes.length);
  s.setMask(Uint8Array.from(numeric));
  const lines: { text: string; id: number; value: number }[][] = [];
  let p = INPUT;
  for (;;) {
    const n = s.scan(p, INPUT + bytes.length, sep);
    if (n === 0) break;
    for (let i = 0; i < n; i++) {
      const at = Scanner.LINE + i * 4;
      const fields = [];
      for (let f = 0; f < s.i32[at + 1]!; f++) {
        const j = s.i32[at]! + f;
        const r = Scanner.FIELD + j * 3;
        fields.push({ text: bytes.subarray(s.i32[r]! - INPUT, s.i32[r + 1]! - INPUT).toString('utf8'), id: s.i32[r + 2]!, value: s.f64[Scanner.VALUE + j]! });
      }
      lines.push(fields);
      p = s.i32[at + 3]!;
    }
  }
  return { lines, stop: p - INPUT };
}

describe('the WebAssembly kernel of the line splitter', () => {
  it('is scan.wat assembled (run node scripts/wasm.mjs after editing it)', async () => {
    const bytes = (await assemble()) as Buffer;
    expect(bytes.toString('base64')).toBe(SCAN_WASM);
  });

  it('splits, keys and parses random plain lines as the JavaScript does', () => {
    const field = fc.array(fc.constantFrom('1', '2', '0', '9', '.', '-', 'a', 'Q', ' ', '\t', '县', 'é', '+', 'e', '%'), { maxLength: 19 }).map((cs) => cs.join(''));
    const lineArb = fc.array(field, { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.constantFrom(',', ';', '\t', '|'), fc.boolean(), (lines, sep, crlf) => {
      const text = lines.map((l) => l.join(sep) + (crlf ? '\r\n' : '\n')).join('');
      const bytes = Buffer.from(text, 'utf8');
      const numeric = [0, 1, 0, 1, 1, 0];
      const got = kernel(bytes, sep.charCodeAt(0), numeric);
      expect(got.stop).toBe(bytes.length);
      // a field holding the separator was split there, as any splitter would: compare with split()
      const want = text.split(crlf ? '\r\n' : '\n').slice(0, -1).map((l) => l.split(sep));
      expect(got.lines.map((l) => l.map((f) => f.text))).toEqual(want);
      const idOf = new Map<string, number>();
      got.lines.forEach((l) => l.forEach((f, c) => {
        const plain = numeric[c] === 1 ? parsePlain(f.text) : undefined;
        if (plain === undefined) expect(f.value).toBeNaN();
        else expect(Object.is(f.value, plain)).toBe(true);
        // an id for every non-empty text field of up to 64 bytes; the same bytes, the same id
        if (plain !== undefined || f.text === '') expect(f.id).toBe(0);
        else {
          expect(f.id).toBeGreaterThan(0);
          if (idOf.has(f.text)) expect(f.id).toBe(idOf.get(f.text));
          else expect([...idOf.values()]).not.toContain(f.id);
          idOf.set(f.text, f.id);
        }
      }));
    }), { numRuns: 500 });
  });

  it('reads plain decimals exactly (Clinger: 15 digits at most), as parsePlain', () => {
    const digits = fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength: 1, maxLength: 17 }).map((d) => d.join(''));
    fc.assert(fc.property(fc.boolean(), digits, fc.option(digits), (minus, a, b) => {
      const t = `${minus ? '-' : ''}${a}${b === null ? '' : `.${b}`}`;
      const v = kernel(Buffer.from(`${t}\n`), 44, [1]).lines[0]![0]!.value;
      const plain = parsePlain(t);
      if (plain === undefined) expect(v).toBeNaN();
      else expect(Object.is(v, plain) && v === Number(t)).toBe(true);
    }), { numRuns: 2000 });
  });

  it('reads a quoted field closed on its line, and leaves other quotes, a lone CR or no line feed to the splitter', () => {
    const text = Buffer.from('"a,b",1\n"say ""hi""" \t,"2"\r\n""\n');
    const q = kernel(text, 44, [0, 1]);
    expect(q.stop).toBe(text.length);
    expect(q.lines.map((l) => l.map((f) => f.text))).toEqual([['"a,b"', '1'], ['"say ""hi""" \t', '"2"'], ['""']]);
    // a quoted value is not a plain decimal (the folder reads its text)
    expect(q.lines[1]![1]!.value).toBeNaN();
    expect(kernel(Buffer.from('a,1\nb,x"2"\nc,3\n'), 44, [0, 1]).stop).toBe(4);
    expect(kernel(Buffer.from('a,1\nb,"2\n3",4\n'), 44, [0, 1]).stop).toBe(4);
    expect(kernel(Buffer.from('a,1\nb,"2"x\n'), 44, [0, 1]).stop).toBe(4);
    expect(kernel(Buffer.from('a,1\n "b",2\n'), 44, [0, 1]).stop).toBe(4);
    expect(kernel(Buffer.from('a,1\r\nb,2\rc,3\n'), 44, [0, 1]).stop).toBe(5);
    expect(kernel(Buffer.from('a,1\nb,2'), 44, [0, 1]).stop).toBe(4);
    expect(kernel(Buffer.from('a,1\r'), 44, [0, 1]).stop).toBe(0);
    const long = 'x'.repeat(65);
    expect(kernel(Buffer.from(`${long},${long}\n`), 44, []).lines[0]!.map((f) => f.id)).toEqual([0, 0]);
  });
});
