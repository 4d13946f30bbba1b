// The smei program: commander setup, the subcommands, errors mapped to exit codes.
import { Command, CommanderError } from 'commander';
import { isSmeiError } from '../errors.js';
import type { Io } from './io.js';
import { applyConfig, checkConfigKeys, keysOfOneCommand, loadConfig } from './config.js';
import { VERSION } from '../version.js';
import { noteRead } from './output.js';
import { zhCommanderError } from './commander-zh.js';
import { basename, resolve } from 'node:path';

/** Options naming files or folders a command reads. */
const READ_OPTIONS = ['framework', 'previous', 'units', 'check', 'config', 'map'];

/** What defines a command. */
type Maker = (io: Io, result: { code: number }) => Command;

/**
 * The commands (config aside), by name, in the order help lists them. Each
 * command's module is loaded when the command is built, and a run builds
 * only its own (start-up pays for one command's code, not ten).
 */
const MAKERS: Record<string, () => Promise<Maker>> = {
  compute: async () => (await import('./commands/compute.js')).computeCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  review: async () => (await import('./commands/review.js')).reviewCommand,
  audit: async () => (await import('./commands/analysis.js')).auditCommand,
  sensitivity: async () => (await import('./commands/analysis.js')).sensitivityCommand,
  rebase: async () => (await import('./commands/rebase.js')).rebaseCommand,
  framework: async () => (await import('./commands/framework.js')).frameworkCommand,
  template: async () => (await import('./commands/template.js')).templateCommand,
  data: async () => (await import('./commands/data.js')).dataCommandDef,
};

/** Exit codes: 0 ok, 1 findings (report --check, diff --exit-code), 2 bad usage or bad data. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

const EXAMPLES = `
Examples:
  smei compute fixtures/zhejiang-cities-2018.csv
  smei compute fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --ref-year 2015
  smei compute fixtures/zhejiang-synthetic.csv --format json --out index.json
  smei report fixtures/zhejiang-synthetic.csv --aggregate-unit 浙江省 --out report.md
  smei diff fixtures/zhejiang-cities-2018.csv --from 2017 --to 2018
  smei compute fixtures/zhejiang-office.xlsx                  # a printed workbook, read as it is
  smei template --units 杭州市,宁波市 --period 2019 --out form.xlsx
  smei review submissions/ --previous data-2018.csv --format xlsx --out review.xlsx
  smei data submissions/ --out round.csv                      # the merged raw data, as read
  smei framework > my-framework.json

Exit codes: 0 ok; 1 findings (report --check differs, diff --exit-code saw changes, review found
errors); 2 bad usage or bad data (the message names the file, line and column).`;

/** Runs smei with arguments (without node and script) and returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  // the language of messages: the command's --lang (from the config file too, once its options are known), zh by default
  let lang: 'zh' | 'en' = argv.includes('--lang=en') || argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh';
  const result = { code: EXIT.ok as number };
  // help wrapped to the terminal's width ($COLUMNS, as shells set it), else 100 columns: commander cannot see a width
  // through io (and does not wrap at all below about 85, where the option column leaves too little room)
  const width = Math.max(85, Math.min(200, Number(io.env.COLUMNS) || 100));
  // commander's own errors (an unknown option, a refused value) in the run's language too
  const output = { writeOut: io.stdout, writeErr: io.stderr, getOutHelpWidth: () => width, getErrHelpWidth: () => width, outputError: (text: string, write: (s: string) => void) => write(lang === 'zh' ? zhCommanderError(text) : text) };
  const helpAfterError = lang === 'zh' ? '（用 --help 查看用法）' : '(run with --help for usage)';
  const program = new Command('smei')
    .description('SME growth index calculator and report generator (小微企业成长指数)')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .showHelpAfterError(helpAfterError)
    .configureOutput(output)
    .addHelpText('after', EXAMPLES);
  const make = async (name: string): Promise<Command> => (await MAKERS[name]!())(io, result).option('--config <file>', `defaults for options from this JSON file (default: ./smei.config.json if there is one)`);
  /** Every command (help lists them; a config file's keys are checked against them all). */
  let all: Command[] | undefined;
  const everyCommand = async (): Promise<Command[]> => {
    if (all === undefined) {
      const made = await Promise.all(Object.keys(MAKERS).map(make));
      const { configCommand } = await import('./commands/config.js');
      made.push(configCommand(io, result, made));
      all = made;
    }
    return all;
  };
  // `smei compute ...` builds compute alone (its options are most of start-up's work); help, config,
  // an unknown or no command build them all, so that help and commander's suggestions see every one.
  const first = argv[0] ?? '';
  const alone = Object.hasOwn(MAKERS, first) && !argv.includes('--help') && !argv.includes('-h');
  for (const cmd of alone ? [await make(first)] : await everyCommand()) {
    program.addCommand(cmd.exitOverride().showHelpAfterError(helpAfterError).configureOutput(output));
  }
  // Before a command runs: the config file's values where the command line gave none.
  program.hook('preAction', async (_program, cmd) => {
    if (cmd.name() === 'config') return;
    const config = loadConfig(cmd.getOptionValue('config') as string | undefined, io);
    if (config !== undefined) {
      // a config of this command's options alone is checked without building the others (they load other files)
      if (!(alone && keysOfOneCommand(config, cmd, [...Object.keys(MAKERS), 'config']))) {
        const every = await everyCommand();
        checkConfigKeys(config, alone ? [...every.filter((c) => c.name() !== first), cmd] : every);
      }
      applyConfig(cmd, config);
      if (cmd.getOptionValueSource('rename') === 'config') cmd.setOptionValue('renameFromConfig', true);
    }
    if (cmd.getOptionValue('lang') === 'en' || cmd.getOptionValue('lang') === 'zh') lang = cmd.getOptionValue('lang') as 'zh' | 'en';
    // what this run reads, so that --out never lands on it (data files and folders, framework, lists, config)
    const opt = (name: string): string | undefined => {
      const v = cmd.getOptionValue(name) as unknown;
      return typeof v === 'string' ? v : undefined;
    };
    noteRead(io, [...cmd.args, ...READ_OPTIONS.map(opt), config === undefined ? undefined : resolve(config.dir, basename(config.name))]);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message; help and version exit 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (isSmeiError(e)) {
      io.stderr(`smei: ${lang === 'zh' && e.zh !== undefined ? e.zh : e.message}\n`);
      if (debug) io.stderr(`${e.stack ?? ''}\n${e.cause instanceof Error ? `cause: ${e.cause.stack}\n` : ''}`);
      return EXIT.failure;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`smei: internal error: ${err.message}. Please report it with the command line and, if you can, the data.${debug ? '' : ' Run with --debug for details.'}\n`);
    if (debug) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT.failure;
  }
}
