// `node bench/sensitivity.mjs`: issue 11's targets: 1,000 samples of 11 units ×
// 22 indicators under 2 s, and of 100 units × 50 indicators × 5 years under 15 s
// (`smei sensitivity --vary-weights 20 --vary normalise=...`, one run each,
// medians of three). Not part of npm test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${here}out`;
mkdirSync(out, { recursive: true });
let seed = 5;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

/** Writes a framework and a panel; returns their paths. */
function make(name, units, indicators, years) {
  const modules = 4;
  const nodes = [{ id: 'index' }, ...Array.from({ length: modules }, (_, m) => ({ id: `m${m}`, parent: 'index' }))];
  for (let i = 0; i < indicators; i++) nodes.push({ id: `x${i}`, parent: `m${i % modules}` });
  writeFileSync(`${out}/${name}.json`, JSON.stringify({ name, baseYear: 2015, nodes }));
  const lines = [`unit,year,${nodes.slice(modules + 1).map((n) => n.id).join(',')}`];
  for (let u = 0; u < units; u++) {
    const level = Array.from({ length: indicators }, () => 50 + 50 * rand());
    for (let y = 0; y < years; y++) lines.push(`U${u},${2015 + y},${level.map((l) => (l * (1 + 0.05 * y + 0.1 * rand())).toFixed(3)).join(',')}`);
  }
  writeFileSync(`${out}/${name}.csv`, `${lines.join('\n')}\n`);
  return [`${out}/${name}.csv`, `${out}/${name}.json`];
}

const time = (args) => {
  const ms = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [`${root}bin/smei.js`, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(String(r.stderr));
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b)[1];
};
const [small, smallFw] = make('sens-small', 11, 22, 2);
const [big, bigFw] = make('sens-big', 100, 50, 5);
const vary = ['--vary-weights', '20', '--vary', 'normalise=fixed-base,min-max:1,100', '--samples', '1000', '--quiet', '--no-review'];
const a = time(['sensitivity', small, '--framework', smallFw, ...vary]);
const b = time(['sensitivity', big, '--framework', bigFw, ...vary]);
console.log('| measure | result | target |');
console.log('|---|---|---|');
console.log(`| 1,000 samples, 11 units × 22 indicators | ${(a / 1000).toFixed(2)} s | < 2 s |`);
console.log(`| 1,000 samples, 100 units × 50 indicators × 5 years | ${(b / 1000).toFixed(2)} s | < 15 s |`);
