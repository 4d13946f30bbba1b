// CLI cases as a table over the fixtures: arguments, exit code, and what the output holds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { ROOT, fixture, run } from '../helpers.js';

const T1 = fixture('zhejiang-cities-2018.csv');
const SYN = fixture('zhejiang-synthetic.csv');

const cases: { name: string; args: string[]; code: number; stdout?: string[]; stderr?: string[]; env?: Record<string, string> }[] = [
  { name: 'help', args: ['--help'], code: 0, stdout: ['Usage: smei', 'compute', 'report', 'diff', 'Exit codes: 0 ok'] },
  { name: 'compute help shows examples', args: ['compute', '--help'], code: 0, stdout: ['Examples:', '--ref-year', '--aggregate-unit'] },
  { name: 'version', args: ['--version'], code: 0, stdout: [VERSION] },
  { name: 'no command', args: [], code: 2 },
  { name: 'Table 1 table', args: ['compute', T1], code: 0, stdout: ['135.30', '+7.13', '舟山市', '同比(%)'] },
  { name: 'Table 1 in English', args: ['compute', T1, '--lang', 'en'], code: 0, stdout: ['Rank', 'Unit', 'YoY (%)', 'base 2014 = 100'] },
  { name: 'Table 1, 2017: YoY undefined and said why', args: ['compute', T1, '--year', '2017'], code: 0, stdout: ['126.30', '—', '数据中没有2016年'] },
  { name: 'Table 1, one decimal', args: ['compute', T1, '--decimals', '1'], code: 0, stdout: ['135.3 ', '+7.1 '] },
  { name: 'Table 1 as Markdown', args: ['compute', T1, '--format', 'md'], code: 0, stdout: ['| 排名 | 地区 | 小微企业成长指数 | 同比(%) |', '| ---: | :--- | ---: | ---: |', '| 1 | 杭州市 | 135.30 | +7.13 |'] },
  { name: 'Table 1 as CSV', args: ['compute', T1, '--format', 'csv', '--year', '2018'], code: 0, stdout: ['unit,year,node,value,yoy_pct,rank\r\n', '杭州市,2018,index,135.3,7.12589073634204'] },
  { name: 'synthetic with province and reference year', args: ['compute', SYN, '--aggregate-unit', '浙江省', '--ref-year', '2015'], code: 0, stdout: ['较2015年(点)', '综合贡献力', '浙江省为汇总单位，不参与排名'] },
  { name: 'synthetic, one module\'s indicators', args: ['compute', SYN, '--node', 'competitiveness', '--lang', 'en'], code: 0, stdout: ['Core competitiveness', 'Share of new-product output value', 'Total asset turnover'] },
  { name: 'synthetic, --node by Chinese label', args: ['compute', SYN, '--node', '成长活跃度'], code: 0, stdout: ['小微企业三年存活率'] },
  { name: 'synthetic, base year moved', args: ['compute', SYN, '--base-year', '2016', '--year', '2016', '--format', 'csv'], code: 0, stdout: ['杭州市,2016,index,100,'] },
  { name: 'colour forced', args: ['compute', T1], code: 0, env: { NO_COLOR: '', FORCE_COLOR: '1' }, stdout: ['\x1b['] },
  { name: 'synthetic, --top 3', args: ['compute', SYN, '--aggregate-unit', '浙江省', '--top', '3'], code: 0, stdout: ['……另有8个地区未显示（--top 0 显示全部，或用 --format csv/json）'] },
  { name: 'framework prints the built-in one', args: ['framework'], code: 0, stdout: ['"name": "zhejiang"', '"baseYear": 2014', '"id": "survival_rate_3y"', '"weight": 1'] },
];

describe('CLI cases', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await run(c.args, c.env ? { env: c.env } : {});
      expect(r.code, r.stderr).toBe(c.code);
      for (const s of c.stdout ?? []) expect(r.stdout).toContain(s);
      for (const s of c.stderr ?? []) expect(r.stderr).toContain(s);
      if (!c.env) expect(r.stdout).not.toContain('\x1b[');
    });
  }

  it('a terminal table shows 200 units unless told otherwise', async () => {
    const { tempFile } = await import('../helpers.js');
    const rows = ['unit,year,index'];
    for (let i = 0; i < 250; i++) rows.push(`U${i},2018,${100 + i}`);
    const path = tempFile('many.csv', `${rows.join('\n')}\n`);
    const count = (out: string): number => out.split('\n').filter((l) => /^│\s+\d+ │/.test(l)).length;
    const def = await run(['compute', path, '--lang', 'en']);
    expect(count(def.stdout)).toBe(200);
    expect(def.stdout).toContain('... 50 more units not shown (--top 0 shows all; or use --format csv/json)');
    expect(count((await run(['compute', path, '--top', '0'])).stdout)).toBe(250);
    expect(count((await run(['compute', path, '--top', '10'])).stdout)).toBe(10);
  });

  it('the version matches package.json', () => {
    expect(VERSION).toBe((JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version);
  });

  it('smei framework output reads back as the same framework', async () => {
    const a = await run(['framework']);
    const { tempFile } = await import('../helpers.js');
    const path = tempFile('fw.json', a.stdout);
    const b = await run(['framework', '--framework', path]);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('the same input gives byte-identical output', async () => {
    for (const format of ['table', 'json', 'csv', 'md']) {
      const a = await run(['compute', SYN, '--format', format, '--aggregate-unit', '浙江省']);
      const b = await run(['compute', SYN, '--format', format, '--aggregate-unit', '浙江省']);
      expect(a.stdout).toBe(b.stdout);
    }
  });
});
