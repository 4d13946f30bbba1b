// The same job as bench/pandas_index.py in DuckDB (SQL, 2 threads): the
// fixed-base index (100 x / x_base, or 100 x_base / x for direction -1), equal
// means up to the modules and the composite, ranks in the latest year. Prints
// the latest year's top 20 as "unit,index".
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, frameworkPath] = process.argv.slice(2);
const fw = JSON.parse(readFileSync(frameworkPath, 'utf8'));
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await db.connect();
const leaves = fw.nodes.filter((n) => n.parent && fw.nodes.every((m) => m.parent !== n.id));
const values = leaves.map((n) => `('${n.id}', '${n.parent}', ${n.direction ?? 1})`).join(', ');
const r = await c.runAndReadAll(`
  WITH d AS (SELECT * FROM read_csv('${csv}', header = true, columns = {'unit': 'VARCHAR', 'year': 'INTEGER', 'indicator': 'VARCHAR', 'value': 'DOUBLE'})),
  fw(indicator, module, direction) AS (VALUES ${values}),
  b AS (SELECT unit, indicator, value AS base FROM d WHERE year = ${fw.baseYear}),
  i AS (SELECT d.unit, d.year, fw.module, CASE WHEN fw.direction = -1 THEN 100 * b.base / d.value ELSE 100 * d.value / b.base END AS idx
        FROM d JOIN b USING (unit, indicator) JOIN fw USING (indicator)),
  m AS (SELECT unit, year, module, avg(idx) AS idx FROM i GROUP BY ALL),
  t AS (SELECT unit, year, avg(idx) AS idx FROM m GROUP BY ALL)
  SELECT unit, idx FROM t WHERE year = (SELECT max(year) FROM t) ORDER BY idx DESC LIMIT 20`);
for (const [unit, idx] of r.getRows()) process.stdout.write(`${unit},${idx}\n`);
