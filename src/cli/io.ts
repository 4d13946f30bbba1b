// What the CLI is handed instead of touching `process`: streams, env, cwd.

/** The outside world as main() sees it. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: AsyncIterable<Uint8Array>;
  env: Record<string, string | undefined>;
  cwd: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}
