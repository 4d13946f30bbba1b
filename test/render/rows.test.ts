// The json and csv rows are written as text directly, a row making no
// object; flatRows below is their model, one object per row. For tables with
// every optional column (环比, a reference year, group ranks, imputed cells,
// one node or one year), the text equals what JSON.stringify and csvLine make
// of the model's rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData, type DataOptions } from '../../src/cli/load.js';
import type { Io } from '../../src/cli/io.js';
import type { IndexTable } from '../../src/core/compute.js';
import { computeCsvChunks, computeJsonChunks, type ComputeView } from '../../src/render/compute.js';
import { formatPeriod, periodOf } from '../../src/time/period.js';
import { csvLine } from '../../src/render/safe.js';
import { PLAIN } from '../../src/render/color.js';
import { fixture, ROOT } from '../helpers.js';

const io: Io = { stdout: () => {}, stderr: () => {}, stdin: (async function* () {})(), env: {}, cwd: ROOT, stdoutIsTTY: false, stderrIsTTY: false };
const ASEM = (f: string): string => join(ROOT, 'fixtures', 'coinr-asem', f);

/** One output row of json and csv. */
interface FlatRow {
  unit: string;
  year: number;
  /** The period, normalised: 2018, 2018H1, 2018Q3, 2018-03, 2018M1-6. */
  period: string;
  node: string;
  value: number | null;
  yoyPct: number | null;
  /** 环比: sub-annual data only. */
  popPct?: number | null;
  rank: number | null;
  /** The raw value was imputed (leaves only). */
  imputed?: true;
  group?: string | null;
  groupRank?: number | null;
  vsRefPoints?: number | null;
  vsRefPct?: number | null;
}

/** Every (period, unit, node) row the view selects, as objects: the model the writers are held to. */
function* flatRows(table: IndexTable, view: ComputeView): Generator<FlatRow> {
  const selected = view.onlyNode ? [view.node, ...table.framework.nodes[view.node]!.children] : table.framework.nodes.map((n) => n.index);
  const nodes = selected.filter((n) => table.nodeHasData[n]);
  for (let yi = 0; yi < table.years.length; yi++) {
    const year = table.years[yi]!;
    if (view.onlyYear !== undefined && year !== view.onlyYear) continue;
    for (let u = 0; u < table.units.length; u++) {
      for (const n of nodes) {
        const row: FlatRow = {
          unit: table.units[u]!, year: periodOf(year, table.frequency).year, period: formatPeriod(year, table.frequency), node: table.framework.nodes[n]!.id,
          value: table.value(u, yi, n), yoyPct: table.yoyPct(u, yi, n), ...(table.hasPop ? { popPct: table.popPct(u, yi, n) } : {}), rank: table.rank(u, yi, n),
          ...(table.imputedFlags[(u * table.years.length + yi) * table.nodeCount + n] === 1 ? { imputed: true } : {}),
          ...(view.group ? { group: table.observations.groups.get(view.group)?.get(table.units[u]!) ?? null, groupRank: table.groupRank(u, yi, n, view.group) } : {}),
        };
        if (table.refYear !== undefined) {
          row.vsRefPoints = table.vsRefPoints(u, yi, n);
          row.vsRefPct = table.vsRefPct(u, yi, n);
        }
        yield row;
      }
    }
  }
}

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
