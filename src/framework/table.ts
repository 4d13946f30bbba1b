// A framework as a table: one row per node (a CSV or a workbook), as index
// builders keep it and as COINr's iMeta is written. Columns by name:
// id (iCode, 代码), parent (Parent, 上级), weight (Weight, 权重), direction
// (Direction, 方向: 1/-1, 正向/逆向), zh (名称), en (iName, name), type (Type:
// Indicator, Aggregate, Group, Denominator), unit, denominator, target, lower,
// upper (goalposts), min, max (the plausible range), required (是否必填: 是/否;
// not required by default in COINr's iMeta), note. Rows of type Group and Denominator name data columns, not nodes.
import { basename, extname } from 'node:path';
import { SmeiError } from '../errors.js';
import { cleanCell, didYouMean } from '../text.js';
import type { FrameworkSpec, NodeSpec } from './types.js';

/** Column roles by their accepted headers (matched case-insensitively, spaces ignored). */
const COLUMNS: Record<string, string[]> = {
  id: ['id', 'icode', 'code', '代码', '指标代码'],
  parent: ['parent', '上级', '上级代码'],
  weight: ['weight', '权重'],
  direction: ['direction', '方向'],
  zh: ['zh', '名称', '指标名称', '中文名称'],
  en: ['en', 'iname', 'name', '英文名称'],
  type: ['type', '类型'],
  unit: ['unit', '单位', '计量单位'],
  denominator: ['denominator', '分母'],
  target: ['target', '目标值'],
  lower: ['lower', '下限'],
  upper: ['upper', '上限'],
  min: ['min', 'minimum', '最小值', '合理下限'],
  max: ['max', 'maximum', '最大值', '合理上限'],
  note: ['note', '说明'],
  level: ['level', '层级'],
  required: ['required', '是否必填', '必填'],
};

/** A header's key. */
const key = (h: string): string => cleanCell(h).toLowerCase().replace(/\s+/g, '');

/** The node types of a table, with Chinese names. */
const TYPES: Record<string, 'Indicator' | 'Aggregate' | 'Group' | 'Denominator'> = {
  indicator: 'Indicator', 指标: 'Indicator', aggregate: 'Aggregate', 汇总: 'Aggregate', group: 'Group', 分组: 'Group', denominator: 'Denominator', 分母: 'Denominator',
};

/** A framework table's separator: a tab or a semicolon where the first line has more of it than commas, else a comma. */
export function tableDelimiter(text: string): '\t' | ';' | ',' {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)[0] ?? '';
  const commas = first.match(/,/g)?.length ?? 0;
  return (first.match(/\t/g)?.length ?? 0) > commas ? '\t' : (first.match(/;/g)?.length ?? 0) > commas ? ';' : ',';
}

/** Turns the rows of a framework table (the header first) into a framework spec. */
export function frameworkFromRows(rows: string[][], source: string): FrameworkSpec {
  // every line is a row (an empty one too), so that row i is line i + 1; the header is the first that is not empty
  const top = Math.max(0, rows.findIndex((r) => r.some((c) => cleanCell(c) !== '')));
  const header = rows[top] ?? [];
  const role = new Map<number, string>();
  const accepted = Object.values(COLUMNS).flat();
  header.forEach((h, i) => {
    const k = key(h);
    if (k === '') return;
    const r = Object.entries(COLUMNS).find(([, names]) => names.includes(k))?.[0];
    if (r === undefined) {
      throw new SmeiError('framework', `${source}:${top + 1}:${i + 1}: column ${JSON.stringify(h)} is not a framework column.${didYouMean(h, accepted)} Columns: id (iCode, 代码), parent, weight, direction, zh (名称), en (iName), type, unit, denominator, target, lower, upper, min (最小值), max (最大值), required (是否必填), note.`, {
        zh: `${source}:${top + 1}:${i + 1}：列${JSON.stringify(h)}不是框架表的列。${didYouMean(h, accepted, 'zh')}可用的列：id（iCode、代码）、parent、weight、direction、zh（名称）、en（iName）、type、unit、denominator、target、lower、upper、min（最小值）、max（最大值）、required（是否必填）、note。`,
      });
    }
    role.set(i, r);
  });
  // each role's (first) column, found once: looked up for every cell, a search of the roles took most of a 70-row table's reading
  const colOf = new Map<string, number>();
  for (const [i, r] of role) if (!colOf.has(r)) colOf.set(r, i);
  const col = (r: string): number | undefined => colOf.get(r);
  if (col('id') === undefined) throw new SmeiError('framework', `${source}:${top + 1}: no id column. Name the column of node codes id, iCode or 代码.`, { zh: `${source}:${top + 1}：没有 id 列。请把节点代码所在的列命名为 id、iCode 或 代码。` });
  const spec: FrameworkSpec = { name: basename(source, extname(source)), aggregation: 'arithmetic', nodes: [], groups: [], denominators: [] };
  // COINr's iMeta (its id column is iCode) describes a research panel, whose gaps are imputed or left to the
  // aggregation: its indicators are not required (the review's missing rule is for a collection round's forms)
  const coinr = header.some((h) => key(h) === 'icode');
  rows.slice(top + 1).forEach((cells, r) => {
    const line = top + r + 2;
    const get = (name: string): string => {
      const i = col(name);
      return i === undefined ? '' : cleanCell(cells[i] ?? '');
    };
    const id = get('id');
    if (id === '' && cells.every((c) => cleanCell(c) === '')) return;
    if (id === '') throw new SmeiError('framework', `${source}:${line}: the id is empty. Give every row a node code.`, { zh: `${source}:${line}：id 为空。请为每一行填写节点代码。` });
    const typeText = get('type');
    const type = typeText === '' ? undefined : TYPES[typeText.toLowerCase()];
    if (typeText !== '' && type === undefined) throw new SmeiError('framework', `${source}:${line}: type ${JSON.stringify(typeText)} of ${JSON.stringify(id)} is not Indicator, Aggregate, Group or Denominator.`, { zh: `${source}:${line}：${JSON.stringify(id)}的 type ${JSON.stringify(typeText)}不是 Indicator、Aggregate、Group 或 Denominator。` });
    if (type === 'Group') {
      spec.groups!.push(id);
      return;
    }
    if (type === 'Denominator') {
      spec.denominators!.push({ id, ...(get('zh') ? { zh: get('zh') } : {}), ...(get('en') ? { en: get('en') } : {}), ...(get('unit') ? { unit: get('unit') } : {}) });
      return;
    }
    const num = (name: string): number | undefined => {
      const t = get(name);
      if (t === '' || /^(na|n\/a)$/i.test(t)) return undefined;
      const v = Number(t);
      if (!Number.isFinite(v)) throw new SmeiError('framework', `${source}:${line}: ${name} of ${JSON.stringify(id)} is ${JSON.stringify(t)}, not a number.`, { zh: `${source}:${line}：${JSON.stringify(id)}的 ${name} 为${JSON.stringify(t)}，不是数字。` });
      return v;
    };
    const dirText = get('direction');
    const direction = dirText === '' ? undefined : ['1', '+1', '正向', '正'].includes(dirText) ? 1 : ['-1', '逆向', '负向', '逆'].includes(dirText) ? -1 : NaN;
    if (Number.isNaN(direction)) throw new SmeiError('framework', `${source}:${line}: direction ${JSON.stringify(dirText)} of ${JSON.stringify(id)} is not 1 or -1 (正向 or 逆向).`, { zh: `${source}:${line}：${JSON.stringify(id)}的 direction ${JSON.stringify(dirText)}不是 1 或 -1（正向或逆向）。` });
    const node: NodeSpec = { id };
    const parent = get('parent');
    if (parent !== '' && !/^(na|n\/a)$/i.test(parent)) node.parent = parent;
    const weight = num('weight');
    if (weight !== undefined) node.weight = weight;
    if (direction !== undefined) node.direction = direction as 1 | -1;
    for (const k of ['zh', 'en', 'unit', 'note'] as const) if (get(k)) node[k] = get(k);
    if (get('denominator') && !/^(na|n\/a)$/i.test(get('denominator'))) node.denominator = get('denominator');
    for (const k of ['target', 'lower', 'upper', 'min', 'max'] as const) {
      const v = num(k);
      if (v !== undefined) node[k] = v;
    }
    const req = get('required').toLowerCase();
    if (req !== '') {
      const yes = ['是', 'yes', 'y', 'true', '1', '必填'].includes(req);
      if (!yes && !['否', 'no', 'n', 'false', '0', '选填'].includes(req)) throw new SmeiError('framework', `${source}:${line}: required ${JSON.stringify(get('required'))} of ${JSON.stringify(id)} is not yes or no (是 or 否).`, { zh: `${source}:${line}：${JSON.stringify(id)}的 required ${JSON.stringify(get('required'))}不是“是”或“否”。` });
      node.required = yes;
    } else if (coinr) node.required = false;
    spec.nodes.push(node);
  });
  // a denominator the indicators name that no Denominator row declares is declared here
  for (const n of spec.nodes) {
    if (n.denominator !== undefined && !spec.denominators!.some((d) => d.id === n.denominator)) spec.denominators!.push({ id: n.denominator });
  }
  return spec;
}

