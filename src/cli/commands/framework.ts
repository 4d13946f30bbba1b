// smei framework: print the framework as JSON or as a table (one row per
// node), to start a custom one from; `smei framework init DATA` writes a
// starting table from a data file's header.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { SmeiError } from '../../errors.js';
import { frameworkToSpec } from '../../framework/check.js';
import { loadFramework } from '../../input/framework.js';
import type { FrameworkSpec } from '../../framework/types.js';
import { csvLine } from '../../render/safe.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';
import { outputFormat } from '../format.js';

/** The table columns, in order. */
const COLUMNS = ['id', 'parent', 'weight', 'direction', 'zh', 'en', 'type', 'unit', 'denominator', 'target', 'lower', 'upper', 'min', 'max', 'note'] as const;

/** A framework spec as a CSV table: one row per node, then its groups and denominators. */
export function frameworkCsv(spec: FrameworkSpec): string {
  const parents = new Set(spec.nodes.map((n) => n.parent).filter((p) => p !== undefined));
  const rows = spec.nodes.map((n) => [n.id, n.parent ?? '', n.weight ?? 1, n.direction ?? 1, n.zh ?? '', n.en ?? '', parents.has(n.id) ? 'Aggregate' : 'Indicator', n.unit ?? '', n.denominator ?? '', n.target ?? null, n.lower ?? null, n.upper ?? null, n.min ?? null, n.max ?? null, n.note ?? '']);
  for (const g of spec.groups ?? []) rows.push([g, '', null as unknown as number, null as unknown as number, '', '', 'Group', '', '', null, null, null, '']);
  for (const d of spec.denominators ?? []) rows.push([d.id, '', null as unknown as number, null as unknown as number, d.zh ?? '', d.en ?? '', 'Denominator', d.unit ?? '', '', null, null, null, '']);
  return `${[csvLine([...COLUMNS]), ...rows.map((r) => csvLine(r as (string | number | null)[]))].join('\r\n')}\r\n`;
}

/** A starting framework from a data file's header: every column that is not the unit, the year or bookkeeping becomes an indicator under one root. */
async function initFromData(path: string, io: Io): Promise<FrameworkSpec> {
  const full = resolve(io.cwd, path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch (e) {
    throw new SmeiError('file', `${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? e}). Check the path.`, { cause: e, zh: `${path}：无法读取（${(e as NodeJS.ErrnoException).code ?? e}）。请检查路径。` });
  }
  const { headerKey, ROLE_HEADERS, splitHeaderUnit, cellText } = await import('../../input/layout.js');
  let rows: string[][];
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const { openXlsx } = await import('../../input/xlsx.js');
    const sheets = openXlsx(bytes, () => path) ?? [];
    // the first sheet with a unit column in its first rows (a cover sheet is passed over)
    const unitKeys = ROLE_HEADERS.unit.map(headerKey);
    const all = sheets.map((sh) => sh.rows().slice(0, 25).map((r) => r.cells.map((c) => cellText(c))));
    rows = all.find((rs) => rs.some((r) => r.some((c) => unitKeys.includes(headerKey(c))))) ?? [];
  } else {
    const { parse } = await import('csv-parse/sync');
    const { detectEncoding } = await import('../../input/decode.js');
    const enc = detectEncoding(bytes, path);
    const text = new TextDecoder(enc).decode(bytes);
    const first = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
    const delimiter = (first.match(/\t/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? '\t' : (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
    rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, to_line: 25 }) as string[][];
  }
  const roles = new Set([...ROLE_HEADERS.unit, ...ROLE_HEADERS.year].map(headerKey));
  const header = rows.slice(0, 20).find((r) => r.some((c) => ROLE_HEADERS.unit.map(headerKey).includes(headerKey(c))));
  if (header === undefined) throw new SmeiError('header', `${path}: no header row with a unit column (地区, unit, …) in the first 20 rows; cannot tell the indicators.`, { zh: `${path}：前 20 行中没有含地区列（地区、unit……）的表头行；无法识别指标。` });
  const skip = new Set(['序号', '编号', 'no.', '备注', '说明', '代码', '行政区划代码'].map(headerKey));
  const nodes: FrameworkSpec['nodes'] = [{ id: 'index', zh: '综合指数', en: 'Composite index' }];
  for (const h of header) {
    const k = headerKey(h);
    if (k === '' || roles.has(k) || skip.has(k)) continue;
    const { name, unit } = splitHeaderUnit(h);
    nodes.push({ id: name, parent: 'index', weight: 1, direction: 1, ...(unit ? { unit } : {}) });
  }
  return { name: 'my-index', aggregation: 'arithmetic', nodes };
}

/** Defines `smei framework`. */
export function frameworkCommand(io: Io, result: { code: number }): Command {
  const cmd = new Command('framework')
    .description('print the framework (built-in or --framework FILE: JSON, or a table in CSV or .xlsx) as JSON or as a table')
    .argument('[action]', '"init" to write a starting table from a data file\'s header')
    .argument('[data]', 'the data file, with init')
    .option('--framework <file>', 'framework file (JSON, or a CSV/.xlsx table such as COINr\'s iMeta), or a built-in name (default: zhejiang)')
    .addOption(new Option('--format <format>', 'json, or csv: one row per node').choices(['json', 'csv']))
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addHelpText('after', `
Examples:
  smei framework > my-framework.json                     # start from the built-in one, then edit
  smei framework --format csv > my-framework.csv         # the same as a table (Excel, WPS)
  smei framework --framework my-framework.csv            # check a table and print it as JSON
  smei framework init fixtures/zhejiang-office.xlsx --format csv   # a starting table from a data file`)
    .action(async (action: string | undefined, data: string | undefined, opts: { framework?: string; out?: string; format?: 'json' | 'csv' }) => {
      let spec: FrameworkSpec;
      if (action === 'init') {
        if (data === undefined) throw new SmeiError('usage', 'framework init needs a data file: smei framework init DATA.', { zh: 'framework init 需要一个数据文件：smei framework init DATA。' });
        spec = await initFromData(data, io);
      } else if (action !== undefined) {
        throw new SmeiError('usage', `framework ${JSON.stringify(action)}: the only action is init (smei framework init DATA); to check a file, give --framework FILE.`, { zh: `framework ${JSON.stringify(action)}：唯一的操作是 init（smei framework init DATA）；要检查框架文件，请用 --framework FILE。` });
      } else {
        spec = frameworkToSpec(await loadFramework(opts.framework, io.cwd));
      }
      const text = outputFormat(opts.format, opts.out, ['json', 'csv'] as const, 'json') === 'csv' ? frameworkCsv(spec) : `${JSON.stringify(spec, null, 2)}\n`;
      await writeOutput(text, opts.out, io, [opts.framework, data].filter((x): x is string => x !== undefined));
      result.code = 0;
    });
  return cmd;
}
