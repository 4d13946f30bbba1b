// `node bench/pipeline.mjs`: issue 25's targets, the whole COINr-style
// pipeline against the fixed-base path and against COINr itself.
//   ASEM (fixtures/coinr-asem, 51 units × 49 indicators): denominate,
//     group-mean impute, screen 0.9, winsorise, min-max, arithmetic
//   1,000 units × 100 indicators × 10 years, 3 % gaps: impute mean,
//     winsorise, min-max per year, arithmetic
//   10,000 units × 100 indicators × 1 year: the same pipeline
// The data are generated with a fixed seed (bench/lib.mjs, makePipelineData).
// Where R and COINr are installed (Debian's r-base-core, r-cran-openxlsx,
// r-cran-rlang, r-cran-ggplot2, r-cran-readxl, and COINr from its source with
// R CMD INSTALL), bench/coinr_pipeline.R runs COINr on the same files; the
// Index of every unit and year must agree to 1e-9 before anything is timed.
// Without them that column is skipped with a note. Medians of BENCH_RUNS
// interleaved runs (default 5); peak memory through GNU time.
// SMEI=path/to/bin/smei.js times another build; BEFORE=path/to/bin/smei.js
// also times an earlier build on the same rows, interleaved, for a table of
// before and after. Not part of npm test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { makePipelineData, out, root } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const smei = process.env.SMEI ?? `${root}bin/smei.js`;
const asem = (f) => `${root}fixtures/coinr-asem/${f}`;

console.log('generating 1,000 units × 100 indicators × 10 years and 10,000 units × 100 indicators × 1 year ...');
const panel = makePipelineData('pipe-panel', 1000, 10);
const cross = makePipelineData('pipe-cross', 10000, 1);
const prep = ['--impute', 'mean', '--treat', 'winsorise:5', '--normalise', 'min-max'];
const rows = {
  asem: { label: 'ASEM, 51 units × 49 indicators: denominate, group-mean impute, screen, winsorise, min-max, arithmetic', data: asem('ASEM_iData.csv'), meta: asem('ASEM_iMeta.csv'), args: ['--denominate', '--impute', 'group-mean:EurAsia_group', '--screen', '0.9', '--treat', 'winsorise:5', '--normalise', 'min-max'] },
  panel: { label: '1,000 units × 100 indicators × 10 years, 3 % gaps: impute mean, winsorise, min-max per year, arithmetic', data: panel.data, meta: panel.meta, args: prep },
  cross: { label: '10,000 units × 100 indicators × 1 year, same pipeline', data: cross.data, meta: cross.meta, args: prep },
};
/** smei's command line for a row: the Index (and its pillars) of every unit and year to a CSV file, as COINr writes its own. */
const smeiArgs = (k, extra = [], bin = smei) => [bin, 'compute', rows[k].data, '--framework', rows[k].meta, ...rows[k].args, '--node', 'Index', '--format', 'csv', '--out', `${out}/pipe-${k}-smei.csv`, '--quiet', ...extra];

/** Whether Rscript can load COINr. */
const hasCoinr = spawnSync('Rscript', ['-e', 'library(COINr)'], { stdio: 'ignore' }).status === 0;
const coinrArgs = (k) => [`${root}bench/coinr_pipeline.R`, k, rows[k].data, rows[k].meta, `${out}/pipe-${k}-coinr.csv`];

/** Runs a command once: wall time in ms and (through GNU time, where there is one) CPU time (user + system) in ms and peak RSS in MiB. */
function once(cmd, args) {
  const rss = `${out}/pipe-rss.txt`;
  rmSync(rss, { force: true });
  const time = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const r = spawnSync(time ? '/usr/bin/time' : cmd, time ? ['-f', '%M %U %S', '-o', rss, cmd, ...args] : args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const [kib, user, sys] = existsSync(rss) ? readFileSync(rss, 'utf8').trim().split(/\s+/).map(Number) : [NaN, NaN, NaN];
  return { ms, cpu: (user + sys) * 1000, mib: kib / 1024 };
}

/** The median of numbers. */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the named commands interleaved `runs` times; median wall ms, CPU ms and MiB of each. */
function compare(named, runs = RUNS) {
  const res = Object.fromEntries(Object.keys(named).map((k) => [k, { ms: [], cpu: [], mib: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const [k, [cmd, args]] of Object.entries(named)) {
      const r = once(cmd, args);
      for (const m of ['ms', 'cpu', 'mib']) res[k][m].push(r[m]);
    }
  }
  return Object.fromEntries(Object.entries(res).map(([k, v]) => [k, { ms: median(v.ms), cpu: median(v.cpu), mib: median(v.mib) }]));
}

/** The Index by "unit|year" from a CSV of smei's (unit,year,node,value,...) or COINr's (uCode,Time,Index). */
function indexOf(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const map = new Map();
  for (const l of lines) {
    const c = l.split(',');
    if (cols[0] === 'unit') {
      if (c[2] === 'Index') map.set(`${c[0]}|${c[1]}`, Number(c[3]));
    } else map.set(`${c[0]}|${c[1]}`, c[2] === 'NA' ? NaN : Number(c[2]));
  }
  return map;
}

const named = {};
for (const k of Object.keys(rows)) named[`smei-${k}`] = [process.execPath, smeiArgs(k)];
if (hasCoinr) {
  for (const k of Object.keys(rows)) {
    once('Rscript', coinrArgs(k));
    once(process.execPath, smeiArgs(k));
    const a = indexOf(`${out}/pipe-${k}-smei.csv`);
    const b = indexOf(`${out}/pipe-${k}-coinr.csv`);
    let worst = 0;
    for (const [key, v] of b) {
      const w = a.get(key);
      if (w === undefined) throw new Error(`${k}: COINr has ${key}, smei does not`);
      worst = Math.max(worst, Math.abs(w - v) / Math.max(1, Math.abs(v)));
    }
    if (a.size !== b.size || worst > 1e-9) throw new Error(`${k}: smei and COINr disagree (${a.size} and ${b.size} values, largest difference ${worst})`);
    console.log(`  ${k}: smei and COINr give the same Index for all ${b.size} unit-years (largest relative difference ${worst.toExponential(1)})`);
    named[`coinr-${k}`] = ['Rscript', coinrArgs(k)];
  }
} else console.log('  COINr: skipped (no Rscript with COINr: apt-get install r-base-core r-cran-openxlsx r-cran-rlang r-cran-ggplot2 r-cran-readxl, then R CMD INSTALL on COINr\'s source)');
// the fixed-base path on the same cells: no preparation, indices against 2015 (the review off for both: its rules are not the pipeline)
named['fixed-panel'] = [process.execPath, [smei, 'compute', panel.data, '--framework', panel.meta, '--base-year', '2015', '--node', 'Index', '--format', 'csv', '--out', `${out}/pipe-fixed-smei.csv`, '--quiet', '--no-review']];
named['panel-no-review'] = [process.execPath, smeiArgs('panel', ['--no-review'])];
const before = process.env.BEFORE;
if (before) {
  for (const k of Object.keys(rows)) named[`before-${k}`] = [process.execPath, smeiArgs(k, [], before)];
  named['before-panel-no-review'] = [process.execPath, smeiArgs('panel', ['--no-review'], before)];
  named['before-table1'] = [process.execPath, [before, 'compute', `${root}fixtures/zhejiang-cities-2018.csv`]];
}
named.table1 = [process.execPath, [smei, 'compute', `${root}fixtures/zhejiang-cities-2018.csv`]];
named.node = [process.execPath, ['-e', '0']];

console.log(`\nmedians of ${RUNS} interleaved runs:`);
const t = compare(named);
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** Wall time, and CPU time in brackets (on a loaded machine the steadier of the two). */
const sc = (r) => `${s(r.ms)} (${s(r.cpu)})`;
const x = (a, b) => `${(a / b).toFixed(2)}×`;
console.log('');
console.log('wall time (CPU time, user + system, in brackets)\n');
console.log('| work (whole process) | COINr | smei | COINr / smei | target |');
console.log('|---|---|---|---|---|');
for (const [k, target] of [['asem', '≥ 5×'], ['panel', '≥ 10×'], ['cross', '≥ 10×']]) {
  const c = t[`coinr-${k}`];
  const m = t[`smei-${k}`];
  console.log(`| ${rows[k].label} | ${c ? sc(c) : 'skipped'} | ${sc(m)} | ${c ? `**${x(c.ms, m.ms)}** (${x(c.cpu, m.cpu)})` : ''} | ${target} |`);
}
console.log('');
console.log('| measure | result | target |');
console.log('|---|---|---|');
console.log(`| 1,000 × 100 × 10: pipeline / fixed-base on the same cells (both --no-review) | **${x(t['panel-no-review'].ms, t['fixed-panel'].ms)}** (${sc(t['panel-no-review'])} / ${sc(t['fixed-panel'])}; CPU ${x(t['panel-no-review'].cpu, t['fixed-panel'].cpu)}) | ≤ 3× |`);
console.log(`| ASEM pipeline / \`smei compute\` on Table 1 | **${x(t['smei-asem'].ms, t.table1.ms)}** (${t['smei-asem'].ms.toFixed(0)} ms / ${t.table1.ms.toFixed(0)} ms; CPU ${x(t['smei-asem'].cpu, t.table1.cpu)}) | ≤ 1.5× |`);
console.log(`| Table 1 / \`node -e 0\` | **${x(t.table1.ms, t.node.ms)}** (${t.table1.ms.toFixed(0)} ms / ${t.node.ms.toFixed(0)} ms; CPU ${x(t.table1.cpu, t.node.cpu)}) | ≤ 1.2× |`);
console.log(`| peak memory, 1,000 × 100 × 10 pipeline | **${t['smei-panel'].mib.toFixed(0)} MiB** | < 200 MiB |`);
if (t['coinr-panel']) console.log(`| peak memory, COINr on the same | ${t['coinr-panel'].mib.toFixed(0)} MiB | |`);
if (before) {
  console.log('\nbefore and after (BEFORE and this build, interleaved; wall time, CPU time in brackets)\n');
  console.log('| work | before | after | after / before |');
  console.log('|---|---|---|---|');
  for (const k of ['asem', 'panel', 'cross', 'panel-no-review', 'table1']) {
    const a = t[k === 'table1' ? 'table1' : k === 'panel-no-review' ? 'panel-no-review' : `smei-${k}`];
    const b = t[`before-${k}`];
    console.log(`| ${rows[k]?.label ?? (k === 'table1' ? 'Table 1 fixture, default output' : '1,000 × 100 × 10 pipeline, --no-review')} | ${sc(b)} | ${sc(a)} | ${x(a.ms, b.ms)} (${x(a.cpu, b.cpu)}) |`);
  }
  console.log(`| peak memory, 1,000 × 100 × 10 pipeline | ${t['before-panel'].mib.toFixed(0)} MiB | ${t['smei-panel'].mib.toFixed(0)} MiB | |`);
}
