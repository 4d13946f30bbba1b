// The one colour decision, made by the CLI and handed to renderers as a painter.

/** What renderers may do to text: colour is never the only signal. */
export interface Painter {
  color: boolean;
  bold: (s: string) => string;
  dim: (s: string) => string;
  green: (s: string) => string;
  red: (s: string) => string;
}

const same = (s: string): string => s;

/** The painter that leaves text alone. */
export const PLAIN: Painter = { color: false, bold: same, dim: same, green: same, red: same };

/** Decides colour: --no-color, NO_COLOR, TERM=dumb or no TTY turn it off; FORCE_COLOR turns it on. */
export function decideColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** A painter for the decision; chalk is loaded only when colour is on. */
export async function painterFor(color: boolean): Promise<Painter> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { color: true, bold: (s) => c.bold(s), dim: (s) => c.dim(s), green: (s) => c.green(s), red: (s) => c.red(s) };
}
