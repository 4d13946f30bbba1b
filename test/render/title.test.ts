// The index's name in titles: the built-in framework says 浙江省, which a
// county round is not (the trial: 湖州市's counties under 浙江省小微企业成长指数).
import { describe, expect, it } from 'vitest';
import { checkFramework, frameworkToSpec } from '../../src/framework/check.js';
import { BUILT_IN } from '../../src/input/framework.js';
import { indexTitle } from '../../src/render/title.js';
import { run, tempFile } from '../helpers.js';

describe('the index name in titles', () => {
  const zj = BUILT_IN.zhejiang!();
  it('keeps 浙江省 for the province and its cities; a county round takes its totals row\'s name, or none', () => {
    expect(indexTitle(zj, 'zh', ['浙江省', '杭州市'], ['浙江省'])).toBe('浙江省小微企业成长指数');
    expect(indexTitle(zj, 'zh', ['杭州市', '宁波市'], [])).toBe('浙江省小微企业成长指数');
    expect(indexTitle(zj, 'zh', ['湖州市', '吴兴区', '德清县'], ['湖州市'])).toBe('湖州市小微企业成长指数');
    expect(indexTitle(zj, 'en', ['湖州市', '吴兴区', '德清县'], ['湖州市'])).toBe('湖州市 SME growth index');
    expect(indexTitle(zj, 'zh', ['合计', '吴兴区', '德清县'], ['合计'])).toBe('小微企业成长指数');
    expect(indexTitle(zj, 'zh', ['吴兴区', '德清县'], [])).toBe('小微企业成长指数');
    // a framework of one's own is named as it says, whatever the units
    const own = checkFramework({ ...frameworkToSpec(zj), zh: '温州市小微企业成长指数' }, 'own');
    expect(indexTitle(own, 'zh', ['鹿城区'], [])).toBe('温州市小微企业成长指数');
  });

  it('titles a county round\'s table and report after its totals row', async () => {
    const csv = '地区,年份,小微企业总数,营业收入总额\n湖州市,2014,300,30\n湖州市,2015,330,33\n吴兴区,2014,100,10\n吴兴区,2015,110,11\n德清县,2014,200,20\n德清县,2015,220,22\n';
    const path = tempFile('huzhou.csv', csv);
    const table = await run(['compute', path, '--aggregate-unit', '湖州市', '--no-review']);
    expect(table.stdout.split('\n')[0]).toBe('湖州市小微企业成长指数 · 2015年 · 基期2014年=100');
    const report = await run(['report', path, '--aggregate-unit', '湖州市', '--no-review', '--quiet']);
    expect(report.stdout.split('\n')[0]).toBe('# 湖州市小微企业成长指数报告（2015年）');
    expect(report.stdout).toContain('框架：zhejiang（浙江省小微企业成长指数）');
  });
});

describe('an industry round (the industry trial: every output said 地区)', () => {
  const zj = BUILT_IN.zhejiang!();
  it('is titled by industry, and every table and sentence calls its units 行业, as the data\'s column header does', async () => {
    expect(indexTitle(zj, 'zh', ['全省', '制造业', '建筑业'], ['全省'], '行业')).toBe('浙江省分行业小微企业成长指数');
    expect(indexTitle(zj, 'en', ['全省', '制造业', '建筑业'], ['全省'], '行业')).toBe('Zhejiang SME growth index by industry');
    expect(indexTitle(zj, 'zh', ['制造业', '建筑业'], [], '行业')).toBe('分行业小微企业成长指数');
    // a totals row named after its place and 合计 (the county trial: 柯城区合计小微企业成长指数 in the headline)
    expect(indexTitle(zj, 'zh', ['柯城区合计', '花园街道'], ['柯城区合计'])).toBe('柯城区小微企业成长指数');
    expect(indexTitle(zj, 'zh', ['全区', '花园街道'], ['全区'])).toBe('小微企业成长指数');
    // a totals row of 全区 under a title that names the place (the county re-test): the place from the title
    expect(indexTitle(zj, 'zh', ['全区', '花园街道'], ['全区'], '地区', '柯城区')).toBe('柯城区小微企业成长指数');
    const { readFileSync: read } = await import('node:fs');
    const titled = tempFile('titled.csv', `柯城区小微企业成长指数基础数据表\n${read('fixtures/zhejiang-synthetic.csv', 'utf8').replace(/^(浙江省),/gm, '全区,').replace(/^(\S+?市),/gm, (_m, c: string) => `${c.replace('市', '镇')},`)}`);
    const r = await run(['compute', titled]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('柯城区小微企业成长指数 · 2018年 · 基期2014年=100');
    // the province's totals row written 全省 keeps the built-in framework's 浙江省
    expect(indexTitle(zj, 'zh', ['全省', '西湖区'], ['全省'])).toBe('浙江省小微企业成长指数');
    const { unitWord } = await import('../../src/render/unit-word.js');
    const { readFileSync } = await import('node:fs');
    expect(['行业', '行业名称', '县（市、区）', '县(市、区)', '地区', '单位', 'unit', '', undefined].map(unitWord)).toEqual(['行业', '行业', '县（市、区）', '县（市、区）', '地区', '地区', '地区', '地区', '地区']);
    // the headers a re-test found refused (行业名称, 所属行业, 行业类别, 行业门类, 分行业, 国民经济行业分类): read as the units' column, and called 行业
    expect(['所属行业', '行业类别', '行业门类', '分行业', '国民经济行业分类', '行政区划'].map(unitWord)).toEqual(['行业', '行业', '行业', '行业', '行业', '地区']);
    for (const head of ['行业名称', '所属行业', '行业类别', '行业门类', '分行业', '国民经济行业分类']) {
      const r = await run(['compute', tempFile(`head-${head}.csv`, readFileSync('fixtures/zhejiang-synthetic.csv', 'utf8').replace(/^地区,/, `${head},`))]);
      expect(r.code, `${head}: ${r.stderr}`).toBe(0);
      expect(r.stdout.split('\n')[2], head).toMatch(/^│ 排名 │ 行业 /);
    }
    // a county round's townships (the county trial: 乡镇（街道） was refused), called by their header
    for (const head of ['乡镇（街道）', '乡镇街道', '镇街']) {
      const r = await run(['compute', tempFile(`head-${head}.csv`, readFileSync('fixtures/zhejiang-synthetic.csv', 'utf8').replace(/^地区,/, `${head},`))]);
      expect(r.code, `${head}: ${r.stderr}`).toBe(0);
      expect(r.stdout.split('\n')[2], head).toContain(`│ 排名 │ ${head} `);
    }
    // a header smei does not know, under a title: the header's line, and the column to name
    const odd = tempFile('odd-head.csv', `柯城区小微企业成长指数基础数据表\n金额单位：万元\n${readFileSync('fixtures/zhejiang-synthetic.csv', 'utf8').replace(/^地区,/, '村社,')}`);
    const refused = await run(['compute', odd]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`smei: ${odd}:3：没有地区列（可识别的列名如 地区、城市、县（市、区）、乡镇（街道）、行业、单位名称）。如果第 1 列（"村社"）是地区名称，请用 --unit-column 村社 指定。\n`);
    // a two-row header whose unit column is merged down (the re-test: row 4 named, no column): the name above it
    const { toWorkbook } = await import('../office-files.js');
    const book = tempFile('odd-head.xlsx', toWorkbook({ 基础数据: [['柯城区小微企业成长指数基础数据表'], ['序号', '村社', '年份', '综合贡献力'], ['', '', '', '小微企业总数', '营业收入总额'], [1, '甲村', 2019, 10, 20]] }));
    const merged = await run(['compute', book]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toBe(`smei: ${book}, sheet 基础数据, row 2：没有地区列（可识别的列名如 地区、城市、县（市、区）、乡镇（街道）、行业、单位名称）。如果第 B 列（"村社"）是地区名称，请用 --unit-column 村社 指定。\n`);
    // the synthetic panel's cities as industries, under a 行业 header, with 全省 for 浙江省
    const names = ['全省', '制造业', '建筑业', '批发和零售业', '住宿和餐饮业', '交通运输仓储和邮政业', '信息传输软件和信息技术服务业', '租赁和商务服务业', '科学研究和技术服务业', '居民服务业', '教育', '卫生和社会工作'];
    const cities = ['浙江省', '杭州市', '宁波市', '温州市', '湖州市', '嘉兴市', '绍兴市', '金华市', '衢州市', '舟山市', '台州市', '丽水市'];
    const text = readFileSync('fixtures/zhejiang-synthetic.csv', 'utf8').replace(/^地区,/, '行业,').replace(/^([^,\n]+),/gm, (m, c: string) => (cities.includes(c) ? `${names[cities.indexOf(c)]},` : m));
    const path = tempFile('industry.csv', text);
    const compute = await run(['compute', path]);
    expect(compute.code, compute.stderr).toBe(0);
    const lines = compute.stdout.split('\n');
    expect(lines[0]).toBe('浙江省分行业小微企业成长指数 · 2018年 · 基期2014年=100');
    expect(lines[2]).toMatch(/^│ 排名 │ 行业 /);
    expect((await run(['review', path])).stdout.split('\n')[0]).toMatch(/^数据审核（2014年至2018年，5期，11个行业及汇总行全省）/);
    const report = await run(['report', path, '--no-review', '--quiet']);
    expect(report.stdout.split('\n')[0]).toBe('# 浙江省分行业小微企业成长指数报告（2018年）');
    expect(report.stdout).toContain('## 3. 行业排名');
    expect(report.stdout).toContain('2018年各行业小微企业成长指数');
    expect(report.stdout).not.toMatch(/地区(?!生产总值)/);
    expect((await run(['diff', path, '--from', '2017', '--to', '2018'])).stdout.split('\n')[0]).toMatch(/^11个行业：上升/);
    // the review's sentences too: an outlier is far from the other industries' median
    const review = JSON.parse((await run(['review', path, '--format', 'json', '--period', '2015'])).stdout) as { findings: { rule: string; message: string }[] };
    const outlier = review.findings.find((f) => f.rule === 'outlier');
    expect(outlier?.message).toMatch(/远离各行业的中位数/);
    // and the results workbook's drivers sheet (the county re-test: 增长动力 headed 地区 beside sheets headed 乡镇（街道）)
    const { default: XLSX } = await import('@e965/xlsx');
    const out = tempFile('industry.xlsx', '');
    expect((await run(['compute', path, '--out', out])).code).toBe(0);
    const wb = XLSX.read(readFileSync(out), { type: 'buffer' });
    expect(wb.Sheets['增长动力']!.A1!.v).toBe('行业');
  });
});
