// The merged raw data as read (smei data): every unit, period and indicator,
// long or wide, as CSV text or a workbook model; with sources, the file and
// sheet and cell (or line) of each value. Numbers are written in the shortest
// form that reads back to the same double, so reading the output again gives
// the same numbers.
import type { Observations } from '../core/observations.js';
import { unitWord } from './unit-word.js';
import { denominatorLabel, nodeLabel, type Framework } from '../framework/types.js';
import type { Lang } from './i18n.js';
import { csvLine } from './safe.js';
import type { WBook, WCell } from './xlsx-writer.js';
import { formatPeriod } from '../time/period.js';

/** How the data is laid out. */
export interface DataView {
  layout: 'long' | 'wide';
  /** Add where each value came from. */
  sources: boolean;
  lang: Lang;
  /** This period alone (a key), else every period. */
  period?: number;
}

/** One table: a header row and rows of text and numbers (null for an empty cell). */
export type DataGrid = (string | number | null)[][];

/**
 * The data as a grid. Long: unit, period, indicator (id), value[, source], one
 * row per value given, the denominators' (by id) after the nodes'. Wide:
 * unit, period, the group columns, one column per node with data (its label
 * in `lang`) [and its source], the denominator columns (their labels); one
 * row per unit and period, in the order read.
 */
export function dataGrid(obs: Observations, fw: Framework, view: DataView): DataGrid {
  const zh = view.lang === 'zh';
  const nodes = fw.nodes.filter((n) => obs.nodeHasData[n.index]);
  const periods = view.period === undefined ? obs.years() : [view.period];
  const N = obs.nodeCount;
  const src = (row: number, n: number): string => obs.source?.(row * N + n) ?? '';
  const rows: DataGrid = [];
  // the denominators the data gives (地区生产总值 for a per-GDP indicator): after the nodes, so that reading the output back gives the same index
  const aux = fw.denominators.filter((d) => obs.aux.has(d.id));
  const auxValue = (id: string, row: number): number | null => {
    const v = obs.aux.get(id)!.get(row);
    return v === undefined || Number.isNaN(v) ? null : v;
  };
  if (view.layout === 'long') {
    rows.push(zh ? [unitWord(obs.unitHeader), '时期', '指标', '数值', ...(view.sources ? ['来源'] : [])] : ['unit', 'period', 'indicator', 'value', ...(view.sources ? ['source'] : [])]);
    obs.units.forEach((unit, u) => {
      for (const p of periods) {
        const row = obs.row(u, p);
        if (row < 0) continue;
        for (const n of nodes) {
          const v = obs.value(row, n.index);
          if (Number.isNaN(v)) continue;
          rows.push([unit, formatPeriod(p, obs.frequency), n.id, v, ...(view.sources ? [src(row, n.index)] : [])]);
        }
        for (const d of aux) {
          const v = auxValue(d.id, row);
          if (v !== null) rows.push([unit, formatPeriod(p, obs.frequency), d.id, v, ...(view.sources ? [''] : [])]);
        }
      }
    });
    return rows;
  }
  const groups = [...obs.groups.keys()];
  rows.push([zh ? unitWord(obs.unitHeader) : 'unit', zh ? '时期' : 'period', ...groups, ...nodes.flatMap((n) => [nodeLabel(n, view.lang), ...(view.sources ? [zh ? `${nodeLabel(n, 'zh')}来源` : `${nodeLabel(n, 'en')} source`] : [])]), ...aux.map((d) => denominatorLabel(d, view.lang))]);
  obs.units.forEach((unit, u) => {
    for (const p of periods) {
      const row = obs.row(u, p);
      if (row < 0) continue;
      rows.push([
        unit, formatPeriod(p, obs.frequency),
        ...groups.map((g) => obs.groups.get(g)!.get(unit) ?? null),
        ...nodes.flatMap((n) => {
          const v = obs.value(row, n.index);
          const value = Number.isNaN(v) ? null : v;
          return view.sources ? [value, value === null ? null : src(row, n.index)] : [value];
        }),
        ...aux.map((d) => auxValue(d.id, row)),
      ]);
    }
  });
  return rows;
}

/** The grid as CSV: UTF-8 (with a BOM when asked, for Excel), CRLF, numbers in full. */
export function renderDataCsv(grid: DataGrid, bom = false): string {
  return `${bom ? '\uFEFF' : ''}${grid.map(csvLine).join('\r\n')}\r\n`;
}

/** The grid as a workbook of one sheet: numbers stored as numbers, the header bold and frozen. */
export function renderDataWorkbook(grid: DataGrid, view: DataView, date?: string): WBook {
  const head = grid[0]!.map((h): WCell => ({ v: h, style: { bold: true, fill: 'DDEBF7' } }));
  return {
    title: view.lang === 'zh' ? '原始数据' : 'Raw data',
    creator: 'smei',
    ...(date ? { date } : {}),
    sheets: [{ name: view.lang === 'zh' ? '数据' : 'Data', rows: [head, ...grid.slice(1)], cols: grid[0]!.map((_, i) => (i === 0 ? 14 : 12)), freeze: { rows: 1, cols: 1 } }],
  };
}
