// Preloaded into a measured process: writes its peak resident memory (KiB)
// to the file named by SMEI_BENCH_RSS when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.SMEI_BENCH_RSS) writeFileSync(process.env.SMEI_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
