// Errors said in Chinese by default (--lang zh) and in English with --lang en,
// for the places the bad-input corpus (test/input/corpus.test.ts) does not
// reach: framework tables and methods, --out refusals, config files, forms and
// workbooks, the commands' own options. Each exits 2 with no stack trace.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir, tempFile } from '../helpers.js';
import { toWorkbook } from '../office-files.js';

const OK = 'unit,year,firms,revenue\nA,2014,10,20\nA,2015,11,22\nB,2014,5,6\nB,2015,6,7\n';

interface Case {
  name: string;
  /** Files written into a fresh folder (data.csv is the data unless the args say otherwise). */
  files?: Record<string, string | Uint8Array>;
  /** The arguments; {dir} is the folder. Run from the folder (cwd). */
  args: string[];
  /** Fragments of the English message (--lang en). */
  en: string[];
  /** Fragments of the Chinese message (the default). */
  zh: string[];
}

const cases: Case[] = [
  {
    name: 'merged files are named by their folder, with no English words in a Chinese message',
    files: { 'sub/a.csv': 'unit,year,firms\nA,2019,1\n', 'sub/b.csv': 'unit,year,firms\nB,2019,2\n' },
    args: ['compute', 'sub/'],
    en: ['sub/: no data for the base year 2014'],
    zh: ['sub/：没有基期2014年的数据'],
  },
  {
    name: 'diff of two quarterly files with no period in common names the periods as written',
    files: { 'a.csv': 'unit,period,firms,revenue\nA,2019Q1,10,20\nB,2019Q1,5,6\n', 'b.csv': 'unit,period,firms,revenue\nA,2019Q2,11,22\nB,2019Q2,6,7\n' },
    args: ['diff', 'a.csv', 'b.csv', '--normalise', 'min-max'],
    en: ['a.csv (2019Q1) and b.csv (2019Q2) have no period in common. Name the periods with --from and --to.'],
    zh: ['a.csv（2019Q1）和 b.csv（2019Q2）没有共同的时期。请用 --from 和 --to 指定时期。'],
  },
  // framework tables and methods
  {
    name: 'a framework file\'s methods placed by the file, not the framework\'s name',
    files: { 'data.csv': OK, 'my-fw.json': JSON.stringify({ name: 'mini', baseYear: 2014, methods: { screen: 2 }, nodes: [{ id: 'index' }, { id: 'firms', parent: 'index' }, { id: 'revenue', parent: 'index' }] }) },
    args: ['compute', 'data.csv', '--framework', 'my-fw.json'],
    en: ['my-fw.json: methods.screen must be a share from 0 to 1, got 2.'],
    zh: ['my-fw.json：methods.screen 必须是 0 到 1 之间的比例，实际为 2。'],
  },
  {
    name: 'a framework\'s aggregation with bad parameters, its reason said once',
    files: { 'data.csv': OK, 'f.json': JSON.stringify({ name: 'f', baseYear: 2014, aggregation: 'power:0', nodes: [{ id: 'index' }, { id: 'firms', parent: 'index' }] }) },
    args: ['compute', 'data.csv', '--framework', 'f.json'],
    en: ['f.json: "aggregation" "power:0": the order P of a power mean cannot be 0 (that is the geometric mean). Allowed:'],
    zh: ['f.json："aggregation" "power:0"：幂平均的阶数 P 不能为 0（那就是几何平均）。'],
  },
  {
    name: 'a framework table with a misspelt column',
    files: { 'data.csv': OK, 'fw.csv': 'id,parent,wieght\nroot,,\nfirms,root,1\n' },
    args: ['compute', 'data.csv', '--framework', 'fw.csv'],
    en: ['fw.csv:1:3: column "wieght" is not a framework column. Did you mean "weight"? Columns: id (iCode, 代码)'],
    zh: ['fw.csv:1:3：列"wieght"不是框架表的列。是否指“weight”？可用的列：id（iCode、代码）、parent'],
  },
  {
    name: 'a framework table with a direction that is not 1 or -1',
    files: { 'data.csv': OK, 'fw.csv': 'id,parent,direction\nroot,,\nfirms,root,up\n' },
    args: ['compute', 'data.csv', '--framework', 'fw.csv'],
    en: ['fw.csv:3: direction "up" of "firms" is not 1 or -1 (正向 or 逆向).'],
    zh: ['fw.csv:3："firms"的 direction "up"不是 1 或 -1（正向或逆向）。'],
  },
  {
    name: 'a framework with an unknown review rule',
    files: { 'data.csv': OK, 'f.json': JSON.stringify({ name: 'f', baseYear: 2014, review: { levels: { 'yoy-jmp': 'error' } }, nodes: [{ id: 'root' }, { id: 'firms', parent: 'root' }] }) },
    args: ['compute', 'data.csv', '--framework', 'f.json'],
    en: ['f.json: review.levels: unknown rule "yoy-jmp". Rules: missing, dropped, renamed, yoy-jump', 'Did you mean "yoy-jump"?'],
    zh: ['f.json：review.levels：未知的审核规则"yoy-jmp"。规则：missing, dropped, renamed, yoy-jump', '是否指“yoy-jump”？'],
  },
  {
    name: 'a --normalise whose bounds are the wrong way round',
    files: { 'data.csv': OK },
    args: ['compute', 'data.csv', '--normalise', 'min-max:5,1'],
    en: ['--normalise "min-max:5,1": LO must be below HI. Allowed: fixed-base, chain-linked, min-max'],
    zh: ['--normalise "min-max:5,1"：LO 必须小于 HI。可用的有：fixed-base, chain-linked, min-max'],
  },
  {
    name: 'an unknown --ahp-ri table',
    files: { 'data.csv': OK },
    args: ['compute', 'data.csv', '--ahp-ri', 'nist'],
    en: ['--ahp-ri "nist": no such random index table. Allowed: saaty (Saaty 1980), cn (the table of Chinese textbooks).'],
    zh: ['--ahp-ri "nist"：没有这个随机一致性指标（RI）表。可用的有：saaty（Saaty 1980）、cn（国内教材中的表）。'],
  },
  // --out refusals and the commands' own options
  {
    name: '--out inside the folder read',
    files: { 'in/a.csv': OK },
    args: ['compute', 'in', '--out', 'in/out.csv'],
    en: ['--out in/out.csv: that is inside the input folder in (this run reads every data file there; the next run would read the output as data). Write it somewhere else.'],
    zh: ['--out in/out.csv：它在输入文件夹 in 中（本次运行读取其中的每个数据文件，下次运行会把输出当作数据读入）。请写到别处。'],
  },
  {
    name: 'report --charts into a folder for an HTML report',
    files: { 'data.csv': OK },
    args: ['report', 'data.csv', '--format', 'html', '--out', 'r.html', '--charts', 'charts'],
    en: ['--charts DIR writes SVG files for a Markdown report; html holds its charts itself.'],
    zh: ['--charts DIR 为 Markdown 报告写出 SVG 文件；html 报告自带图表。'],
  },
  {
    name: 'diff of one file with --year',
    files: { 'data.csv': OK },
    args: ['diff', 'data.csv', '--year', '2015'],
    en: ['--year is for two files; with one file use --from and --to.'],
    zh: ['--year 用于比较两个文件；只有一个文件时请用 --from 和 --to。'],
  },
  {
    name: 'template without --out',
    args: ['template', '--units', '杭州市,宁波市', '--period', '2025'],
    en: ['--out is missing: the form is a workbook: give --out FILE.xlsx, or --out DIR/ for one form per unit.'],
    zh: ['缺少 --out：填报表是工作簿：请给出 --out FILE.xlsx，或用 --out DIR/ 为每个地区各写一张表。'],
  },
  {
    name: 'template with a unit listed twice',
    args: ['template', '--units', '杭州市,宁波市,杭州市', '--period', '2025', '--out', 'f.xlsx'],
    en: ['--units: "杭州市" is listed twice. Give each unit once.'],
    zh: ['--units："杭州市"列出了两次。每个地区请只列一次。'],
  },
  {
    name: 'a --group the data does not have',
    files: { 'data.csv': OK },
    args: ['compute', 'data.csv', '--group', 'region'],
    en: ['--group "region": data.csv has no group column of that name; declare group columns in the framework ("groups", or rows of type Group in a table).'],
    zh: ['--group "region"：data.csv没有这个名称的分组列；请在框架中声明分组列（"groups"，或框架表中 type 为 Group 的行）。'],
  },
  // config files
  {
    name: 'a config key that names no option',
    files: { 'data.csv': OK, 'smei.config.json': '{ "aggregateUnits": ["浙江省"] }' },
    args: ['compute', 'data.csv'],
    en: ['smei.config.json: unknown key "aggregateUnits" (did you mean "aggregateUnit"?). Keys are option names'],
    zh: ['smei.config.json：未知的键 "aggregateUnits"（是否指“aggregateUnit”）。键是选项名（framework、aggregateUnit'],
  },
  {
    name: 'a config value an option refuses',
    files: { 'data.csv': OK, 'smei.config.json': '{ "decimals": 11, "baseYear": 2014 }' },
    args: ['compute', 'data.csv'],
    en: ['smei.config.json: "decimals": --decimals must be between 0 and 10, got 11.'],
    zh: ['smei.config.json："decimals"：--decimals 必须在 0 到 10 之间，实际为 11。'],
  },
  {
    name: 'a config period that does not exist',
    files: { 'data.csv': OK, 'smei.config.json': '{ "refYear": "2015Q5" }' },
    args: ['compute', 'data.csv'],
    en: ['smei.config.json: "refYear": "2015Q5" names quarter 5, which does not exist (quarters are 1-4).'],
    zh: ['smei.config.json："refYear"："2015Q5"中的季度 5 不存在（季度为 1-4）。'],
  },
  {
    name: 'a config --out outside its folder',
    files: { 'data.csv': OK, 'smei.config.json': '{ "out": "../index.csv" }' },
    args: ['compute', 'data.csv'],
    en: ['smei.config.json: "out": "../index.csv" is outside the folder of smei.config.json ({dir}); a config file may only write inside its own folder. Give a path outside it on the command line (--out).'],
    zh: ['smei.config.json："out"："../index.csv" 在 smei.config.json 所在的文件夹（{dir}）之外；配置文件只能写到它自己的文件夹里。要写到别处，请在命令行上给出路径（--out）。'],
  },
  {
    name: 'a config file that is not JSON',
    files: { 'data.csv': OK, 'smei.config.json': '{ "decimals": 1, }' },
    args: ['compute', 'data.csv'],
    en: ['smei.config.json:1:18: not valid JSON'],
    zh: ['smei.config.json:1:18：不是有效的 JSON', '请修正语法；smei config 会显示 smei 读到的设置。'],
  },
  // workbooks and layouts
  {
    name: 'a --sheet the workbook does not have',
    files: { 'data.xlsx': toWorkbook({ 数据: [['地区', '年份', 'firms'], ['A', 2014, 1], ['A', 2015, 2]] }) },
    args: ['compute', 'data.xlsx', '--sheet', '2019'],
    en: ['--sheet "2019": data.xlsx has no such sheet. Its sheets: 1 "数据".'],
    zh: ['--sheet "2019"：data.xlsx中没有这个工作表。它的工作表有：1 "数据"。'],
  },
  {
    name: 'text named as a workbook',
    files: { 'data.xlsx': OK },
    args: ['compute', 'data.xlsx'],
    en: ['data.xlsx: not a workbook (it does not start as an .xlsx or .xls file does). If it is CSV text, rename it to .csv'],
    zh: ['data.xlsx：不是工作簿（它的开头不像 .xlsx 或 .xls 文件）。如果它是 CSV 文本，请改名为 .csv'],
  },
  {
    name: 'a workbook cut short',
    files: { 'broken.xlsx': Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]) },
    args: ['compute', 'broken.xlsx'],
    en: ['broken.xlsx: cannot be read as a workbook: it has no ZIP end record: the file is cut short (truncated) or is not a ZIP archive. Open it in Excel or WPS'],
    zh: ['broken.xlsx：无法作为工作簿读取：它没有 ZIP 结束记录：文件被截断了，或者不是 ZIP 压缩包。请在 Excel 或 WPS 中打开并重新另存为 .xlsx（或请对方重新发送文件）。'],
  },
  {
    name: 'years as columns with no indicator named',
    files: { 'data.csv': '地区,2016年,2017年\nA,1,2\n' },
    args: ['compute', 'data.csv'],
    en: ['data.csv:1: the columns are years (2016, 2017) but nothing says which indicator the values are. Give --indicator ID'],
    zh: ['data.csv:1：各列是年份（2016, 2017），但没有说明这些数值是哪个指标。请用 --indicator ID 指定'],
  },
  {
    name: 'two frequencies in one file',
    files: { 'data.csv': 'unit,year,firms\nA,2014,1\nA,2015Q1,2\n' },
    args: ['compute', 'data.csv'],
    en: ['data.csv:3:2 (year): "2015Q1" is quarterly, but data.csv:2:2 has "2014", annual. One file holds one frequency'],
    zh: ['data.csv:3:2 (year)："2015Q1"是季度时期，但 data.csv:2:2 是"2014"，为年度时期。一个文件只能有一种频率：请拆分文件，或换算时期。'],
  },
  // computing: periods, methods, preparation, merging, the map, the sensitivity analysis
  {
    name: 'two files of different frequencies',
    files: { 'a.csv': OK, 'b.csv': 'unit,year,firms\nC,2014Q1,1\nC,2014Q2,2\n' },
    args: ['compute', 'a.csv', 'b.csv'],
    en: ['a.csv holds annual data (2014) but b.csv holds quarterly data (Q1 2014): merged files must have one frequency. Read them separately, or convert one.'],
    zh: ['a.csv是年度数据（2014年），而b.csv是季度数据（2014年第一季度）：合并的文件必须是同一种频率。请分别读取，或换算其中一个。'],
  },
  {
    name: 'chain-linking quarterly data',
    files: { 'data.csv': 'unit,year,firms\nA,2014Q1,1\nA,2014Q2,2\n' },
    args: ['compute', 'data.csv', '--normalise', 'chain-linked'],
    en: ['--normalise chain-linked: data.csv is quarterly data; chain-linking is for annual data. Use fixed-base for periods.'],
    zh: ['--normalise chain-linked：data.csv是季度数据；环比链接只适用于年度数据。时期数据请用 fixed-base。'],
  },
  {
    name: 'goalposts without the framework\'s lower and upper',
    files: { 'data.csv': OK },
    args: ['compute', 'data.csv', '--normalise', 'goalposts'],
    en: ['--normalise goalposts: 2 indicators without "lower" and "upper" in the framework: firms, revenue. Give them in the framework'],
    zh: ['--normalise goalposts：框架中有 2 个指标没有 "lower" 和 "upper"：firms, revenue。请在框架中给出（框架表的 lower/upper/target 列）。'],
  },
  {
    name: 'entropy weights of negative values',
    files: { 'data.csv': 'unit,year,firms,revenue\nA,2014,10,-20\nA,2015,11,22\nB,2014,5,6\nB,2015,6,7\nC,2014,3,4\nC,2015,4,5\n' },
    args: ['compute', 'data.csv', '--weights', 'entropy', '--normalise', 'min-max'],
    en: ['--weights entropy: revenue has negative values; entropy weights need values ≥ 0. Use entropy-minmax, which scales the values first.'],
    zh: ['--weights entropy：revenue 有负值；熵权法要求数值 ≥ 0。请改用 entropy-minmax，它会先对数值做极差标准化。'],
  },
  {
    name: 'imputing by a group column the data does not have',
    files: { 'data.csv': OK },
    args: ['compute', 'data.csv', '--impute', 'group-mean:region', '--normalise', 'min-max'],
    en: ['--impute group-mean:region: data.csv has no group column "region". Declare the column in the framework\'s "groups"'],
    zh: ['--impute group-mean:region：data.csv没有分组列"region"。请在框架的 "groups" 中声明该列（框架表中 type 为 Group），并在数据中给出。'],
  },
  {
    name: 'a map that is a JSON array',
    files: { 'data.csv': OK, 'map.geojson': '[]' },
    args: ['report', 'data.csv', '--format', 'html', '--out', 'r.html', '--map', 'map.geojson'],
    en: ['map.geojson: not a GeoJSON FeatureCollection (found a JSON array). --map needs {"type": "FeatureCollection"'],
    zh: ['map.geojson：不是 GeoJSON FeatureCollection（读到的是JSON 数组）。--map 需要 {"type": "FeatureCollection", "features": [...]}，每个地区一个 Polygon 或 MultiPolygon，坐标为经纬度（EPSG:4326）。'],
  },
  {
    name: 'a map whose features lack the name property',
    files: { 'data.csv': OK, 'map.geojson': JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { NAME_2: 'A' }, geometry: { type: 'Polygon', coordinates: [[[120, 30], [121, 30], [121, 31], [120, 30]]] } }] }) },
    args: ['report', 'data.csv', '--format', 'html', '--out', 'r.html', '--map', 'map.geojson'],
    en: ['map.geojson: no feature has a property "name" to match the units by. The features\' properties are: NAME_2. Name the one holding the unit names with --map-key.'],
    zh: ['map.geojson：没有一个要素有用来匹配地区的属性"name"。要素的属性有：NAME_2。请用 --map-key 指定存放地区名称的那个属性。'],
  },
];

describe('messages in Chinese by default and in English with --lang en', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir();
      for (const [name, content] of Object.entries(c.files ?? {})) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        tempFile(name, content, dir);
      }
      const fill = (s: string): string => s.replaceAll('{dir}', dir);
      const args = c.args.map(fill);
      const zh = await run(args, { cwd: dir });
      expect(zh.code, zh.stderr).toBe(2);
      expect(zh.stdout).toBe('');
      for (const f of c.zh) expect(zh.stderr).toContain(fill(f));
      expect(zh.stderr).not.toMatch(/^\s+at /m);
      const en = await run([...args, '--lang', 'en'], { cwd: dir });
      expect(en.code, en.stderr).toBe(2);
      for (const f of c.en) expect(en.stderr).toContain(fill(f));
      // the English run prints the English text only
      for (const f of c.zh) expect(en.stderr).not.toContain(fill(f));
    });
  }
});
