// smei config: the effective settings of a command, and where each came from
// (default, the config file, or the command line).
import { Command } from 'commander';
import displayWidth from '../../render/width.js';
import { SmeiError } from '../../errors.js';
import { didYouMean, quote } from '../../text.js';
import { applyConfig, checkConfigKeys, CONFIG_FILE, effectiveSettings, loadConfig } from '../config.js';
import type { Io } from '../io.js';

/** Defines `smei config`; `commands` are the commands whose settings it can show. */
export function configCommand(io: Io, result: { code: number }, commands: Command[]): Command {
  return new Command('config')
    .description(`show the effective settings of a command and where each came from (${CONFIG_FILE}, --config, the command line)`)
    .argument('[command]', 'the command to show (default: all)')
    .argument('[options...]', 'options as you would give them to the command, to see how they combine')
    .option('--config <file>', `the config file (default: ./${CONFIG_FILE} if there is one)`)
    .option('--json', 'print JSON instead of text')
    .allowUnknownOption()
    .addHelpText('after', `
A config file holds defaults for any option, e.g.
  { "framework": "framework.json", "aggregateUnit": ["浙江省"], "refYear": 2015,
    "report": { "out": "docs/report.md" } }
Keys are option names (camelCase or kebab-case); a key named after a command
holds options for that command only. The command line wins over the file.

Examples:
  smei config
  smei config report --lang en`)
    .action((name: string | undefined, rest: string[], opts: { config?: string; json?: boolean }) => {
      const config = loadConfig(opts.config, io);
      if (config !== undefined) checkConfigKeys(config, commands);
      const names = commands.map((c) => c.name()).filter((n) => n !== 'config');
      if (name !== undefined && !names.includes(name)) {
        throw new SmeiError('usage', `smei config ${quote(name)}: no such command.${didYouMean(name, names)} Commands: ${names.join(', ')}.`, { zh: `smei config ${quote(name)}：没有这个命令。${didYouMean(name, names, 'zh')}命令有：${names.join(', ')}。` });
      }
      const shown = name === undefined ? commands.filter((c) => c.name() !== 'framework' && c.name() !== 'config') : commands.filter((c) => c.name() === name);
      const out: { command: string; settings: ReturnType<typeof effectiveSettings> }[] = [];
      // Only `config` runs in this invocation, so the commands' own option state is free to use here.
      for (const cmd of shown) {
        const { unknown } = cmd.parseOptions(name === undefined ? [] : rest);
        // a typo is said, as the command itself would say it (parseOptions alone passes it over)
        const stray = unknown.find((a) => a.startsWith('-'));
        if (stray !== undefined) throw new SmeiError('usage', `smei config ${name}: unknown option ${quote(stray)} for ${name}.${didYouMean(stray, cmd.options.map((o) => o.long ?? '').filter(Boolean))}`, { zh: `smei config ${name}：${name} 没有选项${quote(stray)}。${didYouMean(stray, cmd.options.map((o) => o.long ?? '').filter(Boolean), 'zh')}` });
        if (config !== undefined) applyConfig(cmd, config);
        out.push({ command: cmd.name(), settings: effectiveSettings(cmd, config) });
      }
      const file = config === undefined ? (opts.config ?? `none (no ${CONFIG_FILE} in ${io.cwd})`) : config.name;
      if (opts.json) {
        io.stdout(`${JSON.stringify({ configFile: config?.name ?? null, commands: out }, null, 2)}\n`);
      } else {
        const lines = [`config file: ${file}`];
        for (const c of out) {
          lines.push('', `smei ${c.command}:`);
          // a negatable option as --[no-]review: "review (--no-review) true" read as if --no-review were on
          const keys = c.settings.map((s) => `${s.key} (${s.option.replace(/^--no-/, '--[no-]')})`);
          const values = c.settings.map((s) => JSON.stringify(s.value));
          const pad = (t: string, w: number): string => t + ' '.repeat(Math.max(0, w - displayWidth(t)));
          const kw = Math.max(...keys.map((k) => displayWidth(k)));
          const vw = Math.max(...values.map((v) => displayWidth(v)));
          c.settings.forEach((s, i) => lines.push(`  ${pad(keys[i]!, kw)}  ${pad(values[i]!, vw)}  ${s.from}`));
        }
        io.stdout(`${lines.join('\n')}\n`);
      }
      result.code = 0;
    });
}
