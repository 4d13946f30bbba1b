// `node bench/xlsx-out.mjs [units...]`: writing the results workbook of a large
// honest panel (issue 22: 10,000 units x 1,000 indicators). For each size,
// generates a wide CSV of units x 1,000 indicators x 2 years (seeded), then
// runs `smei compute --out x.xlsx` and `smei compute` (CSV to stdout) once
// each, printing wall time and peak RSS (a preload reads the process's
// maxRSS at exit). Sizes default to 2,000 and 10,000 units; BENCH_INDICATORS
// changes the width. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { here, makePanel, out, root } from './lib.mjs';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 1000);
const rssFile = `${out}/xlsx-out-rss.txt`;

function run(args) {
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', `${here}rss.cjs`, `${root}bin/smei.js`, ...args], {
    cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SMEI_BENCH_RSS: rssFile }, maxBuffer: 1 << 30,
  });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const mib = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { s, mib, status: r.status, err: r.stderr.toString().slice(-300) };
}

for (const units of sizes.length ? sizes : [2000, 10000]) {
  const [csv, fw] = makePanel(`xo${units}x${INDICATORS}`, units, INDICATORS, 2);
  const mb = (statSync(csv).size / 2 ** 20).toFixed(0);
  const xlsx = `${out}/xo${units}.xlsx`;
  rmSync(xlsx, { force: true });
  const a = run(['compute', csv, '--framework', fw, '--format', 'csv']);
  const b = run(['compute', csv, '--framework', fw, '--out', xlsx]);
  const size = existsSync(xlsx) ? `${(statSync(xlsx).size / 2 ** 20).toFixed(1)} MiB` : 'none';
  console.log(`${units} units x ${INDICATORS} indicators x 2 years (${mb} MiB CSV)`);
  console.log(`  compute (CSV out)   ${a.s.toFixed(1)} s  ${a.mib.toFixed(0)} MiB peak RSS  exit ${a.status}`);
  console.log(`  compute --out xlsx  ${b.s.toFixed(1)} s  ${b.mib.toFixed(0)} MiB peak RSS  exit ${b.status}  (${size})${b.status ? `\n  ${b.err}` : ''}`);
}
