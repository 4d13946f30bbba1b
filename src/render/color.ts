// The one colour decision, made by the CLI and handed to renderers.
import { Chalk, type ChalkInstance } from 'chalk';

/** Decides colour: --no-color, NO_COLOR, TERM=dumb or no TTY turn it off; FORCE_COLOR turns it on. */
export function decideColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** A chalk instance that colours only when told to. */
export function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
