// The json and csv rows are written as text directly, a row making no
// object; flatRows is their model. For tables with every optional column
// (环比, a reference year, group ranks, imputed cells, one node or one year),
// the text equals what JSON.stringify and csvLine make of flatRows' rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData, type DataOptions } from '../../src/cli/load.js';
import type { Io } from '../../src/cli/io.js';
import { computeCsvChunks, computeJsonChunks, flatRows, type ComputeView } from '../../src/render/compute.js';
import { csvLine } from '../../src/render/safe.js';
import { PLAIN } from '../../src/render/color.js';
import { fixture, ROOT } from '../helpers.js';

const io: Io = { stdout: () => {}, stderr: () => {}, stdin: (async function* () {})(), env: {}, cwd: ROOT, stdoutIsTTY: false, stderrIsTTY: false };
const ASEM = (f: string): string => join(ROOT, '..', 'shared', 'reference', 'coinr-asem', f);

/** The rows part of the old writers: each flatRows row through JSON.stringify, or csvLine with the csv columns. */
function expected(table: Awaited<ReturnType<typeof loadData>>['table'], view: ComputeView): { json: string; csv: string } {
  const rows = [...flatRows(table, view)];
  const sub = table.frequency !== 'year';
  const pop = table.hasPop;
  const ref = table.refYear !== undefined;
  return {
    json: rows.map((r, i) => `${i === 0 ? '' : ','}\n    ${JSON.stringify(r)}`).join(''),
    csv: rows.map((r) => `${csvLine([r.unit, r.year, ...(sub ? [r.period] : []), r.node, r.value, r.yoyPct, ...(pop ? [r.popPct ?? null] : []), r.rank, ...(ref ? [r.vsRefPoints ?? null, r.vsRefPct ?? null] : [])])}\r\n`).join(''),
  };
}

const cases: { name: string; data: string; opts: DataOptions; view?: Partial<ComputeView>; has: string[] }[] = [
  { name: 'annual, with a reference year and an aggregate unit', data: fixture('zhejiang-synthetic.csv'), opts: { refYear: { key: 2015, freq: 'year', year: 2015, sub: 0 }, aggregateUnit: ['浙江省'] }, has: ['"vsRefPct":'] },
  { name: 'quarterly (环比), one node and its children', data: fixture('quarterly-synthetic.csv'), opts: { framework: fixture('quarterly-framework.json') }, view: { onlyNode: true }, has: ['"popPct":', '"period":"2018Q1"'] },
  { name: 'imputed cells and group ranks (COINr ASEM)', data: ASEM('ASEM_iData.csv'), opts: { framework: ASEM('ASEM_iMeta.csv'), impute: 'group-mean:EurAsia_group', normalise: 'min-max', review: false }, view: { group: 'EurAsia_group' }, has: ['"imputed":true', '"groupRank":'] },
];

describe('json and csv rows as text', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { table } = await loadData(c.data, { quiet: true, ...c.opts }, io);
      for (const onlyYear of [undefined, table.years[table.years.length - 1]!]) {
        const view: ComputeView = { yi: table.years.length - 1, node: 0, lang: 'en', decimals: 2, paint: PLAIN, ...(onlyYear !== undefined ? { onlyYear } : {}), ...c.view };
        const want = expected(table, view);
        const json = [...computeJsonChunks(table, view)].join('');
        const start = json.indexOf('"rows": [') + '"rows": ['.length;
        expect(json.slice(start, start + want.json.length)).toBe(want.json);
        expect(json.slice(start + want.json.length).startsWith('\n  ],\n  "warnings": [')).toBe(true);
        const csv = [...computeCsvChunks(table, view)].join('');
        expect(csv.slice(csv.indexOf('\r\n') + 2)).toBe(want.csv);
        expect(want.csv.split('\r\n').length).toBeGreaterThan(10);
      }
      const all = expected(table, { yi: 0, node: 0, lang: 'en', decimals: 2, paint: PLAIN, ...c.view }).json;
      for (const h of c.has) expect(all).toContain(h);
    });
  }
});
