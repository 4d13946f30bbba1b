// The built-in framework: the Zhejiang SME growth index (浙江省小微企业成长指数).
// Modules and sub-indicators are those named in the published material
// (shared/reference/zhejiang-published-figures.json). The official weights are
// not published: equal weights are smei's documented default.
import type { FrameworkSpec } from './types.js';

/** The built-in `zhejiang` framework as a spec. */
export const ZHEJIANG: FrameworkSpec = {
  name: 'zhejiang',
  zh: '浙江省小微企业成长指数',
  en: 'Zhejiang SME growth index',
  baseYear: 2014,
  aggregation: 'arithmetic',
  aggregates: ['浙江省'],
  nodes: [
    { id: 'index', zh: '小微企业成长指数', en: 'SME growth index' },
    { id: 'contribution', parent: 'index', zh: '综合贡献力', en: 'Comprehensive contribution' },
    { id: 'competitiveness', parent: 'index', zh: '核心竞争力', en: 'Core competitiveness' },
    { id: 'activity', parent: 'index', zh: '成长活跃度', en: 'Growth activity' },
    { id: 'institution', parent: 'index', zh: '制度供给力', en: 'Institutional supply' },

    { id: 'firms', parent: 'contribution', zh: '小微企业总数', en: 'Number of small and micro enterprises', unit: '家', unitEn: 'firms' },
    { id: 'revenue', parent: 'contribution', zh: '营业收入总额', en: 'Total operating revenue', unit: '亿元', unitEn: 'hundred million CNY' },
    { id: 'employment', parent: 'contribution', zh: '就业人员总数', en: 'Total employment', unit: '万人', unitEn: 'ten thousand persons' },

    { id: 'new_product_share', parent: 'competitiveness', zh: '新产品产值占比', en: 'Share of new-product output value', unit: '%' },
    { id: 'patents_trademarks_brands', parent: 'competitiveness', zh: '拥有专利、商标、品牌数', en: 'Patents, trademarks and brands held', unit: '件', unitEn: 'items' },
    { id: 'tech_investment_share', parent: 'competitiveness', zh: '科技投入占比', en: 'Share of science and technology investment', unit: '%' },
    { id: 'bachelor_share', parent: 'competitiveness', zh: '本科及以上学历人员比重', en: "Share of staff with a bachelor's degree or above", unit: '%' },
    { id: 'technical_talent_share', parent: 'competitiveness', zh: '技术人才(含高技)比重', en: 'Share of technical talent (incl. senior technicians)', unit: '%' },
    { id: 'asset_turnover', parent: 'competitiveness', zh: '总资产周转率', en: 'Total asset turnover', unit: '次', unitEn: 'times' },

    { id: 'new_firms', parent: 'activity', zh: '新增小微企业数', en: 'Newly established small and micro enterprises', unit: '家', unitEn: 'firms' },
    { id: 'fairs_forums', parent: 'activity', zh: '参与展会、论坛活动次数', en: 'Participation in fairs and forums', unit: '次', unitEn: 'times' },
    { id: 'upgrade_share', parent: 'activity', zh: '小升规占比', en: 'Share upgraded to above designated size', unit: '%' },
    { id: 'survival_rate_3y', parent: 'activity', zh: '小微企业三年存活率', en: 'Three-year survival rate', unit: '%' },

    { id: 'policy_funding', parent: 'institution', zh: '政策资金扶持力度', en: 'Policy funding support', unit: '亿元', unitEn: 'hundred million CNY' },
    { id: 'policy_publicity', parent: 'institution', zh: '政府对扶持政策的宣传', en: 'Government publicity of support policies', unit: '分', unitEn: 'points of 100' },
    { id: 'innovation_policy_satisfaction', parent: 'institution', zh: '对科技创新优惠政策的满意程度', en: 'Satisfaction with innovation incentives', unit: '分', unitEn: 'points of 100' },
    { id: 'tax_relief_satisfaction', parent: 'institution', zh: '对税收减免优惠政策的满意程度', en: 'Satisfaction with tax relief', unit: '分', unitEn: 'points of 100' },
    { id: 'government_efficiency', parent: 'institution', zh: '政府机构的办事效率', en: 'Efficiency of government agencies', unit: '分', unitEn: 'points of 100' },
  ],
};
