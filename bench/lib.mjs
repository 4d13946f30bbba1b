// Shared by the bench scripts: a synthetic panel (framework and wide CSV) and
// the median wall time of running smei.
import './env.mjs';
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

/**
 * Writes a COINr-shaped data set for the pipeline bench (issue 25): iData.csv
 * (uCode, uName, Time, x0..x99) and iMeta.csv (100 indicators in 10 pillars
 * under Index, weight 1), which smei and COINr both read. Each unit has its own
 * level of each indicator that persists over the years (with a trend and 5 %
 * noise). Three kinds of indicator: near normal (passes the skew and kurtosis
 * test), normal with a few far outliers (winsorising fixes it) and lognormal
 * with a heavy tail (winsorising 5 points does not: the log fallback); every
 * ninth is lower-is-better. 3 % of cells are missing at random. Seeded. With
 * `group`, a column Region_group (four regions, every 13th unit without one).
 */
export function makePipelineData(name, units, years, { indicators = 100, pillars = 10, seed = 25, group = false } = {}) {
  const rand = seededRandom(seed);
  const uniform = () => Math.min(Math.max(rand(), 1e-12), 1 - 1e-12);
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const dir = `${out}/${name}`;
  mkdirSync(dir, { recursive: true });
  const meta = ['Level,iCode,iName,Direction,Weight,Parent,Type'];
  for (let i = 0; i < indicators; i++) meta.push(`1,x${i},Indicator ${i},${i % 9 === 8 ? -1 : 1},1,P${i % pillars},Indicator`);
  for (let p = 0; p < pillars; p++) meta.push(`2,P${p},Pillar ${p},1,1,Index,Aggregate`);
  meta.push('3,Index,Index,1,1,,Aggregate');
  if (group) meta.push(',Region_group,Region,,,,Group');
  writeFileSync(`${dir}/iMeta.csv`, `${meta.join('\n')}\n`);
  const kind = (i) => i % 3; // 0 near normal, 1 outliers, 2 lognormal
  const lines = [`uCode,uName,Time,${group ? 'Region_group,' : ''}${Array.from({ length: indicators }, (_, i) => `x${i}`).join(',')}`];
  for (let u = 0; u < units; u++) {
    const level = Array.from({ length: indicators }, (_, i) => {
      if (kind(i) === 0) return 100 + 15 * normal();
      if (kind(i) === 1) return (u % 397 === 7 ? 40 : 1) * (100 + 15 * normal());
      return Math.exp(3 + 1.5 * normal());
    });
    for (let y = 0; y < years; y++) {
      const cells = level.map((l) => (rand() < 0.03 ? '' : String(Number((l * (1 + 0.02 * y) * (1 + 0.05 * normal())).toPrecision(7)))));
      lines.push(`U${u},Unit ${u},${2015 + y},${group ? `${u % 13 === 0 ? '' : `R${u % 4}`},` : ''}${cells.join(',')}`);
    }
  }
  writeFileSync(`${dir}/iData.csv`, `${lines.join('\n')}\n`);
  return { data: `${dir}/iData.csv`, meta: `${dir}/iMeta.csv` };
}
