// Shared by the bench scripts: a synthetic panel (framework and wide CSV) and
// the median wall time of running smei.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const here = fileURLToPath(new URL('.', import.meta.url));
export const root = fileURLToPath(new URL('..', import.meta.url));
export const out = `${here}out`;
mkdirSync(out, { recursive: true });

/** A seeded linear congruential generator in [0, 1]: the same data every run. */
export function seededRandom(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const rand = seededRandom(5);

/** Writes a framework of 4 modules and a panel of units × indicators × years (from 2015); returns their paths. */
export function makePanel(name, units, indicators, years) {
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

/** The median wall time in ms of `runs` runs of smei with these arguments. */
export function medianTime(args, runs = 3) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [`${root}bin/smei.js`, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(String(r.stderr));
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}
