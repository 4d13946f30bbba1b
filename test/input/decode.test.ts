// Chunked UTF-8 checking: any split of valid text passes untouched; any bad byte is caught.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder, detectEncoding } from '../../src/input/decode.js';
import { isSmeiError } from '../../src/errors.js';

/** Feeds bytes to a UTF-8 checker in pieces cut at the given points. */
function feed(bytes: Uint8Array, cuts: number[]): Buffer {
  const d = new ChunkDecoder('utf-8', 'x.csv', true);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(d.decode(bytes.subarray(from, p)) as Buffer);
    from = p;
  }
  out.push(d.decode(undefined, true) as Buffer);
  return Buffer.concat(out);
}

describe('UTF-8 in chunks', () => {
  it('passes any split of valid text through unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(fc.nat(), { maxLength: 20 }), (text, cuts) => {
      const bytes = Buffer.from(`杭州市,${text},𠀀`, 'utf8');
      expect(feed(bytes, cuts).equals(bytes)).toBe(true);
    }), { numRuns: 500 });
  });

  it('catches a bad byte wherever the chunks are cut', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(0xff, 0xc0, 0x80, 0xe4), fc.array(fc.nat(), { maxLength: 10 }), (text, at, bad, cuts) => {
      const good = Buffer.from(text.replace(/[^\x20-\x7e]/g, 'a'), 'ascii');
      const pos = at % (good.length + 1);
      const bytes = Buffer.concat([good.subarray(0, pos), Buffer.from([bad]), good.subarray(pos)]);
      let error: unknown;
      try {
        feed(bytes, cuts);
      } catch (e) {
        error = e;
      }
      expect(isSmeiError(error) && error.code === 'encoding').toBe(true);
    }), { numRuns: 300 });
  });

  it('a character cut off at the end of the file is an error', () => {
    expect(() => feed(Buffer.from([0x61, 0xe6, 0x9d]), [1, 2])).toThrow(/not valid utf-8/);
  });

  it('detects the encodings', () => {
    expect(detectEncoding(Buffer.from('\uFEFFa,b', 'utf8'), 'x')).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]), 'x')).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]), 'x')).toBe('utf-16be');
    expect(detectEncoding(Buffer.from('地区,年份', 'utf8'), 'x')).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xb5, 0xd8, 0xc7, 0xf8]), 'x')).toBe('gb18030'); // 地区 in GBK
  });

  it('takes a head for UTF-8 exactly when a strict streaming decoder does (a character cut at the end may go on)', () => {
    const decoderSays = (head: Uint8Array): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    const ours = (head: Uint8Array): boolean => {
      try {
        return detectEncoding(head, 'x.csv') === 'utf-8';
      } catch {
        return false;
      }
    };
    // text (ASCII, Chinese, an emoji) cut anywhere, then perhaps a few random bytes: no NUL, no BOM
    const piece = fc.constantFrom('a,1\n', '杭州市', '🙂', 'é', '，');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.nat(), fc.uint8Array({ minLength: 0, maxLength: 4, min: 1, max: 255 }), (pieces, cut, tail) => {
      const text = Buffer.from(pieces.join(''), 'utf8');
      const head = Buffer.concat([text.subarray(0, text.length === 0 ? 0 : cut % (text.length + 1)), tail]);
      if (head[0] === 0xef || head[0] === 0xff || head[0] === 0xfe) return;
      expect(ours(head)).toBe(decoderSays(head));
    }), { numRuns: 3000 });
  });
});
