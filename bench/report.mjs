// `node bench/report.mjs`: issue 10's target: `smei report` on 1,000 units ×
// 22 indicators × 10 years renders every format (md, html, docx; and compute's
// xlsx) within 10 s. Medians of three runs. Not part of npm test.
import { statSync } from 'node:fs';
import { makePanel, medianTime, out } from './lib.mjs';

const [data, fw] = makePanel('report-1000', 1000, 22, 10);
const common = [data, '--framework', fw, '--quiet', '--no-review', '--date', '2024-12-31'];
console.log('| output | time | size | target |');
console.log('|---|---|---|---|');
for (const ext of ['md', 'html', 'docx']) {
  const file = `${out}/report-1000.${ext}`;
  const ms = medianTime(['report', ...common, '--unit', 'U0', '--out', file]);
  console.log(`| report .${ext} | ${(ms / 1000).toFixed(2)} s | ${(statSync(file).size / 1024).toFixed(0)} KiB | < 10 s |`);
}
const xlsx = `${out}/index-1000.xlsx`;
const ms = medianTime(['compute', data, '--framework', fw, '--quiet', '--no-review', '--out', xlsx]);
console.log(`| compute .xlsx | ${(ms / 1000).toFixed(2)} s | ${(statSync(xlsx).size / 1024).toFixed(0)} KiB | < 10 s |`);
