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
    expect(table.stdout.split('\n')[0]).toBe('湖州市小微企业成长指数 · 小微企业成长指数 · 2015年 · 基期2014年=100');
    const report = await run(['report', path, '--aggregate-unit', '湖州市', '--no-review', '--quiet']);
    expect(report.stdout.split('\n')[0]).toBe('# 湖州市小微企业成长指数报告（2015年）');
    expect(report.stdout).toContain('框架：zhejiang（浙江省小微企业成长指数）');
  });
});
