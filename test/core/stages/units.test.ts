// Stage 2, units and aggregates: totals rows, nodes with data, what is noted.
import { describe, expect, it } from 'vitest';
import { isTotalName } from '../../../src/core/aggregates.js';
import { markAggregates, nodesWithData, settleUnits } from '../../../src/core/stages/units.js';
import { observe, toy } from './toy.js';

describe('units and aggregates', () => {
  const fw = toy();
  const obs = observe(fw, [['杭州', 2014, { a1: 1, a2: 2 }], ['全省', 2014, { a1: 1, a2: 2 }], ['宁波', 2014, { a1: 3 }]]);

  it('knows totals rows by name', () => {
    for (const n of ['合计', '全省', ' Total ', 'ALL', '地区合计']) expect(isTotalName(n)).toBe(true);
    // the county trial's totals and subtotals, ranked among the townships before
    for (const n of ['全县总计', '全县（含开发区）', '全县(含经济开发区)', '合计（不含开发区）', '其中:街道小计', '其中：街道', '乡镇小计', '小计', 'Subtotal', '全镇']) expect(isTotalName(n)).toBe(true);
    for (const n of ['杭州', 'Totalville', '合计数', '龙游县', '湖镇镇（含原十里铺乡）', '小计村']) expect(isTotalName(n)).toBe(false);
  });

  it('marks the totals rows with a note, and --aggregate-unit ones silently', () => {
    const m = markAggregates(obs, fw, { aggregateUnits: ['宁波'] });
    expect(m.aggregate).toEqual([false, true, true]);
    expect(m.notes).toEqual([{ code: 'auto-aggregate', detail: { units: '全省' } }]);
    expect(markAggregates(obs, fw, { autoAggregate: false }).aggregate).toEqual([false, false, false]);
  });

  it('refuses an --aggregate-unit the data lacks, listing the units', () => {
    expect(() => markAggregates(obs, fw, { aggregateUnits: ['温州'] })).toThrow(/--aggregate-unit "温州": no such unit in toy.csv\. Units: 杭州, 全省, 宁波\./);
  });

  it('finds the nodes with data up the tree and warns of a sibling without', () => {
    // b1 has no data anywhere: B neither; A and total do
    const has = nodesWithData(fw, obs);
    expect(fw.nodes.filter((n) => has[n.index]).map((n) => n.id)).toEqual(['total', 'A', 'a1', 'a2']);
    const u = settleUnits(obs, fw, markAggregates(obs, fw, {}), { name: 'fixed-base', params: [] });
    expect(u.warnings).toEqual([{ code: 'no-data', node: 'B' }]);
    expect(u.aggregates).toEqual(['全省']);
    expect(u.directionIgnored).toEqual([]);
  });

  it('notes the lower-is-better indicators that normalise none takes as they are', () => {
    const u = settleUnits(obs, fw, markAggregates(obs, fw, {}), { name: 'none', params: [] });
    expect(u.directionIgnored).toEqual(['a2']);
    expect(u.notes.map((n) => n.code)).toEqual(['auto-aggregate', 'direction-ignored']);
  });
});
