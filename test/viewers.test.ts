// The viewer tests' gate (helpers.ts): each test asks for the exact component
// it needs, so LibreOffice with Writer only skips the Calc test instead of failing it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViewer, needViewers, tempDir } from './helpers.js';

/** A fake LibreOffice program folder holding the given libraries. */
function programDir(libs: string[]): string {
  const dir = join(tempDir(), 'program');
  mkdirSync(dir);
  for (const l of libs) writeFileSync(join(dir, l), '');
  return dir;
}

describe('findViewer', () => {
  it('tells Calc from Writer by their libraries in soffice\'s folder', () => {
    const writerOnly = programDir(['libswlo.so', 'libmergedlo.so']);
    expect(findViewer('writer', { soffice: '/x/soffice', programDir: writerOnly })).toEqual({ path: '/x/soffice' });
    const calc = findViewer('calc', { soffice: '/x/soffice', programDir: writerOnly });
    expect(calc).toEqual({ missing: `LibreOffice is installed without Calc (no libsclo in ${writerOnly}; Debian: apt-get install libreoffice-calc-nogui)` });
    const calcOnly = programDir(['libsclo.so']);
    expect(findViewer('calc', { soffice: '/x/soffice', programDir: calcOnly })).toEqual({ path: '/x/soffice' });
    expect('missing' in findViewer('writer', { soffice: '/x/soffice', programDir: calcOnly })).toBe(true);
  });

  it('skips with one line naming what is missing, or fails under SMEI_REQUIRE_VIEWERS=1', () => {
    const skipped: string[] = [];
    const ctx = { skip: (note: string) => void skipped.push(note) };
    const before = process.env.SMEI_REQUIRE_VIEWERS;
    const missing = (['calc', 'writer', 'chromium', 'pdftotext', 'cjk-font'] as const).find((v) => 'missing' in findViewer(v));
    try {
      if (missing === undefined) {
        // every viewer here: nothing is skipped, and each path is given
        delete process.env.SMEI_REQUIRE_VIEWERS;
        expect(needViewers(ctx, 'calc', 'chromium')).toMatchObject({ calc: expect.any(String), chromium: expect.any(String) });
        expect(skipped).toEqual([]);
      } else {
        delete process.env.SMEI_REQUIRE_VIEWERS;
        expect(needViewers(ctx, missing)).toBeUndefined();
        expect(skipped).toHaveLength(1);
        expect(skipped[0]).not.toContain('\n');
        process.env.SMEI_REQUIRE_VIEWERS = '1';
        expect(() => needViewers(ctx, missing)).toThrow(/SMEI_REQUIRE_VIEWERS=1 says this run must have it/);
      }
    } finally {
      if (before === undefined) delete process.env.SMEI_REQUIRE_VIEWERS;
      else process.env.SMEI_REQUIRE_VIEWERS = before;
    }
  });
});
