// Renderers for `smei audit` and `smei sensitivity`: table, json, csv and md,
// each a string. The terminal table draws each unit's rank interval as a bar.
import type { Audit } from '../analysis/audit.js';
import type { Sensitivity } from '../analysis/sensitivity.js';
import { labeller, type Framework } from '../framework/types.js';
import { boxTable } from './box.js';
import { L, type Lang } from './i18n.js';
import { ReportDoc } from './markdown.js';
import { fmt } from './number.js';
import { csvLine, markdownText, terminalSafe } from './safe.js';

/** What an analysis render needs. */
export interface AnalysisView {
  lang: Lang;
  decimals: number;
  fw: Framework;
  /** The period in words. */
  periodText: string;
}


/** The audit's two tables as header and rows. */
function auditGrids(a: Audit, v: AnalysisView): { indicators: { head: string[]; rows: string[][] }; nodes: { head: string[]; rows: string[][] } } {
  const label = labeller(v.fw, v.lang);
  const d = v.decimals;
  const zh = v.lang === 'zh';
  const indicators = {
    head: zh ? ['指标', '个数', '缺失比例', '均值', '标准差', '最小值', '最大值', '偏度', '峰度', '标记'] : ['Indicator', 'N', 'Missing', 'Mean', 'SD', 'Min', 'Max', 'Skew', 'Kurtosis', 'Flags'],
    rows: a.indicators.map((s) => [label(s.node), String(s.count), `${fmt(100 * s.missingShare, 1)}%`, fmt(s.mean, d), fmt(s.sd, d), fmt(s.min, d), fmt(s.max, d), fmt(s.skew, d), fmt(s.kurt, d),
      [s.outlier ? L(v.lang, '离群（|偏度|>2且峰度>3.5）', 'outliers (|skew| > 2, kurtosis > 3.5)') : '', s.tinyBase.length ? L(v.lang, `基期值过小：${s.tinyBase.join('、')}`, `tiny base: ${s.tinyBase.join(', ')}`) : ''].filter((x) => x).join('; ')]),
  };
  const corrText = (c: { a: string; b: string; r: number | null; flag: string | null }): string => `${label(c.a)}~${label(c.b)} ${fmt(c.r, 2)}${c.flag === 'negative' ? L(v.lang, '（负）', ' (negative)') : c.flag === 'high' ? L(v.lang, '（>0.9）', ' (> 0.9)') : ''}`;
  const nodes = {
    head: zh ? ['节点', '下级个数', 'Cronbach α（得分）', 'Cronbach α（原始值）', '第一主成分方差占比', '第一主成分载荷', '与本节点相关', '与总指数相关', '需关注的下级间相关'] : ['Node', 'Children', "Cronbach's α (scores)", "Cronbach's α (raw)", 'PC1 share', 'PC1 loadings', 'With the node', 'With the index', 'Flagged correlations among children'],
    rows: a.nodes.map((n) => [label(n.node), String(n.children.length), fmt(n.cronbachAlpha, d), fmt(n.cronbachAlphaRaw, d), n.pc1Share === null ? '—' : `${fmt(100 * n.pc1Share, 1)}%`,
      n.pc1Loadings === null ? '—' : n.pc1Loadings.map((x) => `${label(x.node)} ${fmt(x.loading, 4)}`).join(', '),
      n.withNode.map((c) => `${label(c.a)} ${fmt(c.r, 2)}${c.flag === 'negative' ? '!' : ''}`).join(', '),
      n.withIndex.length ? n.withIndex.map((c) => `${label(c.a)} ${fmt(c.r, 2)}${c.flag === 'negative' ? '!' : ''}`).join(', ') : '—',
      n.among.filter((c) => c.flag !== null).map(corrText).join('; ') || '—']),
  };
  return { indicators, nodes };
}

/** The audit as terminal tables. */
export function renderAuditTable(a: Audit, v: AnalysisView): string {
  const g = auditGrids(a, v);
  const title = L(v.lang, `统计审核（${v.periodText}，${a.units}个地区）`, `Statistical audit (${v.periodText}, ${a.units} units)`);
  return `${title}\n${boxTable(g.indicators.head, g.indicators.rows.map((r) => r.map(terminalSafe)), g.indicators.head.map((_, i) => i > 0 && i < 9))}\n${boxTable(g.nodes.head, g.nodes.rows.map((r) => r.map(terminalSafe)), g.nodes.head.map((_, i) => i > 0 && i < 5))}\n${scoresSentence(a, v.lang)}\n`;
}

/** The audit as Markdown (also the report's audit section). */
export function auditMarkdown(a: Audit, v: AnalysisView, doc = new ReportDoc()): ReportDoc {
  const g = auditGrids(a, v);
  doc.paragraph(markdownText(L(v.lang, `${v.periodText}，${a.units}个地区。离群标记沿用 COINr：|偏度|>2且峰度>3.5（样本调整偏度与超额峰度）；基期值不足中位数1%的地区其定基比会剧烈放大。相关系数为负或大于0.9者标出；Cronbach α 与第一主成分方差占比衡量各节点下级指标的一致性。`, `${v.periodText}, ${a.units} units. Outliers flagged as COINr does: |skew| > 2 and kurtosis > 3.5 (sample-adjusted skewness and excess kurtosis); a base value below 1% of the median makes a fixed-base ratio explode. Negative correlations and those above 0.9 are flagged; Cronbach's alpha and the first principal component's share of variance measure how consistent each node's children are.`)));
  doc.table(g.indicators.head, g.indicators.rows, g.indicators.head.map((_, i) => i > 0 && i < 9));
  doc.table(g.nodes.head, g.nodes.rows, g.nodes.head.map((_, i) => i > 0 && i < 5));
  doc.paragraph(markdownText(scoresSentence(a, v.lang)));
  return doc;
}

/** What the scores of the correlations are, and the two alphas: one sentence. */
function scoresSentence(a: Audit, lang: Lang): string {
  const why = a.scoresNote === 'no-base-year' ? L(lang, '（数据没有可用的基期，定基指数不适用，改用 min-max）', ' (the data has no base year, so fixed-base cannot apply: min-max instead)') : '';
  return L(lang,
    `相关系数、得分的 Cronbach α 与主成分按 ${a.scores} 标准化得分计算${why}；原始值的 Cronbach α 按 COINr get_cronbach 的算法（原始值、两两完整观测的协方差）；第一主成分载荷为单位特征向量，符号取使载荷之和非负。`,
    `Correlations, the scores' Cronbach's α and the principal components are on ${a.scores} scores${why}; the raw Cronbach's α is COINr's get_cronbach (raw values, pairwise-complete covariances); PC1 loadings are a unit eigenvector, signed so that they sum to 0 or more.`);
}

/** The audit as JSON. */
export function renderAuditJson(a: Audit): string {
  // schema 2: alpha became cronbachAlpha beside cronbachAlphaRaw; pc1Loadings, scores, scoresNote; year null for a cross-section
  return `${JSON.stringify({ schemaVersion: 2, ...a }, null, 2)}\n`;
}

/** The audit's indicator statistics as CSV. */
export function renderAuditCsv(a: Audit): string {
  const lines = [csvLine(['node', 'count', 'missing_share', 'mean', 'sd', 'min', 'max', 'skew', 'kurtosis', 'outlier', 'tiny_base'])];
  for (const s of a.indicators) lines.push(csvLine([s.node, s.count, s.missingShare, s.mean, s.sd, s.min, s.max, s.skew, s.kurt, s.outlier ? 'yes' : 'no', s.tinyBase.join(' ')]));
  return `${lines.join('\r\n')}\r\n`;
}

/** A rank interval drawn in `width` cells over ranks 1..n: ─ outside, ━ the 5–95% interval, ● the median. */
export function intervalBar(lo: number, median: number, hi: number, n: number, width = 24): string {
  const at = (r: number): number => (n <= 1 ? 0 : Math.round(((r - 1) / (n - 1)) * (width - 1)));
  const cells = Array.from({ length: width }, () => '·');
  for (let i = at(lo); i <= at(hi); i++) cells[i] = '━';
  cells[at(median)] = '●';
  return cells.join('');
}

/** The sensitivity result as grids. */
function sensitivityGrids(s: Sensitivity, v: AnalysisView, bars: boolean): { units?: { head: string[]; rows: string[][] }; assumptions?: { head: string[]; rows: string[][] }; removeOne?: { head: string[]; rows: string[][] } } {
  const zh = v.lang === 'zh';
  const label = labeller(v.fw, v.lang);
  const d = v.decimals;
  const out: ReturnType<typeof sensitivityGrids> = {};
  if (s.units) {
    const n = Math.max(1, ...s.units.map((u) => u.nominalRank ?? 0));
    const rows = [...s.units].filter((u) => u.nominalRank !== null).sort((a, b) => a.nominalRank! - b.nominalRank!);
    out.units = {
      head: [zh ? '名义排名' : 'Nominal', zh ? '地区' : 'Unit', zh ? '中位排名' : 'Median', zh ? '5%–95%区间' : '5%–95%', zh ? '平均名次偏移' : 'Mean |shift|', ...(bars ? [zh ? '区间' : 'Interval'] : [])],
      rows: rows.map((u) => [String(u.nominalRank), u.unit, fmt(u.medianRank, 1), `${fmt(u.p05Rank, 1)}–${fmt(u.p95Rank, 1)}`, fmt(u.meanAbsShift, d), ...(bars && u.p05Rank !== null ? [intervalBar(u.p05Rank, u.medianRank!, u.p95Rank!, n)] : bars ? [''] : [])]),
    };
  }
  if (s.assumptions) out.assumptions = { head: [zh ? '假设' : 'Assumption', zh ? '一阶敏感性指数' : 'First-order index'], rows: s.assumptions.map((a) => [a.name, fmt(a.firstOrder, 3)]) };
  if (s.removeOne) {
    const units = s.removeOne[0]?.units.map((u) => u.unit) ?? [];
    out.removeOne = {
      head: [zh ? '去掉的要素' : 'Left out', zh ? '平均名次偏移' : 'Mean |shift|', ...units],
      rows: s.removeOne.map((e) => [label(e.element), fmt(e.meanAbsShift, d), ...e.units.map((u) => (u.rankChange === null ? '—' : u.rankChange > 0 ? `+${u.rankChange}` : String(u.rankChange)))]),
    };
  }
  return out;
}

/** The title line of a sensitivity result. */
function sensitivityTitle(s: Sensitivity, v: AnalysisView): string {
  const node = labeller(v.fw, v.lang)(s.node);
  return L(v.lang, `${node}排名的稳健性（${v.periodText}；${s.units ? `${s.samples}次抽样，种子${s.seed}` : '逐一去掉要素'}）`, `Robustness of the ${node} ranks (${v.periodText}; ${s.units ? `${s.samples} samples, seed ${s.seed}` : 'remove-one'})`);
}

/** The sensitivity result as terminal tables, intervals drawn. */
export function renderSensitivityTable(s: Sensitivity, v: AnalysisView): string {
  const g = sensitivityGrids(s, v, true);
  const parts = [sensitivityTitle(s, v)];
  if (g.units) parts.push(boxTable(g.units.head, g.units.rows.map((r) => r.map(terminalSafe)), g.units.head.map((_, i) => i !== 1 && i !== 5)));
  if (g.assumptions) parts.push(boxTable(g.assumptions.head, g.assumptions.rows, [false, true]));
  if (g.removeOne) parts.push(boxTable(g.removeOne.head, g.removeOne.rows.map((r) => r.map(terminalSafe)), g.removeOne.head.map((_, i) => i > 0)));
  return `${parts.join('\n')}\n`;
}

/** The sensitivity result as Markdown (also the report's uncertainty section), with a Mermaid chart of the intervals. */
export function sensitivityMarkdown(s: Sensitivity, v: AnalysisView, doc = new ReportDoc()): ReportDoc {
  const g = sensitivityGrids(s, v, false);
  doc.paragraph(markdownText(sensitivityTitle(s, v)));
  if (g.units) {
    doc.table(g.units.head, g.units.rows, g.units.head.map((_, i) => i !== 1));
    const ranked = [...s.units!].filter((u) => u.p95Rank !== null).sort((a, b) => a.nominalRank! - b.nominalRank!).slice(0, 30);
    if (ranked.length > 1) {
      const names = ranked.map((u) => `"${u.unit.replace(/["\\]/g, "'")}"`).join(', ');
      const max = Math.max(...ranked.map((u) => u.p95Rank!));
      doc.chart({
        kind: 'line', title: L(v.lang, '排名区间（5%–95%，粗线为中位）', 'Rank intervals (5%–95%; the thick line is the median)'), categories: ranked.map((u) => u.unit), inverse: true, min: 1, valueName: L(v.lang, '排名', 'Rank'), decimals: 1,
        series: [
          { name: L(v.lang, '5%分位', '5th percentile'), values: ranked.map((u) => u.p05Rank) },
          { name: L(v.lang, '中位', 'Median'), values: ranked.map((u) => u.medianRank), emphasis: true },
          { name: L(v.lang, '95%分位', '95th percentile'), values: ranked.map((u) => u.p95Rank) },
        ],
      }, ['xychart-beta', `    title "${L(v.lang, '排名区间（5%–95%，线为中位）', 'Rank intervals (5%–95%; the line is the median)')}"`, `    x-axis [${names}]`, `    y-axis "${L(v.lang, '排名', 'Rank')}" 0 --> ${Math.ceil(max)}`, `    bar [${ranked.map((u) => u.p95Rank!.toFixed(1)).join(', ')}]`, `    line [${ranked.map((u) => u.medianRank!.toFixed(1)).join(', ')}]`].join('\n'));
    }
  }
  if (g.assumptions) {
    doc.paragraph(markdownText(L(v.lang, '一阶敏感性指数 S_i = Σ Var(E[R|X_i]) / Σ Var(R)（按地区汇总），E[R|X_i] 按该假设的取值分组估计（权重扰动按总扰动量分十组）；见 Saltelli 等（2008）《Global Sensitivity Analysis: The Primer》。', 'First-order index S_i = Σ Var(E[R|X_i]) / Σ Var(R) over units, E[R|X_i] estimated by grouping the samples on the assumption\'s level (the weight perturbation in ten equal-count bins of its total size); see Saltelli et al. (2008), Global Sensitivity Analysis: The Primer.')));
    doc.table(g.assumptions.head, g.assumptions.rows, [false, true]);
  }
  if (g.removeOne) doc.table(g.removeOne.head, g.removeOne.rows, g.removeOne.head.map((_, i) => i > 0));
  return doc;
}

/** The sensitivity result as JSON. */
export function renderSensitivityJson(s: Sensitivity, period: string): string {
  return `${JSON.stringify({ schemaVersion: 1, node: s.node, year: period, samples: s.samples, seed: s.seed, ...(s.units ? { units: s.units } : {}), ...(s.assumptions ? { assumptions: s.assumptions } : {}), ...(s.removeOne ? { removeOne: s.removeOne } : {}) }, null, 2)}\n`;
}

/** The per-unit uncertainty (or remove-one) as CSV. */
export function renderSensitivityCsv(s: Sensitivity): string {
  if (s.units) {
    const lines = [csvLine(['unit', 'nominal_rank', 'median_rank', 'p05_rank', 'p95_rank', 'mean_abs_shift'])];
    for (const u of s.units) lines.push(csvLine([u.unit, u.nominalRank, u.medianRank, u.p05Rank, u.p95Rank, u.meanAbsShift]));
    return `${lines.join('\r\n')}\r\n`;
  }
  const lines = [csvLine(['element', 'unit', 'rank_without', 'value_without', 'rank_change'])];
  for (const e of s.removeOne ?? []) for (const u of e.units) lines.push(csvLine([e.element, u.unit, u.rankWithout, u.valueWithout, u.rankChange]));
  return `${lines.join('\r\n')}\r\n`;
}
