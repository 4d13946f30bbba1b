// Drawing charts: a ChartSpec to SVG with Apache ECharts' server-side renderer
// (no DOM, no network), and SVG to PNG with resvg for Word. Both libraries are
// loaded only here, only for reports that draw charts.
import { existsSync, readdirSync } from 'node:fs';
import type { ChartSpec } from './chart-spec.js';
import { formatFixed } from './number.js';
import { xmlText } from '../text.js';

/** The fonts charts ask for, first found wins: CJK fonts of Linux, Windows and macOS, then any sans-serif. */
export const CHART_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'SimHei', 'sans-serif'];

/** A muted palette that prints in grey as well as colour; the aggregate is drawn in the first colour, thicker. */
const PALETTE = ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83', '#ca8622', '#bda29a', '#6e7074', '#546570', '#c4ccd3'];

/** The size a chart is drawn at, in CSS pixels. */
export function chartSize(spec: ChartSpec): { width: number; height: number } {
  if (spec.kind === 'bar' && spec.horizontal) return { width: 720, height: Math.max(260, 90 + 22 * spec.categories.length) };
  if (spec.kind === 'heatmap') return { width: 720, height: Math.max(260, 110 + 24 * (spec.rows?.length ?? 1)) };
  if (spec.kind === 'radar') return { width: 560, height: 420 };
  return { width: 720, height: 380 };
}

/** The ECharts option for a spec: no animation, fonts from the reader's system, every label from the spec. */
function option(spec: ChartSpec): Record<string, unknown> {
  const label = (v: number): string => formatFixed(v, spec.decimals);
  const base = {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONTS.join(', '), fontSize: 12 },
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 15, fontWeight: 'bold' } },
    backgroundColor: '#ffffff',
  };
  const legend = spec.series.length > 1 && spec.kind !== 'heatmap' ? { legend: { type: 'plain', bottom: 0, data: spec.series.map((s) => s.name) } } : {};
  if (spec.kind === 'radar') {
    const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
    const max = Math.ceil(Math.max(...all, 100) / 10) * 10;
    const min = Math.floor(Math.min(...all, 100) / 10) * 10 - 10;
    return {
      ...base, ...legend,
      radar: { indicator: spec.categories.map((c) => ({ name: c, max, min })), radius: '62%', center: ['50%', '54%'] },
      series: [{ type: 'radar', data: spec.series.map((s) => ({ name: s.name, value: s.values.map((v) => v ?? min), lineStyle: { width: s.emphasis ? 3 : 1.5 } })) }],
    };
  }
  if (spec.kind === 'heatmap') {
    const rows = spec.rows ?? [];
    const data: [number, number, number][] = [];
    spec.series.forEach((s, r) => s.values.forEach((v, c) => {
      if (v !== null) data.push([c, r, v]);
    }));
    const values = data.map((d) => d[2]);
    return {
      ...base,
      grid: { left: 110, right: 30, top: 50, bottom: 70 },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0 } },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { interval: 0 } },
      visualMap: { min: Math.min(...values), max: Math.max(...values), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }, formatter: (v: number) => label(v) },
      series: [{ type: 'heatmap', data, label: { show: true, fontSize: 10, formatter: (p: { value: [number, number, number] }) => label(p.value[2]) } }],
    };
  }
  const valueAxis = { type: 'value', name: spec.valueName ?? '', inverse: spec.inverse ?? false, scale: spec.min === undefined, ...(spec.min !== undefined ? { min: spec.min } : {}), ...(spec.max !== undefined ? { max: spec.max } : {}), ...(spec.inverse ? { minInterval: 1 } : {}) };
  const categoryAxis = { type: 'category', data: spec.categories, axisLabel: { interval: 0, ...(spec.horizontal ? {} : { rotate: spec.categories.length > 8 ? 40 : 0 }) }, ...(spec.horizontal ? { inverse: true } : {}) };
  return {
    ...base, ...legend,
    grid: { left: spec.horizontal ? 100 : 60, right: 40, top: 50, bottom: spec.series.length > 1 ? 70 : 50, containLabel: !spec.horizontal },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) => ({
      type: s.type ?? spec.kind,
      name: s.name,
      data: s.values,
      connectNulls: false,
      z: s.emphasis ? 10 : 2,
      ...(s.type ?? spec.kind) === 'line' ? { symbolSize: s.emphasis ? 7 : 4, lineStyle: { width: s.emphasis ? 3.5 : 1.2 }, ...(spec.series.length > 6 && !s.emphasis ? { lineStyle: { width: 1, opacity: 0.55 } } : {}) } : {},
      ...(spec.kind === 'bar' && spec.series.length === 1 ? { label: { show: true, position: spec.horizontal ? 'right' : 'top', fontSize: 10, formatter: (p: { value: number }) => label(p.value) } } : {}),
    })),
  };
}

/**
 * Renders a chart to an SVG string, the same bytes for the same spec: ECharts
 * numbers its instances per process (zr0-, zr1-), so `id` names the chart's
 * classes and gradients instead, unique within one document.
 */
export async function chartSvg(spec: ChartSpec, id = 'c0'): Promise<string> {
  const echarts = await import('echarts');
  const { width, height } = chartSize(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // a unit name with control characters (bell, escape) would make the SVG ill-formed XML
    chart.setOption(option(xmlSafeSpec(spec)));
    return renumber(chart.renderToSVGString(), id);
  } finally {
    chart.dispose();
  }
}

/** The spec with every text made fit for XML. */
function xmlSafeSpec(spec: ChartSpec): ChartSpec {
  return {
    ...spec,
    title: xmlText(spec.title),
    categories: spec.categories.map(xmlText),
    series: spec.series.map((s) => ({ ...s, name: xmlText(s.name) })),
    ...(spec.rows ? { rows: spec.rows.map(xmlText) } : {}),
    ...(spec.valueName !== undefined ? { valueName: xmlText(spec.valueName) } : {}),
    ...(spec.note !== undefined ? { note: xmlText(spec.note) } : {}),
  };
}

/** Names ECharts' per-process counters (zr3-cls-49, zr3-g2, zr3-c0) by first appearance within this chart instead. */
function renumber(svg: string, id: string): string {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  return svg.replace(/\bzr\d+-(cls-|[a-z]+)(\d+)\b/g, (whole, kind: string) => {
    let name = seen.get(whole);
    if (name === undefined) {
      const k = counts.get(kind) ?? 0;
      counts.set(kind, k + 1);
      name = `${id}-${kind}${k}`;
      seen.set(whole, name);
    }
    return name;
  });
}

/** Renders an SVG to PNG at `scale` (2: sharp in print) with the system's fonts. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: CHART_FONTS[0]! }, background: '#ffffff' });
  return r.render().asPng();
}

/** Folders where fonts live on Linux, macOS and Windows. */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', `${process.env.HOME ?? ''}/.fonts`, `${process.env.HOME ?? ''}/.local/share/fonts`, '/Library/Fonts', '/System/Library/Fonts', 'C:\\Windows\\Fonts'];

/** Whether a font with Chinese glyphs seems installed (by its file name); charts in Word need one. */
export function cjkFontInstalled(dirs = FONT_DIRS): boolean {
  const pattern = /cjk|sourcehan|han ?sans|wqy|wenquanyi|msyh|yahei|simhei|simsun|pingfang|hiragino|droidsansfallback|notosanssc|notoserifsc/i;
  const walk = (dir: string, depth: number): boolean => {
    if (depth > 4 || !existsSync(dir)) return false;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`, depth + 1) : pattern.test(e.name)));
  };
  return dirs.some((d) => walk(d, 0));
}
