// `BEFORE=/path/to/old/bin/smei.js node bench/differential.mjs`: runs every
// method combination below through two builds of smei (BEFORE, and AFTER,
// this checkout's by default) and checks that they give the same bytes on
// stdout and stderr and the same exit code: `--format json` (every value,
// rank, flag, weight, warning and note) on COINr's ASEM data (one year and
// the panel), on generated panels with gaps and a group column, and on the
// fixtures. For work that must not change a number (issue 25's speed-ups).
// The BEFORE outputs are kept in bench/out/diff/ (keyed by the build's
// path): delete the folder after changing this file. Not part of npm test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { makePipelineData, out, root } from './lib.mjs';

const before = process.env.BEFORE;
const after = process.env.AFTER ?? `${root}bin/smei.js`;
if (!before) throw new Error('set BEFORE to the bin/smei.js of the build to compare with');
const dir = `${out}/diff`;
mkdirSync(dir, { recursive: true });

const fx = (f) => `${root}fixtures/${f}`;
const gen = makePipelineData('diff-panel', 120, 5, { indicators: 30, pillars: 5, seed: 7, group: true });
const genCross = makePipelineData('diff-cross', 300, 1, { indicators: 20, pillars: 4, seed: 8, group: true });
const sets = {
  asem: [fx('coinr-asem/ASEM_iData.csv'), '--framework', fx('coinr-asem/ASEM_iMeta.csv')],
  asemPanel: [fx('coinr-asem/ASEM_iData_p.csv'), '--framework', fx('coinr-asem/ASEM_iMeta.csv'), '--no-review'],
  gen: [gen.data, '--framework', gen.meta],
  genCross: [genCross.data, '--framework', genCross.meta],
};
const group = { asem: 'EurAsia_group', asemPanel: 'EurAsia_group', gen: 'Region_group', genCross: 'Region_group' };

const cases = [];
for (const [name, base] of Object.entries(sets)) {
  const g = group[name];
  const imputes = [[], ['--impute', 'mean'], ['--impute', 'median'], ['--impute', `group-mean:${g}`], ['--impute', `group-median:${g}`], ['--impute', 'carry-forward'], ['--impute', 'interpolate']];
  for (const imp of imputes) {
    for (const scr of [[], ['--screen', '0.9']]) {
      for (const tr of [[], ['--treat', 'winsorise'], ['--treat', 'winsorise:2']]) cases.push([...base, ...imp, ...scr, ...tr, '--normalise', 'min-max', ...(imp.length || scr.length || name === 'asemPanel' ? [] : ['--no-review'])]);
    }
  }
  if (name === 'asem') cases.push([...base, '--denominate', '--impute', `group-mean:${g}`, '--screen', '0.9', '--treat', 'winsorise:5', '--normalise', 'min-max']);
  const prep = ['--impute', 'mean', '--treat', 'winsorise'];
  for (const nm of ['z-score', 'z-score:100,10', 'rank', 'percentile', 'efficacy', 'efficacy-exponential', 'min-max:1,100']) cases.push([...base, ...prep, '--normalise', nm]);
  for (const w of ['equal', 'entropy', 'entropy-minmax', 'critic', 'cv', 'pca', 'critic:ignore-direction', 'entropy-minmax:ignore-direction']) cases.push([...base, ...prep, '--normalise', 'min-max', '--weights', w]);
  for (const nm of ['none', 'efficacy:70,60']) cases.push([...base, ...prep, '--normalise', nm]);
  for (const a of ['geometric', 'harmonic', 'mpi', 'mpi:+,sample', 'power:2']) cases.push([...base, ...prep, '--normalise', 'min-max:1,100', '--aggregation', a]);
  cases.push([...base, ...prep, '--normalise', 'min-max', '--scope', 'panel']);
  cases.push([...base, '--impute', 'mean', '--normalise', 'fixed-base', '--base-year', name === 'asem' || name === 'asemPanel' ? '2018' : '2015']);
}
for (const f of ['zhejiang-synthetic.csv', 'zhejiang-cities-2018.csv', 'zhejiang-province-2018.csv', 'halfyear-synthetic.csv']) {
  cases.push([fx(f)]);
  for (const nm of ['min-max', 'z-score', 'chain-linked']) cases.push([fx(f), '--normalise', nm, '--no-review']);
  for (const w of ['entropy', 'critic', 'pca', 'cv']) cases.push([fx(f), '--weights', w, '--normalise', 'min-max', '--no-review']);
  cases.push([fx(f), '--impute', 'mean', '--normalise', 'min-max', '--no-review']);
}
cases.push([fx('quarterly-synthetic.csv'), '--framework', fx('quarterly-framework.json')]);
cases.push([fx('hand-worked.csv'), '--framework', fx('hand-worked-framework.json')]);

/** stdout, stderr and exit code of one build on one case. */
function run(bin, args) {
  const r = spawnSync(process.execPath, [bin, 'compute', ...args, '--format', 'json', '--lang', 'en'], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  return `${r.status}\n${r.stderr}\n${r.stdout}`;
}

let differ = 0;
const tag = createHash('sha256').update(before).digest('hex').slice(0, 8);
cases.forEach((args, i) => {
  const key = createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 12);
  const file = `${dir}/${tag}-${key}.txt`;
  let a;
  if (existsSync(file)) a = readFileSync(file, 'utf8');
  else writeFileSync(file, (a = run(before, args)));
  const b = run(after, args);
  const shown = args.map((x) => x.replace(root, '')).join(' ');
  if (a !== b) {
    differ++;
    writeFileSync(`${dir}/after-${key}.txt`, b);
    console.log(`DIFFERS ${i + 1}/${cases.length}: ${shown}  (${file} vs ${dir}/after-${key}.txt)`);
  } else if (process.env.VERBOSE) console.log(`same ${i + 1}/${cases.length}: ${shown} (exit ${a.split('\n')[0]}, ${a.length} bytes)`);
});
console.log(`${cases.length - differ} of ${cases.length} cases give the same bytes${differ ? `; ${differ} differ` : ''}`);
process.exitCode = differ ? 1 : 0;
