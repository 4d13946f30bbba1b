// Charts as data: what a chart shows, independent of how it is drawn (Mermaid
// in Markdown, ECharts SVG in HTML, PNG in Word). Pure; no drawing library here.

/** One series of a line, bar or radar chart. */
export interface ChartSeries {
  name: string;
  /** One value per category; null draws a gap. */
  values: (number | null)[];
  /** Drawn thicker and in front (the aggregate). */
  emphasis?: boolean;
  /** For a bar chart with a line over it (the median rank over the rank interval). */
  type?: 'line' | 'bar';
}

/** A chart. */
export interface ChartSpec {
  kind: 'line' | 'bar' | 'radar' | 'heatmap';
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
}

/** Keeps the top and bottom `n` of an ordered list when it is longer than `2n + 6`, so that labels stay legible. */
export function topAndBottom<T>(items: T[], n: number): { shown: T[]; left: number } {
  if (items.length <= 2 * n + 6) return { shown: items, left: 0 };
  return { shown: [...items.slice(0, n), ...items.slice(-n)], left: items.length - 2 * n };
}
