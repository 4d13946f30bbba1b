// smei.config.json and `smei config`: defaults from a file, the command line wins, unknown keys refused.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, run, tempDir } from '../helpers.js';

const SYN = fixture('zhejiang-synthetic.csv');

/** A temp folder with a config file in it. */
function withConfig(config: unknown, name = 'smei.config.json'): string {
  const dir = tempDir();
  writeFileSync(join(dir, name), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('smei.config.json', () => {
  it('gives defaults that equal the same options on the command line', async () => {
    const dir = withConfig({ aggregateUnit: ['浙江省'], 'ref-year': 2015, decimals: 3 });
    const fromFile = await run(['compute', SYN], { cwd: dir });
    const typed = await run(['compute', SYN, '--aggregate-unit', '浙江省', '--ref-year', '2015', '--decimals', '3'], { cwd: dir });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(typed.stdout);
    expect(fromFile.stdout).toMatch(/│ 浙江省 │\s+127\.\d{3} │/);
  });

  it('the command line wins; a key under a command name is for that command only', async () => {
    const dir = withConfig({ aggregateUnit: ['浙江省'], lang: 'en', report: { lang: 'zh', refYear: 2015 } });
    const compute = await run(['compute', SYN, '--lang', 'zh'], { cwd: dir });
    expect(compute.stdout).toContain('小微企业成长指数 · 2018');
    const report = await run(['report', SYN], { cwd: dir });
    expect(report.stdout).toContain('较2015年');
    const shown = await run(['config', 'report', '--lang', 'en'], { cwd: dir });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/lang \(--lang\)\s+"en"\s+command line/);
    expect(shown.stdout).toMatch(/refYear \(--ref-year\)\s+"2015"\s+smei\.config\.json/);
    expect(shown.stdout).toMatch(/decimals \(--decimals\)\s+2\s+default/);
    // a negatable option shows both spellings: "review (--no-review)  true" read as if --no-review were given
    expect(shown.stdout).toMatch(/review \(--\[no-\]review\)\s+true\s+default/);
    const json = JSON.parse((await run(['config', '--json'], { cwd: dir })).stdout) as { configFile: string; commands: { command: string; settings: { key: string; value: unknown; from: string }[] }[] };
    expect(json.configFile).toBe('smei.config.json');
    expect(json.commands.map((c) => c.command)).toEqual(['compute', 'report', 'diff', 'review', 'audit', 'sensitivity', 'rebase', 'template', 'data']);
    expect(json.commands[0]!.settings.find((s) => s.key === 'lang')).toEqual({ key: 'lang', option: '--lang', value: 'en', from: 'smei.config.json' });
  });

  it('messages follow the language of the run: Chinese by default, English with --lang en or "lang": "en" in the config', async () => {
    const zh = await run(['compute', 'nope.csv'], { cwd: tempDir() });
    expect(zh.stderr).toBe('smei: nope.csv：无法读取数据文件（没有这个文件）。请检查路径。\n');
    expect((await run(['compute', 'nope.csv', '--lang', 'en'], { cwd: tempDir() })).stderr).toBe('smei: nope.csv: cannot read the data file (no such file). Check the path.\n');
    const dir = withConfig({ lang: 'en' });
    expect((await run(['compute', 'nope.csv'], { cwd: dir })).stderr).toBe('smei: nope.csv: cannot read the data file (no such file). Check the path.\n');
  });

  it('smei config refuses an option the command does not have, as the command would (a typo is not passed over)', async () => {
    const r = await run(['config', 'report', '--langg', 'en'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: smei config report：report 没有选项"--langg"。是否指“--lang”？\n');
    const en = await run(['config', 'report', '--langg', 'en', '--lang', 'en'], { cwd: tempDir() });
    expect(en.stderr).toBe('smei: smei config report: unknown option "--langg" for report. Did you mean "--lang"?\n');
  });

  it('--config names another file; its paths are relative to its own folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ci'));
    writeFileSync(join(dir, 'ci', 'fw.json'), readFileSync(fixture('hand-worked-framework.json')));
    writeFileSync(join(dir, 'ci', 'smei.json'), JSON.stringify({ framework: 'fw.json', aggregateUnit: ['ALL'], out: 'out.json', format: 'json' }));
    const r = await run(['compute', fixture('hand-worked.csv'), '--config', 'ci/smei.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'ci', 'out.json'), 'utf8')) as { framework: string };
    expect(doc.framework).toBe('hand-worked');
  });

  it('unknown keys are errors naming every key, with the nearest option', async () => {
    const dir = withConfig({ aggregateUnits: ['浙江省'], lnag: 'en', report: { titel: 'x' } });
    const zh = await run(['compute', SYN], { cwd: dir });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe('smei: smei.config.json：未知的键 "aggregateUnits"（是否指“aggregateUnit”）；"lnag"（是否指“lang”）；"report.titel"（是否指“title”）。键是选项名（framework、aggregateUnit、refYear、lang、decimals、out 等），或是命令名，其下为该命令的选项；smei <command> --help 列出全部选项。\n');
    const r = await run(['compute', SYN, '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smei: smei.config.json: unknown keys "aggregateUnits" (did you mean "aggregateUnit"?); "lnag" (did you mean "lang"?); "report.titel" (did you mean "title"?). Keys are option names (framework, aggregateUnit, refYear, lang, decimals, out, ...), or a command name holding options for that command; `smei <command> --help` lists them.\n');
  });

  it('bad values and bad JSON are clear errors, exit 2', async () => {
    const cases: [unknown, string][] = [
      [{ decimals: 'many' }, 'smei: smei.config.json: "decimals": --decimals must be a whole number, got "many".\n'],
      [{ quiet: 'yes' }, 'smei: smei.config.json: "quiet" must be true or false, got "yes".\n'],
      [{ refYear: [2015, 2016] }, 'smei: smei.config.json: "refYear" takes one value, got a list.\n'],
      [[1, 2], 'smei: smei.config.json: must be a JSON object of option names and values, like { "framework": "framework.json", "aggregateUnit": ["浙江省"] }.\n'],
    ];
    for (const [config, message] of cases) {
      const r = await run(['compute', SYN, '--lang', 'en'], { cwd: withConfig(config) });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    }
    const broken = await run(['compute', SYN, '--lang', 'en'], { cwd: withConfig('{ "lang": ') });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^smei: smei\.config\.json: not valid JSON/);
    const missing = await run(['compute', SYN, '--config', 'nope.json', '--lang', 'en'], { cwd: tempDir() });
    expect(missing.stderr).toBe('smei: --config nope.json: cannot read it (no such file). Check the path.\n');
    // in Chinese by default (a --lang on the command line would win over the config's "lang"; commander's own words stay English)
    expect((await run(['compute', SYN], { cwd: withConfig({ lang: 'fr' }) })).stderr).toBe('smei: smei.config.json："lang"：Allowed choices are zh, en.\n');
    expect((await run(['compute', SYN], { cwd: withConfig({ decimals: 'many' }) })).stderr).toBe('smei: smei.config.json："decimals"：--decimals 必须是整数，实际为 "many"。\n');
    expect((await run(['compute', SYN], { cwd: withConfig({ quiet: 'yes' }) })).stderr).toBe('smei: smei.config.json："quiet" 必须是 true 或 false，实际为 "yes"。\n');
    expect((await run(['compute', SYN], { cwd: withConfig({ refYear: [2015, 2016] }) })).stderr).toBe('smei: smei.config.json："refYear" 只接受一个值，实际给了一个列表。\n');
    expect((await run(['compute', SYN, '--config', 'nope.json'], { cwd: tempDir() })).stderr).toBe('smei: --config nope.json：无法读取（没有这个文件）。请检查路径。\n');
  });
});
