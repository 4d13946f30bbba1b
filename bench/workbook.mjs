// `node bench/workbook.mjs`: reading a workbook against reading the same data
// as CSV (issue 13's target: an .xlsx of 100,000 rows within 3x the CSV).
// Writes a wide table of 100,000 rows (5,000 units x 20 years x 25 indicators)
// as CSV and as .xlsx, checks smei gives the same JSON for both, then prints
// the medians of interleaved runs. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { out, root, seededRandom } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const UNITS = 5000;
const YEARS = 20;
const INDICATORS = 25;
const modules = ['m1', 'm2', 'm3', 'm4'];
const nodes = [{ id: 'index' }, ...modules.map((m) => ({ id: m, parent: 'index' }))];
for (let i = 0; i < INDICATORS; i++) nodes.push({ id: `i${String(i + 1).padStart(2, '0')}`, parent: modules[i % 4] });
writeFileSync(`${out}/wb-framework.json`, JSON.stringify({ name: 'bench', baseYear: 2001, nodes }));

const rand = seededRandom(7);
const header = ['unit', 'year', ...nodes.slice(5).map((n) => n.id)];
const rows = [header];
for (let u = 0; u < UNITS; u++) {
  for (let y = 0; y < YEARS; y++) rows.push([`U${u}`, 2001 + y, ...Array.from({ length: INDICATORS }, () => Math.round((50 + 100 * rand()) * 100) / 100)]);
}
writeFileSync(`${out}/wide.csv`, `${rows.map((r) => r.join(',')).join('\n')}\n`);
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'data');
writeFileSync(`${out}/wide.xlsx`, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));

const smei = (file, extra = []) => [`${root}bin/smei.js`, 'compute', file, '--framework', `${out}/wb-framework.json`, ...extra];
const json = (file) => spawnSync(process.execPath, smei(file, ['--format', 'json']), { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
const rowsOf = (text) => JSON.parse(text).rows;
const a = rowsOf(json(`${out}/wide.csv`));
const b = rowsOf(json(`${out}/wide.xlsx`));
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the CSV and the workbook give different results');

const time = (file) => {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, smei(file, ['--quiet']), { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`smei failed on ${file}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const csvMs = [];
const xlsxMs = [];
for (let i = 0; i < RUNS; i++) {
  csvMs.push(time(`${out}/wide.csv`));
  xlsxMs.push(time(`${out}/wide.xlsx`));
}
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
const c = median(csvMs);
const x = median(xlsxMs);
console.log('| measure | result | target |');
console.log('|---|---|---|');
console.log(`| smei compute, 100,000-row wide CSV (2.5M cells) | ${(c / 1000).toFixed(2)} s | |`);
console.log(`| smei compute, the same as .xlsx | ${(x / 1000).toFixed(2)} s | |`);
console.log(`| .xlsx / CSV | **${(x / c).toFixed(2)}×** | ≤ 3× |`);
