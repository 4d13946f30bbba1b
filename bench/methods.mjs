// `node bench/methods.mjs`: issue 14's target: 1,000 units × 100 indicators ×
// 10 years computed with entropy weights and min-max normalisation in under 2 s.
// Writes the data (wide CSV) and a framework of 100 indicators in 10 modules,
// then times `smei compute` (medians of interleaved runs). Not part of npm test.
import { writeFileSync } from 'node:fs';
import { medianTime, out, seededRandom } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const UNITS = 1000;
const YEARS = 10;
const IND = 100;
const nodes = [{ id: 'index' }];
for (let m = 0; m < 10; m++) nodes.push({ id: `m${m}`, parent: 'index' });
for (let i = 0; i < IND; i++) nodes.push({ id: `x${i}`, parent: `m${i % 10}`, ...(i % 9 === 8 ? { direction: -1 } : {}) });
writeFileSync(`${out}/methods-framework.json`, JSON.stringify({ name: 'bench-methods', baseYear: 2011, nodes }));
const rand = seededRandom(99);
const lines = [`unit,year,${nodes.slice(11).map((n) => n.id).join(',')}`];
for (let u = 0; u < UNITS; u++) for (let y = 0; y < YEARS; y++) lines.push(`U${u},${2011 + y},${Array.from({ length: IND }, () => (10 + 90 * rand()).toFixed(3)).join(',')}`);
writeFileSync(`${out}/methods.csv`, `${lines.join('\n')}\n`);

const median = medianTime(['compute', `${out}/methods.csv`, '--framework', `${out}/methods-framework.json`, '--weights', 'entropy', '--normalise', 'min-max', '--quiet', '--no-review'], RUNS);
console.log('| measure | result | target |');
console.log('|---|---|---|');
console.log(`| smei compute, 1,000 units × 100 indicators × 10 years, entropy + min-max | ${(median / 1000).toFixed(2)} s | < 2 s |`);
