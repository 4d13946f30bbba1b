// A progress line on stderr for inputs that take more than a second.
import type { Io } from './io.js';

/** A throttled "reading FILE: 45%" line, shown only after the first second. */
export function progressReporter(name: string, size: number | undefined, io: Io): { update: (bytes: number) => void; done: () => void } {
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(bytes: number): void {
      const now = Date.now();
      if (now - start < 1000 || now - last < 200) return;
      last = now;
      shown = true;
      const mb = (bytes / 1048576).toFixed(1);
      const pct = size ? ` ${Math.min(100, Math.floor((100 * bytes) / size))}%` : '';
      io.stderr(`\rreading ${name}:${pct} (${mb} MiB)`);
    },
    done(): void {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
