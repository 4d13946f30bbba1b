// A partial batch of submissions reviewed against last year's file (found in a
// trial round): a renamed county (龙南县 → 龙南市) and the totals row exist only in
// --previous until they are sent, so --rename and --aggregate-unit, set once for
// the round (smei.config.json), must look at both files, and the rename must
// reach the previous figures (a copied form is then caught as unchanged).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers.js';
import { synthetic } from '../office-files.js';

const { header, rows } = synthetic();
const line = (r: string[]): string => r.join(',');

/** previous.csv: 2017, 杭州市 still under its old name 杭城市; batch.csv: 2018 for 杭州市 (a copy of 2017) and 宁波市, no 浙江省. */
function files(): string {
  const dir = tempDir();
  const y2017 = rows.filter((r) => r[1] === '2017');
  writeFileSync(join(dir, 'previous.csv'), [header.join(','), ...y2017.map((r) => line(r[0] === '杭州市' ? ['杭城市', ...r.slice(1)] : r))].join('\n') + '\n');
  const copied = y2017.find((r) => r[0] === '杭州市')!;
  const ningbo = rows.find((r) => r[0] === '宁波市' && r[1] === '2018')!;
  writeFileSync(join(dir, 'batch.csv'), [header.join(','), line(['杭州市', '2018', ...copied.slice(2)]), line(ningbo)].join('\n') + '\n');
  writeFileSync(join(dir, 'smei.config.json'), JSON.stringify({ aggregateUnit: ['浙江省'], rename: ['杭城市=杭州市'] }));
  return dir;
}

describe('review of a partial batch with --previous', () => {
  it('takes a rename and an aggregate that only the previous file has, and finds the copied form', async () => {
    const dir = files();
    const r = await run(['review', 'batch.csv', '--previous', 'previous.csv', '--format', 'json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/no unit|no such unit|--rename|没有地区|没有这个地区/);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; unit: string }[] }).findings;
    expect(findings.filter((f) => f.rule === 'unchanged').map((f) => f.unit)).toEqual(['杭州市']);
  });

  it('still refuses a rename that names a unit in neither file', async () => {
    const dir = files();
    const r = await run(['review', 'batch.csv', '--previous', 'previous.csv', '--rename', '杭洲市=杭州市'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rename：batch\.csv, previous\.csv中没有地区"杭洲市"。地区有：/);
    const en = await run(['review', 'batch.csv', '--previous', 'previous.csv', '--rename', '杭洲市=杭州市', '--lang', 'en'], { cwd: dir });
    expect(en.stderr).toMatch(/--rename: no unit "?杭洲市/);
  });

  it("passes over the config's rename on data that already has the new name (merged by smei data), but not the same rename typed on the command line", async () => {
    const dir = files();
    // the round's merged data, renamed already: no 杭城市 anywhere
    expect((await run(['data', 'previous.csv', '--out', 'merged.csv'], { cwd: dir })).code).toBe(0);
    const fromConfig = await run(['data', 'merged.csv'], { cwd: dir });
    expect(fromConfig.code, fromConfig.stderr).toBe(0);
    expect(fromConfig.stdout).toContain('杭州市,2017');
    const typed = await run(['data', 'merged.csv', '--rename', '杭城市=杭州市', '--lang', 'en'], { cwd: dir });
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(/--rename: no unit "?杭城市/);
  });
});
