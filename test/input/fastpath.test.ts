// The line splitter against csv-parse alone: random valid and invalid files,
// cut into random chunks, in UTF-8 and UTF-16 (decoded, then split as UTF-8), must give the
// same observations, notes, warnings, cell sources and error messages on both
// paths; plus the big-file cases (a quote in the middle, CRLF, a lone CR, a
// quoted newline, an error after the hand-over).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFramework } from '../../src/framework/check.js';
import { readObservations, type ReadOptions } from '../../src/input/read.js';
import { trimField } from '../../src/input/lines.js';
import { SmeiError } from '../../src/errors.js';

const FW = checkFramework({ name: 't', baseYear: 2014, nodes: [{ id: 'root' }, { id: 'a1', parent: 'root' }, { id: 'a2', parent: 'root' }] }, 'test');

/** Everything a read gives that a user can see: the values with their cell sources, or the error message. */
async function outcome(bytes: Buffer, cuts: number[], path: ReadOptions['csvPath'], reuse = false): Promise<unknown> {
  const pieces: Buffer[] = [];
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c > at && c < bytes.length) {
      pieces.push(Buffer.from(bytes.subarray(at, c)));
      at = c;
    }
  }
  pieces.push(Buffer.from(bytes.subarray(at)));
  try {
    // reuse: every piece handed over in one buffer, overwritten by the next (as a large file is read, load.ts):
    // whatever the reader keeps of a piece past its turn must be its own copy
    const shared = Buffer.alloc(Math.max(1, ...pieces.map((p) => p.length)));
    const chunks = reuse
      ? (async function* () {
        for (const p of pieces) {
          p.copy(shared);
          yield shared.subarray(0, p.length);
          shared.fill(0x21);
        }
      })()
      : (async function* () { yield* pieces; })();
    const r = await readObservations({ name: 'f.csv', chunks, ...(reuse ? { reusesChunks: true } : {}) }, FW, { csvPath: path });
    const o = r.observations;
    const cells: string[] = [];
    for (let u = 0; u < o.units.length; u++) {
      for (const y of o.years()) {
        const row = o.row(u, y);
        if (row < 0) continue;
        for (let n = 0; n < FW.nodes.length; n++) {
          const v = o.value(row, n);
          if (!Number.isNaN(v) || o.source?.(row * FW.nodes.length + n) !== undefined) cells.push(`${o.units[u]}|${y}|${n}=${v}@${o.source?.(row * FW.nodes.length + n)}`);
        }
      }
    }
    return { cells, units: o.units, format: r.format, records: r.records, notes: r.notes, warnings: r.warnings, delimiter: r.delimiter, encoding: r.encoding };
  } catch (e) {
    if (!(e instanceof SmeiError)) throw e;
    return { error: e.message };
  }
}

/** Asserts the byte splitter, with its kernel for every piece and without it, agrees with csv-parse on a file (bytes), cut at `cuts`. */
async function same(bytes: Buffer, cuts: number[] = []): Promise<unknown> {
  const reference = await outcome(bytes, cuts, 'csv-parse');
  expect(await outcome(bytes, cuts, 'bytes')).toEqual(reference);
  const fast = await outcome(bytes, cuts, 'kernel');
  expect(fast).toEqual(reference);
  expect(await outcome(bytes, cuts, 'auto', true)).toEqual(reference);
  return fast;
}

const unit = fc.constantFrom('U1', 'U2', ' U3 ', '"U4"', '"U1" ', '"""U9"""', '地区\u3000', '\u3000U5', '"U,6"', '', '\tU7', 'U8\u00a0');
const year = fc.constantFrom('2014', '2015', ' 2016 ', '2015', '"2014"', '20x', '', '2014年');
const value = fc.constantFrom('1', '2.5', '-0', '1.', '.5', '12.5%', '0.25', '-3.25', '007', '123456789012345', '1234567890123456', '0.000000000000001', ' 3 ', '', 'NA', '"4"', '"5,0"', '1"2', '"open', '\u3000', '7\uFEFF', '1e3', '-', '１２', '"a""b"', '"x\ny"', '9 ', '\f8', '"7" ', ' "8"', '"  "', '"9"x', '""', '"1""', '"\t2\t"', '"3"\t');
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\n', '\r');
const blank = fc.constantFrom('', '', '', ' ', '\t', ' , ', ',,', '"  ",""', '""');

const fileArb = fc.record({
  long: fc.boolean(),
  sep: fc.constantFrom(',', ';', '\t'),
  bom: fc.boolean(),
  utf16: fc.boolean(),
  // rows enough before the random ones for the layout to be settled: value cells then come as numbers from the bytes
  pad: fc.boolean(),
  // long files: a second line for the same unit and year, mostly another indicator (folded from its cells), or the same one (a duplicate)
  rows: fc.array(fc.record({ unit, year, a: value, b: value, ind: fc.constantFrom('a2', 'a2', 'a2', 'a1', ' a2', '"a2"', 'root'), eol, blank: fc.option(blank, { freq: 5 }), extra: fc.option(value, { freq: 8 }) }), { minLength: 0, maxLength: 14 }),
  headerEol: eol,
  cuts: fc.array(fc.integer({ min: 1, max: 6000 }), { maxLength: 6 }),
});

describe('the line splitter gives what csv-parse gives', () => {
  it('trims as csv-parse does outside quotes', () => {
    expect(trimField(' \t\fa b \u3000\u00a0')).toBe('a b');
    expect(trimField('\u3000a')).toBe('\u3000a');
    expect(trimField('   ')).toBe('');
  });

  it('on random files, valid and invalid, in random chunks (UTF-8 and UTF-16)', async () => {
    await fc.assert(fc.asyncProperty(fileArb, async (f) => {
      const head = f.long ? ['unit', 'year', 'indicator', 'value'] : ['unit', 'year', 'a1', 'a2'];
      let text = `${f.bom ? '\uFEFF' : ''}${head.join(f.sep)}${f.headerEol}`;
      if (f.pad) for (let i = 0; i < 230; i++) text += f.long ? `${[`地区${i}`, '2014', 'a1', `${i}.25`].join(f.sep)}\n${[`地区${i}`, '2014', 'a2', `${i}.5`].join(f.sep)}\n` : `${[`地区${i}`, '2014', String(i), `${i}.25`].join(f.sep)}\n`;
      for (const r of f.rows) {
        if (r.blank !== null) text += `${r.blank}\n`;
        const cells = f.long ? [r.unit, r.year, 'a1', r.a] : [r.unit, r.year, r.a, r.b];
        if (r.extra !== null) cells.push(r.extra);
        text += cells.join(f.sep) + r.eol;
        if (f.long) text += [r.unit, r.year, r.ind, r.b].join(f.sep) + r.eol;
      }
      const bytes = f.utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\uFEFF/, ''), 'utf16le')]) : Buffer.from(text, 'utf8');
      await same(bytes, f.cuts);
    }), { numRuns: 2000 });
  }, 120_000);

  it('on random long files, mostly valid, past the layout decision (records folded from their cells)', async () => {
    const longArb = fc.record({
      sep: fc.constantFrom(',', ';'),
      yearFirst: fc.boolean(),
      rows: fc.array(fc.record({
        unit: fc.constantFrom('U1', 'U1', 'U1', 'U2', 'U2', '地区', '', ' U1', '注：来源', ' ', '\u3000'),
        year: fc.constantFrom('2014', '2014', '2014', '2015', '', ' '),
        ind: fc.constantFrom('a1', 'a2', 'a2', 'root', 'A2'),
        value: fc.constantFrom('1', '0.25', '0.25', '2.5', '-0', '12.5%', '12.5%', 'NA', '', '7', '0.000001', '1,5'),
      }), { minLength: 1, maxLength: 40 }),
      cuts: fc.array(fc.integer({ min: 1, max: 6000 }), { maxLength: 4 }),
    });
    await fc.assert(fc.asyncProperty(longArb, async (f) => {
      // the unit first, or the year first (the unit then is not the first cell, which the note-row check looks at)
      const order = (u: string, y: string, i: string, v: string): string => (f.yearFirst ? [y, u, i, v] : [u, y, i, v]).join(f.sep);
      let text = `${order('unit', 'year', 'indicator', 'value')}\n`;
      for (let i = 1; i <= 230; i++) text += `${order(`P${i}`, '2014', 'a1', `${i}.25`)}\n${order(`P${i}`, '2014', 'a2', `${i}.5`)}\n`;
      for (const r of f.rows) text += `${order(r.unit, r.year, r.ind, r.value)}\n`;
      await same(Buffer.from(text), f.cuts);
    }), { numRuns: 500 });
  }, 60_000);

  const big = (n: number, eol = '\n'): string => {
    let s = `unit,year,a1,a2${eol}`;
    for (let i = 0; i < n; i++) s += `U${i % 50},${2014 + Math.floor(i / 50)},${i + 1},${(i % 7) + 0.5}${eol}`;
    return s;
  };

  it('columns of many distinct cells, short and long, as the tables of cells seen grow (16 to 1,024 slots) and start again', async () => {
    // 1,500 units in each of two years: the unit column passes every size of its table and its clearing at the
    // largest; names of 5 bytes take the packed keys, names of more than 8 the hashed ones; cut into pieces
    const lines = ['unit,year,a1,a2'];
    for (const y of [2014, 2015]) {
      for (let i = 0; i < 1500; i++) lines.push(`${i % 2 ? `U${String(i).padStart(4, '0')}` : `县${String(i).padStart(5, '0')}区`},${y},${i + y / 10000},${(i * 7) % 13}`);
    }
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const out = (await same(bytes, [7001, 30_000, 51_113])) as { units: string[]; cells: string[] };
    expect(out.units).toHaveLength(1500);
    expect(out.units.slice(0, 3)).toEqual(['县00000区', 'U0001', '县00002区']);
    expect(out.cells).toContain('U1499|2015|1=1499.2015@f.csv:3001:3');
  });

  it('big files: a quote in the middle, CRLF, a lone CR, a quoted newline, an error after the hand-over', async () => {
    const plain = big(5000);
    const lines = plain.split('\n');
    const withQuote = [...lines.slice(0, 2600), lines[2600]!.replace(/^U(\d+)/, '"U$1"'), ...lines.slice(2601)].join('\n');
    const cuts = [4096, 65536, 65537, 70000, 100001];
    const q = await same(Buffer.from(withQuote), cuts) as { cells: string[] };
    expect(q.cells.length).toBeGreaterThan(9000);
    await same(Buffer.from(big(5000, '\r\n')), cuts);
    const loneCr = [...lines.slice(0, 3000), `${lines[3000]}\r${lines[3001]}`, ...lines.slice(3002)].join('\n');
    await same(Buffer.from(loneCr), cuts);
    const quotedNewline = [...lines.slice(0, 1200), 'U1,2099,"1\n2",3', ...lines.slice(1200)].join('\n');
    expect(await same(Buffer.from(quotedNewline), cuts)).toHaveProperty('error');
    // lines[i] is line i + 1: the quoted line is 1001, the bad one 4002
    const afterHandOver = [...lines.slice(0, 1000), '"V1",2014,1,2', ...lines.slice(1000, 4000), 'V2,2014,1"x,2', ...lines.slice(4000)].join('\n');
    const e = await same(Buffer.from(afterHandOver), cuts) as { error: string };
    expect(e.error).toBe('f.csv:4002: a quote in the middle of an unquoted field. Quote the whole field and write a quote inside it twice ("").');
    // a file of lone CRs: no line feed for more than a mebibyte, so csv-parse takes over mid-stream
    const crOnly = Buffer.from(big(60000, '\r'));
    expect(crOnly.length).toBeGreaterThan(1 << 20);
    const cr = await same(crOnly, Array.from({ length: 40 }, (_, i) => (i + 1) * 65536)) as { cells: string[] };
    expect(cr.cells.length).toBeGreaterThan(100000);
    // a long file's records folded from their cells: a duplicate, the first small plain value of a node
    // that also has a percentage (mixed scales), a blank unit filled down, a note row after them
    let long = 'unit,year,indicator,value\n';
    for (let i = 1; i <= 300; i++) long += `P${i},2014,a1,${i}.25\nP${i},2014,a2,${i}.5\n`;
    expect(await same(Buffer.from(`${long}U1,2014,a1,1\nU1,2014,a1,2\n`), cuts)).toEqual({ error: 'f.csv:603: "U1", 2014, "a1" is given twice, differently: lines 602 and 603. Keep the right one of the two rows.' });
    const scales = await same(Buffer.from(`${long}U1,2014,a1,7\nU1,2014,a2,0.25\nU2,2014,a2,12.5%\n,2014,a1,3\nU3,2014,a1,4\n注：来源\nU4,2014,a1,5\n`), cuts) as { warnings: unknown[]; notes: { code: string }[] };
    expect(scales.warnings).toEqual([{ code: 'mixed-scale', node: 'a2', detail: { percentCell: 'f.csv:604:4', plainCell: 'f.csv:603:4' } }]);
    expect(scales.notes.map((n) => n.code)).toEqual(['note-rows', 'fill-down']);
    const badValue = [...lines.slice(0, 4500), 'V1,2014,abc,2', ...lines.slice(4500)].join('\n');
    const v = await same(Buffer.from(badValue), cuts) as { error: string };
    expect(v.error).toMatch(/^f\.csv:4501:3 /);
  });
});
