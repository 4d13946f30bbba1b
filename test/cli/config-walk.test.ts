// Every option of every command can come from the config file (issue 21): for
// each command, each of its options is set once on the command line and once
// from smei.config.json (under the command's name), and both runs give the
// same exit code, the same output and the same files. An option this table
// does not know fails the test, so a new option is walked too.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { fixture, run, tempDir } from '../helpers.js';
import { computeCommand } from '../../src/cli/commands/compute.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { diffCommand } from '../../src/cli/commands/diff.js';
import { reviewCommand } from '../../src/cli/commands/review.js';
import { auditCommand, sensitivityCommand } from '../../src/cli/commands/analysis.js';
import { rebaseCommand } from '../../src/cli/commands/rebase.js';
import { frameworkCommand } from '../../src/cli/commands/framework.js';
import { templateCommand } from '../../src/cli/commands/template.js';
import { dataCommandDef } from '../../src/cli/commands/data.js';
import type { Io } from '../../src/cli/io.js';

const SYN = fixture('zhejiang-synthetic.csv');
const TABLE1 = fixture('zhejiang-cities-2018.csv');

/** Each command's arguments besides the option walked (an option named here is left out of them while it is walked). */
const BASE: Record<string, [string, ...string[]][]> = {
  compute: [[SYN]], report: [[SYN]], diff: [[SYN]], review: [[SYN]], audit: [[SYN]], data: [[SYN]],
  sensitivity: [[SYN], ['--samples', '20'], ['--vary-weights', '10']],
  rebase: [[TABLE1], ['--to', '2017']],
  template: [['--units', '杭州市,宁波市'], ['--period', '2019'], ['--out', 'form.xlsx']],
  framework: [],
};

/** A value for each option: the words on the command line, and the same in the config file. */
type Sample = [string[], unknown];
const COMMON: Record<string, Sample> = {
  framework: [['zhejiang'], 'zhejiang'], baseYear: [['2015'], 2015], basePeriod: [['2015'], '2015'], aggregateUnit: [['浙江省'], ['浙江省']],
  encoding: [['utf-8'], 'utf-8'], delimiter: [[','], ','], sheet: [['1'], '1'], headerRow: [['1'], 1], unitColumn: [['地区'], '地区'],
  ignoreColumn: [['government_efficiency'], ['government_efficiency']], indicator: [['firms'], 'firms'], autoAggregate: [[], false],
  review: [[], false], level: [['outlier=off'], ['outlier=off']], normalise: [['min-max'], 'min-max'], weights: [['equal'], 'equal'],
  aggregation: [['geometric'], 'geometric'], denominate: [[], true], impute: [['mean'], 'mean'], screen: [['0.5'], 0.5],
  treat: [['winsorise'], 'winsorise'], scope: [['panel'], 'panel'], allowInconsistent: [[], true], quiet: [[], true],
  period: [['2017'], '2017'], year: [['2017'], 2017], refYear: [['2015'], 2015], lang: [['en'], 'en'], decimals: [['3'], 3],
  color: [[], false], ahpRi: [['cn'], 'cn'], rename: [['杭州市=杭州'], ['杭州市=杭州']], node: [['competitiveness'], 'competitiveness'], date: [['2020-01-02'], '2020-01-02'],
};
const OWN: Record<string, Record<string, Sample>> = {
  compute: { format: [['json'], 'json'], out: [['out.csv'], 'out.csv'], layout: [['wide'], 'wide'], top: [['3'], 3], bom: [[], true], drivers: [[], true], group: [['x'], 'x'] },
  report: { title: [['T'], 'T'], out: [['r.html'], 'r.html'], format: [['html'], 'html'], unit: [['杭州市'], ['杭州市']], charts: [['charts'], 'charts'], map: [['map.geojson'], 'map.geojson'], mapKey: [['name'], 'name'], check: [['old.md'], 'old.md'], summary: [[], true], audit: [[], true], uncertainty: [['10'], 10] },
  diff: { bom: [[], true], from: [['2016'], '2016'], to: [['2017'], 2017], year: [['2017'], '2017'], top: [['3'], 3], only: [['up'], ['up']], format: [['json'], 'json'], out: [['d.md'], 'd.md'], exitCode: [[], true], tolerance: [['0.1'], 0.1] },
  review: { bom: [[], true], previous: [[SYN], SYN], units: [['杭州市,宁波市'], '杭州市,宁波市'], format: [['md'], 'md'], out: [['r.xlsx'], 'r.xlsx'] },
  audit: { bom: [[], true], format: [['json'], 'json'], out: [['a.csv'], 'a.csv'] },
  sensitivity: { bom: [[], true], varyWeights: [['10'], 10], vary: [['aggregation=arithmetic,geometric'], ['aggregation=arithmetic,geometric']], samples: [['30'], 30], seed: [['2'], 2], removeOne: [['module'], 'module'], format: [['json'], 'json'], out: [['s.csv'], 's.csv'] },
  rebase: { bom: [[], true], to: [['2018'], '2018'], splice: [[], true], at: [['2017'], '2017'], format: [['csv'], 'csv'], out: [['r.json'], 'r.json'] },
  template: { units: [['units.txt'], 'units.txt'], period: [['2025H1'], '2025H1'], layout: [['sheets'], 'sheets'], previous: [[SYN], SYN], out: [['forms/'], 'forms/'] },
  data: { layout: [['wide'], 'wide'], format: [['xlsx'], 'xlsx'], out: [['d.xlsx'], 'd.xlsx'], sources: [[], true], bom: [[], true] },
  framework: { format: [['csv'], 'csv'], out: [['f.json'], 'f.json'] },
};

const MAKERS: Record<string, (io: Io, result: { code: number }) => Command> = {
  compute: computeCommand, report: reportCommand, diff: diffCommand, review: reviewCommand, audit: auditCommand, sensitivity: sensitivityCommand,
  rebase: rebaseCommand, framework: frameworkCommand, template: templateCommand, data: dataCommandDef,
};

/** The files of a folder (recursively), by path, with their bytes; the config file left out. */
function files(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'smei.config.json') continue;
    if (statSync(path).isDirectory()) for (const [k, v] of files(path, `${prefix}${name}/`)) out.set(k, v);
    else out.set(prefix + name, readFileSync(path).toString('base64'));
  }
  return out;
}

/** An empty folder with the files some options name (a units list, a stale report). */
function fresh(dir: string): void {
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  writeFileSync(join(dir, 'units.txt'), '杭州市\n宁波市\n');
  writeFileSync(join(dir, 'old.md'), '# old\n');
  const square = (x: number, name: string): unknown => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [[[x, 30], [x + 1, 30], [x + 1, 31], [x, 31], [x, 30]]] } });
  writeFileSync(join(dir, 'map.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [square(120, '杭州市'), square(121, '宁波市')] }));
}

/** The option's value as the config file writes it, and its words on the command line. */
function sample(command: string, o: Option): Sample | undefined {
  return OWN[command]?.[o.attributeName()] ?? COMMON[o.attributeName()];
}

describe('every option of every command from the config file', () => {
  const io = { stdout: () => {}, stderr: () => {}, stdin: (async function* () {})(), env: {}, cwd: '.', stdoutIsTTY: false, stderrIsTTY: false } as unknown as Io;
  for (const [name, make] of Object.entries(MAKERS)) {
    it(`smei ${name}: each option on the command line and in smei.config.json gives the same result`, async () => {
      const options = make(io, { code: 0 }).options.filter((o) => !['config', 'help'].includes(o.attributeName()));
      const unknown = options.filter((o) => sample(name, o) === undefined).map((o) => o.long);
      expect(unknown, `options the walk has no sample for: ${unknown.join(', ')}`).toEqual([]);
      const dir = tempDir();
      let ok = 0;
      for (const o of options) {
        const [words, value] = sample(name, o)!;
        const flag = o.long!;
        const base = BASE[name]!.filter((a) => a[0] !== flag).flat();
        const cli = [...(o.negate ? [flag] : [flag, ...words])];
        fresh(dir);
        const typed = await run([name, ...base, ...cli], { cwd: dir, env: { SOURCE_DATE_EPOCH: '0' } });
        const typedFiles = files(dir);
        fresh(dir);
        writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ [name]: { [o.attributeName()]: value } }));
        const configured = await run([name, ...base], { cwd: dir, env: { SOURCE_DATE_EPOCH: '0' } });
        const what = `smei ${name} ${flag}`;
        // an output path from a config is resolved against the config's folder, so a message may name it in full
        expect(configured.stderr.replaceAll(`${dir}/`, ''), what).toBe(typed.stderr);
        expect(configured.code, what).toBe(typed.code);
        expect(configured.stdout, what).toBe(typed.stdout);
        expect(files(dir), what).toEqual(typedFiles);
        // an internal error is never "the same result"
        expect(typed.stderr, what).not.toContain('internal error');
        if (typed.code !== 2) ok++;
      }
      // most samples are runs that do their work, not refusals compared
      expect(ok, name).toBeGreaterThan(options.length / 2);
    }, 240_000);
  }

  it('"report": { "unit": ["赣县区"] } (a repeatable option with a default) no longer crashes any command', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ report: { unit: ['杭州市', '宁波市'] }, level: ['outlier=off'] }));
    const compute = await run(['compute', SYN], { cwd: dir });
    expect(compute.code, compute.stderr).toBe(0);
    const report = await run(['report', SYN], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const typed = await run(['report', SYN, '--unit', '杭州市', '--unit', '宁波市', '--level', 'outlier=off'], { cwd: tempDir() });
    expect(report.stdout).toBe(typed.stdout);
    const shown = await run(['config', 'report'], { cwd: dir });
    expect(shown.stdout).toMatch(/unit \(--unit\)\s+\["杭州市","宁波市"\]\s+smei\.config\.json/);
  });

  it('"rename": { "OLD": "NEW" } means what the list ["OLD=NEW"] and --rename OLD=NEW mean; a number or a value that is not a name is refused naming the key', async () => {
    const typed = await run(['compute', SYN, '--rename', '杭州市=杭州', '--rename', '宁波市=宁波'], { cwd: tempDir() });
    expect(typed.code, typed.stderr).toBe(0);
    expect(typed.stdout).toMatch(/│ 杭州 +│/);
    expect(typed.stdout).not.toContain('杭州市');
    for (const config of [{ rename: { 杭州市: '杭州', 宁波市: '宁波' } }, { compute: { rename: { 杭州市: '杭州', 宁波市: '宁波' } } }, { rename: ['杭州市=杭州', '宁波市=宁波'] }]) {
      const dir = tempDir();
      writeFileSync(join(dir, 'smei.config.json'), JSON.stringify(config));
      const configured = await run(['compute', SYN], { cwd: dir });
      expect(configured.code, JSON.stringify(config)).toBe(0);
      expect(configured.stdout, JSON.stringify(config)).toBe(typed.stdout);
      expect(configured.stderr, JSON.stringify(config)).toBe(typed.stderr);
      const shown = await run(['config', 'compute'], { cwd: dir });
      expect(shown.stdout).toMatch(/rename \(--rename\)\s+\["杭州市=杭州","宁波市=宁波"\]\s+smei\.config\.json/);
    }
    const refused: [unknown, string][] = [
      [{ rename: 5 }, 'smei: smei.config.json: "rename" must be a list of "OLD=NEW" or an object of old name to new name, like ["龙南县=龙南市"] or { "龙南县": "龙南市" }; got 5.\n'],
      [{ rename: ['杭州市=杭州', 7] }, 'smei: smei.config.json: "rename" must be a list of "OLD=NEW" or an object of old name to new name, like ["龙南县=龙南市"] or { "龙南县": "龙南市" }; got ["杭州市=杭州",7].\n'],
      [{ rename: { 杭州市: 1 } }, 'smei: smei.config.json: "rename": "杭州市" must map to its new name as a string, like ["龙南县=龙南市"] or { "龙南县": "龙南市" }; got 1.\n'],
      [{ review: { rename: { 杭州市: ['杭州'] } } }, 'smei: smei.config.json: "rename": "杭州市" must map to its new name as a string, like ["龙南县=龙南市"] or { "龙南县": "龙南市" }; got ["杭州"].\n'],
    ];
    // in Chinese by default
    const zhDir = tempDir();
    writeFileSync(join(zhDir, 'smei.config.json'), JSON.stringify({ rename: { 杭州市: 1 } }));
    expect((await run(['compute', SYN], { cwd: zhDir })).stderr).toBe('smei: smei.config.json："rename"："杭州市" 必须对应到字符串形式的新名称，如 ["龙南县=龙南市"] 或 { "龙南县": "龙南市" }；实际为 1。\n');
    for (const [config, message] of refused) {
      const dir = tempDir();
      writeFileSync(join(dir, 'smei.config.json'), JSON.stringify(config));
      const r = await run([Object.hasOwn(config as object, 'review') ? 'review' : 'compute', SYN, '--lang', 'en'], { cwd: dir });
      expect(r.code, JSON.stringify(config)).toBe(2);
      expect(r.stderr).toBe(message);
    }
  });
});
