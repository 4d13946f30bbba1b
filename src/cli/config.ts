// smei.config.json: defaults for any option, so that a CI step and a person at
// the terminal run the same short command. The command line wins; a key that
// names no option is an error.
import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type Command, InvalidArgumentError, type Option } from 'commander';
import { SmeiError } from '../errors.js';
import { BUILT_IN } from '../input/framework.js';
import { nearest, parseJson, quote } from '../text.js';
import type { Io } from './io.js';
import { formatPeriod, type Period } from '../time/period.js';

/** The file looked for in the working folder. */
export const CONFIG_FILE = 'smei.config.json';

/** Options whose values are paths: relative to the config file's folder. */
const PATH_OPTIONS = new Set(['framework', 'out', 'check', 'previous', 'charts', 'map']);

/** Options naming where smei writes: from a config they must stay inside the config's folder. */
const OUTPUT_OPTIONS = new Set(['out', 'charts']);

/** Options a config may also give as an object, old name to new: `"rename": { "龙南县": "龙南市" }` means `["龙南县=龙南市"]`. */
const PAIR_OPTIONS = new Set(['rename']);

/** Whether a config value is a JSON object (not a list). */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The real path of a path's deepest existing ancestor, with the rest appended (links resolved). */
function realish(path: string): string {
  let at = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return path;
      rest.push(basename(at));
      at = up;
    }
  }
}

/**
 * Refuses an output path from a config file that leaves the config's folder
 * (a data folder's config must not send output to ../victim/.bashrc): such a
 * path must be given on the command line.
 */
function confineOutput(text: string, config: LoadedConfig, where: Where): string {
  const full = resolve(config.dir, text);
  const root = realish(config.dir);
  const real = realish(full);
  const rel = relative(root, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    const option = `--${where.en.endsWith('"charts"') ? 'charts' : 'out'}`;
    throw new SmeiError('file', `${where.en}: ${JSON.stringify(text)} is outside the folder of ${config.name} (${config.dir}); a config file may only write inside its own folder. Give a path outside it on the command line (${option}).`, {
      zh: `${where.zh}：${JSON.stringify(text)} 在 ${config.name} 所在的文件夹（${config.dir}）之外；配置文件只能写到它自己的文件夹里。要写到别处，请在命令行上给出路径（${option}）。`,
    });
  }
  return full;
}

/** A key of the config file, as messages name it: `smei.config.json: "out"` and `smei.config.json："out"`. */
interface Where {
  en: string;
  zh: string;
}

/** A loaded config: where it came from and its keys. */
export interface LoadedConfig {
  /** The file as the user named it (or smei.config.json). */
  name: string;
  dir: string;
  /** The working folder: paths stay as written when the config lives there. */
  cwd: string;
  values: Record<string, unknown>;
}

/** camelCase of a key written either way ("aggregate-unit" or "aggregateUnit"). */
function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Reads --config FILE, or smei.config.json in the working folder if there is one. */
export function loadConfig(explicit: string | undefined, io: Io): LoadedConfig | undefined {
  const name = explicit ?? CONFIG_FILE;
  const path = resolve(io.cwd, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (explicit === undefined && code === 'ENOENT') return undefined;
    throw new SmeiError('file', `--config ${name}: cannot read it (${code === 'ENOENT' ? 'no such file' : code ?? e}). Check the path.`, { cause: e, zh: `--config ${name}：无法读取（${code === 'ENOENT' ? '没有这个文件' : code ?? e}）。请检查路径。` });
  }
  const value = parseJson(text, (where, reason, cause) => {
    throw new SmeiError('file', `${name}${where}: not valid JSON (${reason}). Fix the syntax; \`smei config\` shows what smei read.`, { cause, zh: `${name}${where}：不是有效的 JSON（${reason}）。请修正语法；smei config 会显示 smei 读到的设置。` });
  });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SmeiError('file', `${name}: must be a JSON object of option names and values, like { "framework": "framework.json", "aggregateUnit": ["浙江省"] }.`, {
      zh: `${name}：必须是由选项名和值组成的 JSON 对象，如 { "framework": "framework.json", "aggregateUnit": ["浙江省"] }。`,
    });
  }
  return { name, dir: dirname(path), cwd: resolve(io.cwd), values: value as Record<string, unknown> };
}

/** Every option name (camelCase) of the given commands, and the command names. */
function knownKeys(commands: readonly Command[]): { options: Set<string>; commands: Set<string> } {
  const options = new Set<string>();
  for (const c of commands) for (const o of c.options) options.add(o.attributeName());
  options.delete('config');
  return { options, commands: new Set(commands.map((c) => c.name())) };
}

/**
 * Whether every key of the config is an option of `cmd` (at the top or in a
 * section named after any of `names`, the commands): then the keys are known
 * without building the other commands to check them against (start-up).
 */
export function keysOfOneCommand(config: LoadedConfig, cmd: Command, names: readonly string[]): boolean {
  const { options } = knownKeys([cmd]);
  const fits = (values: Record<string, unknown>, top: boolean): boolean =>
    Object.entries(values).every(([key, v]) => (top && names.includes(key) && isObject(v) ? fits(v as Record<string, unknown>, false) : options.has(camel(key)) && !(isObject(v) && !PAIR_OPTIONS.has(camel(key)))));
  return fits(config.values, true);
}

/**
 * Checks every key of the config against the options of all commands (a key
 * may also name a command and hold options for it alone); fails naming the
 * first unknown key with the nearest known one.
 */
export function checkConfigKeys(config: LoadedConfig, commands: readonly Command[]): void {
  const known = knownKeys(commands);
  const bad: string[] = [];
  const badZh: string[] = [];
  const check = (values: Record<string, unknown>, prefix: string, allowCommands: boolean): void => {
    for (const [key, v] of Object.entries(values)) {
      const section = isObject(v);
      // "framework" is a command and an option: an object is the command's section
      if (allowCommands && known.commands.has(key) && (section || !known.options.has(camel(key)))) {
        if (!section) throw new SmeiError('file', `${config.name}: "${key}" must be an object of options for \`smei ${key}\`.`, { zh: `${config.name}："${key}" 必须是由 smei ${key} 的选项组成的对象。` });
        check(v as Record<string, unknown>, `${key}.`, false);
      } else if (section && known.options.has(camel(key)) && !PAIR_OPTIONS.has(camel(key))) {
        // no option takes an object (but --rename's pairs): {} where a number or a name belongs is a mistake, not a section
        const command = prefix === '' ? 'compute' : prefix.slice(0, -1);
        throw new SmeiError('file', `${config.name}: "${prefix}${key}" must be a value (a number, a string, true or false, or a list), not an object (${JSON.stringify(v).slice(0, 40)}). \`smei ${command} --help\` shows what it takes.`, {
          zh: `${config.name}："${prefix}${key}" 必须是一个值（数字、字符串、true 或 false，或列表），不能是对象（${JSON.stringify(v).slice(0, 40)}）。smei ${command} --help 会说明它接受什么。`,
        });
      } else if (!known.options.has(camel(key))) {
        const near = nearest(camel(key), known.options);
        bad.push(`${quote(prefix + key)}${near === undefined ? '' : ` (did you mean ${quote(near)}?)`}`);
        badZh.push(`${quote(prefix + key)}${near === undefined ? '' : `（是否指“${near}”）`}`);
      }
    }
  };
  check(config.values, '', true);
  if (bad.length > 0) {
    throw new SmeiError('file', `${config.name}: unknown key${bad.length > 1 ? 's' : ''} ${bad.join('; ')}. Keys are option names (framework, aggregateUnit, refYear, lang, decimals, out, ...), or a command name holding options for that command; \`smei <command> --help\` lists them.`, {
      zh: `${config.name}：未知的键 ${badZh.join('；')}。键是选项名（framework、aggregateUnit、refYear、lang、decimals、out 等），或是命令名，其下为该命令的选项；smei <command> --help 列出全部选项。`,
    });
  }
}

/**
 * A --rename value from a config as its list of "OLD=NEW": a list or one
 * string as written, an object { "OLD": "NEW" } pair by pair; anything else
 * (a number, an object with a value that is not a name) is refused.
 */
function pairList(raw: unknown, where: Where): unknown[] {
  const example = '["龙南县=龙南市"] or { "龙南县": "龙南市" }';
  const exampleZh = '["龙南县=龙南市"] 或 { "龙南县": "龙南市" }';
  if (isObject(raw)) {
    return Object.entries(raw).map(([old, now]) => {
      if (typeof now !== 'string') {
        throw new SmeiError('file', `${where.en}: ${JSON.stringify(old)} must map to its new name as a string, like ${example}; got ${JSON.stringify(now)}.`, {
          zh: `${where.zh}：${JSON.stringify(old)} 必须对应到字符串形式的新名称，如 ${exampleZh}；实际为 ${JSON.stringify(now)}。`,
        });
      }
      return `${old}=${now}`;
    });
  }
  const items = Array.isArray(raw) ? raw : [raw];
  for (const item of items) {
    if (typeof item !== 'string') {
      throw new SmeiError('file', `${where.en} must be a list of "OLD=NEW" or an object of old name to new name, like ${example}; got ${JSON.stringify(raw)}.`, {
        zh: `${where.zh} 必须是 "OLD=NEW" 的列表，或由旧名称对应到新名称的对象，如 ${exampleZh}；实际为 ${JSON.stringify(raw)}。`,
      });
    }
  }
  return items;
}

/** Converts a config value to what the option would hold had it been typed. */
function optionValue(option: Option, raw: unknown, config: LoadedConfig, key: string): unknown {
  const where: Where = { en: `${config.name}: "${key}"`, zh: `${config.name}："${key}"` };
  if (option.negate || option.isBoolean()) {
    if (typeof raw !== 'boolean') throw new SmeiError('file', `${where.en} must be true or false, got ${JSON.stringify(raw)}.`, { zh: `${where.zh} 必须是 true 或 false，实际为 ${JSON.stringify(raw)}。` });
    return raw;
  }
  const repeatable = option.variadic || option.description.includes('repeatable');
  const given = PAIR_OPTIONS.has(option.attributeName()) ? pairList(raw, where) : raw;
  const items = Array.isArray(given) ? given : [given];
  if (!repeatable && Array.isArray(raw)) throw new SmeiError('file', `${where.en} takes one value, got a list.`, { zh: `${where.zh} 只接受一个值，实际给了一个列表。` });
  // a repeatable option starts from its default, as commander starts it (a parser may add to a list it is given)
  let value: unknown = repeatable && Array.isArray(option.defaultValue) ? [...(option.defaultValue as unknown[])] : undefined;
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new SmeiError('file', `${where.en} must be a string or a number${repeatable ? ' (or a list of them)' : ''}, got ${JSON.stringify(item)}.`, { zh: `${where.zh} 必须是字符串或数字${repeatable ? '（或它们的列表）' : ''}，实际为 ${JSON.stringify(item)}。` });
    }
    let text = String(item);
    const builtIn = option.attributeName() === 'framework' && Object.hasOwn(BUILT_IN, text);
    // a folder said with a trailing slash (template --out forms/) stays one when resolved
    const folder = /[/\\]$/.test(text) ? sep : '';
    if (OUTPUT_OPTIONS.has(option.attributeName()) && text !== '-') text = confineOutput(text, config, where) + folder;
    else if (PATH_OPTIONS.has(option.attributeName()) && !isAbsolute(text) && !builtIn && config.dir !== config.cwd) {
      text = resolve(config.dir, text) + folder;
    }
    try {
      value = option.parseArg ? option.parseArg(text, value) : repeatable ? [...((value as string[] | undefined) ?? []), text] : text;
    } catch (e) {
      // the option's own refusal, in Chinese where it has one (options.ts gives its refusals a zh)
      const zh = (e as { zh?: unknown }).zh;
      if (e instanceof InvalidArgumentError) throw new SmeiError('file', `${where.en}: ${e.message}`, { cause: e, zh: `${where.zh}：${typeof zh === 'string' ? zh : e.message}` });
      throw e;
    }
  }
  return value;
}

/**
 * Sets, on the command about to run, every option the config gives and the
 * command line does not (source 'config'). Values under the command's own name win over top-level ones.
 */
export function applyConfig(cmd: Command, config: LoadedConfig): void {
  const own = config.values[cmd.name()];
  const section = isObject(own);
  // objects at the top are command sections (no option takes an object but --rename, old name to new)
  const top = Object.fromEntries(Object.entries(config.values).filter(([k, v]) => !isObject(v) || PAIR_OPTIONS.has(camel(k))));
  const layers = [top, ...(section ? [own as Record<string, unknown>] : [])];
  for (const layer of layers) {
    for (const [key, raw] of Object.entries(layer)) {
      const option = cmd.options.find((o) => o.attributeName() === camel(key));
      if (option === undefined) continue; // an option of another command
      const name = option.attributeName();
      const source = cmd.getOptionValueSource(name);
      if (source !== undefined && source !== 'default' && source !== 'config') continue;
      cmd.setOptionValueWithSource(name, optionValue(option, raw, config, key), 'config');
    }
  }
}

/** One line of `smei config`: an option, its value and where it came from. */
export interface EffectiveSetting {
  /** The key as a config file writes it. */
  key: string;
  /** The command-line flag. */
  option: string;
  value: unknown;
  from: string;
}

/** The effective settings of a command after the config and the command line. */
export function effectiveSettings(cmd: Command, config: LoadedConfig | undefined): EffectiveSetting[] {
  return cmd.options
    .filter((o) => o.attributeName() !== 'config' && cmd.getOptionValue(o.attributeName()) !== undefined)
    .map((o) => {
      const source = cmd.getOptionValueSource(o.attributeName());
      const from = source === 'config' ? config!.name : source === 'cli' ? 'command line' : 'default';
      const v = cmd.getOptionValue(o.attributeName()) as unknown;
      // a period shows as written (2018Q3), not as the object smei parsed it into
      const value = typeof v === 'object' && v !== null && 'freq' in v && 'key' in v ? formatPeriod((v as Period).key, (v as Period).freq) : v;
      return { key: o.attributeName(), option: o.long ?? o.flags, value, from };
    });
}
