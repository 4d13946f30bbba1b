// Framework tables in CSV are split by the data files' line splitter, with
// csv-parse (the reference, as before) where the splitter leaves a line:
// random tables, valid and invalid, must give the same framework or the same
// message both ways.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SmeiError } from '../../src/errors.js';
import { checkFramework } from '../../src/framework/check.js';
import { frameworkFromCsv } from '../../src/framework/table-csv.js';
import { frameworkFromBytes } from '../../src/input/framework.js';
import { ROOT } from '../helpers.js';

/** The framework, or the message, as a file read gives it. */
async function viaReader(text: string): Promise<unknown> {
  try {
    return await frameworkFromBytes(Buffer.from(text, 'utf8'), 't.csv');
  } catch (e) {
    if (!(e instanceof SmeiError)) throw e;
    return { error: e.message };
  }
}

/** The same through csv-parse alone (the table reader before). */
function viaCsvParse(text: string): unknown {
  try {
    return checkFramework(frameworkFromCsv(text, 't.csv'), 't.csv');
  } catch (e) {
    if (!(e instanceof SmeiError)) throw e;
    return { error: e.message };
  }
}

describe('framework tables in CSV', () => {
  it("read COINr's ASEM iMeta as csv-parse reads it", async () => {
    const text = readFileSync(`${ROOT}/fixtures/coinr-asem/ASEM_iMeta.csv`, 'utf8');
    const fw = (await viaReader(text)) as { nodes: { id: string }[] };
    expect(fw).toEqual(viaCsvParse(text));
    expect(fw.nodes.length).toBeGreaterThan(49);
  });

  it('name the line of a bad row after empty lines, and take the header after leading ones (both ways)', async () => {
    const text = '\nid,parent,weight\nroot,,\n\n\nx1,root,w\n';
    const message = 't.csv:6: weight of "x1" is "w", not a number.';
    expect(await viaReader(text)).toEqual({ error: message });
    expect(viaCsvParse(text)).toEqual({ error: message });
    expect(await viaReader('\r\nid,parent\r\nroot,\r\n\r\nx1,root\r\n')).toMatchObject({ nodes: [{ id: 'root' }, { id: 'x1' }] });
  });

  it('give what csv-parse gives on random tables: quoting, blank and white lines, CRLF, separators, bad cells', async () => {
    const id = fc.constantFrom('root', 'a', 'b', 'c', 'x1', 'x2', '"x3"', ' x4 ', '', '"a,b"', '"q""r"', 'Index');
    const parent = fc.constantFrom('', 'root', 'a', 'b', '"a"', 'zz', ' root');
    const weight = fc.constantFrom('', '1', '2.5', '"3"', 'w', '-1', ' 1 ');
    const name = fc.constantFrom('', '名称', '"营业收入(亿元)"', 'Trade, goods', '"Trade, goods"', '"x\ny"', 'a"b', '"open', '\u3000');
    const row = fc.tuple(id, parent, weight, name).map((c) => c.join(','));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const extra = fc.constantFrom('', '', '', ' ', '   ', ',,,', '\t');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(row, extra), { minLength: 1, maxLength: 8 }), eol, fc.constantFrom(',', ';', '\t'), async (rows, nl, sep) => {
        const lines = ['id,parent,weight,名称', 'root,,,', ...rows.flatMap(([r, x]) => (x === '' ? [r] : [r, x]))].map((l) => (sep === ',' ? l : l.replaceAll(',', sep)));
        const text = lines.join(nl) + nl;
        expect(await viaReader(text)).toEqual(viaCsvParse(text));
      }),
      { numRuns: 400, seed: 1203 },
    );
  });
});
