// Preloaded (node -r) into a measured process: writes its peak resident
// memory (KiB) to the file named by SMEI_BENCH_RSS when it exits. CommonJS,
// so that the preload adds no ES module loader to what it measures.
process.on('exit', () => {
  if (process.env.SMEI_BENCH_RSS) require('node:fs').writeFileSync(process.env.SMEI_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
