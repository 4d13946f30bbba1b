// `npm run bench`: generates the benchmark data (a 1M-row long CSV, the same
// cells quoted and wide), checks that pandas and DuckDB (where installed:
// Debian's python3-pandas, `npm --prefix bench install`) give smei's numbers,
// then times them side by side with smei, smei on the quoted file against a
// bare csv-parse stream, wide against long, peak memory and start-up.
// Prints medians of several interleaved runs. Not part of `npm test`.
import './env.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${here}out`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const rssFile = `${out}/rss.txt`;

/** Runs a command once: wall time in ms, or (rss) peak RSS in MiB through GNU time or a preload (its time is not used). */
function once(cmd, args, { rss = false } = {}) {
  if (rss) rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  // GNU time, where there is one: a child's peak as the kernel reports it starts from its parent's size at
  // fork, so a small child of this (large) process would read high; time's own child starts small
  const time = rss && existsSync('/usr/bin/time');
  const [bin, argv] = !rss ? [cmd, args] : time ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, ['-r', `${here}rss.cjs`, ...args]];
  const r = spawnSync(bin, argv, {
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

/** The same cells with every text field quoted, and as a wide CSV (unit, year, one column per indicator). */
function variants(g) {
  const lines = readFileSync(g.csv, 'utf8').split('\n').filter((l) => l !== '');
  const quoted = lines.map((l) => {
    const [u, y, i, v] = l.split(',');
    return `"${u}",${y === 'year' ? '"year"' : y},"${i}",${v === 'value' ? '"value"' : v}`;
  });
  writeFileSync(`${out}/long-quoted.csv`, `${quoted.join('\n')}\n`);
  const ids = [];
  const rows = new Map();
  for (const l of lines.slice(1)) {
    const [u, y, i, v] = l.split(',');
    if (!ids.includes(i)) ids.push(i);
    const k = `${u},${y}`;
    if (!rows.has(k)) rows.set(k, []);
    rows.get(k).push(v);
  }
  writeFileSync(`${out}/wide.csv`, `unit,year,${ids.join(',')}\n${[...rows].map(([k, vs]) => `${k},${vs.join(',')}`).join('\n')}\n`);
  return { quoted: `${out}/long-quoted.csv`, wide: `${out}/wide.csv` };
}

/** The latest year's top 20 composite values smei gives, as "unit,index" lines (for comparing with the peers). */
function smeiTop(g) {
  const r = spawnSync('node', [smei, 'compute', g.csv, '--framework', g.framework, '--quiet', '--format', 'json', '--node', 'index', '--no-review'], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  const rows = JSON.parse(r.stdout).rows.filter((x) => x.node === 'index');
  const last = Math.max(...rows.map((x) => x.year));
  return rows.filter((x) => x.year === last).sort((a, b) => b.value - a.value).slice(0, 20).map((x) => [x.unit, x.value]);
}

/** Whether a peer's "unit,index" lines give the same units and values (to 1e-9 relative). */
function agrees(text, top) {
  const got = text.trim().split('\n').map((l) => l.split(','));
  return got.length === top.length && got.every(([u, v], i) => u === top[i][0] && Math.abs(Number(v) / top[i][1] - 1) < 1e-9);
}

/** DuckDB's node package, when bench/node_modules has it. */
const duck = existsSync(`${here}node_modules/@duckdb/node-api`);
const py = pandasPython();
const v = variants(big);
const top = smeiTop(big);
const peers = [];
for (const [name, ok, cmd, script] of [['pandas', py, py, `${here}pandas_index.py`], ['DuckDB', duck, 'node', `${here}duckdb_index.mjs`]]) {
  if (!ok) {
    console.log(`  ${name}: skipped (${name === 'pandas' ? 'no python3 with pandas: apt-get install python3-pandas' : 'run npm --prefix bench install'})`);
    continue;
  }
  const r = spawnSync(cmd, [script, big.csv, big.framework], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (!agrees(r.stdout, top)) throw new Error(`${name} does not give smei's numbers:\n${r.stdout}${r.stderr}`);
  console.log(`  ${name}: the latest year's top 20 equal smei's (1e-9 relative)`);
  peers.push([name, cmd, script]);
}

console.log(`\nthroughput (median of ${RUNS} interleaved runs):`);
const named = {
  smei: ['node', args(big)],
  smeiNoReview: ['node', [...args(big), '--no-review']],
  smeiRss: ['node', args(big), { rss: true }],
  smeiNoReviewRss: ['node', [...args(big), '--no-review'], { rss: true }],
  smeiQuoted: ['node', [...args({ csv: v.quoted, framework: big.framework }), '--no-review']],
  floorQuoted: ['node', [`${here}csv-parse-floor.mjs`, v.quoted]],
  smeiWide: ['node', [...args({ csv: v.wide, framework: big.framework }), '--no-review']],
};
// the same file in GB18030 (Chinese Excel's CSV), where a python3 can write it
const gb = `${out}/long-gb18030.csv`;
const anyPython = py ?? (spawnSync('python3', ['-c', '0']).status === 0 ? 'python3' : undefined);
if (anyPython && spawnSync(anyPython, ['-c', `open(${JSON.stringify(gb)},'wb').write(open(${JSON.stringify(big.csv)},encoding='utf-8').read().encode('gb18030'))`]).status === 0) {
  named.smeiGb = ['node', [...args({ csv: gb, framework: big.framework }), '--no-review']];
}
for (const [name, cmd, script] of peers) named[name] = [cmd, [script, big.csv, big.framework]];
const t = compare(named);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log('');
console.log('| measure | result | target |');
console.log('|---|---|---|');
for (const [name] of peers) {
  const target = name === 'pandas' ? '≤ 0.5×' : '≤ 0.8×';
  console.log(`| 1M-row long CSV: smei / ${name} (${fmt(t[name].ms)}) | ${ratio(t.smeiNoReview.ms, t[name].ms)} (${fmt(t.smeiNoReview.ms)}; with the pre-review ${ratio(t.smei.ms, t[name].ms)}, ${fmt(t.smei.ms)}) | ${target} |`);
}
console.log(`| every text field quoted: smei / bare csv-parse | ${ratio(t.smeiQuoted.ms, t.floorQuoted.ms)} (${fmt(t.smeiQuoted.ms)} / ${fmt(t.floorQuoted.ms)}) | ≤ 1.0× |`);
console.log(`| the same cells wide: smei wide / smei long | ${ratio(t.smeiWide.ms, t.smeiNoReview.ms)} (${fmt(t.smeiWide.ms)}) | ≤ 1.0× |`);
if (t.smeiGb) console.log(`| the same file in GB18030: smei / smei on UTF-8 | ${ratio(t.smeiGb.ms, t.smeiNoReview.ms)} (${fmt(t.smeiGb.ms)}) | |`);
console.log(`| peak memory, 1M rows | ${t.smeiRss.mib.toFixed(0)} MiB (--no-review ${t.smeiNoReviewRss.mib.toFixed(0)} MiB) | ≤ 130 MiB |`);

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
console.log(`| start-up, Table 1 fixture: smei / node -e 0 | ${(s.smei.ms / s.node.ms).toFixed(2)}× (${s.smei.ms.toFixed(0)} ms / ${s.node.ms.toFixed(0)} ms) | ≤ 1.3× |`);
