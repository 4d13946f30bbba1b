// Generates the benchmark input: a long CSV of 2,000 units x 20 years x 25
// indicators (1,000,000 rows) and a matching framework (25 indicators in 4
// modules). Seeded, so every run writes the same files.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';

/** Writes bench/out/long.csv and bench/out/framework.json; returns their paths. */
export async function generate(dir, { units = 2000, years = 20, indicators = 25 } = {}) {
  mkdirSync(dir, { recursive: true });
  const modules = ['m1', 'm2', 'm3', 'm4'];
  const nodes = [{ id: 'index' }, ...modules.map((m) => ({ id: m, parent: 'index' }))];
  for (let i = 0; i < indicators; i++) nodes.push({ id: `i${String(i + 1).padStart(2, '0')}`, parent: modules[i % 4], ...(i % 7 === 6 ? { direction: -1 } : {}) });
  writeFileSync(`${dir}/framework.json`, JSON.stringify({ name: 'bench', baseYear: 2001, aggregation: 'arithmetic', nodes }, null, 2));

  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out = createWriteStream(`${dir}/long.csv`);
  out.write('unit,year,indicator,value\n');
  const ids = nodes.slice(5).map((n) => n.id);
  let buf = '';
  for (let u = 0; u < units; u++) {
    const unit = `县${String(u + 1).padStart(4, '0')}`;
    const base = ids.map(() => 50 + rand() * 1000);
    for (let y = 0; y < years; y++) {
      for (let i = 0; i < ids.length; i++) {
        base[i] *= 1 + (rand() * 0.2 - 0.05);
        buf += `${unit},${2001 + y},${ids[i]},${base[i].toFixed(3)}\n`;
      }
      if (buf.length > 1 << 16) {
        if (!out.write(buf)) await once(out, 'drain');
        buf = '';
      }
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return { csv: `${dir}/long.csv`, framework: `${dir}/framework.json`, rows: units * years * ids.length };
}
