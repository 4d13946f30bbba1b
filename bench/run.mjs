// `npm run bench`: generates the benchmark data, then times smei against the
// floor (a bare csv-parse stream with the same parser options) and, where
// python3 with pandas is installed, a plain pandas script; measures peak
// memory at two sizes; and compares smei's start-up with `node -e 0`.
// Prints medians of several interleaved runs. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${here}out`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const rssFile = `${out}/rss.txt`;

/** Runs a command once: wall time in ms and peak RSS in MiB (node commands only). */
function once(cmd, args, { rss = false } = {}) {
  if (rss) rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, rss ? ['--import', `${here}rss.mjs`, ...args] : args, {
    cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SMEI_BENCH_RSS: rss ? rssFile : '' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, mib: rss && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN };
}

/** The median of numbers. */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs commands interleaved `runs` times; returns median ms (and MiB) for each. */
function compare(named, runs = RUNS) {
  const results = Object.fromEntries(Object.keys(named).map((k) => [k, { ms: [], mib: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const [k, [cmd, args, opts]] of Object.entries(named)) {
      const r = once(cmd, args, opts);
      results[k].ms.push(r.ms);
      results[k].mib.push(r.mib);
    }
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ms: median(v.ms), mib: median(v.mib) }]));
}

/** Finds a python3 that has pandas. */
function pandasPython() {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import pandas'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return undefined;
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const smei = `${root}bin/smei.js`;

console.log('generating 1,000,000 rows (2,000 units x 20 years x 25 indicators) ...');
const big = await generate(out);
const half = await generate(`${out}/half`, { units: 1000 });
const args = (g) => [smei, 'compute', g.csv, '--framework', g.framework, '--quiet'];

console.log(`\nthroughput (median of ${RUNS} interleaved runs):`);
const named = {
  floor: ['node', [`${here}csv-parse-floor.mjs`, big.csv], { rss: true }],
  smei: ['node', args(big), { rss: true }],
};
const py = pandasPython();
if (py) named.pandas = [py, [`${here}pandas_index.py`, big.csv, big.framework]];
const t = compare(named);
console.log(`  csv-parse stream (floor)  ${fmt(t.floor.ms)}   peak ${t.floor.mib.toFixed(0)} MiB`);
console.log(`  smei compute              ${fmt(t.smei.ms)}   peak ${t.smei.mib.toFixed(0)} MiB`);
console.log(`  smei / floor              ${(t.smei.ms / t.floor.ms).toFixed(2)}x   (target <= 1.25x)`);
if (py) console.log(`  pandas script             ${fmt(t.pandas.ms)}   smei / pandas ${(t.smei.ms / t.pandas.ms).toFixed(2)}x`);
else console.log('  pandas script             skipped: no python3 with pandas on this machine');

console.log('\nall 1,200,000 result rows written out (median of 3):');
const outputs = compare({
  csv: ['node', [...args(big), '--format', 'csv', '--out', `${out}/result.csv`], { rss: true }],
  json: ['node', [...args(big), '--format', 'json', '--out', `${out}/result.json`], { rss: true }],
}, 3);
console.log(`  --format csv   ${fmt(outputs.csv.ms)}   peak ${outputs.csv.mib.toFixed(0)} MiB`);
console.log(`  --format json  ${fmt(outputs.json.ms)}   peak ${outputs.json.mib.toFixed(0)} MiB`);

console.log('\nmemory against table size:');
const m = compare({ half: ['node', args(half), { rss: true }], full: ['node', args(big), { rss: true }] }, 3);
const baseline = compare({ idle: ['node', ['-e', '0'], { rss: true }] }, 3).idle.mib;
console.log(`  1,000 units: ${m.half.mib.toFixed(0)} MiB   2,000 units: ${m.full.mib.toFixed(0)} MiB   (node -e 0: ${baseline.toFixed(0)} MiB)`);
console.log(`  table 2.00x larger; smei's memory above node's own ${((m.full.mib - baseline) / (m.half.mib - baseline)).toFixed(2)}x   (target: peak < 250 MiB, growth <= table growth)`);

console.log('\nstart-up (Table 1 fixture, median of 20 interleaved runs):');
const s = compare({ node: ['node', ['-e', '0']], smei: ['node', [smei, 'compute', 'fixtures/zhejiang-cities-2018.csv']] }, 20);
console.log(`  node -e 0 ${s.node.ms.toFixed(0)} ms   smei compute ${s.smei.ms.toFixed(0)} ms   ratio ${(s.smei.ms / s.node.ms).toFixed(2)}x   (target <= 2x)`);
