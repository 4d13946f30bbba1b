// Turns a framework spec (built-in or from a JSON file) into a checked tree, or
// says exactly which node is wrong and how to fix it.
import { SmeiError } from '../errors.js';
import { didYouMean, matchKey, parseJson, quote } from '../text.js';
import { AGGREGATIONS, parseAggregation, parseSpec } from './methods.js';
import type { Aggregation, Framework, FrameworkNode, FrameworkSpec, NodeSpec, ReviewSpec } from './types.js';

const TOP_KEYS = ['name', 'zh', 'en', 'baseYear', 'aggregation', 'aggregates', 'aliases', 'review', 'groups', 'denominators', 'methods', 'ahpRandomIndex', 'map', 'nodes'];
/** The deepest a node may sit below the root (an index has 3 or 4 levels; this is far past any). */
export const MAX_DEPTH = 100;

const NODE_KEYS = ['id', 'parent', 'weight', 'direction', 'zh', 'en', 'unit', 'unitEn', 'note', 'required', 'lower', 'upper', 'min', 'max', 'negative', 'maxChange', 'denominator', 'target', 'aggregation', 'ahp'];
const RULES = ['missing', 'dropped', 'renamed', 'yoy-jump', 'out-of-range', 'scale', 'totals', 'unchanged', 'outlier', 'conflict'];
/** The method keys a framework may set (each also a command-line option). */
export const METHOD_KEYS = ['normalise', 'weights', 'impute', 'treat', 'screen', 'denominate', 'scope', 'ahpRandomIndex'];

/** Parses framework JSON text, reporting syntax errors with line and column. */
export function parseFrameworkJson(text: string, source: string): Framework {
  const value = parseJson(text, (where, reason, cause) => {
    throw new SmeiError('framework', `${source}${where}: not valid JSON (${reason}). Fix the JSON syntax; \`smei framework\` prints a valid file to start from.`, {
      cause,
      zh: `${source}${where}：不是有效的 JSON（${reason}）。请修正 JSON 语法；smei framework 可输出一个有效的框架文件作为起点。`,
    });
  });
  return checkFramework(value, source);
}

/** Fails with a framework error that names the file (and node): what is wrong and the fix, in English and in Chinese. */
function fail(source: string, what: string, fix: string, zh: [what: string, fix: string]): never {
  throw new SmeiError('framework', `${source}: ${what}. ${fix}`, { zh: `${source}：${zh[0]}。${zh[1]}` });
}

/** Where in the file a check is (a node, a section), in both languages: `node "x": ` and `节点"x"：`. */
interface Where {
  en: string;
  zh: string;
}

/** The top of the file. */
const TOP: Where = { en: '', zh: '' };

/** Whether a value is a plain object. */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks keys against the allowed list, suggesting the nearest for a typo. */
function checkKeys(obj: Record<string, unknown>, allowed: string[], source: string, where: Where): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      fail(source, `${where.en}unknown key ${quote(key)}`, `Allowed keys: ${allowed.join(', ')}.${didYouMean(key, allowed)}`, [`${where.zh}未知的键${quote(key)}`, `允许的键：${allowed.join(', ')}。${didYouMean(key, allowed, 'zh')}`]);
    }
  }
}

/** Reads an optional string field. */
function optionalString(obj: Record<string, unknown>, key: string, source: string, where: Where): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') fail(source, `${where.en}${key} must be a string, got ${JSON.stringify(v)}`, `Write it in double quotes.`, [`${where.zh}${key} 必须是字符串，实际为 ${JSON.stringify(v)}`, '请用双引号括起来。']);
  return v;
}

/** Reads an optional finite number field. */
function optionalNumber(obj: Record<string, unknown>, key: string, source: string, where: Where): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(source, `${where.en}${key} must be a number, got ${JSON.stringify(v)}`, 'Write a plain number, without quotes.', [`${where.zh}${key} 必须是数字，实际为 ${JSON.stringify(v)}`, '请写普通数字，不加引号。']);
  return v;
}

/** Reads an optional true/false field. */
function optionalBoolean(obj: Record<string, unknown>, key: string, source: string, where: Where): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') fail(source, `${where.en}${key} must be true or false, got ${JSON.stringify(v)}`, 'Write true or false, without quotes.', [`${where.zh}${key} 必须是 true 或 false，实际为 ${JSON.stringify(v)}`, '请写 true 或 false，不加引号。']);
  return v;
}

/** Checks the framework's review settings. */
function checkReview(raw: unknown, source: string): ReviewSpec {
  if (raw === undefined) return {};
  if (!isObject(raw)) fail(source, '"review" must be an object', 'For example "review": { "levels": { "yoy-jump": "error" }, "maxChange": 80 }.', ['"review" 必须是对象', '例如 "review": { "levels": { "yoy-jump": "error" }, "maxChange": 80 }。']);
  const where: Where = { en: 'review: ', zh: 'review：' };
  checkKeys(raw, ['levels', 'maxChange', 'outlierZ'], source, where);
  const levels = raw.levels ?? {};
  if (!isObject(levels)) fail(source, 'review.levels must be an object of rule names and levels', `Rules: ${RULES.join(', ')}; levels: error, warning, off.`, ['review.levels 必须是由审核规则名和级别组成的对象', `规则：${RULES.join(', ')}；级别：error、warning、off。`]);
  for (const [rule, level] of Object.entries(levels)) {
    if (!RULES.includes(rule)) fail(source, `review.levels: unknown rule ${quote(rule)}`, `Rules: ${RULES.join(', ')}.${didYouMean(rule, RULES)}`, [`review.levels：未知的审核规则${quote(rule)}`, `规则：${RULES.join(', ')}。${didYouMean(rule, RULES, 'zh')}`]);
    if (level !== 'error' && level !== 'warning' && level !== 'off') fail(source, `review.levels.${rule} must be "error", "warning" or "off", got ${JSON.stringify(level)}`, 'Use one of the three.', [`review.levels.${rule} 必须是 "error"、"warning" 或 "off"，实际为 ${JSON.stringify(level)}`, '请使用三者之一。']);
  }
  const maxChange = optionalNumber(raw, 'maxChange', source, where);
  const outlierZ = optionalNumber(raw, 'outlierZ', source, where);
  if (maxChange !== undefined && maxChange <= 0) fail(source, `review.maxChange must be above 0, got ${maxChange}`, 'It is a change in percent, such as 50.', [`review.maxChange 必须大于 0，实际为 ${maxChange}`, '它是以百分比表示的变动幅度，如 50。']);
  if (outlierZ !== undefined && outlierZ <= 0) fail(source, `review.outlierZ must be above 0, got ${outlierZ}`, 'The usual threshold is 3.5.', [`review.outlierZ 必须大于 0，实际为 ${outlierZ}`, '通常的阈值为 3.5。']);
  return { levels: levels as ReviewSpec['levels'], ...(maxChange !== undefined ? { maxChange } : {}), ...(outlierZ !== undefined ? { outlierZ } : {}) };
}

/** A checked node spec with defaults filled in. */
type CheckedSpec = Required<Pick<NodeSpec, 'id' | 'weight' | 'direction' | 'zh' | 'en' | 'unit' | 'unitEn' | 'note' | 'required' | 'negative'>> & Pick<NodeSpec, 'parent' | 'lower' | 'upper' | 'min' | 'max' | 'maxChange' | 'denominator' | 'target' | 'aggregation' | 'ahp'>;

/** Checks one node of the spec, returning it with defaults filled in. */
function checkNode(raw: unknown, i: number, source: string): CheckedSpec {
  if (!isObject(raw)) fail(source, `nodes[${i}] is not an object`, 'Each node is { "id": ..., "parent": ..., "weight": ..., "direction": ... }.', [`nodes[${i}] 不是对象`, '每个节点的形式为 { "id": ..., "parent": ..., "weight": ..., "direction": ... }。']);
  const id = raw.id;
  if (typeof id !== 'string' || id.trim() === '') fail(source, `nodes[${i}] has no "id" (a non-empty string)`, 'Give every node an id.', [`nodes[${i}] 没有 "id"（非空字符串）`, '请为每个节点给出 id。']);
  const where: Where = { en: `node ${quote(id)}: `, zh: `节点${quote(id)}：` };
  checkKeys(raw, NODE_KEYS, source, where);
  const parent = optionalString(raw, 'parent', source, where);
  const weight = raw.weight === undefined ? 1 : raw.weight;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
    fail(source, `${where.en}weight must be a number of 0 or more, got ${JSON.stringify(weight)}`, 'Use a number of 0 or more (0 keeps the node but switches it off; weights are renormalised among siblings).', [
      `${where.zh}weight（权重）必须是 0 或更大的数，实际为 ${JSON.stringify(weight)}`,
      '请使用 0 或更大的数（0 表示保留该节点但不参与计算；权重在同级节点之间重新归一化）。',
    ]);
  }
  const direction = raw.direction === undefined ? 1 : raw.direction;
  if (direction !== 1 && direction !== -1) {
    fail(source, `${where.en}direction must be 1 or -1, got ${JSON.stringify(direction)}`, 'Use 1 where higher is better, -1 where lower is better.', [`${where.zh}direction（方向）必须是 1 或 -1，实际为 ${JSON.stringify(direction)}`, '越高越好的指标用 1，越低越好的用 -1。']);
  }
  const zh = optionalString(raw, 'zh', source, where) ?? '';
  const en = optionalString(raw, 'en', source, where) ?? '';
  const text = (key: string): string => (optionalString(raw, key, source, where) ?? '').trim();
  const lower = optionalNumber(raw, 'lower', source, where);
  const upper = optionalNumber(raw, 'upper', source, where);
  if (lower !== undefined && upper !== undefined && lower >= upper) fail(source, `${where.en}lower (${lower}) must be below upper (${upper})`, 'Swap them or correct one.', [`${where.zh}lower（${lower}）必须小于 upper（${upper}）`, '请交换二者或改正其一。']);
  const min = optionalNumber(raw, 'min', source, where);
  const max = optionalNumber(raw, 'max', source, where);
  if (min !== undefined && max !== undefined && min > max) fail(source, `${where.en}min (${min}) must not be above max (${max})`, 'Swap them or correct one.', [`${where.zh}min（${min}）不能大于 max（${max}）`, '请交换二者或改正其一。']);
  const maxChange = optionalNumber(raw, 'maxChange', source, where);
  if (maxChange !== undefined && maxChange <= 0) fail(source, `${where.en}maxChange must be above 0, got ${maxChange}`, 'It is a change in percent, such as 50.', [`${where.zh}maxChange 必须大于 0，实际为 ${maxChange}`, '它是以百分比表示的变动幅度，如 50。']);
  const denominator = optionalString(raw, 'denominator', source, where)?.trim();
  const target = optionalNumber(raw, 'target', source, where);
  const aggregation = optionalString(raw, 'aggregation', source, where);
  if (aggregation !== undefined) {
    try {
      parseAggregation(aggregation, `${source}: ${where.en}aggregation`);
    } catch (e) {
      fail(source, `${where.en}aggregation ${JSON.stringify(aggregation)} is not a method`, 'Use arithmetic, geometric, harmonic, power:P or mpi (mpi:+, mpi:sample, mpi:+,sample).', [
        `${where.zh}aggregation ${JSON.stringify(aggregation)} 不是可用的汇总方法`,
        '请使用 arithmetic、geometric、harmonic、power:P 或 mpi（mpi:+、mpi:sample、mpi:+,sample）。',
      ]);
    }
  }
  // judgements as numbers or as Saaty's fractions written out ("1/3"), which are exact
  const ahp = Array.isArray(raw.ahp) ? raw.ahp.map((r: unknown) => (Array.isArray(r) ? r.map(judgement) : r)) : raw.ahp;
  if (ahp !== undefined && (!Array.isArray(ahp) || ahp.some((r) => !Array.isArray(r) || r.some((x) => typeof x !== 'number' || !(x > 0))))) {
    fail(source, `${where.en}ahp must be a square matrix of positive numbers, one row per child`, 'For example "ahp": [[1, 3], ["1/3", 1]] (a judgement is a number or a fraction such as "1/3").', [`${where.zh}ahp 必须是由正数组成的方阵，每个下级节点一行`, '例如 "ahp": [[1, 3], ["1/3", 1]]（判断值可写数字或 "1/3" 这样的分数）。']);
  }
  // the optional keys set one by one, in this order (object spreads cost a runtime call each in cold code: a
  // framework's nodes are checked once per run)
  const spec = {} as CheckedSpec;
  if (denominator) spec.denominator = denominator;
  if (target !== undefined) spec.target = target;
  if (aggregation !== undefined) spec.aggregation = aggregation;
  if (ahp !== undefined) spec.ahp = ahp as number[][];
  spec.id = id.trim();
  if (parent !== undefined) spec.parent = parent.trim();
  spec.weight = weight;
  spec.direction = direction;
  spec.zh = zh.trim();
  spec.en = en.trim();
  spec.unit = text('unit');
  spec.unitEn = text('unitEn');
  spec.note = text('note');
  spec.required = optionalBoolean(raw, 'required', source, where) ?? true;
  spec.negative = optionalBoolean(raw, 'negative', source, where) ?? false;
  if (lower !== undefined) spec.lower = lower;
  if (upper !== undefined) spec.upper = upper;
  if (min !== undefined) spec.min = min;
  if (max !== undefined) spec.max = max;
  if (maxChange !== undefined) spec.maxChange = maxChange;
  return spec;
}

/** Checks a parsed framework value and builds the pre-ordered tree. */
/**
 * The pairwise (AHP) matrices against their nodes: one row and column per
 * child, 1 on the diagonal, a_ji = 1 / a_ij (to 1 %, as judgements typed as
 * 0.333 are). Every bad matrix is named in one message.
 */
function checkAhpMatrices(nodes: FrameworkNode[], source: string): void {
  const en: string[] = [];
  const zh: string[] = [];
  for (const node of nodes) {
    const a = node.ahp;
    if (a === undefined) continue;
    const n = node.children.length;
    if (a.length !== n || a.some((r) => r.length !== n)) {
      en.push(`node ${quote(node.id)}: its ahp matrix is ${a.length}×${a[0]?.length ?? 0}, but it has ${n} children`);
      zh.push(`节点${quote(node.id)}：它的 ahp 矩阵是 ${a.length}×${a[0]?.length ?? 0}，但它有 ${n} 个下级节点`);
      continue;
    }
    let bad: [number, number] | undefined;
    for (let i = 0; i < n && bad === undefined; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j ? Math.abs(a[i]![j]! - 1) > 1e-9 : Math.abs(a[i]![j]! * a[j]![i]! - 1) > 0.01) {
          bad = [i, j];
          break;
        }
      }
    }
    if (bad !== undefined) {
      const [i, j] = bad;
      if (i === j) {
        en.push(`node ${quote(node.id)}: its ahp matrix has ${a[i]![i]} on the diagonal at row ${i + 1}`);
        zh.push(`节点${quote(node.id)}：它的 ahp 矩阵第 ${i + 1} 行的对角线元素是 ${a[i]![i]}`);
        continue;
      }
      en.push(`node ${quote(node.id)}: its ahp matrix is not reciprocal at row ${i + 1}, column ${j + 1} (${a[i]![j]} and ${a[j]![i]})`);
      zh.push(`节点${quote(node.id)}：它的 ahp 矩阵在第 ${i + 1} 行第 ${j + 1} 列不互反（${a[i]![j]} 与 ${a[j]![i]}）`);
    }
  }
  if (en.length === 0) return;
  fail(source, en.join('; '), "A pairwise matrix has one row and one column per child, in the framework's order, 1 on the diagonal, and a_ji = 1 / a_ij. Correct it.", [zh.join('；'), '判断矩阵按框架中的顺序为每个下级节点各给一行一列，对角线为 1，且 a_ji = 1 / a_ij。请改正。']);
}

export function checkFramework(value: unknown, source: string): Framework {
  if (!isObject(value)) fail(source, 'the framework must be a JSON object', 'See `smei framework` for the format.', ['框架必须是一个 JSON 对象', '格式见 smei framework 的输出。']);
  checkKeys(value, TOP_KEYS, source, TOP);
  const name = value.name;
  if (typeof name !== 'string' || name.trim() === '') fail(source, '"name" is missing or empty', 'Give the framework a name.', ['缺少 "name"，或为空', '请给框架起一个名称。']);
  // 0: none given (a framework table, or one for cross-sectional methods); fixed-base indices then need --base-year
  const baseYear = value.baseYear ?? 0;
  if (typeof baseYear !== 'number' || !Number.isInteger(baseYear) || (baseYear !== 0 && (baseYear < 1000 || baseYear > 9999))) {
    fail(source, `"baseYear" must be a four-digit whole year, got ${JSON.stringify(baseYear)}`, 'For example "baseYear": 2014.', [`"baseYear"（基期）必须是四位整数年份，实际为 ${JSON.stringify(baseYear)}`, '例如 "baseYear": 2014。']);
  }
  const aggregation = value.aggregation === undefined ? 'arithmetic' : value.aggregation;
  if (typeof aggregation !== 'string' || !Object.hasOwn(AGGREGATIONS, parseSpec(aggregation).name)) {
    fail(source, `"aggregation" must be one of arithmetic, geometric, harmonic, power:P, mpi; got ${JSON.stringify(aggregation)}`, 'Use one of them (mpi also as mpi:+, mpi:sample, mpi:+,sample).', [
      `"aggregation" 必须是 arithmetic、geometric、harmonic、power:P、mpi 之一，实际为 ${JSON.stringify(aggregation)}`,
      '请使用其中之一（mpi 也可写作 mpi:+、mpi:sample、mpi:+,sample）。',
    ]);
  }
  try {
    // no option named: the method's own reason comes back after its text alone, said once with the place by fail
    parseAggregation(aggregation, '');
  } catch (e) {
    const text = JSON.stringify(aggregation);
    const after = (m: string, sep: string): string => (m.includes(`${text}${sep}`) ? m.slice(m.indexOf(`${text}${sep}`) + text.length + sep.length) : m);
    const why = e instanceof SmeiError && e.zh !== undefined ? after(e.zh, '：').replace(/。$/, '') : e instanceof Error ? after(e.message, ': ') : String(e);
    const whyEn = (e instanceof Error ? after(e.message, ': ') : String(e)).replace(/\.$/, '');
    fail(source, `"aggregation" ${text}: ${whyEn}`, 'Fix the method\'s parameters.', [`"aggregation" ${text}：${why}`, '请修正该方法的参数。']);
  }
  if (!Array.isArray(value.nodes) || value.nodes.length === 0) fail(source, '"nodes" must be a non-empty array', 'List the nodes with parent pointers.', ['"nodes" 必须是非空数组', '请列出各节点，并用 parent 指明各自的上级节点。']);
  const specs = value.nodes.map((n, i) => checkNode(n, i, source));

  const byIdSpec = new Map<string, number>();
  specs.forEach((n, i) => {
    if (byIdSpec.has(n.id)) fail(source, `duplicate node id ${quote(n.id)} (nodes[${byIdSpec.get(n.id)}] and nodes[${i}])`, 'Give each node its own id.', [`节点 id ${quote(n.id)}重复（nodes[${byIdSpec.get(n.id)}] 与 nodes[${i}]）`, '请为每个节点使用不同的 id。']);
    byIdSpec.set(n.id, i);
  });
  const roots = specs.filter((n) => n.parent === undefined);
  if (roots.length === 0) fail(source, 'no root node (every node has a parent)', 'Leave "parent" out of exactly one node, the composite index.', ['没有根节点（每个节点都有 parent）', '请让恰好一个节点（即综合指数）不写 "parent"。']);
  if (roots.length > 1) fail(source, `two or more root nodes (${roots.map((r) => quote(r.id)).join(', ')})`, 'Exactly one node has no "parent": give the others one.', [`有两个或更多根节点（${roots.map((r) => quote(r.id)).join('、')}）`, '只能有一个节点没有 "parent"：请为其余节点写上 parent。']);
  const childrenOf = new Map<string, string[]>();
  for (const n of specs) {
    if (n.parent === undefined) continue;
    if (!byIdSpec.has(n.parent)) fail(source, `node ${quote(n.id)}: unknown parent ${quote(n.parent)}`, `Name an existing node id.${didYouMean(n.parent, byIdSpec.keys())}`, [`节点${quote(n.id)}：上级节点${quote(n.parent)}不存在`, `请写已有节点的 id。${didYouMean(n.parent, byIdSpec.keys(), 'zh')}`]);
    const list = childrenOf.get(n.parent) ?? [];
    list.push(n.id);
    childrenOf.set(n.parent, list);
  }

  const nodes: FrameworkNode[] = [];
  const byId = new Map<string, number>();
  // depth first, in the order the file lists children, with a stack of its own (no recursion: a framework
  // thousands of levels deep gets a message, not a stack overflow)
  const stack: { id: string; parent: number; depth: number }[] = [{ id: roots[0]!.id, parent: -1, depth: 0 }];
  while (stack.length > 0) {
    const { id, parent, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) fail(source, `node ${quote(id)} is ${depth} levels below the root; smei reads at most ${MAX_DEPTH}`, 'An index has a few levels (composite, modules, indicators): check the "parent" chain.', [
      `节点${quote(id)}在根节点以下第 ${depth} 层；smei 最多读取 ${MAX_DEPTH} 层`,
      '指数通常只有几层（综合指数、模块、指标）：请检查 "parent" 链。',
    ]);
    const spec = specs[byIdSpec.get(id)!]!;
    const node: FrameworkNode = {
      id, index: nodes.length, parent, children: [], weight: spec.weight, direction: spec.direction, zh: spec.zh, en: spec.en, depth,
      unit: spec.unit, unitEn: spec.unitEn, note: spec.note, required: spec.required, negative: spec.negative,
    };
    // the optional keys one by one, in this order (as checkNode)
    if (spec.lower !== undefined) node.lower = spec.lower;
    if (spec.upper !== undefined) node.upper = spec.upper;
    if (spec.min !== undefined) node.min = spec.min;
    if (spec.max !== undefined) node.max = spec.max;
    if (spec.maxChange !== undefined) node.maxChange = spec.maxChange;
    if (spec.denominator !== undefined) node.denominator = spec.denominator;
    if (spec.target !== undefined) node.target = spec.target;
    if (spec.aggregation !== undefined) node.aggregation = spec.aggregation;
    if (spec.ahp !== undefined) node.ahp = spec.ahp;
    nodes.push(node);
    byId.set(id, node.index);
    if (parent >= 0) nodes[parent]!.children.push(node.index);
    const kids = childrenOf.get(id) ?? [];
    for (let k = kids.length - 1; k >= 0; k--) stack.push({ id: kids[k]!, parent: node.index, depth: depth + 1 });
  }
  if (nodes.length !== specs.length) {
    const stuck = specs.find((n) => !byId.has(n.id))!;
    fail(source, `node ${quote(stuck.id)} is in a cycle of parents and never reaches the root`, 'Point its parent chain at the root.', [`节点${quote(stuck.id)}的上级关系形成循环，到不了根节点`, '请让它的 parent 链通向根节点。']);
  }

  checkAhpMatrices(nodes, source);

  const labelOwner = new Map<string, string>();
  for (const n of nodes) {
    for (const label of new Set([n.id, n.zh, n.en].filter((l) => l !== '').map(matchKey))) {
      const other = labelOwner.get(label);
      if (other !== undefined && other !== n.id) {
        fail(source, `nodes ${quote(other)} and ${quote(n.id)} share the name ${quote(label)}`, 'Ids and labels name columns in the data, so each must belong to one node.', [
          `节点${quote(other)}和${quote(n.id)}使用了同一个名称${quote(label)}`,
          'id 和名称用来识别数据中的列，因此每个只能属于一个节点。',
        ]);
      }
      labelOwner.set(label, n.id);
    }
  }

  const aggregates = value.aggregates ?? [];
  if (!Array.isArray(aggregates) || aggregates.some((a) => typeof a !== 'string' || a.trim() === '')) {
    fail(source, `"aggregates" must be a list of unit names, got ${JSON.stringify(value.aggregates)}`, 'For example "aggregates": ["浙江省"].', [`"aggregates" 必须是地区名称的列表，实际为 ${JSON.stringify(value.aggregates)}`, '例如 "aggregates": ["浙江省"]。']);
  }
  const aliases = value.aliases ?? {};
  if (!isObject(aliases) || Object.entries(aliases).some(([k, v]) => k.trim() === '' || typeof v !== 'string' || v.trim() === '' || v.trim() === k.trim())) {
    fail(source, `"aliases" must map old unit names to the names in use now, got ${JSON.stringify(value.aliases)}`, 'For example "aliases": { "龙南县": "龙南市" }.', [`"aliases" 必须把地区的旧名称对应到现用名称，实际为 ${JSON.stringify(value.aliases)}`, '例如 "aliases": { "龙南县": "龙南市" }。']);
  }
  const groups = value.groups ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string' || g.trim() === '')) fail(source, `"groups" must be a list of column names, got ${JSON.stringify(value.groups)}`, 'For example "groups": ["EurAsia_group"].', [`"groups" 必须是列名的列表，实际为 ${JSON.stringify(value.groups)}`, '例如 "groups": ["EurAsia_group"]。']);
  const denominators = value.denominators ?? [];
  if (!Array.isArray(denominators) || denominators.some((d) => !isObject(d) || typeof d.id !== 'string' || d.id.trim() === '')) fail(source, `"denominators" must be a list of { "id": ... } objects, got ${JSON.stringify(value.denominators)}`, 'For example "denominators": [{ "id": "GDP" }].', [`"denominators" 必须是 { "id": ... } 对象的列表，实际为 ${JSON.stringify(value.denominators)}`, '例如 "denominators": [{ "id": "GDP" }]。']);
  let methods: Record<string, unknown> = (value.methods ?? {}) as Record<string, unknown>;
  if (!isObject(methods)) fail(source, '"methods" must be an object', 'For example "methods": { "normalise": "min-max", "weights": "entropy" }.', ['"methods" 必须是对象', '例如 "methods": { "normalise": "min-max", "weights": "entropy" }。']);
  checkKeys(methods, METHOD_KEYS, source, { en: 'methods: ', zh: 'methods：' });
  // the AHP random index table, at the top or among the methods (kept among the methods)
  if (value.ahpRandomIndex !== undefined) methods = { ...methods, ahpRandomIndex: value.ahpRandomIndex };
  if (methods.ahpRandomIndex !== undefined && methods.ahpRandomIndex !== 'saaty' && methods.ahpRandomIndex !== 'cn') {
    fail(source, `"ahpRandomIndex" must be "saaty" or "cn", got ${JSON.stringify(methods.ahpRandomIndex)}`, 'Use "saaty" (Saaty 1980) or "cn" (the table of Chinese textbooks).', [`"ahpRandomIndex" 必须是 "saaty" 或 "cn"，实际为 ${JSON.stringify(methods.ahpRandomIndex)}`, '请使用 "saaty"（Saaty 1980）或 "cn"（国内教材中的表）。']);
  }
  for (const n of specs) {
    if (n.denominator !== undefined && !(denominators as { id: string }[]).some((d) => d.id === n.denominator)) {
      fail(source, `node ${quote(n.id)}: denominator ${quote(n.denominator)} is not in "denominators"`, `Declare it: "denominators": [{ "id": ${JSON.stringify(n.denominator)} }].`, [
        `节点${quote(n.id)}：分母${quote(n.denominator)}不在 "denominators" 中`,
        `请声明它："denominators": [{ "id": ${JSON.stringify(n.denominator)} }]。`,
      ]);
    }
  }
  // "map": a GeoJSON file of the units' boundaries (relative to the framework file), or { "file", "key" }
  const mapRaw = value.map;
  let map: Framework['map'];
  if (typeof mapRaw === 'string' && mapRaw.trim() !== '') map = { file: mapRaw.trim() };
  else if (isObject(mapRaw) && typeof mapRaw.file === 'string' && mapRaw.file.trim() !== '' && (mapRaw.key === undefined || (typeof mapRaw.key === 'string' && mapRaw.key.trim() !== ''))) {
    checkKeys(mapRaw, ['file', 'key'], source, { en: 'map: ', zh: 'map：' });
    map = { file: mapRaw.file.trim(), ...(typeof mapRaw.key === 'string' ? { key: mapRaw.key.trim() } : {}) };
  } else if (mapRaw !== undefined) fail(source, `"map" must name a GeoJSON file, got ${JSON.stringify(mapRaw)}`, 'For example "map": "cities.geojson", or "map": { "file": "cities.geojson", "key": "NAME" }.', [
      `"map" 必须是一个 GeoJSON 文件名，实际为 ${JSON.stringify(mapRaw)}`,
      '例如 "map": "cities.geojson"，或 "map": { "file": "cities.geojson", "key": "NAME" }。',
    ]);
  return {
    ...(map !== undefined ? { map } : {}),
    name: name.trim(),
    aggregates: (aggregates as string[]).map((a) => a.trim()),
    aliases: Object.fromEntries(Object.entries(aliases as Record<string, string>).map(([k, v]) => [k.trim(), v.trim()])),
    review: checkReview(value.review, source),
    groups: (groups as string[]).map((g) => g.trim()),
    denominators: (denominators as Record<string, unknown>[]).map((d) => ({ id: String(d.id).trim(), zh: typeof d.zh === 'string' ? d.zh : '', en: typeof d.en === 'string' ? d.en : '', unit: typeof d.unit === 'string' ? d.unit : '' })),
    methods: methods as Record<string, string | boolean | number>,
    zh: (optionalString(value, 'zh', source, TOP) ?? '').trim(),
    en: (optionalString(value, 'en', source, TOP) ?? '').trim(),
    baseYear,
    aggregation: aggregation as Aggregation,
    nodes,
    byId,
  };
}

/** The framework written out in full as a spec, defaults made explicit. */
export function frameworkToSpec(fw: Framework): FrameworkSpec {
  return {
    name: fw.name,
    ...(fw.zh ? { zh: fw.zh } : {}),
    ...(fw.en ? { en: fw.en } : {}),
    ...(fw.baseYear ? { baseYear: fw.baseYear } : {}),
    aggregation: fw.aggregation,
    ...(fw.aggregates.length > 0 ? { aggregates: fw.aggregates } : {}),
    ...(Object.keys(fw.aliases).length > 0 ? { aliases: fw.aliases } : {}),
    ...(Object.keys(fw.review).length > 0 ? { review: fw.review } : {}),
    ...(fw.groups.length > 0 ? { groups: fw.groups } : {}),
    ...(fw.denominators.length > 0 ? { denominators: fw.denominators.map((d) => ({ id: d.id, ...(d.zh ? { zh: d.zh } : {}), ...(d.en ? { en: d.en } : {}), ...(d.unit ? { unit: d.unit } : {}) })) } : {}),
    ...(Object.keys(fw.methods).length > 0 ? { methods: fw.methods } : {}),
    ...(fw.map !== undefined ? { map: fw.map.key !== undefined ? fw.map : fw.map.file } : {}),
    nodes: fw.nodes.map((n) => ({
      id: n.id,
      ...(n.parent >= 0 ? { parent: fw.nodes[n.parent]!.id } : {}),
      weight: n.weight,
      direction: n.direction,
      ...(n.zh ? { zh: n.zh } : {}),
      ...(n.en ? { en: n.en } : {}),
      ...(n.unit ? { unit: n.unit } : {}),
      ...(n.unitEn ? { unitEn: n.unitEn } : {}),
      ...(n.note ? { note: n.note } : {}),
      ...(n.required ? {} : { required: false }),
      ...(n.negative ? { negative: true } : {}),
      ...(n.lower !== undefined ? { lower: n.lower } : {}),
      ...(n.upper !== undefined ? { upper: n.upper } : {}),
      ...(n.min !== undefined ? { min: n.min } : {}),
      ...(n.max !== undefined ? { max: n.max } : {}),
      ...(n.maxChange !== undefined ? { maxChange: n.maxChange } : {}),
      ...(n.denominator !== undefined ? { denominator: n.denominator } : {}),
      ...(n.target !== undefined ? { target: n.target } : {}),
      ...(n.aggregation !== undefined ? { aggregation: n.aggregation } : {}),
      ...(n.ahp !== undefined ? { ahp: n.ahp } : {}),
    })),
  };
}

/** Finds a node by id or zh/en label (NFKC, trimmed, case-insensitive). */
export function buildNodeLookup(fw: Framework): Map<string, number> {
  const lookup = new Map<string, number>();
  for (const n of fw.nodes) for (const l of [n.id, n.zh, n.en]) if (l !== '') lookup.set(matchKey(l), n.index);
  return lookup;
}

/** Every name a node can be called by, for suggestions. */
export function nodeNames(fw: Framework): string[] {
  return fw.nodes.flatMap((n) => [n.id, n.zh, n.en].filter((l) => l !== ''));
}

/** An AHP judgement: a number, or a text of one ("3") or of a fraction ("1/3", "１／３"), exact; anything else as it is (refused by the caller). */
function judgement(x: unknown): unknown {
  if (typeof x !== 'string') return x;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*)?$/.exec(x.normalize('NFKC'));
  if (m === null) return x;
  const v = m[2] === undefined ? Number(m[1]) : Number(m[1]) / Number(m[2]);
  return Number.isFinite(v) ? v : x;
}
