// The bad-input corpus: each malformed file or invocation exits 2 with a
// message naming the file (and line and column) and what to do, no stack
// trace, and no output file left behind.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir, tempFile } from '../helpers.js';

const H = 'unit,year,firms,revenue';
const OK = `${H}\nA,2014,10,20\nA,2015,11,22\nB,2014,5,6\nB,2015,6,7\n`;
const LONG = 'unit,year,indicator,value\nA,2014,firms,10\nA,2015,firms,11\n';
const gb = readFileSync(`${ROOT}/test/data/variants/synthetic-gb18030.csv`);

/** A framework file text from nodes (base year 2014). */
const fw = (nodes: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ name: 'f', baseYear: 2014, nodes, ...extra }, null, 2);
const TREE = [{ id: 'root' }, { id: 'm', parent: 'root' }, { id: 'firms', parent: 'm' }];

interface Case {
  name: string;
  /** The data file's content; undefined means the args name the path. */
  data?: string | Uint8Array;
  /** A framework file's content, passed as --framework {fw}. */
  framework?: string;
  args?: string[];
  /** Fragments the message must contain; {file} is the data file's path. */
  expect: string[];
  /** Fragments of the Chinese message, where it has one: printed by default (--lang zh), `expect` with --lang en. */
  zh?: string[];
}

const cases: Case[] = [
  // files
  { name: 'empty file', data: '', expect: ['{file}: the file is empty'], zh: ['{file}：文件是空的。'] },
  { name: 'only blank lines', data: '\n\r\n\n', expect: ['{file}: the file has no header line'], zh: ['{file}：文件没有表头行（只有空行）。请提供有表头行和数据行的 CSV。'] },
  { name: 'header only', data: `${H}\n`, expect: ['{file}: no data rows'], zh: ['{file}：没有数据行，只有表头。请为每个地区、每个年份各加一行。'] },
  { name: 'binary bytes', data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), expect: ['{file}: not a text file (a NUL byte at offset 8)'], zh: ['{file}：不是文本文件（偏移 8 处有 NUL 字节）。请把工作表导出为 CSV'] },
  { name: 'bytes neither UTF-8 nor GB18030', data: Uint8Array.from([0xff, 0xfe + 1, 0xff, 0x80, 0xff, 0x41]), expect: ['{file}: not a text file', 'neither UTF-8 nor GB18030'], zh: ['{file}：不是文本文件（其字节既不是 UTF-8 也不是 GB18030）。'] },
  { name: 'UTF-16 without a byte-order mark', data: Buffer.from(OK, 'utf16le'), expect: ['{file}: not a text file', '--encoding utf-16le'], zh: ['{file}：不是文本文件', '请指定 --encoding utf-16le 或 utf-16be。'] },
  { name: 'GB18030 read as UTF-8', data: gb, args: ['compute', '{file}', '--encoding', 'utf-8'], expect: ['{file}: bytes from offset 0 are not valid utf-8', '--encoding gb18030'], zh: ['{file}：从偏移 0 起的字节不是有效的 utf-8；该文件按 utf-8 读取（--encoding）', '请指定 --encoding gb18030。'] },
  // the offset of the bad byte itself (the first of 2 bytes of a 3-byte character cut short), not of the chunk
  { name: 'a broken UTF-8 character in the middle', data: Buffer.from([...Buffer.from('unit,year,firms\nA,2014,10\nB'), 0xe5, 0x8c, ...Buffer.from(',2015,3\n')]), args: ['compute', '{file}', '--encoding', 'utf-8'], expect: ['{file}: bytes from offset 27 are not valid utf-8'], zh: ['{file}：从偏移 27 起的字节不是有效的 utf-8'] },
  { name: 'missing file', args: ['compute', '{dir}/nope.csv'], expect: ['nope.csv: cannot read the data file (no such file)'], zh: ['nope.csv：无法读取数据文件（没有这个文件）。请检查路径。'] },
  { name: 'a folder without data files', args: ['compute', '{dir}'], expect: ['{dir}: no CSV or workbook (.csv, .xlsx, .xls) in this folder'], zh: ['{dir}：此文件夹中没有 CSV 文件或工作簿（.csv、.xlsx、.xls）。请把报送的文件放在这里，或直接给出文件名。'] },
  // CSV structure
  { name: 'unclosed quote', data: `${H}\nA,2014,10,20\nA,2015,"11,22\nA,2016,1,2\n`, expect: ['{file}:3: a quoted field opened on this line (or the next non-blank one) is never closed'], zh: ['{file}:3：这一行（或其后第一个非空行）开始的带引号字段没有闭合；文件在引号内结束。'] },
  { name: 'text after a closing quote', data: `${H}\nA,2014,"10"x,20\n`, expect: ['{file}:2: text follows a closing quote'], zh: ['{file}:2：闭合引号后面还有文字。'] },
  { name: 'a row with too many fields', data: `${H}\nA,2014,10,20\nA,2015,11,22,9\n`, expect: ['{file}:3:5: this row has 5 fields but the header has 4'], zh: ['{file}:3:5：这一行有 5 个字段，但表头只有 4 个。'] },
  { name: 'a value under an empty header', data: `${H},\nA,2014,10,20,x\n`, expect: ['{file}:2:5: a value in a column with an empty header'], zh: ['{file}:2:5：这一列没有表头，却有值。'] },
  // headers
  { name: 'duplicate header', data: 'unit,year,firms,firms\nA,2014,1,2\n', expect: ['{file}:1: duplicate header "firms" in columns 3 and 4'], zh: ['{file}:1：表头"firms"重复（第 3 列和第 4 列）。请改名或删除其中一列。'] },
  { name: 'duplicate header after normalising', data: 'unit,year,Firms, ｆｉｒｍｓ \nA,2014,1,2\n', expect: ['{file}:1: duplicate header'], zh: ['{file}:1：表头', '重复（第 3 列和第 4 列）'] },
  { name: 'an id and a label naming one node', data: 'unit,year,firms,小微企业总数\nA,2014,1,2\n', expect: ['{file}:1: columns 3 ("firms") and 4 ("小微企业总数") both name node "firms"'], zh: ['{file}:1：第 3 列（"firms"）和第 4 列（"小微企业总数"）都对应指标"firms"。请只保留其中一列。'] },
  { name: 'two unit columns', data: '地区,城市,year,firms\nA,B,2014,1\n', expect: ['{file}:1: columns 1 ("地区") and 2 ("城市") are both unit columns'], zh: ['{file}:1：第 1 列（"地区"）和第 2 列（"城市"）都是地区列。请只保留其中一列。'] },
  { name: 'unknown column with a suggestion', data: 'unit,year,firm\nA,2014,1\n', expect: ['{file}:1:3: column "firm" is not a node of framework zhejiang. Did you mean "firms"?'], zh: ['{file}:1:3：列"firm"不是框架zhejiang中的指标。是否指“firms”？'] },
  { name: 'unknown Chinese column with a suggestion', data: 'unit,year,营业收入\nA,2014,1\n', expect: ['column "营业收入" is not a node', 'Did you mean "营业收入总额"?'], zh: ['列"营业收入"不是框架zhejiang中的指标', '是否指“营业收入总额”？'] },
  { name: 'unknown column without a near name', data: 'unit,year,zzzzzzzz\nA,2014,1\n', expect: ['{file}:1:3: column "zzzzzzzz" is not a node', '`smei framework` lists them'], zh: ['{file}:1:3：列"zzzzzzzz"不是框架zhejiang中的指标。请改为', 'smei framework 列出全部指标'] },
  { name: 'no unit column', data: 'year,firms\n2014,1\n', expect: ['{file}:1: no unit column', '地区'], zh: ['{file}:1：没有地区列（', '地区'] },
  { name: 'no year column', data: 'unit,firms\nA,1\n', expect: ['{file}:1: no year column', '年份'], zh: ['{file}:1：没有年份列。', '年份'] },
  { name: 'no indicator columns', data: 'unit,year\nA,2014\n', expect: ['{file}:1: no indicator columns'], zh: ['{file}:1：没有指标列。'] },
  { name: 'long layout without a value column', data: 'unit,year,indicator\nA,2014,firms\n', expect: ['{file}:1: a long file needs both an indicator and a value column; there is no value column'], zh: ['{file}:1：长表需要指标列和数值列；这里没有数值列。请把它命名为以下之一：value, 数值, 值。'] },
  { name: 'long layout with an extra column', data: 'unit,year,indicator,value,firms\nA,2014,firms,1,2\n', expect: ['{file}:1:5: column "firms" is not expected in a long file'], zh: ['{file}:1:5：长表（地区、年份、指标、数值）中不应有列"firms"。'] },
  // values
  { name: 'duplicate observation, another value (wide)', data: `${H}\nA,2014,10,20\nB,2014,1,2\nA,2014,11,20\n`, zh: ['{file}:4："A"2014年的"小微企业总数"出现两次且数值不同：第2行与第4行。请保留正确的一个。'], expect: ['{file}:4: "A", 2014, "Number of small and micro enterprises" is given twice, differently: lines 2 and 4. Keep the right one of the two rows.'] },
  { name: 'duplicate observation, another value (long)', data: `${LONG}A,2014,小微企业总数,12\n`, zh: ['{file}:4："A"2014年的"小微企业总数"出现两次且数值不同：第2行与第4行。'], expect: ['{file}:4: "A", 2014, "Number of small and micro enterprises" is given twice, differently: lines 2 and 4'] },
  { name: 'a value that is not a number', data: `${H}\nA,2014,abc,20\n`, expect: ['{file}:2:3 (firms): "abc" is not a number', 'leave the cell empty or write NA'], zh: ['{file}:2:3 (firms)："abc"不是数字。请填写普通数字', '缺失值请留空或写 NA'] },
  { name: 'a value of 1e400', data: `${H}\nA,2014,1e400,20\n`, expect: ['{file}:2:3 (firms): "1e400" is too large to be a finite number'], zh: ['{file}:2:3 (firms)："1e400"太大，不是有限的数'] },
  { name: 'a value of Infinity', data: `${H}\nA,2014,20,-Infinity\n`, expect: ['{file}:2:4 (revenue): "-Infinity" is infinite (a division by zero where the figure was worked out?)'], zh: ['{file}:2:4 (revenue)："-Infinity"是无穷大（计算该数时除以了0？）'] },
  { name: 'a value of inf, as pandas writes it', data: `${H}\nA,2014,inf,20\n`, expect: ['{file}:2:3 (firms): "inf" is infinite'], zh: ['{file}:2:3 (firms)："inf"是无穷大'] },
  // every cell that is not a number, at once: the first 10 and how many more
  { name: 'twelve values that are not numbers', data: `${H}\n${Array.from({ length: 12 }, (_, i) => `U${i},2014,x${i},20`).join('\n')}\n`, expect: ['12 cells are not numbers: {file}:2:3 (firms): "x0" is not a number; {file}:3:3 (firms): "x1" is not a number;', '{file}:11:3 (firms): "x9" is not a number; and 2 more. Write a plain number'], zh: ['有12个单元格不是数字：{file}:2:3 (firms)："x0"不是数字；', '；另有2个。请填写普通数字'] },
  { name: 'a 5 MB field', data: `${H}\nA,2014,${'9'.repeat(2_500_000)}x${'9'.repeat(2_500_000)},1\n`, expect: ['{file}:2:3 (firms): "9999999999', 'is not a number'], zh: ['{file}:2:3 (firms)："9999999999', '不是数字'] },
  { name: 'a thousands-or-decimal comma in a semicolon file', data: 'unit;year;firms\nA;2014;1,500\n', expect: ['{file}:2:3 (firms): "1,500" could be a thousands separator or a decimal comma in a file separated by semicolons. Write it without the separator (1500) or with a decimal point (1.5).'], zh: ['{file}:2:3 (firms)：在以分号分隔的文件中，"1,500"可能带有千位分隔符，也可能用了小数逗号。请去掉分隔符（1500）或改用小数点（1.5）。'] },
  { name: 'a text year', data: `${H}\nA,two thousand,1,2\n`, expect: ['{file}:2:2 (year): "two thousand" is not a year'], zh: ['{file}:2:2 (year)："two thousand"不是年份或时期'] },
  { name: 'a decimal year', data: `${H}\nA,2014.5,1,2\n`, expect: ['{file}:2:2 (year): "2014.5" is not a whole four-digit year'], zh: ['{file}:2:2 (year)："2014.5"不是四位整数年份；如指月份，请写成 2014-05 或 2014年5月（小数无法区分10月 2025.1 与1月）。年份请写成四位数字，如 2018。'] },
  { name: 'an empty year', data: `${H}\nA,,1,2\n`, expect: ['{file}:2:2 (year): "" is empty'], zh: ['{file}:2:2 (year)：""为空'] },
  { name: 'an empty unit name', data: `${H}\n ,2014,1,2\n`, expect: ['{file}:2:1 (unit): the unit name is empty'], zh: ['{file}:2:1 (unit)：地区名称为空。请填写，或删除这一行。'] },
  { name: 'an unknown indicator (long)', data: 'unit,year,indicator,value\nA,2014,revenu,1\n', expect: ['{file}:2:3 (indicator): indicator "revenu" is not a node of framework zhejiang. Did you mean "revenue"?'], zh: ['{file}:2:3 (indicator)：指标"revenu"不是框架zhejiang中的指标。是否指“revenue”？'] },
  { name: 'no data for the base year', data: `${H}\nA,2015,1,2\nA,2016,2,3\n`, expect: ['{file}: no data for the base year 2014 (the data has 2015, 2016)', '--base-year'], zh: ['{file}：没有基期2014年的数据（数据有2015, 2016）', '--base-year'] },
  // options
  { name: '--out into a missing folder', data: OK, args: ['compute', '{file}', '--out', '{dir}/no/such/out.md'], expect: ['--out {dir}/no/such/out.md: the folder {dir}/no/such does not exist'], zh: ['--out {dir}/no/such/out.md：文件夹 {dir}/no/such 不存在。请先创建它，或写到别处。'] },
  { name: '--out onto the input', data: OK, args: ['compute', '{file}', '--out', '{file}'], expect: ['that is the input file'], zh: ['--out {file}：这是输入文件 {file}（本次运行要读取它）；smei 从不覆盖输入文件。请换一个文件名。'] },
  { name: '--out onto a directory', data: OK, args: ['compute', '{file}', '--format', 'json', '--out', '{dir}'], expect: ['is a directory'], zh: ['--out {dir}：这是一个文件夹。请给出文件名。'] },
  { name: '--out with an extension smei does not write', data: OK, args: ['compute', '{file}', '--out', 'index.txtx'], expect: ['--out index.txtx: the extension .txtx is not one this command writes; use .json, .csv'], zh: ['--out index.txtx：此命令不写扩展名为 .txtx 的文件；请使用 .json、.csv'] },
  { name: '--out without an extension', data: OK, args: ['compute', '{file}', '--out', 'index'], expect: ['--out index: no extension', 'say --format table|json|csv|md|xlsx'], zh: ['--out index：没有扩展名', '或指定 --format table|json|csv|md|xlsx'] },
  { name: '--out and --format disagree', data: OK, args: ['compute', '{file}', '--out', 'index.csv', '--format', 'json'], expect: ['--out index.csv names a csv file but --format is json'], zh: ['--out index.csv 是 csv 文件，但 --format 是 json：请让二者一致'] },
  { name: '--layout wide outside CSV', data: OK, args: ['compute', '{file}', '--layout', 'wide', '--format', 'json'], expect: ['--layout wide is for CSV'], zh: ['--layout wide 只用于 CSV；json 有自己的版式。'] },
  { name: 'a workbook to stdout', data: OK, args: ['compute', '{file}', '--format', 'xlsx'], expect: ['a workbook or document is not text: give --out FILE'], zh: ['工作簿或文档不是文本：请用 --out FILE 把它写入文件。'] },
  { name: 'an unknown --encoding', data: OK, args: ['compute', '{file}', '--encoding', 'latin-9'], expect: ['--encoding "latin-9" is not supported'], zh: ['--encoding "latin-9" 不受支持。'] },
  { name: 'a --delimiter of two characters', data: OK, args: ['compute', '{file}', '--delimiter', '::'], expect: ['--delimiter "::" must be one character'], zh: ['--delimiter "::" 必须是一个字符（如 , ; 或 tab）。'] },
  { name: '--year not in the data', data: OK, args: ['compute', '{file}', '--year', '2019'], expect: ['--year 2019: {file} has no data for that year (it has 2014, 2015)'], zh: ['--year 2019：{file}没有该年的数据（数据有2014, 2015）。'] },
  { name: '--ref-year not in the data', data: OK, args: ['compute', '{file}', '--ref-year', '2010'], expect: ['--ref-year 2010: {file} has no data for that year'], zh: ['--ref-year 2010：{file}没有该年的数据'] },
  { name: '--year that is not a year', data: OK, args: ['compute', '{file}', '--year', 'last'], expect: ['"last" is not a year or a period (2018, 2018H1, 2018Q3, 2018-03, 2018年1-6月)'], zh: ['错误：选项 --year <period> 的值"last"无效。"last"不是年份或时期（2018、2018H1、2018Q3、2018-03、2018年1-6月）。'] },
  { name: '--decimals out of range', data: OK, args: ['compute', '{file}', '--decimals', '11'], expect: ['--decimals must be between 0 and 10, got 11'], zh: ['错误：选项 --decimals <n> 的值"11"无效。--decimals 必须在 0 到 10 之间，实际为 11。'] },
  { name: 'an unknown --format', data: OK, args: ['compute', '{file}', '--format', 'xml'], expect: ["argument 'xml' is invalid"], zh: ['错误：选项 --format <format> 的值"xml"无效。可选值：table, json, csv, md, xlsx。'] },
  { name: 'an unknown option', data: OK, args: ['compute', '{file}', '--colour'], expect: ["unknown option '--colour'"], zh: ['错误：未知选项 --colour', '（用 --help 查看用法）'] },
  { name: 'an unknown command', args: ['compoot'], expect: ["unknown command 'compoot'"], zh: ['错误：未知命令 compoot\n（是否指 compute？）'] },
  { name: 'an unknown --node', data: OK, args: ['compute', '{file}', '--node', 'contributon'], expect: ['--node "contributon": no such node in framework zhejiang. Did you mean "contribution"?'], zh: ['--node "contributon"：框架zhejiang中没有这个节点。是否指“contribution”？'] },
  { name: 'an --aggregate-unit not in the data', data: OK, args: ['compute', '{file}', '--aggregate-unit', '浙江省'], expect: ['--aggregate-unit "浙江省": no such unit in {file}. Units: A, B.'], zh: ['--aggregate-unit "浙江省"：{file}中没有这个地区（有A, B）。'] },
  // framework files
  { name: 'framework: bad JSON', data: OK, framework: '{\n  "name": "f",\n  "baseYear": 2014,\n}', expect: ['{fw}:4:1: not valid JSON'], zh: ['{fw}:4:1：不是有效的 JSON', '请修正 JSON 语法'] },
  { name: 'framework: missing file', data: OK, args: ['compute', '{file}', '--framework', '{dir}/none.json'], expect: ['none.json: cannot read the framework file (no such file)'], zh: ['none.json：无法读取框架文件（没有这个文件）。请给出 JSON 框架文件，或内置框架名：'] },
  { name: 'framework: duplicate id', data: OK, framework: fw([...TREE, { id: 'm', parent: 'root' }]), expect: ['{fw}: duplicate node id "m" (nodes[1] and nodes[3])'], zh: ['{fw}：节点 id "m"重复（nodes[1] 与 nodes[3]）。请为每个节点使用不同的 id。'] },
  { name: 'framework: unknown parent', data: OK, framework: fw([...TREE, { id: 'x', parent: 'mm' }]), expect: ['{fw}: node "x": unknown parent "mm"', 'Did you mean "m"?'], zh: ['{fw}：节点"x"：上级节点"mm"不存在', '是否指“m”？'] },
  { name: 'framework: a cycle', data: OK, framework: fw([{ id: 'root' }, { id: 'a', parent: 'b' }, { id: 'b', parent: 'a' }]), expect: ['{fw}: node "a" is in a cycle of parents'], zh: ['{fw}：节点"a"的上级关系形成循环，到不了根节点'] },
  { name: 'framework: no root', data: OK, framework: fw([{ id: 'a', parent: 'b' }, { id: 'b', parent: 'a' }]), expect: ['{fw}: no root node'], zh: ['{fw}：没有根节点（每个节点都有 parent）'] },
  { name: 'framework: two roots', data: OK, framework: fw([{ id: 'a' }, { id: 'b' }]), expect: ['{fw}: two or more root nodes ("a", "b")'], zh: ['{fw}：有两个或更多根节点（"a"、"b"）'] },
  { name: 'framework: a negative weight', data: OK, framework: fw([...TREE, { id: 'revenue', parent: 'm', weight: -1 }]), expect: ['{fw}: node "revenue": weight must be a number of 0 or more, got -1'], zh: ['{fw}：节点"revenue"：weight（权重）必须是 0 或更大的数，实际为 -1'] },
  { name: 'framework: weight as a string', data: OK, framework: fw([...TREE, { id: 'revenue', parent: 'm', weight: '2' }]), expect: ['node "revenue": weight must be a number of 0 or more, got "2"'], zh: ['节点"revenue"：weight（权重）必须是 0 或更大的数，实际为 "2"'] },
  { name: 'framework: direction 2', data: OK, framework: fw([...TREE, { id: 'revenue', parent: 'm', direction: 2 }]), expect: ['node "revenue": direction must be 1 or -1, got 2'], zh: ['节点"revenue"：direction（方向）必须是 1 或 -1，实际为 2'] },
  { name: 'framework: a misspelt key', data: OK, framework: fw([...TREE, { id: 'revenue', parent: 'm', wieght: 2 }]), expect: ['node "revenue": unknown key "wieght"', 'Did you mean "weight"?'], zh: ['节点"revenue"：未知的键"wieght"', '是否指“weight”？'] },
  { name: 'framework: no baseYear for a fixed-base index', data: 'unit,year,firms\nA,2014,10\nA,2015,11\n', framework: JSON.stringify({ name: 'f', nodes: TREE }), expect: ['{file}: the framework f gives no base year, and fixed-base indices need one. Pass --base-year YEAR'], zh: ['{file}：框架f没有给出基期，而定基指数需要基期。请用 --base-year YEAR（或 --base-period）指定'] },
  { name: 'framework: a baseYear that is not a year', data: OK, framework: JSON.stringify({ name: 'f', baseYear: 14, nodes: TREE }), expect: ['{fw}: "baseYear" must be a four-digit whole year, got 14'], zh: ['{fw}："baseYear"（基期）必须是四位整数年份，实际为 14'] },
  { name: 'framework: unknown aggregation', data: OK, framework: fw(TREE, { aggregation: 'median' }), expect: ['"aggregation" must be one of arithmetic, geometric, harmonic, power:P, mpi; got "median"'], zh: ['"aggregation" 必须是 arithmetic、geometric、harmonic、power:P、mpi 之一，实际为 "median"'] },
  { name: 'framework: a label used twice', data: OK, framework: fw([...TREE, { id: 'revenue', parent: 'm', zh: '企业' }, { id: 'other', parent: 'm', en: '企业' }]), expect: ['nodes "revenue" and "other" share the name "企业"'], zh: ['节点"revenue"和"other"使用了同一个名称"企业"'] },
  { name: 'framework: not an object', data: OK, framework: '[1, 2]', expect: ['{fw}: the framework must be a JSON object'], zh: ['{fw}：框架必须是一个 JSON 对象'] },
  { name: 'framework: aliases not a map of names', data: OK, framework: fw(TREE, { aliases: ['A'] }), expect: ['{fw}: "aliases" must map old unit names to the names in use now, got ["A"]', '"aliases": { "龙南县": "龙南市" }'], zh: ['{fw}："aliases" 必须把地区的旧名称对应到现用名称，实际为 ["A"]', '"aliases": { "龙南县": "龙南市" }'] },
  { name: 'a rename chain', data: OK, args: ['compute', '{file}', '--rename', 'A=B', '--rename', 'B=C'], expect: ['--rename: "A" is renamed "B", and "B" is renamed "C" in turn', '(A=C)'], zh: ['--rename："A"改名为"B"，而"B"又改名为"C"。', '（A=C）'] },
  { name: 'framework: a node without id', data: OK, framework: fw([...TREE, { parent: 'm' }]), expect: ['{fw}: nodes[3] has no "id"'], zh: ['{fw}：nodes[3] 没有 "id"（非空字符串）'] },
];

describe('bad input corpus', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir();
      const file = c.data === undefined ? join(dir, 'data.csv') : tempFile('data.csv', c.data, dir);
      const fwPath = c.framework === undefined ? undefined : tempFile('framework.json', c.framework, dir);
      const fill = (s: string): string => s.replaceAll('{file}', file).replaceAll('{dir}', dir).replaceAll('{fw}', fwPath ?? '');
      const args = (c.args ?? ['compute', '{file}', '--out', '{dir}/out.txt']).map(fill);
      if (fwPath !== undefined) args.push('--framework', fwPath);
      mkdirSync(join(dir, 'sub'));
      const before = readdirSync(dir).sort();
      const r = await run(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      if (c.zh !== undefined) {
        for (const e of c.zh) expect(r.stderr).toContain(fill(e));
        const en = await run([...args, '--lang', 'en']);
        expect(en.code).toBe(2);
        for (const e of c.expect) expect(en.stderr).toContain(fill(e));
      } else for (const e of c.expect) expect(r.stderr).toContain(fill(e));
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr.split('\n').length).toBeLessThanOrEqual(6);
      expect(r.stderr.length).toBeLessThan(1200);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }
});

describe('the first error wins', () => {
  it('a bad value before an unclosed quote in the same stretch of records is reported', async () => {
    const rows = ['unit,year,firms'];
    for (let i = 0; i < 100; i++) rows.push(`U${i},2014,${i + 1}`);
    rows.push('X,2014,abc');
    for (let i = 0; i < 100; i++) rows.push(`V${i},2014,${i + 1}`);
    rows.push('Y,2014,"5');
    const r = await run(['compute', tempFile('d.csv', `${rows.join('\n')}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(':102:3 (firms)："abc"不是数字');
  });

  it('an unclosed quote deep in a big file names the line after the last good record', async () => {
    const rows = ['unit,year,firms'];
    for (let i = 0; i < 60_000; i++) rows.push(`U${i},2014,${i + 1}`);
    rows.push('Y,2014,"5', 'Z,2014,6');
    const r = await run(['compute', tempFile('d.csv', `${rows.join('\n')}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(':60002：这一行（或其后第一个非空行）开始的带引号字段没有闭合');
  });
});
