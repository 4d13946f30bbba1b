// smei framework: print the framework as JSON, to start a custom one from.
import { Command } from 'commander';
import { frameworkToSpec } from '../../framework/check.js';
import { loadFramework } from '../../framework/load.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output.js';

/** Defines `smei framework`. */
export function frameworkCommand(io: Io, result: { code: number }): Command {
  return new Command('framework')
    .description('print the framework (built-in or --framework FILE) as JSON')
    .option('--framework <file>', 'framework JSON file, or a built-in name (default: zhejiang)')
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addHelpText('after', `
Examples:
  smei framework > my-framework.json     # start from the built-in one, then edit
  smei framework --framework my-framework.json   # check a file`)
    .action(async (opts: { framework?: string; out?: string }) => {
      const fw = await loadFramework(opts.framework, io.cwd);
      writeOutput(`${JSON.stringify(frameworkToSpec(fw), null, 2)}\n`, opts.out, io, opts.framework ? [opts.framework] : []);
      result.code = 0;
    });
}
