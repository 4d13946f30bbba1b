// Charts as data: what a chart shows, independent of how it is drawn (Mermaid
// in Markdown, ECharts SVG in HTML, PNG in Word). Pure; no drawing library here.

/**
 * What a line stands for, which decides how it is drawn: the aggregate in the
 * report's red, a unit the report profiles in a strong colour, the top and
 * bottom units in dark grey, every other unit a light grey line; all but
 * `context` carry their name at the line's end, only `aggregate` and `focus`
 * have a legend entry. A chart without roles colours every line and keeps the
 * legend.
 */
export type SeriesRole = 'aggregate' | 'focus' | 'end' | 'context';

/** One series of a line, bar or radar chart. */
export interface ChartSeries {
  name: string;
  /** One value per category; null draws a gap. */
  values: (number | null)[];
  /** Drawn thicker and in front (the aggregate). */
  emphasis?: boolean;
  /** For a bar chart with a line over it (the median rank over the rank interval). */
  type?: 'line' | 'bar';
  role?: SeriesRole;
  /** A slope chart's line: how the rank moved (values are the two ranks). */
  move?: 'up' | 'down' | 'same';
}

/** A region of a map: the feature it is drawn as, the unit it shows, its value (null: undefined, drawn as no data). */
export interface MapRegion {
  feature: string;
  unit: string;
  value: number | null;
}

/** A choropleth: the boundaries as given (a GeoJSON FeatureCollection), the property naming a feature, the regions with values. */
export interface MapData {
  geojson: { type: 'FeatureCollection'; features: unknown[] };
  key: string;
  regions: MapRegion[];
}

/** A chart. */
export interface ChartSpec {
  /**
   * line, bar, radar, heatmap; slope (each series a unit's two ranks, earlier
   * left and later right); multiples (one small panel per series on a shared
   * axis, `reference` drawn in every panel); map (a choropleth of `map`).
   */
  kind: 'line' | 'bar' | 'radar' | 'heatmap' | 'slope' | 'multiples' | 'map';
  title: string;
  /** The x categories (line, bar), the radar's axes, or the heat map's columns. */
  categories: string[];
  series: ChartSeries[];
  /** The heat map's rows (one series per row, in this order). */
  rows?: string[];
  /** The value axis name. */
  valueName?: string;
  /** Bars drawn horizontally, first category on top (long unit lists). */
  horizontal?: boolean;
  /** Smaller is better on the value axis (ranks): drawn upside down. */
  inverse?: boolean;
  /** The value axis starts here (bars start at the base, 100, or below). */
  min?: number;
  max?: number;
  /** Decimals of value labels. */
  decimals: number;
  /** A sentence under the chart (what was left out, how to read it). */
  note?: string;
  /** A value marked on the colour legend of a heat map or map (the aggregate's). */
  marker?: { label: string; value: number };
  /** Small multiples: the line drawn in every panel for comparison (the aggregate). */
  reference?: ChartSeries;
  /** A map's boundaries and values. */
  map?: MapData;
  /** The legend's words for a slope chart's moves, or a map's missing data. */
  words?: Record<string, string>;
}

/** Keeps the top and bottom `n` of an ordered list when it is longer than `2n + 6`, so that labels stay legible. */
export function topAndBottom<T>(items: T[], n: number): { shown: T[]; left: number } {
  if (items.length <= 2 * n + 6) return { shown: items, left: 0 };
  return { shown: [...items.slice(0, n), ...items.slice(-n)], left: items.length - 2 * n };
}

/** The most lines a slope chart draws: beyond it, the largest rises and falls, half each. */
export const SLOPE_MAX_LINES = 40;

/**
 * A slope chart of ranks: each unit's rank in the earlier period on the left
 * and the later on the right, rises and falls coloured, unchanged units grey,
 * every line named at both ends; units ranked in one period only are named in
 * the note (`left` counts them when the caller has no names). Beyond
 * SLOPE_MAX_LINES units, the largest rises and falls only, the note says so.
 */

export function slopeSpec(all: { name: string; from: number; to: number }[], o: { lang: 'zh' | 'en'; from: string; to: string; title: string; left?: number; leftNames?: string[] }): ChartSpec {
  const zh = o.lang === 'zh';
  const up = all.filter((r) => r.to < r.from).length;
  const down = all.filter((r) => r.to > r.from).length;
  const names = o.leftNames ?? [];
  const outside = names.length > 0 ? names.length : o.left ?? 0;
  // more units than lines a reader can follow: the largest rises and falls only (ties by the new rank), the rest said
  const rows = all.length <= SLOPE_MAX_LINES ? all : [
    ...all.filter((r) => r.to < r.from).sort((a, b) => b.from - b.to - (a.from - a.to) || a.to - b.to).slice(0, SLOPE_MAX_LINES / 2),
    ...all.filter((r) => r.to > r.from).sort((a, b) => b.to - b.from - (a.to - a.from) || a.to - b.to).slice(0, SLOPE_MAX_LINES / 2),
  ];
  const cut = all.length - rows.length;
  const cutNote = cut === 0 ? '' : zh
    ? `共${all.length}个地区，只画出上升最多的${Math.min(up, SLOPE_MAX_LINES / 2)}个和下降最多的${Math.min(down, SLOPE_MAX_LINES / 2)}个；其余${cut}个见排名表。`
    : ` Of ${all.length} units, the ${Math.min(up, SLOPE_MAX_LINES / 2)} largest rises and ${Math.min(down, SLOPE_MAX_LINES / 2)} largest falls are drawn; the other ${cut} are in the ranking table.`;
  const note = zh
    ? `左为${o.from}排名，右为${o.to}排名：蓝线上升（${up}个），橙红线下降（${down}个），灰线不变（${all.length - up - down}个）。${cutNote}${outside > 0 ? `${names.length > 0 ? names.join('、') : `另有${outside}个地区`}只在一期有排名，未画出。` : ''}`
    : `Left: the rank in ${o.from}; right: in ${o.to}. Blue: up (${up}); vermillion: down (${down}); grey: unchanged (${all.length - up - down}).${cutNote}${outside > 0 ? ` ${names.length > 0 ? names.join(', ') : `${outside} more unit${outside === 1 ? '' : 's'}`} ranked in one period only, not drawn.` : ''}`;
  return {
    kind: 'slope', title: o.title, categories: [o.from, o.to], decimals: 0,
    series: rows.map((r) => ({ name: r.name, values: [r.from, r.to], move: r.to < r.from ? 'up' : r.to > r.from ? 'down' : 'same' })),
    words: zh ? { up: '上升', down: '下降', same: '不变' } : { up: 'up', down: 'down', same: 'unchanged' },
    note,
  };
}
