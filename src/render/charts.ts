// Drawing charts: a ChartSpec to SVG with Apache ECharts' server-side renderer
// (no DOM, no network), and SVG to PNG with resvg for Word. Both libraries are
// loaded only here, only for reports that draw charts.
import { existsSync, readdirSync } from 'node:fs';
import type { ChartSeries, ChartSpec, MapData } from './chart-spec.js';
import { formatFixed } from './number.js';
import { xmlText } from '../text.js';
import displayWidth from './width.js';

/** The fonts charts ask for, first found wins: CJK fonts of Linux, Windows and macOS, then any sans-serif. */
export const CHART_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'SimHei', 'sans-serif'];

/**
 * One palette for every chart: Okabe and Ito's colour-blind-safe colours
 * (Color Universal Design, 2002), which stay apart for readers with any common
 * colour-vision deficiency and differ in lightness, so they survive a grey
 * printer too. Vermillion leaves the list: it is too near the report's red,
 * which is kept for the aggregate alone.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#000000', '#D55E00', '#F0E442', '#999999'];
/** The report's red (its headings' rule): the aggregate's line, bar and radar. */
export const AGGREGATE_RED = '#c23531';
/** Units that are context, not the story: light grey, no label, no legend entry. */
const CONTEXT_GREY = '#cfcfcf';
/** The top and bottom units: dark grey lines with their names. */
const END_GREY = '#6e6e6e';
/** A slope chart's moves: up in blue, down in vermillion (apart for colour-blind readers), unchanged in grey. */
export const MOVE_COLOURS = { up: '#0072B2', down: '#D55E00', same: '#a0a0a0' } as const;
/** The sequential scale of heat maps and maps, light (low) to dark (high): ColorBrewer's Blues, colour-blind safe. */
export const SEQUENTIAL = ['#f7fbff', '#6baed6', '#08306b'];

/** The size a chart is drawn at, in CSS pixels. */
export function chartSize(spec: ChartSpec): { width: number; height: number } {
  if (spec.kind === 'bar' && spec.horizontal) return { width: 720, height: Math.max(260, 90 + 22 * spec.categories.length) };
  if (spec.kind === 'heatmap') return { width: 720, height: Math.max(260, 150 + 24 * (spec.rows?.length ?? 1)) };
  if (spec.kind === 'radar') return { width: 560, height: 420 };
  if (spec.kind === 'slope') {
    // room for the labels drawn: the ranks' span, or the lines where a large panel draws only some (slopeSpec)
    const n = slopeRows(spec);
    return { width: 720, height: Math.max(300, Math.round(130 + slopeStep(n) * n)) };
  }
  if (spec.kind === 'multiples') return { width: 720, height: 70 + MULTIPLE_HEIGHT * Math.ceil(spec.series.length / multipleColumns(spec.series.length)) };
  // a map as tall as its shape needs within the width (180 to 440 pixels), plus the title and the legend
  if (spec.kind === 'map') return { width: 720, height: 120 + Math.round(Math.min(440, Math.max(180, 680 / mapShape(spec.map!).ratio))) };
  return { width: 720, height: 400 };
}

/** Small multiples: a panel's height in pixels, and panels per row. */
const MULTIPLE_HEIGHT = 118;
const multipleColumns = (n: number): number => (n <= 4 ? n : n <= 9 ? 3 : n <= 16 ? 4 : 5);

/** The colour of each series: the aggregate red (its role, not its emphasis: a profiled unit is emphasised too), the others through the palette in order. */
function seriesColours(series: ChartSeries[]): string[] {
  let next = 0;
  return series.map((s) => {
    if (s.role === 'aggregate') return AGGREGATE_RED;
    if (s.role === 'context') return CONTEXT_GREY;
    if (s.role === 'end') return END_GREY;
    return PALETTE[next++ % PALETTE.length]!;
  });
}

/**
 * A colour legend drawn as a bar with its numbers: the lowest value at the
 * left end, the highest at the right, and a marked value (the aggregate's)
 * where it falls; ECharts' own legend shows no numbers on a static page.
 */
function colourLegend(min: number, max: number, spec: ChartSpec, width: number, height: number, label: (v: number) => string): Record<string, unknown>[] {
  const w = 260;
  const x = (width - w) / 2;
  const y = height - 34;
  const out: Record<string, unknown>[] = [
    { type: 'rect', shape: { x, y, width: w, height: 10 }, style: { fill: { type: 'linear', x: 0, y: 0, x2: 1, y2: 0, colorStops: SEQUENTIAL.map((c, i) => ({ offset: i / (SEQUENTIAL.length - 1), color: c })) }, stroke: '#999', lineWidth: 0.5 } },
    { type: 'text', x: x - 6, y: y + 5, style: { text: label(min), align: 'right', verticalAlign: 'middle', fontSize: 11, fill: '#333' } },
    { type: 'text', x: x + w + 6, y: y + 5, style: { text: label(max), align: 'left', verticalAlign: 'middle', fontSize: 11, fill: '#333' } },
  ];
  const words = spec.words ?? {};
  if (words.low) out.push({ type: 'text', x, y: y + 14, style: { text: words.low, align: 'left', verticalAlign: 'top', fontSize: 10, fill: '#666' } });
  if (words.high) out.push({ type: 'text', x: x + w, y: y + 14, style: { text: words.high, align: 'right', verticalAlign: 'top', fontSize: 10, fill: '#666' } });
  const m = spec.marker;
  if (m !== undefined && max > min) {
    const at = x + (w * Math.min(1, Math.max(0, (m.value - min) / (max - min))));
    out.push(
      { type: 'polygon', shape: { points: [[at - 5, y - 7], [at + 5, y - 7], [at, y]] }, style: { fill: AGGREGATE_RED } },
      { type: 'line', shape: { x1: at, y1: y, x2: at, y2: y + 10 }, style: { stroke: AGGREGATE_RED, lineWidth: 2 } },
      { type: 'text', x: at, y: y - 9, style: { text: `${m.label} ${label(m.value)}`, align: 'center', verticalAlign: 'bottom', fontSize: 11, fill: AGGREGATE_RED } },
    );
  }
  return out;
}

/** Axis bounds on whole tens around the values. */
function niceBounds(values: number[]): [number, number] {
  const lo = Math.floor(Math.min(...values) / 10) * 10;
  const hi = Math.ceil(Math.max(...values) / 10) * 10;
  return [lo, hi === lo ? lo + 10 : hi];
}

/**
 * Label positions kept at least `gap` apart, in the order of the wanted
 * positions and as near them as the room allows; a label of several lines
 * (`lines`, one each by default) takes `gap` a line.
 */
export function spread(ys: number[], gap: number, top: number, bottom: number, lines?: number[]): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const at = order.map((o) => o.y);
  // the distance between the centres of the k-th label (in order) and the one before it
  const apart = (k: number): number => (lines === undefined ? gap : (gap * (lines[order[k - 1]!.i]! + lines[order[k]!.i]!)) / 2);
  for (let k = 1; k < at.length; k++) at[k] = Math.max(at[k]!, at[k - 1]! + apart(k));
  if (at.length > 0 && at[at.length - 1]! > bottom) at[at.length - 1] = bottom;
  for (let k = at.length - 2; k >= 0; k--) at[k] = Math.min(at[k]!, at[k + 1]! - apart(k + 1));
  if (at.length > 0 && at[0]! < top) {
    at[0] = top;
    for (let k = 1; k < at.length; k++) at[k] = Math.max(at[k]!, at[k - 1]! + apart(k));
  }
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = at[k]!));
  return out;
}

/**
 * The width of a label in pixels as a CJK font draws it, counted in the
 * columns a terminal gives it: a character two columns wide (an ideograph,
 * a full-width form, CJK punctuation) is one em, any other about 0.62 em, a
 * little more than the Latin letters and digits of a CJK font take (a bold
 * one 0.66). Generous on purpose: the room given a label is never too small.
 */
export function labelWidth(text: string, fontSize: number, bold = false): number {
  let w = 0;
  for (const ch of text) {
    const cols = displayWidth(ch);
    w += cols >= 2 ? fontSize : cols === 1 ? fontSize * (bold ? 0.66 : 0.62) : 0;
  }
  return w;
}

/** How many lines a label breaks into within `width` pixels (ECharts' `overflow: 'break'`, a character at a time). */
function labelLines(text: string, fontSize: number, bold: boolean, width: number): number {
  let lines = 1;
  let used = 0;
  for (const ch of text) {
    const w = labelWidth(ch, fontSize, bold);
    if (used + w > width && used > 0) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return lines;
}

/**
 * The room labels beside a plot need (a margin of the grid), from the longest
 * of them: at least `least` (the margin as it was, so short names draw as
 * before), at most `most`; labels wider than `most` leaves them are broken
 * into lines (`wrap`, their width) rather than cut at the chart's edge.
 * `pad` is what lies between the plot and the text, and after it.
 */
export function labelRoom(texts: { text: string; bold?: boolean }[], fontSize: number, least: number, most: number, pad: number): { room: number; wrap?: number; lines: number[] } {
  const widest = Math.max(0, ...texts.map((t) => labelWidth(t.text, fontSize, t.bold === true)));
  const room = Math.min(most, Math.max(least, Math.ceil(widest + pad)));
  if (widest + pad <= most) return { room, lines: texts.map(() => 1) };
  const wrap = most - pad;
  return { room, wrap, lines: texts.map((t) => labelLines(t.text, fontSize, t.bold === true, wrap)) };
}

/** The room a line chart's end labels may take at most (about 21 Chinese characters at 11 pixels); a name longer than that is broken into lines. */
const MAX_END_ROOM = 240;
/** The room a slope chart's labels may take on each side at most. */
const MAX_SLOPE_ROOM = 260;
/** Between a point and its label: ECharts' label distance (5) and the offset given (2), and a few pixels after the text. */
const END_PAD = 5 + 2 + 6;

/** The last category index with a value (where a line's end label goes), or -1. */
function lastIndex(values: (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
  return -1;
}

/** The ECharts option for a spec: no animation, fonts from the reader's system, every label from the spec. */
/**
 * A rank axis (1 at the top): whole ranks from 1 to the worst shown, every
 * one of them up to 15 (ECharts' own steps from 1 read 1, 2, 4, 6…), and
 * steps of a nice size beyond.
 */
function rankTicks(spec: { series: { values: (number | null)[] }[] }): Record<string, number> {
  const worst = Math.max(1, ...spec.series.flatMap((x) => x.values.filter((v): v is number => v !== null)));
  const step = worst <= 15 ? 1 : worst <= 30 ? 2 : worst <= 75 ? 5 : 10;
  return { minInterval: 1, interval: step, max: Math.ceil(worst / step) * step + (step === 1 ? 0 : 1) };
}

function option(spec: ChartSpec): Record<string, unknown> {
  const label = (v: number): string => formatFixed(v, spec.decimals);
  const { width, height } = chartSize(spec);
  const colours = seriesColours(spec.series);
  const base = {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONTS.join(', '), fontSize: 12 },
    title: { text: spec.title, left: 'center', textStyle: { fontSize: 15, fontWeight: 'bold' } },
    backgroundColor: '#ffffff',
  };
  // roles: only the aggregate and the profiled units have a legend entry
  const inLegend = spec.series.filter((s) => s.role === undefined || s.role === 'aggregate' || s.role === 'focus');
  const legend = inLegend.length > 1 && spec.kind !== 'heatmap' ? { legend: { type: 'plain', bottom: 0, data: inLegend.map((s) => s.name) } } : {};
  if (spec.kind === 'radar') {
    const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
    const max = Math.ceil(Math.max(...all, 100) / 10) * 10;
    const min = Math.floor(Math.min(...all, 100) / 10) * 10 - 10;
    return {
      ...base, ...legend,
      radar: { indicator: spec.categories.map((c) => ({ name: c, max, min })), radius: '62%', center: ['50%', '54%'] },
      series: [{ type: 'radar', data: spec.series.map((s, i) => ({ name: s.name, value: s.values.map((v) => v ?? min), itemStyle: { color: colours[i] }, lineStyle: { width: s.emphasis ? 3 : 1.5, color: colours[i] } })) }],
    };
  }
  if (spec.kind === 'heatmap') {
    const rows = spec.rows ?? [];
    const data: [number, number, number][] = [];
    spec.series.forEach((s, r) => s.values.forEach((v, c) => {
      if (v !== null) data.push([c, r, v]);
    }));
    const values = data.map((d) => d[2]);
    const [min, max] = [Math.min(...values), Math.max(...values)];
    return {
      ...base,
      grid: { left: 110, right: 30, top: 50, bottom: 96 },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0 } },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { interval: 0 } },
      visualMap: { show: false, min, max, inRange: { color: SEQUENTIAL } },
      graphic: colourLegend(min, max, spec, width, height, label),
      series: [{ type: 'heatmap', data, label: { show: true, fontSize: 10, formatter: (p: { value: [number, number, number] }) => label(p.value[2]) } }],
    };
  }
  if (spec.kind === 'slope') return slopeOption(spec, base, label);
  if (spec.kind === 'multiples') return multiplesOption(spec, base, width, label);
  if (spec.kind === 'map') return mapOption(spec, base, width, height, label);
  const roles = spec.series.some((s) => s.role !== undefined);
  const labelled = (s: ChartSeries): boolean => s.role !== undefined && s.role !== 'context' && lastIndex(s.values) >= 0;
  // the end labels' room on the right, from the longest name (bold but for the dark grey ends): a name is never cut
  const endTexts = spec.series.filter(labelled).map((s) => ({ text: s.name, bold: s.role !== 'end' }));
  const ends = labelRoom(endTexts, 11, 80, MAX_END_ROOM, END_PAD);
  const endLines = new Map(spec.series.filter(labelled).map((s, k) => [s, ends.lines[k]!]));
  const grid = { left: spec.horizontal ? 100 : 60, right: roles ? ends.room : 40, top: 50, bottom: inLegend.length > 1 ? 70 : 50, containLabel: !spec.horizontal && !roles };
  // named lines: the axis on whole tens, so that where each end label sits can be worked out and labels kept apart
  const bounds = roles && !spec.horizontal ? niceBounds(spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null))) : undefined;
  const offsets = new Map<string, number>();
  if (bounds !== undefined) {
    const plot = height - grid.top - grid.bottom;
    const tips = spec.series.map((s, i) => ({ i, v: labelled(s) ? s.values[lastIndex(s.values)] : null })).filter((e): e is { i: number; v: number } => e.v !== null && e.v !== undefined);
    const ys = tips.map((e) => grid.top + ((bounds[1] - e.v) / (bounds[1] - bounds[0])) * plot);
    const placed = spread(ys, 13, grid.top - 10, height - grid.bottom + 10, tips.map((e) => endLines.get(spec.series[e.i]!) ?? 1));
    tips.forEach((e, k) => offsets.set(String(e.i), placed[k]! - ys[k]!));
  }
  const valueAxis = { type: 'value', name: spec.valueName ?? '', inverse: spec.inverse ?? false, scale: spec.min === undefined && bounds === undefined, ...(bounds !== undefined ? { min: bounds[0], max: bounds[1] } : {}), ...(spec.min !== undefined ? { min: spec.min } : {}), ...(spec.max !== undefined ? { max: spec.max } : {}), ...(spec.inverse ? rankTicks(spec) : {}) };
  const categoryAxis = { type: 'category', data: spec.categories, axisLabel: { interval: 0, ...(spec.horizontal ? {} : { rotate: spec.categories.length > 8 ? 40 : 0 }) }, ...(spec.horizontal ? { inverse: true } : {}), ...(bounds !== undefined ? { boundaryGap: false } : {}) };
  // drawn in this order, later on top: context, then the ends, the profiled units, the aggregate
  const order = (s: ChartSeries): number => (s.role === 'context' ? 0 : s.role === 'end' ? 1 : s.role === 'focus' ? 2 : s.role === 'aggregate' ? 3 : 2);
  return {
    ...base, ...legend,
    grid,
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s, i) => ({ s, i })).sort((a, b) => order(a.s) - order(b.s) || a.i - b.i).map(({ s, i }) => {
      const type = s.type ?? spec.kind;
      const strong = s.emphasis || s.role === 'aggregate';
      const end = labelled(s) ? lastIndex(s.values) : -1;
      return {
        type,
        name: s.name,
        data: s.values.map((v, k) => (k === end && v !== null ? { value: v, label: { show: true, position: 'right', offset: [2, offsets.get(String(i)) ?? 0], formatter: s.name, color: s.role === 'end' ? END_GREY : colours[i], fontSize: 11, fontWeight: s.role === 'end' ? 'normal' : 'bold', ...(ends.wrap !== undefined ? { width: ends.wrap, overflow: 'break', lineHeight: 13 } : {}) } } : v)),
        connectNulls: false,
        z: order(s) + 2,
        itemStyle: { color: colours[i] },
        ...(type === 'line'
          ? s.role === 'context'
            ? { symbol: 'none', lineStyle: { width: 1, color: CONTEXT_GREY }, silent: true }
            : s.role === 'end'
              ? { symbolSize: 4, lineStyle: { width: 1.4, color: END_GREY } }
              : { symbolSize: strong ? 7 : 5, lineStyle: { width: strong ? 3.5 : s.role === 'focus' ? 2.6 : 1.6, color: colours[i] } }
          : {}),
        ...(spec.kind === 'bar' && spec.series.length === 1 ? { label: { show: true, position: spec.horizontal ? 'right' : 'top', fontSize: 10, formatter: (p: { value: number }) => label(p.value) } } : {}),
      };
    }),
  };
}

/** The largest rank of a slope chart. */
function slopeRanks(spec: ChartSpec): number {
  return Math.max(1, ...spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
}

/** The rows of labels a slope chart needs: its largest rank, or its number of lines when fewer. */
function slopeRows(spec: ChartSpec): number {
  return Math.min(slopeRanks(spec), Math.max(1, spec.series.length));
}

/** Pixels per rank: 22, closer for long lists (12 at least, 90 counties fit in about 1,200 pixels: one page in Word). */
const slopeStep = (n: number): number => Math.min(22, Math.max(12, 1000 / n));

/** Where a slope chart's plot starts: below the title and the two periods' names. */
const SLOPE_TOP = 84;

/** A slope chart: ranks on an upside-down axis, earlier on the left and later on the right, every line named at both ends. */
function slopeOption(spec: ChartSpec, base: Record<string, unknown>, label: (v: number) => string): Record<string, unknown> {
  const n = slopeRanks(spec);
  const rank = (v: number): string => label(v);
  const order = (s: ChartSeries): number => (s.move === 'same' ? 0 : 1);
  const words = spec.words ?? {};
  // ranks: 1 at the top of the plot, n at the bottom; tied ranks' labels are moved apart
  const { height } = chartSize(spec);
  const plot = height - SLOPE_TOP - 46;
  const py = (r: number): number => SLOPE_TOP + (n === 1 ? 0 : ((r - 1) / (n - 1)) * plot);
  const rows = slopeRows(spec);
  const font = slopeStep(rows) < 16 ? 10 : 11;
  // each side as wide as its longest label needs (150 at least, as before): a name is never cut
  const texts = (k: number): string[] => spec.series.map((s) => (s.values[k] === null || s.values[k] === undefined ? '' : k === 0 ? `${s.name}  ${rank(s.values[k]!)}` : `${rank(s.values[k]!)}  ${s.name}`));
  const rooms = [0, 1].map((k) => labelRoom(texts(k).map((text) => ({ text })), font, 150, MAX_SLOPE_ROOM, 5 + 8));
  const side = (k: number): number[] => {
    const ys = spec.series.map((s) => py(s.values[k] ?? 1));
    return spread(ys, Math.min(12, slopeStep(rows)), 40, height - 20, rooms[k]!.lines).map((y, i) => y - ys[i]!);
  };
  const [leftOff, rightOff] = [side(0), side(1)];
  const wrapAt = (k: number): Record<string, unknown> => (rooms[k]!.wrap !== undefined ? { width: rooms[k]!.wrap, overflow: 'break', lineHeight: font + 2 } : {});
  const keys = (['up', 'down', 'same'] as const).filter((m) => spec.series.some((s) => s.move === m) && words[m]);
  return {
    ...base,
    grid: { left: rooms[0]!.room, right: rooms[1]!.room, top: SLOPE_TOP, bottom: 46 },
    legend: { type: 'plain', bottom: 4, data: keys.map((m) => words[m]!), selectedMode: false },
    xAxis: { type: 'category', data: spec.categories, boundaryGap: false, position: 'top', axisLine: { show: false }, axisTick: { show: false }, axisLabel: { fontSize: 13, fontWeight: 'bold', margin: 14 }, splitLine: { show: true, lineStyle: { color: '#bbbbbb' } } },
    yAxis: { type: 'value', inverse: true, min: 1, max: n, show: false },
    series: [
      // legend keys only: a series per move with no points
      ...keys.map((m) => ({ type: 'line', name: words[m]!, data: [], itemStyle: { color: MOVE_COLOURS[m] }, lineStyle: { color: MOVE_COLOURS[m], width: 2.4 } })),
      ...spec.series.map((s, i) => ({ s, i })).sort((a, b) => order(a.s) - order(b.s) || a.i - b.i).map(({ s, i }) => {
        const colour = MOVE_COLOURS[s.move ?? 'same'];
        const [a, b] = s.values;
        return {
          type: 'line',
          name: s.name,
          z: order(s) + 2,
          symbolSize: 6,
          itemStyle: { color: colour },
          lineStyle: { color: colour, width: s.move === 'same' ? 1.4 : 2.4 },
          data: [
            a === null || a === undefined ? null : { value: a, label: { show: true, position: 'left', offset: [0, leftOff[i]!], formatter: `${s.name}  ${rank(a)}`, color: s.move === 'same' ? '#555' : colour, fontSize: font, ...wrapAt(0) } },
            b === null || b === undefined ? null : { value: b, label: { show: true, position: 'right', offset: [0, rightOff[i]!], formatter: `${rank(b)}  ${s.name}`, color: s.move === 'same' ? '#555' : colour, fontSize: font, ...wrapAt(1) } },
          ],
        };
      }),
    ],
  };
}

/** Small multiples: one panel per unit on the same value axis, the reference line (the aggregate) in each. */
function multiplesOption(spec: ChartSpec, base: Record<string, unknown>, width: number, label: (v: number) => string): Record<string, unknown> {
  const n = spec.series.length;
  const cols = multipleColumns(n);
  const all = [...spec.series, ...(spec.reference ? [spec.reference] : [])].flatMap((s) => s.values.filter((v): v is number => v !== null));
  const lo = Math.floor(Math.min(...all) / 10) * 10;
  const hi = Math.ceil(Math.max(...all) / 10) * 10;
  const left = 44;
  const pw = (width - left - 16) / cols;
  const grids: Record<string, unknown>[] = [];
  const xAxes: Record<string, unknown>[] = [];
  const yAxes: Record<string, unknown>[] = [];
  const series: Record<string, unknown>[] = [];
  const titles: Record<string, unknown>[] = [{ text: spec.title, left: 'center', textStyle: { fontSize: 15, fontWeight: 'bold' } }];
  const last = spec.categories.length - 1;
  spec.series.forEach((s, i) => {
    const r = Math.floor(i / cols);
    const c = i % cols;
    const x = left + c * pw;
    const y = 56 + r * MULTIPLE_HEIGHT;
    grids.push({ left: x, top: y + 18, width: pw - 22, height: MULTIPLE_HEIGHT - 48 });
    titles.push({ text: s.name, left: x + (pw - 22) / 2, top: y, textAlign: 'center', textStyle: { fontSize: 12, fontWeight: 'bold', color: s.role === 'aggregate' ? AGGREGATE_RED : '#222' } });
    // the periods under the bottom panel of each column only: side by side they would run together
    xAxes.push({ gridIndex: i, type: 'category', data: spec.categories, boundaryGap: false, axisTick: { show: false }, axisLabel: { show: i + cols >= n, fontSize: 9, alignMinLabel: 'left', alignMaxLabel: 'right', interval: (k: number) => k === 0 || k === last, showMinLabel: true, showMaxLabel: true } });
    yAxes.push({ gridIndex: i, type: 'value', min: lo, max: hi, splitNumber: 2, axisLabel: { show: c === 0, fontSize: 9 }, splitLine: { lineStyle: { color: '#eeeeee' } } });
    if (spec.reference && spec.reference.name !== s.name) series.push({ type: 'line', xAxisIndex: i, yAxisIndex: i, name: spec.reference.name, data: spec.reference.values, symbol: 'none', lineStyle: { width: 1.2, color: AGGREGATE_RED, type: 'dashed' }, itemStyle: { color: AGGREGATE_RED }, silent: true });
    series.push({ type: 'line', xAxisIndex: i, yAxisIndex: i, name: s.name, data: s.values, connectNulls: false, symbolSize: 3, lineStyle: { width: 2, color: s.role === 'aggregate' ? AGGREGATE_RED : PALETTE[0] }, itemStyle: { color: s.role === 'aggregate' ? AGGREGATE_RED : PALETTE[0] } });
  });
  void label;
  return { ...base, title: titles, grid: grids, xAxis: xAxes, yAxis: yAxes, series };
}

let mapCount = 0;

/** A choropleth: the regions filled light to dark by value, features without a unit or value left pale grey, names on the map. */
function mapOption(spec: ChartSpec, base: Record<string, unknown>, width: number, height: number, label: (v: number) => string): Record<string, unknown> {
  const m = spec.map!;
  const values = m.regions.map((r) => r.value).filter((v): v is number => v !== null);
  const [min, max] = values.length > 0 ? [Math.min(...values), Math.max(...values)] : [0, 1];
  // the map fits the box below the title and above the legend, its shape kept (left/right/top/bottom would
  // stretch it): layoutSize is the longer side
  const { aspect, ratio } = mapShape(m);
  const [boxW, boxH, boxTop] = [width - 40, height - 120, 50];
  const size = ratio >= 1 ? Math.min(boxW, boxH * ratio) : Math.min(boxH, boxW / ratio);
  return {
    ...base,
    visualMap: { show: false, min, max: max > min ? max : min + 1, inRange: { color: SEQUENTIAL } },
    graphic: colourLegend(min, max, spec, width, height, label),
    series: [{
      type: 'map', map: `smei-map-${++mapCount}`, nameProperty: m.key, roam: false,
      aspectScale: aspect, layoutCenter: [width / 2, boxTop + boxH / 2], layoutSize: size,
      itemStyle: { areaColor: '#eeeeee', borderColor: '#555555', borderWidth: 0.8 },
      label: { show: true, fontSize: 10, color: '#1d1d1b', formatter: (p: { name: string; value: number }) => (Number.isFinite(p.value) ? `${unitOf.get(p.name) ?? p.name}\n${label(p.value)}` : unitOf.get(p.name) ?? p.name) },
      emphasis: { disabled: true },
      select: { disabled: true },
      // white names on the darker half of the scale
      data: m.regions.filter((r) => r.value !== null).map((r) => ({ name: r.feature, value: r.value, label: { color: r.value! > (min + max) / 2 ? '#ffffff' : '#1d1d1b' } })),
    }],
  };
}

/** Map labels: the unit's name for a feature's (set for the chart being drawn). */
const unitOf = new Map<string, string>();

/**
 * A map's shape: lon/lat drawn with a degree of longitude shortened by
 * cos(latitude) at the middle latitude, as on a local map (`aspect`), and
 * the drawn width over height (`ratio`).
 */
function mapShape(m: MapData): { aspect: number; ratio: number } {
  const { lons, lats } = positions(m.geojson);
  if (lons.length === 0) return { aspect: 1, ratio: 1 };
  const mid = (Math.min(...lats) + Math.max(...lats)) / 2;
  const aspect = Math.cos((mid * Math.PI) / 180);
  const spanX = (Math.max(...lons) - Math.min(...lons)) * aspect;
  const spanY = Math.max(...lats) - Math.min(...lats);
  return { aspect, ratio: spanY > 0 && spanX > 0 ? spanX / spanY : 1 };
}

/** Every longitude and latitude in a feature collection's polygons. */
function positions(geojson: MapData['geojson']): { lons: number[]; lats: number[] } {
  const lons: number[] = [];
  const lats: number[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      lons.push(c[0]);
      lats.push(c[1]);
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  for (const f of geojson.features) walk((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates);
  return { lons, lats };
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
    if (spec.kind === 'map') {
      // ECharts draws a map registered by name: a fresh name per chart, the features as given
      echarts.registerMap(`smei-map-${mapCount + 1}`, spec.map!.geojson as never);
      unitOf.clear();
      for (const r of spec.map!.regions) unitOf.set(r.feature, xmlText(r.unit));
    }
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
    ...(spec.marker ? { marker: { ...spec.marker, label: xmlText(spec.marker.label) } } : {}),
    ...(spec.reference ? { reference: { ...spec.reference, name: xmlText(spec.reference.name) } } : {}),
    ...(spec.map ? { map: { ...spec.map, regions: spec.map.regions.map((r) => ({ ...r, unit: xmlText(r.unit) })) } } : {}),
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
