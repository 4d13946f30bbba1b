// `node bench/startup.mjs`: what a small job costs beyond starting Node, the
// start-up targets of issue 25: `smei compute` on Table 1 against `node -e 0`
// (at most 1.2 times), and the ASEM pipeline (denominate, group-mean impute,
// screen, winsorise, min-max) against Table 1 (at most 1.5 times). Each
// command runs once to write its code cache, then RUNS times (default 21),
// interleaved; medians of wall time. BEFORE=path/to/bin/smei.js times an
// earlier build in the same runs (copy bin/, dist/ and package.json of a
// checkout, with a node_modules link, to keep one). Not part of npm test.
import { spawnSync } from 'node:child_process';
import { extraCaCerts } from './env.mjs';
import { root } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 21);
const builds = { after: `${root}bin/smei.js`, ...(process.env.BEFORE ? { before: process.env.BEFORE } : {}) };
const asem = (f) => `${root}fixtures/coinr-asem/${f}`;
const named = { node: ['-e', '0'] };
for (const [k, bin] of Object.entries(builds)) {
  named[`${k} table1`] = [bin, 'compute', `${root}fixtures/zhejiang-cities-2018.csv`];
  named[`${k} asem`] = [bin, 'compute', asem('ASEM_iData.csv'), '--framework', asem('ASEM_iMeta.csv'), '--denominate', '--impute', 'group-mean:EurAsia_group', '--screen', '0.9', '--treat', 'winsorise:5', '--normalise', 'min-max'];
}
for (const args of Object.values(named)) spawnSync(process.execPath, args, { stdio: 'ignore' });
const times = Object.fromEntries(Object.keys(named).map((k) => [k, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [k, args] of Object.entries(named)) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${k} failed: ${r.stderr}`);
    times[k].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const x = (a, b) => `${(a / b).toFixed(2)}×`;
console.log(`medians of ${RUNS} interleaved runs: node -e 0 ${m.node.toFixed(0)} ms${extraCaCerts ? ' (run without NODE_EXTRA_CA_CERTS, which this shell sets: see bench/env.mjs)' : ''}\n`);
console.log(`| measure | ${Object.keys(builds).join(' | ')} | target |`);
console.log(`|---|${Object.keys(builds).map(() => '---|').join('')}---|`);
console.log(`| Table 1 / \`node -e 0\` | ${Object.keys(builds).map((k) => `${x(m[`${k} table1`], m.node)} (${m[`${k} table1`].toFixed(0)} ms)`).join(' | ')} | ≤ 1.2× |`);
console.log(`| ASEM pipeline / Table 1 | ${Object.keys(builds).map((k) => `${x(m[`${k} asem`], m[`${k} table1`])} (${m[`${k} asem`].toFixed(0)} ms)`).join(' | ')} | ≤ 1.5× |`);
