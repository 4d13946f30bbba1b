// Boundaries for maps: a GeoJSON FeatureCollection the office supplies (smei
// ships none: a published map of China needs an approval number, 审图号, that
// only the office's own map source carries), checked, and units matched to its
// features by name. Pure: the CLI reads the file.
import { SmeiError } from '../errors.js';
import { parseJson, quote } from '../text.js';
import type { MapData, MapRegion } from './chart-spec.js';

/** A checked feature collection: the polygon features, each feature's name under the key, and what was left out. */
export interface Boundaries {
  geojson: MapData['geojson'];
  key: string;
  /** The name of each kept feature, in file order. */
  names: string[];
  /** Features left out, by number (1-based) and why: not a polygon, no name under the key. */
  skipped: string[];
  source: string;
}

const POLYGONS = new Set(['Polygon', 'MultiPolygon']);

/** Fails with an error naming the GeoJSON file: what is wrong and what to do, in English and in Chinese. */
function fail(source: string, what: string, zh: string): never {
  throw new SmeiError('file', `${source}: ${what}`, { zh: `${source}：${zh}` });
}

/** Features by number in Chinese: #1, #2 and 3 more as #1, #2等共 5 个. */
function listZh(ns: number[]): string {
  const shown = ns.slice(0, 10).map((n) => `#${n}`);
  return ns.length > 10 ? `${shown.join(', ')}等共 ${ns.length} 个` : shown.join(', ');
}

/** Checks GeoJSON text: a FeatureCollection of Polygon and MultiPolygon features in lon/lat, each named by `key`. */
export function parseBoundaries(text: string, source: string, key = 'name'): Boundaries {
  const value = parseJson(text, (where, reason, cause) => {
    throw new SmeiError('file', `${source}${where}: not GeoJSON (not valid JSON: ${reason}). --map needs a GeoJSON FeatureCollection of the units' boundaries in longitude/latitude, as GIS software exports it (QGIS: Export > Save Features As > GeoJSON, CRS EPSG:4326).`, { cause, zh: `${source}${where}：不是 GeoJSON（不是有效的 JSON：${reason}）。--map 需要以经纬度表示的各地区边界的 GeoJSON FeatureCollection，即 GIS 软件导出的格式（QGIS：导出 > 要素另存为 > GeoJSON，坐标系 EPSG:4326）。` });
  });
  const obj = value as { type?: unknown; features?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || obj.type !== 'FeatureCollection' || !Array.isArray(obj.features)) {
    const got = typeof value !== 'object' || value === null || Array.isArray(value) ? (Array.isArray(value) ? 'a JSON array' : `a JSON ${value === null ? 'null' : typeof value}`) : `"type": ${JSON.stringify(obj.type ?? null)}`;
    const gotZh = typeof value !== 'object' || value === null || Array.isArray(value) ? (Array.isArray(value) ? 'JSON 数组' : `JSON ${value === null ? 'null' : typeof value} 值`) : `"type": ${JSON.stringify(obj.type ?? null)}`;
    fail(source, `not a GeoJSON FeatureCollection (found ${got}). --map needs {"type": "FeatureCollection", "features": [...]} with a Polygon or MultiPolygon per unit, in longitude/latitude (EPSG:4326).`, `不是 GeoJSON FeatureCollection（读到的是${gotZh}）。--map 需要 {"type": "FeatureCollection", "features": [...]}，每个地区一个 Polygon 或 MultiPolygon，坐标为经纬度（EPSG:4326）。`);
  }
  const features: unknown[] = [];
  const names: string[] = [];
  const skipped: string[] = [];
  const unnamed: number[] = [];
  const projected: number[] = [];
  const keys = new Set<string>();
  (obj.features as unknown[]).forEach((f, i) => {
    const feat = f as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const type = feat?.geometry?.type;
    if (typeof f !== 'object' || f === null || feat.type !== 'Feature' || typeof type !== 'string' || !POLYGONS.has(type)) {
      skipped.push(`#${i + 1} (${typeof type === 'string' ? type : 'no geometry'})`);
      return;
    }
    for (const k of Object.keys(feat.properties ?? {})) keys.add(k);
    const name = feat.properties?.[key];
    if ((typeof name !== 'string' || name.trim() === '') && typeof name !== 'number') {
      unnamed.push(i + 1);
      return;
    }
    if (!inLonLat(feat.geometry!.coordinates)) {
      projected.push(i + 1);
      return;
    }
    features.push(f);
    names.push(String(name).trim());
  });
  if (projected.length > 0) {
    fail(source, `feature${projected.length > 1 ? 's' : ''} ${list(projected)} ${projected.length > 1 ? 'have' : 'has'} coordinates outside longitude -180..180 and latitude -90..90: the file seems to be in a projected system (metres). Export it in longitude/latitude (EPSG:4326).`, `要素 ${listZh(projected)} 的坐标超出经度 -180..180、纬度 -90..90 的范围：该文件似乎使用投影坐标系（米）。请以经纬度（EPSG:4326）导出。`);
  }
  if (names.length === 0 && unnamed.length > 0) {
    fail(source, `no feature has a property ${quote(key)} to match the units by. ${keys.size > 0 ? `The features' properties are: ${[...keys].join(', ')}. Name the one holding the unit names with --map-key.` : 'The features have no properties: add one with the unit names.'}`, `没有一个要素有用来匹配地区的属性${quote(key)}。${keys.size > 0 ? `要素的属性有：${[...keys].join(', ')}。请用 --map-key 指定存放地区名称的那个属性。` : '要素没有任何属性：请添加一个存放地区名称的属性。'}`);
  }
  if (names.length === 0) {
    fail(source, `no Polygon or MultiPolygon feature (${skipped.length} feature${skipped.length === 1 ? '' : 's'}: ${skipped.slice(0, 5).join(', ')}). A map needs the units' areas, not points or lines.`, `没有 Polygon 或 MultiPolygon 要素（共 ${skipped.length} 个要素：${skipped.slice(0, 5).map((s) => s.replace('(no geometry)', '（无几何）')).join(', ')}）。地图需要各地区的面，而不是点或线。`);
  }
  for (const i of unnamed) skipped.push(`#${i} (${key} ${'missing'})`);
  const seen = new Map<string, number>();
  const dup = names.filter((n) => (seen.set(n, (seen.get(n) ?? 0) + 1).get(n) ?? 0) === 2);
  if (dup.length > 0) fail(source, `several features share the ${quote(key)} ${dup.map((d) => quote(d)).join(', ')}. Give each unit one feature (merge its parts into a MultiPolygon), or choose another --map-key.`, `有多个要素的${quote(key)}相同：${dup.map((d) => quote(d)).join(', ')}。请让每个地区只有一个要素（把它的各部分合并为 MultiPolygon），或换一个 --map-key。`);
  return { geojson: { type: 'FeatureCollection', features }, key, names, skipped, source };
}

/** "3, 5 and 9" (the first ten). */
function list(ns: number[]): string {
  const shown = ns.slice(0, 10).map((n) => `#${n}`);
  return ns.length > 10 ? `${shown.join(', ')} and ${ns.length - 10} more` : shown.join(', ');
}

/** Whether every position of a geometry's coordinates is a longitude/latitude pair. */
function inLonLat(c: unknown): boolean {
  if (!Array.isArray(c)) return false;
  if (typeof c[0] === 'number') return typeof c[1] === 'number' && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90;
  return c.every(inLonLat);
}

/** Administrative suffixes a unit's name may carry in one source and not in the other, longest first. */
const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '新区', '地区', '林区', '市', '县', '区', '省', '盟', '旗', ' city', ' county', ' district', ' prefecture', ' province'];

/** A name without its administrative suffix (杭州市 → 杭州, 淳安县 → 淳安); names of one character after it keep it. */
export function bareName(name: string): string {
  const n = name.normalize('NFKC').trim();
  const low = n.toLowerCase();
  for (const s of SUFFIXES) if (low.endsWith(s) && n.length - s.length >= 2) return n.slice(0, n.length - s.length);
  return n;
}

/** Units matched to features: exactly by name, else by the name without its suffix when that names one feature only. */
export interface MapMatch {
  /** One per matched unit, in unit order. */
  matched: { unit: number; feature: string }[];
  /** Units with no feature (aggregates excluded: never a region). */
  unmatchedUnits: string[];
  /** Features with no unit. */
  unmatchedFeatures: string[];
}

/** Matches units (aggregates left out) to the features' names. */
export function matchUnits(units: string[], aggregate: boolean[], names: string[]): MapMatch {
  const norm = (s: string): string => s.normalize('NFKC').trim();
  const exact = new Map(names.map((n) => [norm(n), n]));
  const byBare = new Map<string, string[]>();
  for (const n of names) byBare.set(bareName(n), [...(byBare.get(bareName(n)) ?? []), n]);
  const taken = new Set<string>();
  const matched: MapMatch['matched'] = [];
  const pending: number[] = [];
  units.forEach((name, u) => {
    if (aggregate[u]) return;
    const f = exact.get(norm(name));
    if (f !== undefined && !taken.has(f)) {
      taken.add(f);
      matched.push({ unit: u, feature: f });
    } else pending.push(u);
  });
  // by the bare name: one feature, not taken, and no other unit with the same bare name waiting for it
  const bareUnits = new Map<string, number>();
  for (const u of pending) bareUnits.set(bareName(units[u]!), (bareUnits.get(bareName(units[u]!)) ?? 0) + 1);
  const unmatchedUnits: string[] = [];
  for (const u of pending) {
    const cands = (byBare.get(bareName(units[u]!)) ?? []).filter((f) => !taken.has(f));
    if (cands.length === 1 && bareUnits.get(bareName(units[u]!)) === 1) {
      taken.add(cands[0]!);
      matched.push({ unit: u, feature: cands[0]! });
    } else unmatchedUnits.push(units[u]!);
  }
  matched.sort((a, b) => a.unit - b.unit);
  return { matched, unmatchedUnits, unmatchedFeatures: names.filter((n) => !taken.has(n)) };
}

/** The map's regions: each matched unit's value on its feature. */
export function mapRegions(match: MapMatch, units: string[], value: (u: number) => number | null): MapRegion[] {
  return match.matched.map(({ unit, feature }) => ({ feature, unit: units[unit]!, value: value(unit) }));
}
