// `node bench/sensitivity.mjs`: issue 11's targets: 1,000 samples of 11 units ×
// 22 indicators under 2 s, and of 100 units × 50 indicators × 5 years under 15 s
// (`smei sensitivity --vary-weights 20 --vary normalise=...`, one run each,
// medians of three). Not part of npm test.
import { makePanel as make, medianTime as time } from './lib.mjs';

const [small, smallFw] = make('sens-small', 11, 22, 2);
const [big, bigFw] = make('sens-big', 100, 50, 5);
const vary = ['--vary-weights', '20', '--vary', 'normalise=fixed-base,min-max:1,100', '--samples', '1000', '--quiet', '--no-review'];
const a = time(['sensitivity', small, '--framework', smallFw, ...vary]);
const b = time(['sensitivity', big, '--framework', bigFw, ...vary]);
console.log('| measure | result | target |');
console.log('|---|---|---|');
console.log(`| 1,000 samples, 11 units × 22 indicators | ${(a / 1000).toFixed(2)} s | < 2 s |`);
console.log(`| 1,000 samples, 100 units × 50 indicators × 5 years | ${(b / 1000).toFixed(2)} s | < 15 s |`);
