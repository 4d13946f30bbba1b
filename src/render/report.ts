// The yearly report as a model (a ReportDoc, drawn as Markdown, HTML or Word):
// headline, modules, unit table, movers, drivers, charts, data notes and
// method, in Chinese or English, from the numbers alone; the method section
// from the run's record.
import type { IndexTable } from '../core/compute.js';
import { partialUnits } from './compute.js';
import { unitWord } from './unit-word.js';
import { indicatorsUsed, totalsPlace } from '../core/aggregates.js';
import { formatPeriod, frequencyName, periodOf, sameLastYear, type Frequency } from '../time/period.js';
import { crossSectional, describeAggregation, describeWeighting, NORMALISATIONS, parseSpec, specText } from '../core/methods.js';
import { decompose, type Decomposition } from '../core/drivers.js';
import { denominatorLabel, nodeLabel, nodeUnit, type FrameworkNode } from '../framework/types.js';
import { L, type Lang } from './i18n.js';
import { ReportDoc } from './markdown.js';
import { slopeSpec, topAndBottom, type ChartSeries, type ChartSpec } from './chart-spec.js';
import { mapRegions, matchUnits, type Boundaries } from './geo.js';
export { ReportDoc };
import { fmt, formatFixed, formatSigned, ROUNDING_RULE } from './number.js';
import { joinList, ordinal, points, pointsPhrase, ppPhrase, ratePhrase, rawValue } from './phrases.js';
import { indexTitle } from './title.js';
import { markdownText } from './safe.js';
import { dataNoteItems } from './data-notes.js';

/** A period on a chart's axis: short (2018, 2018H1, 2025-06), but a year-to-date span in words (2023年1-2月, not 2023M1-2). */
function axisPeriod(key: number, freq: Frequency, lang: Lang): string {
  if (freq !== 'cumulative') return formatPeriod(key, freq);
  const p = periodOf(key, freq);
  return lang === 'zh' ? `${p.year}年1-${p.sub}月` : p.sub === 1 ? `Jan ${p.year}` : `Jan-${p.sub} ${p.year}`;
}

/** What the report calls the units (行业 for an industry round): the data's unit column header, or 地区. */
const W = (t: IndexTable): string => unitWord(t.observations.unitHeader);

/** What the report needs besides the table. */
export interface ReportOptions {
  yi: number;
  lang: Lang;
  decimals: number;
  title?: string;
  /** A date to print (from --date or SOURCE_DATE_EPOCH); none by default. */
  date?: string;
  /** The inputs as named in the report (never an absolute path), each with its SHA-256. */
  inputs: { name: string; sha256: string }[];
  /** The framework file as named in the report (files only): never an absolute path. */
  frameworkName?: string;
  version: string;
  /** Sections added before the data notes (the statistical audit, the uncertainty analysis): a title and a function that writes them. */
  sections?: { zh: string; en: string; write: (doc: ReportDoc) => void }[];
  /** Units to profile (--unit), by index. */
  units?: number[];
  /** Units listed at the top and at the bottom of the drivers tables when there are more than twice as many and 6 (default 15: every unit of up to 36 gets a row). */
  driverEnds?: number;
  /** The composite over the years as one chart of lines (default) or one small panel per unit (at most 30 units). */
  lines?: 'lines' | 'small-multiples';
  /** A choropleth of `node` (default: the composite) for the reported period on these boundaries. */
  map?: { boundaries: Boundaries; node?: number };
}


/** "综合贡献力指数", but not "成长指数指数". */
const indexName = (label: string, lang: Lang): string =>
  lang === 'zh' ? (label.endsWith('指数') ? label : `${label}指数`) : /index$/i.test(label) ? label : `${label} index`;

/** The colon of a list item. */
const colon = (lang: Lang): string => (lang === 'zh' ? '：' : ': ');

/** Escaped unit name for prose. */
const U = (name: string): string => markdownText(name);
/** A unit as a Chinese sentence names it: a totals row by its place (柯城区 for 柯城区合计), any other by its name. */
const sentenceName = (t: IndexTable, u: number, lang: Lang): string => (lang === 'zh' && t.aggregate[u] ? (totalsPlace(t.units[u]!) ?? t.units[u]!) : t.units[u]!);

/** The report as Markdown. */
export function renderReport(t: IndexTable, o: ReportOptions): string {
  return buildReport(t, o).toString();
}

/** The report as a document of blocks (Markdown, HTML and Word draw it). */
export function buildReport(t: IndexTable, o: ReportOptions): ReportDoc {
  const { yi, lang, decimals: d } = o;
  const fw = t.framework;
  const year = t.years[yi]!;
  const annual = t.frequency === 'year';
  const P = (key: number): string => t.periodLabel(key, lang);
  const root = fw.nodes[0]!;
  const modules = root.children.map((c) => fw.nodes[c]!).filter((n) => t.nodeHasData[n.index]);
  // The unit the prose is about: the aggregate (the province), or the only unit there is.
  // (not a totals row without a value this period, not yet sent or left unscored by a cross-sectional
  // normalisation: the units are the subject then)
  const subject = t.units.length === 1 ? 0 : t.units.findIndex((_, u) => t.aggregate[u] && t.value(u, yi, 0) !== null);
  const ranked = t.units.map((_, u) => u).filter((u) => !t.aggregate[u] && t.rank(u, yi, 0) !== null).sort((a, b) => t.rank(a, yi, 0)! - t.rank(b, yi, 0)! || a - b);
  // the title's name: the built-in framework's 浙江省 is a county round's own place (phrases.ts); the method section names the framework as it is
  const fwName = indexTitle(fw, lang, t.units, t.units.filter((_, u) => t.aggregate[u]), W(t), t.observations.titlePlace);
  const ownName = lang === 'zh' ? fw.zh || fw.en || fw.name : fw.en || fw.zh || fw.name;
  const doc = new ReportDoc();
  let section = 0;
  const h2 = (zh: string, en: string): number => {
    section++;
    doc.heading(2, `${section}. ${L(lang, zh, en)}`);
    return section;
  };

  doc.heading(1, o.title ?? L(lang, `${fwName}报告（${P(year)}）`, `${fwName}: ${P(year)} report`));
  const meta = [crossSectional(t.record.leaves.normalise) ? L(lang, `标准化：${t.baseLabel('zh')}`, `Normalised by ${t.baseLabel('en')}`) : L(lang, `基期${t.baseLabel('zh')}=100`, `Base ${t.baseLabel('en')} = 100`)];
  if (t.refYear !== undefined) meta.push(L(lang, `${annual ? '参照年' : '参照期'}${P(t.refYear)}`, `reference ${annual ? 'year' : 'period'} ${P(t.refYear)}`));
  if (o.date) meta.push(L(lang, `报告日期：${o.date}`, `report date ${o.date}`));
  doc.paragraph(markdownText(meta.join(' · ')));

  // 1. Headline
  h2('总体情况', 'Headline');
  doc.paragraph(subject >= 0 ? subjectSentence(t, subject, yi, 0, o) + fewerModulesNote(t, subject, yi, lang) : unitsSentence(t, ranked, yi, o));

  // 2. Modules
  if (modules.length > 0) {
    const sec = h2('分项模块', 'Modules');
    const moduleOrder = subject >= 0 ? [...modules].sort((a, b) => (t.value(subject, yi, b.index) ?? -Infinity) - (t.value(subject, yi, a.index) ?? -Infinity)) : modules;
    modules.forEach((m, i) => {
      doc.heading(3, `${sec}.${i + 1} ${nodeLabel(m, lang)}`);
      if (subject >= 0) {
        const place = moduleOrder.indexOf(m) + 1;
        const where = t.value(subject, yi, m.index) === null ? '' : L(lang, `，在${modules.length}个模块中居${ordinal(place, lang)}`, `, ${ordinal(place, lang)} of ${modules.length} modules`);
        doc.paragraph(subjectSentence(t, subject, yi, m.index, o, where));
        indicatorList(doc, t, subject, yi, m, o);
      } else {
        const order = t.units.map((_, u) => u).filter((u) => t.rank(u, yi, m.index) !== null).sort((a, b) => t.rank(a, yi, m.index)! - t.rank(b, yi, m.index)!);
        if (order.length > 0) {
          const top = order[0]!;
          const bottom = order[order.length - 1]!;
          doc.paragraph(L(lang,
            `${P(year)}，${markdownText(indexName(nodeLabel(m, lang), lang))}${U(t.units[top]!)}最高，为${points(t.value(top, yi, m.index)!, lang, d)}；${U(t.units[bottom]!)}最低，为${points(t.value(bottom, yi, m.index)!, lang, d)}。`,
            `In ${P(year)}, ${U(t.units[top]!)} led the ${markdownText(indexName(nodeLabel(m, lang), lang))} at ${points(t.value(top, yi, m.index)!, lang, d)}; ${U(t.units[bottom]!)} was lowest at ${points(t.value(bottom, yi, m.index)!, lang, d)}.`));
          indicatorList(doc, t, top, yi, m, o);
        }
      }
    });
  }

  // 3. Unit table
  const tableSec = h2(`${W(t)}排名`, 'Unit ranking');
  const prior = t.prevYear(yi);
  const order = [...t.units.map((_, u) => u).filter((u) => t.aggregate[u]), ...ranked, ...t.units.map((_, u) => u).filter((u) => !t.aggregate[u] && t.rank(u, yi, 0) === null)];
  // growth rates of scores placed within each period (min-max...) mean nothing: no columns for them
  const growth = t.growth;
  const head = [L(lang, '排名', 'Rank'), L(lang, `${W(t)}`, 'Unit'), nodeLabel(root, lang), ...(growth ? [L(lang, '同比(%)', 'YoY (%)')] : []), ...(growth && t.hasPop ? [L(lang, '环比(%)', 'PoP (%)')] : [])];
  // sub-annual data: the rank change is against the same period a year earlier (as 同比), not the period before
  // (smei diff's default): the header names it
  const since = prior >= 0 && !annual ? P(t.years[prior]!) : undefined;
  // ranks in a period where every unit ties (the base period of a fixed-base index: all 100) do not move
  const rankPrior = prior >= 0 && !t.allTied(prior, 0) ? prior : -1;
  // a unit ranked in one of the two periods only: rank changes among the units ranked in both (table.ts)
  const comparable = rankPrior >= 0 ? t.comparableRanks(yi, rankPrior, 0) : undefined;
  const ranksThen: MoveRanks = {
    now: (u) => (comparable ? comparable.to[u] || null : t.rank(u, yi, 0)),
    before: (u) => (comparable ? comparable.from[u] || null : rankPrior < 0 ? null : t.rank(u, rankPrior, 0)),
  };
  if (rankPrior >= 0) head.push(since === undefined ? L(lang, '排名变化', 'Rank change') : L(lang, `排名变化（较${since}）`, `Rank change (vs ${since})`));
  if (t.refYear !== undefined) head.push(L(lang, `较${P(t.refYear)}(点)`, `vs ${P(t.refYear)} (points)`), ...(growth ? [L(lang, `较${P(t.refYear)}(%)`, `vs ${P(t.refYear)} (%)`)] : []));
  // a value from part of its children: marked *, and the note under the table says which
  const marked = (u: number, n: number): string => `${fmt(t.value(u, yi, n), d)}${t.value(u, yi, n) === null || t.partial(u, yi, n).length === 0 ? '' : '*'}`;
  const rows = order.map((u) => {
    const r = t.rank(u, yi, 0);
    const cells = [t.aggregate[u] ? '—' : r === null ? '—' : String(r), t.units[u]!, marked(u, 0), ...(growth ? [fmt(t.yoyPct(u, yi, 0), d, true)] : []), ...(growth && t.hasPop ? [fmt(t.popPct(u, yi, 0), d, true)] : [])];
    if (rankPrior >= 0) cells.push(rankChangeText(t.aggregate[u] ? null : ranksThen.now(u), t.aggregate[u] ? null : ranksThen.before(u)));
    if (t.refYear !== undefined) cells.push(fmt(t.vsRefPoints(u, yi, 0), d, true), ...(growth ? [fmt(t.vsRefPct(u, yi, 0), d, true)] : []));
    return cells;
  });
  doc.heading(3, `${tableSec}.1 ${L(lang, `${P(year)}${nodeLabel(root, lang)}`, `${nodeLabel(root, lang)}, ${P(year)}`)}`);
  doc.table(head, rows, head.map((_, i) => i !== 1));
  if (t.units.some((_, u) => t.aggregate[u])) doc.paragraph(markdownText(L(lang, `${t.units.filter((_, u) => t.aggregate[u]).join('、')}为汇总单位，不参与排名。`, `${t.units.filter((_, u) => t.aggregate[u]).join(', ')}: aggregate, shown but not ranked.`)));
  if (comparable !== undefined) doc.paragraph(markdownText(comparableNote(t, comparable, lang)));
  const partial = partialUnits(t, yi, 0, lang);
  if (partial !== '') doc.paragraph(markdownText(L(lang, `* 有下级指标缺失，按现有的指标计算（权重在其间重新归一），排名仅供参考：${partial}。`, `* Computed from the children present only (weights renormalised over them); read the rank with care: ${partial}.`)));
  if (modules.length > 0) {
    doc.heading(3, `${tableSec}.2 ${L(lang, '各模块指数', 'Module indices')}`);
    const mHead = [L(lang, `${W(t)}`, 'Unit'), ...modules.map((m) => nodeLabel(m, lang))];
    doc.table(mHead, order.map((u) => [t.units[u]!, ...modules.map((m) => marked(u, m.index))]), mHead.map((_, i) => i > 0));
  }

  // 4. Movers
  if (prior >= 0) {
    h2('位次变动', 'Movers');
    if (rankPrior < 0) {
      doc.paragraph(markdownText(L(lang, `${P(t.years[prior]!)}各${W(t)}${nodeLabel(root, lang)}并列（${t.record.leaves.normalise.name === 'fixed-base' ? '基期均为100' : '数值相同'}），没有排名变化可比。`, `Every unit ties on the ${nodeLabel(root, lang)} in ${P(t.years[prior]!)} (${t.record.leaves.normalise.name === 'fixed-base' ? 'the base: all 100' : 'the same value'}), so there are no rank changes to compare.`)));
    } else if (since !== undefined) doc.paragraph(markdownText(L(lang, `排名变化均与上年同期（${since}）相比。`, `Rank changes are against the same period a year earlier (${since}).`)));
    if (comparable !== undefined) doc.paragraph(markdownText(comparableNote(t, comparable, lang)));
    doc.list(moverItems(t, ranked, yi, o, rankPrior >= 0, ranksThen));
    const slope = rankPrior < 0 ? undefined : reportSlope(t, ranked, yi, prior, o, ranksThen);
    if (slope !== undefined) doc.chart(slope);
  }

  // 5. Drivers
  // every unit's split by module; the indicators' parts for the one that leads (5.3) only
  const decomps = order.map((u) => ({ u, dec: decompose(t, u, yi, 0, false) })).filter((x): x is { u: number; dec: Decomposition } => x.dec !== null);
  if (decomps.length > 0) {
    const sec = h2('增长动力', 'Drivers');
    // every unit a row, the aggregates first; a very large panel (more than 36 units) lists the top and bottom 15 by rank
    const ends = o.driverEnds ?? DRIVER_ENDS;
    const { shown: kept, left } = topAndBottom(decomps.filter((x) => !t.aggregate[x.u]), ends);
    const shown = [...decomps.filter((x) => t.aggregate[x.u]), ...kept];
    const kids = fw.nodes[0]!.children.filter((c) => decomps.some((x) => x.dec.children.some((k) => k.node === fw.nodes[c]!.id)));
    const hasRemainder = shown.some((x) => Math.abs(x.dec.remainder) >= 0.5 * 10 ** -d);
    const dHead = [L(lang, `${W(t)}`, 'Unit'), L(lang, '变化(点)', 'Change (points)'), ...kids.map((c) => nodeLabel(fw.nodes[c]!, lang)), ...(hasRemainder ? [L(lang, '权重归一', 'Reweighting')] : [])];
    const cell = (x: Decomposition, c: number, key: 'points' | 'pctPoints'): string => {
      const k = x.children.find((k) => k.node === fw.nodes[c]!.id);
      return k === undefined ? '—' : formatSigned(k[key], d);
    };
    doc.paragraph(markdownText(L(lang,
      `各模块对${nodeLabel(root, lang)}较${since === undefined ? '上年' : `上年同期（${since}）`}变化的贡献（指数点）；各项之和等于总变化${fw.aggregation === 'geometric' ? '（几何平均按对数份额分解）' : ''}，分别舍入后末位可能相差 1。`,
      `What each module contributed to the change of the ${nodeLabel(root, lang)} since ${since === undefined ? 'the year before' : `the same period a year earlier (${since})`}, in index points; the parts add up to the change${fw.aggregation === 'geometric' ? ' (geometric mean: split by log shares)' : ''}, give or take 1 in the last digit from rounding each part.`)));
    doc.heading(3, `${sec}.1 ${L(lang, '对指数变化的贡献（点）', 'Contribution to the change (points)')}`);
    doc.table(dHead, shown.map(({ u, dec }) => [t.units[u]!, formatSigned(dec.change, d), ...kids.map((c) => cell(dec, c, 'points')), ...(hasRemainder ? [formatSigned(dec.remainder, d)] : [])]), dHead.map((_, i) => i > 0));
    let sub = 1;
    // the parts of the YoY rate, where scores have growth rates (not min-max and the like: t.growth)
    if (t.growth) {
      doc.heading(3, `${sec}.${++sub} ${L(lang, '对同比增速的拉动（百分点）', 'Contribution to the YoY rate (percentage points)')}`);
      const pHead = [L(lang, `${W(t)}`, 'Unit'), L(lang, '同比(%)', 'YoY (%)'), ...kids.map((c) => nodeLabel(fw.nodes[c]!, lang)), ...(hasRemainder ? [L(lang, '权重归一', 'Reweighting')] : [])];
      doc.table(pHead, shown.map(({ u, dec }) => [t.units[u]!, formatSigned(dec.yoyPct, d), ...kids.map((c) => cell(dec, c, 'pctPoints')), ...(hasRemainder ? [formatSigned((dec.remainder / dec.from) * 100, d)] : [])]), pHead.map((_, i) => i > 0));
    }
    if (left > 0) {
      const [from, to] = [t.rank(kept[ends - 1]!.u, yi, 0), t.rank(kept[ends]!.u, yi, 0)];
      // the ranks left out, when ties leave them plain
      const between = from === null || to === null || to - 1 < from + 1 ? '' : to - 1 === from + 1 ? L(lang, `（第${from + 1}位）`, ` (ranked ${from + 1})`) : L(lang, `（第${from + 1}至${to - 1}位）`, ` (ranked ${from + 1} to ${to - 1})`);
      doc.paragraph(markdownText(L(lang,
        `共${decomps.length - (shown.length - kept.length)}个${W(t)}，只列出排名前${ends}位和后${ends}位，排名居中的${left}个${W(t)}${between}未列出（smei compute --drivers 列出全部）。`,
        `${decomps.length - (shown.length - kept.length)} units: the top and bottom ${ends} by rank are listed; the ${left} between${between} are not (smei compute --drivers lists them all).`)));
    }
    const lead = { u: decomps[0]!.u, dec: decompose(t, decomps[0]!.u, yi, 0)! };
    const withParts = lead.dec.children.filter((c) => c.parts.length > 0);
    if (withParts.length > 0) {
      doc.heading(3, `${sec}.${++sub} ${L(lang, `${sentenceName(t, lead.u, lang)}：分项指标的贡献`, `${t.units[lead.u]!}: indicators' contributions`)}`);
      doc.list(withParts.flatMap((c) => {
        const m = fw.nodes[fw.byId.get(c.node!)!]!;
        const sorted = [...c.parts].sort((a, b) => b.points - a.points);
        return [`${markdownText(nodeLabel(m, lang))}${colon(lang)}${contribText(c, lang, d, t.growth)}`, ...sorted.map((p): [string, number] => [`${markdownText(nodeLabel(fw.nodes[fw.byId.get(p.node!)!]!, lang))}${colon(lang)}${contribText(p, lang, d, t.growth)}`, 1])];
      }));
    }
  }

  // 6. Charts
  const charts = chartBlocks(t, yi, subject, ranked, modules, o);
  if (charts.length > 0) {
    h2('图表', 'Charts');
    for (const c of charts) doc.chart(c.spec, c.mermaid, c.legend);
  }

  // Unit profiles (--unit)
  if ((o.units ?? []).length > 0) {
    const sec = h2(`${W(t)}概况`, 'Unit profiles');
    o.units!.forEach((u, i) => unitProfile(doc, t, u, yi, subject, `${sec}.${i + 1}`, o));
  }

  for (const extra of o.sections ?? []) {
    h2(extra.zh, extra.en);
    extra.write(doc);
  }

  // 7. Data notes: what a reader needs for the reported period, in plain words (the full findings stay in smei review)
  h2('数据说明', 'Data notes');
  const notes = dataNoteItems(t, yi, lang, d);
  if (notes.length === 0) doc.paragraph(L(lang, '数据完整：没有缺失值、零基期或重新归一的权重。', 'The data are complete: no missing values, zero bases or renormalised weights.'));
  else {
    const max = 200;
    doc.list(notes.slice(0, max).map(markdownText));
    if (notes.length > max) doc.paragraph(markdownText(L(lang, `……另有${notes.length - max}条说明（smei compute --format json 列出全部）。`, `... and ${notes.length - max} more notes (smei compute --format json lists them all).`)));
  }

  // 8. Method
  h2('方法', 'Method');
  const equal = fw.nodes.every((n) => n.weight === fw.nodes[0]!.weight);
  doc.list([
    ...(defaultMethods(t)
      ? [
        markdownText(L(lang, `框架：${fw.name}（${ownName}），基期${t.baseLabel('zh')}=100。`, `Framework: ${fw.name} (${ownName}), base ${t.baseLabel('en')} = 100.`)),
        ...periodNote(t, lang),
        markdownText(L(lang,
          `指标指数 = 100 × 报告期值 / 基期值（逆向指标为 100 × 基期值 / 报告期值）；上级指数为下级指数的加权${fw.aggregation === 'geometric' ? '几何' : '算术'}平均，权重按当年有值的下级重新归一${equal ? '；各节点等权' : ''}。`,
          `Indicator index = 100 × value / base-year value (lower-is-better: 100 × base / value); each node is the weighted ${fw.aggregation} mean of its children present that year, weights renormalised over them${equal ? '; equal weights' : ''}.`)),
      ]
      : [markdownText(L(lang, `框架：${fw.name}（${ownName}）。`, `Framework: ${fw.name} (${ownName}).`)), ...periodNote(t, lang), ...methodLines(t, lang)]),
    ...givenNote(t, lang),
    ...(fw.source?.unmodifiedBuiltIn === 'zhejiang' ? [markdownText(L(lang, '官方权重与汇总公式未公开，smei 默认等权算术平均。', 'The official weights and aggregation formula are not published; smei defaults to equal weights and the arithmetic mean.'))] : []),
    frameworkSourceLine(fw, lang, o.frameworkName),
    // sub-annual data: 同比 against the same period a year earlier, 环比 against the period before, ranks within each period
    !t.growth
      ? markdownText(L(lang, `${specText(t.record.leaves.normalise)} 得分是各${W(t)}在同一期内的相对位置，各期之间的增长率没有意义，故不列同比${t.hasPop ? '、环比' : ''}；名次变化见排名表（smei diff 可比较两期）；排名在同一期内进行，汇总单位不参与，并列取最好名次。`, `${specText(t.record.leaves.normalise)} scores place each unit within its period's spread, so growth rates between periods mean nothing and none are given; rank changes are in the ranking table (smei diff compares two periods); ranks within a period, aggregates excluded, ties share the best rank.`))
      : t.frequency === 'year'
      ? markdownText(L(lang, `同比 = (本年 / 上年 − 1) × 100%；较参照年变化以点（差值）和百分比表示；排名在同一年内进行，汇总单位不参与，并列取最好名次。`, `YoY = (this year / last year − 1) × 100%; changes against the reference year in points (difference) and percent; ranks within a year, aggregates excluded, ties share the best rank.`))
      : markdownText(L(lang, `同比 = (本期 / 上年同期 − 1) × 100%；${t.hasPop ? '环比 = (本期 / 上一期 − 1) × 100%；' : ''}较参照期变化以点（差值）和百分比表示；排名在同一期内进行，汇总单位不参与，并列取最好名次。`, `YoY = (this period / the same period a year earlier − 1) × 100%; ${t.hasPop ? 'PoP = (this period / the period before − 1) × 100%; ' : ''}changes against the reference period in points (difference) and percent; ranks within a period, aggregates excluded, ties share the best rank.`)),
    markdownText(L(lang, `舍入：${ROUNDING_RULE.zh}，保留${d}位小数；差值和增幅由未舍入的数算出，可能与两个已舍入数之差相差末位1。`, `Rounding: ${ROUNDING_RULE.en}, ${d} decimals; differences and rates are worked out from unrounded values, so they may differ by 1 in the last place from the difference of two rounded figures.`)),
    ...o.inputs.map((f) => `${L(lang, '输入', 'Input')}${colon(lang)}\`${f.name.replace(/`/g, "'").replace(/\|/g, '\\|')}\`, SHA-256 \`${f.sha256}\``),
    markdownText(L(lang, `由 smei ${o.version} 生成。`, `Generated by smei ${o.version}.`)),
  ]);
  doc.paragraph(markdownText(L(lang, '框架结构（权重及实际占比，方向）：', 'Framework tree (weight as given and as used, direction):')));
  doc.list(frameworkTree(t, lang));
  return doc;
}

/** "135.30 点，同比增长 7.13%，..." for one unit and node. */
function subjectSentence(t: IndexTable, u: number, yi: number, n: number, o: ReportOptions, where = ''): string {
  const { lang, decimals: d } = o;
  const year = t.years[yi]!;
  const P = (key: number): string => t.periodLabel(key, lang);
  const node = nodeLabel(t.framework.nodes[n]!, lang);
  const v = t.value(u, yi, n);
  // a totals row's place (柯城区 for 柯城区合计): 柯城区小微企业成长指数, not 柯城区合计小微企业成长指数
  const unit = U(sentenceName(t, u, lang));
  if (v === null) return L(lang, `${P(year)}，${unit}${markdownText(indexName(node, lang))}无定义（见数据说明）。`, `In ${P(year)} the ${markdownText(indexName(node, lang))} of ${unit} is undefined (see the data notes).`);
  const parts: string[] = [];
  const yoy = t.yoyPct(u, yi, n);
  const annual = t.frequency === 'year';
  if (yoy !== null) parts.push(L(lang, `同比${ratePhrase(yoy, lang, d)}`, `${ratePhrase(yoy, lang, d)} on ${annual ? 'the year before' : 'the same period a year earlier'}`));
  const pop = t.popPct(u, yi, n);
  if (pop !== null) parts.push(L(lang, `环比${ratePhrase(pop, lang, d)}`, `${ratePhrase(pop, lang, d)} on the period before`));
  const py = t.prevYear(yi);
  const yoyPrev = py < 0 ? null : t.yoyPct(u, py, n);
  if (yoy !== null && yoyPrev !== null) parts.push(L(lang, `增速较上年${annual ? '' : '同期'}${ppPhrase(yoy - yoyPrev, lang, d, P(t.years[py]!))}`, ppPhrase(yoy - yoyPrev, lang, d, P(t.years[py]!))));
  const refPts = t.vsRefPoints(u, yi, n);
  const refPct = t.vsRefPct(u, yi, n);
  if (refPts !== null && t.refYear !== year) {
    parts.push(L(lang, `较${P(t.refYear!)}${pointsPhrase(refPts, lang, d)}${refPct === null ? '' : `（${ratePhrase(refPct, lang, d)}）`}`,
      `${pointsPhrase(refPts, lang, d)} than in ${P(t.refYear!)}${refPct === null ? '' : ` (${ratePhrase(refPct, lang, d)})`}`));
  }
  return L(lang,
    `${P(year)}，${unit}${markdownText(indexName(node, lang))}为${points(v, lang, d)}${where}${parts.length ? `，${parts.join('，')}` : ''}。`,
    `In ${P(year)} the ${markdownText(indexName(node, lang))} of ${unit} stood at ${points(v, lang, d)}${where}${parts.length ? `, ${parts.join(', ')}` : ''}.`);
}

/** The headline without an aggregate unit: the top three and the spread. */
function unitsSentence(t: IndexTable, ranked: number[], yi: number, o: ReportOptions): string {
  const { lang, decimals: d } = o;
  const year = t.years[yi]!;
  const Y = t.periodLabel(year, lang);
  const node = markdownText(nodeLabel(t.framework.nodes[0]!, lang));
  if (ranked.length === 0) return L(lang, `${Y}没有可排名的${W(t)}。`, `No unit can be ranked in ${Y}.`);
  const top = ranked.slice(0, 3).map((u) => `${U(t.units[u]!)}（${points(t.value(u, yi, 0)!, lang, d)}）`);
  const topEn = ranked.slice(0, 3).map((u) => `${U(t.units[u]!)} (${points(t.value(u, yi, 0)!, lang, d)})`);
  const first = ranked[0]!;
  const last = ranked[ranked.length - 1]!;
  const spread = t.value(first, yi, 0)! - t.value(last, yi, 0)!;
  // counted as the rates are printed: a rate that rounds to 0 is 持平 (unchanged)
  const sign = (u: number): number | null => {
    const y = t.yoyPct(u, yi, 0);
    return y === null ? null : Math.sign(Number(formatFixed(y, d)));
  };
  const signs = ranked.map(sign);
  const rising = signs.filter((x) => x === 1).length;
  const withYoy = signs.filter((x) => x !== null).length;
  const growth = withYoy > 0 ? L(lang, countsSentence(ranked.length, signs, W(t)), ` Of the ${withYoy} units with data for the year before, ${rising} grew.`) : '';
  if (ranked.length < 3) {
    const lead = L(lang,
      `${Y}，${top.join('、')}${ranked.length === 2 ? `，${node}相差${points(spread, 'zh', d)}` : ''}。`,
      `In ${Y}, ${joinList(topEn, 'en')}${ranked.length === 2 ? `: ${points(spread, 'en', d)} apart on the ${node}` : ''}.`);
    return lead + growth;
  }
  const zh = `${Y}，${ranked.length}个${W(t)}中，${joinList(top, 'zh')}的${node}位列前三；最高与最低（${U(t.units[last]!)}，${points(t.value(last, yi, 0)!, 'zh', d)}）相差${points(spread, 'zh', d)}。${growth}`;
  const en = `In ${Y}, of ${ranked.length} units, ${joinList(topEn, 'en')} led the ${node}; the highest and the lowest (${U(t.units[last]!)}, ${points(t.value(last, yi, 0)!, 'en', d)}) are ${points(spread, 'en', d)} apart.${growth}`;
  return lang === 'zh' ? zh : en;
}

/** A sentence when a unit's composite was computed from fewer modules than the framework has. */
function fewerModulesNote(t: IndexTable, u: number, yi: number, lang: Lang): string {
  const root = t.framework.nodes[0]!;
  if (t.value(u, yi, 0) === null || t.given(u, yi, 0)) return '';
  const missing = root.children.map((c) => t.framework.nodes[c]!).filter((m) => t.value(u, yi, m.index) === null);
  if (missing.length === 0) return fewerIndicatorsNote(t, u, yi, lang);
  const n = root.children.length;
  const names = missing.map((m) => nodeLabel(m, lang));
  return markdownText(L(lang,
    `该指数仅由${n}个模块中的${n - missing.length}个计算，${names.join('、')}无数据。`,
    ` The index was computed from ${n - missing.length} of the ${n} modules: ${joinList(names, 'en')} ${missing.length === 1 ? 'has' : 'have'} no data.`));
}

/**
 * A sentence when every module has a value but a unit's composite rests on
 * fewer of the data's indicators than the others' (a totals row sent with its
 * counts only), and when the year before rested on another number of them:
 * its growth rate then compares two different sets.
 */
function fewerIndicatorsNote(t: IndexTable, u: number, yi: number, lang: Lang): string {
  const used = (y: number): { used: number; of: number } => indicatorsUsed(t.framework, t.nodeHasData, (n) => t.value(u, y, n) !== null);
  const { used: now, of } = used(yi);
  if (now === of) return '';
  // the period a growth rate (同比) compares with: the same period a year earlier
  const py = t.yearIdx(sameLastYear(t.years[yi]!, t.frequency));
  const before = py !== undefined && t.value(u, py, 0) !== null ? used(py).used : now;
  return markdownText(L(lang,
    `该指数仅由${of}个指标中的${now}个计算${before !== now ? `（上年同期为${before}个，同比口径不同，仅供参考）` : ''}。`,
    ` The index was computed from ${now} of the ${of} indicators${before !== now ? ` (${before} a year earlier, so its growth rate compares different sets and is indicative only)` : ''}.`));
}

/** "11个地区全部同比增长。" or "11个地区中，9个同比增长，2个下降。" from the signs of the rates (null: no prior year). */
export function countsSentence(n: number, signs: (number | null)[], word = '地区'): string {
  const up = signs.filter((x) => x === 1).length;
  const down = signs.filter((x) => x === -1).length;
  const flat = signs.filter((x) => x === 0).length;
  const none = signs.filter((x) => x === null).length;
  if (up === n) return `${n}个${word}全部同比增长。`;
  if (down === n) return `${n}个${word}全部同比下降。`;
  const parts = [up > 0 ? `${up}个同比增长` : '', down > 0 ? `${down}个下降` : '', flat > 0 ? `${flat}个持平` : '', none > 0 ? `${none}个无上年数据` : ''].filter((p) => p !== '');
  return `${n}个${word}中，${parts.join('，')}。`;
}

/**
 * For an indicator the run divided by its denominator (--denominate): its
 * value as the data gives it, and the denominator's unit and label (每亿元地区生产总值);
 * undefined for any other, or where the data as read is not at hand.
 */
function denominated(t: IndexTable, u: number, yi: number, c: FrameworkNode, lang: Lang): { typed: number; unit: string; label: string } | undefined {
  const prep = t.record.prepare;
  if (c.denominator === undefined || prep?.methods.denominate !== true || prep.read === undefined) return undefined;
  const read = prep.read;
  const unit = read.findUnit(t.units[u]!);
  const row = unit === undefined ? -1 : read.row(unit, t.years[yi]!);
  const typed = row < 0 ? NaN : read.value(row, c.index);
  if (Number.isNaN(typed)) return undefined;
  const den = t.framework.denominators.find((x) => x.id === c.denominator);
  const label = den === undefined ? c.denominator : denominatorLabel(den, lang);
  return { typed, unit: den?.unit ?? '', label };
}

/** The sub-indicators of a module for a unit, strongest first. */
function indicatorList(doc: ReportDoc, t: IndexTable, u: number, yi: number, m: FrameworkNode, o: ReportOptions): void {
  const { lang, decimals: d } = o;
  const kids = m.children.map((c) => t.framework.nodes[c]!).filter((c) => t.value(u, yi, c.index) !== null);
  if (kids.length === 0) return;
  kids.sort((a, b) => t.value(u, yi, b.index)! - t.value(u, yi, a.index)! || a.index - b.index);
  doc.paragraph(markdownText(L(lang, `${sentenceName(t, u, lang)}分项指标，由强到弱：`, `${t.units[u]!}'s sub-indicators, strongest first:`)));
  doc.list(kids.map((c) => {
    const yoy = t.yoyPct(u, yi, c.index);
    const rate = yoy === null ? '' : L(lang, `，同比${ratePhrase(yoy, lang, d)}`, `, ${ratePhrase(yoy, lang, d)}`);
    // The value as read, where the data has it; for a lower-is-better indicator, what it did.
    const raw = c.children.length === 0 ? t.observed(u, yi, c.index) : null;
    const py = t.prevYear(yi);
    const rawBefore = raw === null || py < 0 ? null : t.observed(u, py, c.index);
    let reverse = '';
    if (c.direction === -1) {
      const rawPct = raw !== null && rawBefore !== null && rawBefore !== 0 ? (raw / rawBefore - 1) * 100 : null;
      if (yoy !== null && rawPct !== null && Number(formatFixed(yoy, d)) !== 0) {
        reverse = L(lang,
          `（逆向指标：指数${yoy > 0 ? '上升' : '下降'}是因为实际值${ratePhrase(rawPct, lang, d)}）`,
          ` (a lower-is-better indicator: the index ${yoy > 0 ? 'rose' : 'fell'} because the value went ${ratePhrase(rawPct, lang, d)})`);
      } else {
        reverse = L(lang, '（逆向指标）', ' (lower is better)');
      }
    }
    // the framework's unit, else the one the data gives (a units row, a header's suffix)
    const unit = nodeUnit(c, lang) || t.observations.dataUnits[c.index]!;
    // a denominated indicator (tax per 亿元 of GDP): the value as typed, then the ratio the index measures
    const per = raw === null ? undefined : denominated(t, u, yi, c, lang);
    const value = raw === null
      ? ''
      : per === undefined
        ? L(lang, `；实际值${rawValue(raw, unit, lang, d)}`, `; value ${rawValue(raw, unit, lang, d)}`)
        : L(lang, `；实际值${rawValue(per.typed, unit, lang, d)}，每${per.unit}${per.label}${rawValue(raw, unit, lang, d)}`, `; value ${rawValue(per.typed, unit, lang, d)}, ${rawValue(raw, unit, lang, d)} per ${per.unit} of ${per.label}`);
    return `${markdownText(nodeLabel(c, lang))}${colon(lang)}${points(t.value(u, yi, c.index)!, lang, d)}${rate}${markdownText(reverse + value)}`;
  }));
}

/** A unit's ranks for its move: this period's and the period before's (among the units ranked in both, where they differ). */
interface MoveRanks {
  now: (u: number) => number | null;
  before: (u: number) => number | null;
}

/** The sentence under a ranking whose two periods rank different units: the changes are among those ranked in both. */
function comparableNote(t: IndexTable, c: { oneSide: number[] }, lang: Lang): string {
  const names = c.oneSide.map((u) => t.units[u]!);
  const shown = names.length > 5 ? `${names.slice(0, 5).join(L(lang, '、', ', '))}${L(lang, '等', ', …')}` : names.join(L(lang, '、', ', '));
  return L(lang,
    `${shown}只在一期有排名：排名变化按两期都有排名的${W(t)}相互比较，不让它的有无改变其余${W(t)}的名次（排名列仍为各期的实际名次）。`,
    `${shown} ranked in one period only: rank changes are among the units ranked in both, so that its coming or going does not move the others (the rank column is each period's own).`);
}

/** "↑2", "↓1", "0", or "—" when either rank is missing. */
export function rankChangeText(now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const change = before - now;
  return change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '0';
}

/** The movers list: largest rises and falls in rank, fastest growth. */
function moverItems(t: IndexTable, ranked: number[], yi: number, o: ReportOptions, ranksMove: boolean, ranks: MoveRanks): string[] {
  const { lang, decimals: d } = o;
  const moves = ranked.map((u) => ({ u, now: ranks.now(u), before: ranks.before(u) })).filter((m): m is { u: number; now: number; before: number } => m.before !== null && m.now !== null);
  const move = (m: { u: number; now: number; before: number }): string => L(lang, `${U(t.units[m.u]!)}（由第${m.before}位${m.now < m.before ? '升' : '降'}至第${m.now}位）`, `${U(t.units[m.u]!)} (${ordinal(m.before, lang)} → ${ordinal(m.now, lang)})`);
  const ups = moves.filter((m) => m.before > m.now).sort((a, b) => b.before - b.now - (a.before - a.now) || a.now - b.now).slice(0, 3);
  const downs = moves.filter((m) => m.before < m.now).sort((a, b) => b.now - b.before - (a.now - a.before) || a.now - b.now).slice(0, 3);
  const fastest = ranked.filter((u) => t.yoyPct(u, yi, 0) !== null).sort((a, b) => t.yoyPct(b, yi, 0)! - t.yoyPct(a, yi, 0)! || a - b).slice(0, 3);
  return (!ranksMove ? [] : [
    `${L(lang, '排名上升最多', 'Largest rises')}${colon(lang)}${ups.length ? ups.map(move).join(L(lang, '；', '; ')) : L(lang, '无', 'none')}`,
    `${L(lang, '排名下降最多', 'Largest falls')}${colon(lang)}${downs.length ? downs.map(move).join(L(lang, '；', '; ')) : L(lang, '无', 'none')}`,
  ]).concat(!t.growth ? [] : [
    `${L(lang, '增长最快', 'Fastest growth')}${colon(lang)}${fastest.length ? fastest.map((u) => L(lang, `${U(t.units[u]!)}（同比${ratePhrase(t.yoyPct(u, yi, 0)!, lang, d)}）`, `${U(t.units[u]!)} (${ratePhrase(t.yoyPct(u, yi, 0)!, lang, d)})`)).join(L(lang, '；', '; ')) : L(lang, '无', 'none')}`,
  ]);
}

/** "+1.23 点（拉动 0.98 个百分点）" / "+1.23 points (0.98 percentage points of the rate)". */
function contribText(c: { points: number; pctPoints: number }, lang: Lang, d: number, growth = true): string {
  if (!growth) return L(lang, `${formatSigned(c.points, d)}点`, `${formatSigned(c.points, d)} points`);
  return L(lang, `${formatSigned(c.points, d)}点（${formatSigned(c.pctPoints, d)}个百分点）`, `${formatSigned(c.points, d)} points (${formatSigned(c.pctPoints, d)} percentage points)`);
}

/** A chart: what it shows, with Mermaid source (and its legend) for GitHub when Mermaid can draw it. */
interface Chart {
  spec: ChartSpec;
  mermaid?: string;
  legend?: string;
}

/** A label safe inside Mermaid double quotes. */
function mermaidLabel(s: string): string {
  return s.replace(/["\\]/g, "'").replace(/</g, '‹').replace(/>/g, '›').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/[[\]]/g, ' ');
}

/** Axis bounds that leave room around the values, on whole tens. */
function axis(values: number[]): [number, number] {
  const lo = Math.floor(Math.min(...values) / 10) * 10;
  const hi = Math.ceil(Math.max(...values) / 10) * 10;
  return [lo, hi === lo ? lo + 10 : hi];
}

/** From this many lines on, the chart over the years greys out all but the aggregate, the profiled units and the top and bottom. */
const MANY_LINES = 10;
/** Units named at the top and at the bottom of a many-line chart. */
const LINE_ENDS = 3;
/** Small multiples draw at most this many panels. */
const MAX_MULTIPLES = 30;
/** Bars shown at the top and at the bottom of a long ranking. */
const BAR_ENDS = 15;
/** Units listed at the top and at the bottom of the drivers tables of a very large panel (more than 36 units; as the ranking chart draws them). */
const DRIVER_ENDS = 15;

/**
 * The report's charts: the composite over the years (the aggregate emphasised,
 * every unit or the top and bottom five), the units ranked in the year (bars,
 * the top and bottom 15 of a long list), and the modules by unit (a heat map).
 * Mermaid keeps the first two for GitHub as before (the subject or the top three).
 */
function chartBlocks(t: IndexTable, yi: number, subject: number, ranked: number[], modules: FrameworkNode[], o: ReportOptions): Chart[] {
  const { lang, decimals: d } = o;
  const charts: Chart[] = [];
  const rootLabel = nodeLabel(t.framework.nodes[0]!, lang);
  const F = (key: number): string => axisPeriod(key, t.frequency, lang);
  const P = (key: number): string => t.periodLabel(key, lang);
  const series = subject >= 0 ? [subject] : ranked.slice(0, 3);
  const years = t.years.filter((_, i) => i <= yi && series.every((u) => t.value(u, i, 0) !== null));
  const allYears = t.years.filter((_, i) => i <= yi);
  const aggregates = t.units.map((_, u) => u).filter((u) => t.aggregate[u]);
  const manyLines = aggregates.length + ranked.length >= MANY_LINES;
  const lineUnits = [...aggregates, ...ranked];
  if (allYears.length >= 2 && lineUnits.length > 0) {
    const title = L(lang, `${rootLabel}（${P(allYears[0]!)}–${P(allYears[allYears.length - 1]!)}）`, `${rootLabel}, ${P(allYears[0]!)}–${P(allYears[allYears.length - 1]!)}`);
    const line = (u: number): (number | null)[] => allYears.map((y) => t.valueInYear(u, y, 0));
    let spec: ChartSpec;
    if (o.lines === 'small-multiples' && ranked.length > 0 && ranked.length <= MAX_MULTIPLES) {
      spec = {
        kind: 'multiples', title, categories: allYears.map(F), valueName: L(lang, '指数', 'Index'), decimals: d,
        series: ranked.map((u) => ({ name: t.units[u]!, values: line(u) })),
        ...(aggregates.length > 0 ? { reference: { name: t.units[aggregates[0]!]!, values: line(aggregates[0]!), role: 'aggregate' as const } } : {}),
        note: L(lang,
          `每个${W(t)}一幅小图，按${P(t.years[yi]!)}排名排列，纵轴相同${aggregates.length > 0 ? `；红色虚线为${t.units[aggregates[0]!]!}` : ''}。`,
          `One panel per unit in ${P(t.years[yi]!)}'s rank order, all on the same axis${aggregates.length > 0 ? `; the red dashed line is ${t.units[aggregates[0]!]!}` : ''}.`),
      };
    } else if (manyLines) {
      // many units: the aggregate and the profiled units in colour, the top and bottom named in dark grey, the rest light grey
      const focus = new Set((o.units ?? []).filter((u) => !t.aggregate[u]));
      const ends = new Set([...ranked.slice(0, LINE_ENDS), ...ranked.slice(-LINE_ENDS)]);
      const role = (u: number): ChartSeries['role'] => (t.aggregate[u] ? 'aggregate' : focus.has(u) ? 'focus' : ends.has(u) ? 'end' : 'context');
      const grey = lineUnits.filter((u) => role(u) === 'context').length;
      spec = {
        kind: 'line', title, categories: allYears.map(F), valueName: L(lang, '指数', 'Index'), decimals: d,
        series: lineUnits.map((u) => ({ name: t.units[u]!, values: line(u), role: role(u) })),
        note: L(lang,
          `${o.lines === 'small-multiples' ? `共${ranked.length}个${W(t)}，多于${MAX_MULTIPLES}个，不画小图。` : ''}${aggregates.length > 0 ? `红线为${aggregates.map((u) => t.units[u]!).join('、')}；` : ''}${focus.size > 0 ? `彩色线为概况${W(t)}（${[...focus].map((u) => t.units[u]!).join('、')}）；` : ''}深灰线为${P(t.years[yi]!)}排名前${LINE_ENDS}位和后${LINE_ENDS}位的${W(t)}${grey > 0 ? `；浅灰线为其余${grey}个${W(t)}` : ''}。`,
          `${o.lines === 'small-multiples' ? `${ranked.length} units, more than ${MAX_MULTIPLES}: no small multiples. ` : ''}${aggregates.length > 0 ? `Red: ${aggregates.map((u) => t.units[u]!).join(', ')}; ` : ''}${focus.size > 0 ? `in colour: the profiled units (${[...focus].map((u) => t.units[u]!).join(', ')}); ` : ''}dark grey: the top and bottom ${LINE_ENDS} of ${P(t.years[yi]!)}${grey > 0 ? `; light grey: the other ${grey} units` : ''}.`),
      };
    } else {
      spec = {
        kind: 'line', title, categories: allYears.map(F), valueName: L(lang, '指数', 'Index'), decimals: d,
        // few units: each in its own colour, named at its line's end and in the legend
        series: lineUnits.map((u) => ({ name: t.units[u]!, values: line(u), ...(t.aggregate[u] ? { emphasis: true, role: 'aggregate' as const } : { role: 'focus' as const }) })),
      };
    }
    const chart: Chart = { spec };
    if (years.length >= 2 && series.length > 0) {
      const values = series.map((u) => years.map((y) => t.valueInYear(u, y, 0)!));
      const [lo, hi] = axis(values.flat());
      chart.mermaid = [
        'xychart-beta',
        `    title "${mermaidLabel(L(lang, `${rootLabel}（${F(years[0]!)}–${F(years[years.length - 1]!)}）`, `${rootLabel}, ${F(years[0]!)}–${F(years[years.length - 1]!)}`))}"`,
        `    x-axis [${years.map((y) => `"${F(y)}"`).join(', ')}]`,
        `    y-axis "${mermaidLabel(L(lang, '指数', 'Index'))}" ${lo} --> ${hi}`,
        ...values.map((vs) => `    line [${vs.map((v) => formatFixed(v, d)).join(', ')}]`),
      ].join('\n');
      if (series.length > 1) chart.legend = `${L(lang, '图例（按线条顺序）', 'Legend (in line order)')}: ${series.map((u, i) => `${i + 1}. ${U(t.units[u]!)}`).join(L(lang, '；', '; '))}`;
    }
    charts.push(chart);
  }
  const bars = ranked.filter((u) => t.value(u, yi, 0) !== null);
  if (bars.length > 0) {
    const values = bars.map((u) => t.value(u, yi, 0)!);
    // Bars start at the base (100) or below, so their lengths compare growth.
    const [lo, hi] = axis([...values, Math.min(100, ...values)]);
    const { shown, left } = topAndBottom(bars, BAR_ENDS);
    charts.push({
      spec: {
        kind: 'bar', horizontal: true, title: L(lang, `${P(t.years[yi]!)}各${W(t)}${rootLabel}`, `${rootLabel} by unit, ${P(t.years[yi]!)}`),
        categories: shown.map((u) => `${t.rank(u, yi, 0)}. ${t.units[u]!}`), min: lo, valueName: L(lang, '指数', 'Index'), decimals: d,
        series: [{ name: rootLabel, values: shown.map((u) => t.value(u, yi, 0)) }],
        note: [
          left > 0 ? L(lang, `共${bars.length}个${W(t)}，只画出前${BAR_ENDS}位和后${BAR_ENDS}位，中间${left}个见排名表。`, `${bars.length} units: the top and bottom ${BAR_ENDS} are drawn; the ${left} between are in the ranking table.`) : '',
          L(lang, `横轴从${lo}起，不从0起：基期为100，条形长出100的部分是较基期的增长。`, `The axis starts at ${lo}, not 0: the base is 100, so the part of a bar beyond 100 is the growth since the base.`),
        ].filter((x) => x !== '').join(L(lang, '', ' ')),
      },
      mermaid: [
        'xychart-beta',
        `    title "${mermaidLabel(L(lang, `${t.periodLabel(t.years[yi]!, 'zh')}各${W(t)}${rootLabel}`, `${rootLabel} by unit, ${t.periodLabel(t.years[yi]!, 'en')}`))}"`,
        `    x-axis [${bars.map((u) => `"${mermaidLabel(t.units[u]!)}"`).join(', ')}]`,
        `    y-axis "${mermaidLabel(L(lang, '指数', 'Index'))}" ${lo} --> ${hi}`,
        `    bar [${values.map((v) => formatFixed(v, d)).join(', ')}]`,
      ].join('\n'),
    });
  }
  const heatUnits = [...aggregates, ...bars];
  if (modules.length > 1 && heatUnits.length > 1) {
    const { shown, left } = topAndBottom(bars, BAR_ENDS);
    const rows = [...aggregates, ...shown];
    charts.push({
      spec: {
        kind: 'heatmap', title: L(lang, `${P(t.years[yi]!)}各${W(t)}分项模块指数`, `Module indices by unit, ${P(t.years[yi]!)}`),
        categories: modules.map((m) => nodeLabel(m, lang)), rows: rows.map((u) => t.units[u]!), decimals: d,
        series: rows.map((u) => ({ name: t.units[u]!, values: modules.map((m) => t.value(u, yi, m.index)) })),
        ...(aggregates.length > 0 && t.value(aggregates[0]!, yi, 0) !== null ? { marker: { label: L(lang, `${t.units[aggregates[0]!]!}${rootLabel}`, `${t.units[aggregates[0]!]!} ${rootLabel}`), value: t.value(aggregates[0]!, yi, 0)! } } : {}),
        ...(left > 0 ? { note: L(lang, `只画出总指数排名前${BAR_ENDS}位和后${BAR_ENDS}位的${W(t)}。`, `Only the top and bottom ${BAR_ENDS} units by the composite are drawn.`) } : {}),
      },
    });
  }
  if (o.map !== undefined) charts.push({ spec: mapSpec(t, yi, o.map.boundaries, o.map.node ?? 0, o) });
  return charts;
}

/** The choropleth of a node for the period: units matched to the boundaries by name, aggregates never a region, what did not match in the note. */
function mapSpec(t: IndexTable, yi: number, b: Boundaries, node: number, o: ReportOptions): ChartSpec {
  const { lang, decimals: d } = o;
  const label = nodeLabel(t.framework.nodes[node]!, lang);
  const match = matchUnits(t.units, t.aggregate, b.names);
  const regions = mapRegions(match, t.units, (u) => t.value(u, yi, node));
  const agg = t.units.findIndex((_, u) => t.aggregate[u]);
  const sep = L(lang, '、', ', ');
  const notes = [
    L(lang, `颜色越深，${label}越高；灰色为无数据。`, `The darker, the higher the ${label}; grey: no data.`),
    regions.some((r) => r.value === null) ? L(lang, `${regions.filter((r) => r.value === null).map((r) => r.unit).join(sep)}本期无数值（见数据说明）。`, `No value this period: ${regions.filter((r) => r.value === null).map((r) => r.unit).join(sep)} (see the data notes).`) : '',
    match.unmatchedUnits.length > 0 ? L(lang, `地图文件中找不到的${W(t)}：${match.unmatchedUnits.join(sep)}。`, `Units not found in the map file: ${match.unmatchedUnits.join(sep)}.`) : '',
    match.unmatchedFeatures.length > 0 ? L(lang, `地图中没有对应数据的区域：${match.unmatchedFeatures.join(sep)}。`, `Map areas with no unit in the data: ${match.unmatchedFeatures.join(sep)}.`) : '',
    b.skipped.length > 0 ? L(lang, `地图文件中未画出的要素（非面状或无名称）：${b.skipped.join(sep)}。`, `Features left out of the map (not polygons, or unnamed): ${b.skipped.join(sep)}.`) : '',
  ].filter((x) => x !== '');
  return {
    kind: 'map', title: L(lang, `${t.periodLabel(t.years[yi]!, lang)}各${W(t)}${label}`, `${label} by unit, ${t.periodLabel(t.years[yi]!, lang)}`),
    categories: [], series: [], decimals: d, valueName: label,
    map: { geojson: b.geojson, key: b.key, regions },
    ...(agg >= 0 && t.value(agg, yi, node) !== null ? { marker: { label: t.units[agg]!, value: t.value(agg, yi, node)! } } : {}),
    words: { low: L(lang, '低', 'low'), high: L(lang, '高', 'high') },
    note: notes.join(L(lang, '', ' ')),
  };
}

/** The slope chart of the movers: each unit's rank in the period before and in this one. */
function reportSlope(t: IndexTable, ranked: number[], yi: number, prior: number, o: ReportOptions, ranks: MoveRanks): ChartSpec | undefined {
  const { lang } = o;
  const rows = ranked.filter((u) => ranks.before(u) !== null && ranks.now(u) !== null).map((u) => ({ name: t.units[u]!, from: ranks.before(u)!, to: ranks.now(u)! }));
  if (rows.length < 2) return undefined;
  return slopeSpec(rows, {
    lang,
    from: t.periodLabel(t.years[prior]!, lang),
    to: t.periodLabel(t.years[yi]!, lang),
    title: L(lang, `${nodeLabel(t.framework.nodes[0]!, lang)}排名变化（${t.periodLabel(t.years[prior]!, lang)}→${t.periodLabel(t.years[yi]!, lang)}）`, `${nodeLabel(t.framework.nodes[0]!, lang)}: ranks, ${t.periodLabel(t.years[prior]!, lang)} → ${t.periodLabel(t.years[yi]!, lang)}`),
    left: ranked.length - rows.length,
  });
}

/** Whether a table was computed with the default methods (fixed-base, given weights, the framework's aggregation, no preparation). */
function defaultMethods(t: IndexTable): boolean {
  const p = t.record.prepare?.methods;
  return t.record.leaves.normalise.name === 'fixed-base' && t.record.weights.method.name === 'given' && t.record.aggregation.method === undefined && !p?.denominate && !p?.impute && p?.screen === undefined && !p?.treat && t.framework.nodes.every((n) => n.aggregation === undefined);
}

/** The method section's lines for the methods used: preparation, normalisation, weights, aggregation. */
function methodLines(t: IndexTable, lang: Lang): string[] {
  const out: string[] = [];
  const p = t.record.prepare?.methods;
  const prep: string[] = [];
  if (p?.denominate) prep.push(L(lang, '按分母列换算（人均、单位GDP等）', 'divided by denominator columns (per capita, per GDP)'));
  if (p?.impute) prep.push(L(lang, `缺失值插补：${specText(p.impute)}`, `missing values imputed: ${specText(p.impute)}`));
  if (p?.screen !== undefined) prep.push(L(lang, `数据完整度低于${p.screen}的${W(t)}剔除`, `units with less than ${p.screen} of their indicators dropped`));
  if (p?.treat) prep.push(L(lang, `离群值处理：${specText(p.treat)}（COINr 默认算法：偏度≥2且峰度≥3.5时逐点缩尾，仍不通过则取对数）`, `outliers: ${specText(p.treat)} (COINr's default: winsorise while |skew| ≥ 2 and kurtosis ≥ 3.5, else log)`));
  if (prep.length) out.push(markdownText(L(lang, `数据预处理（依次）：${prep.join('；')}。`, `Data preparation, in order: ${prep.join('; ')}.`)));
  const nm = t.record.leaves.normalise;
  const n = NORMALISATIONS[nm.name]!;
  out.push(markdownText(L(lang, `标准化：${specText(nm)}，${n.zh}${n.crossSection ? `；统计量${t.record.leaves.scope === 'panel' ? '取全部年份' : '按年份分别计算'}，汇总单位不参与` : ''}。`, `Normalisation: ${specText(nm)}: ${n.formula}${n.crossSection ? `; statistics ${t.record.leaves.scope === 'panel' ? 'over the whole panel' : 'within each year'}, aggregates excluded` : ''}.`)));
  const w = describeWeighting(t.record.weights.method);
  const wn = specText(t.record.weights.method);
  out.push(markdownText(L(lang, `权重：${wn}，${w.zh}${t.record.weights.method.name === 'given' || t.record.weights.method.name === 'equal' || t.record.weights.method.name === 'ahp' ? '' : '；由各单位各年份下级齐全的数据计算'}；各节点实际权重见下方框架结构。`, `Weights: ${wn}: ${w.formula}${t.record.weights.method.name === 'given' || t.record.weights.method.name === 'equal' || t.record.weights.method.name === 'ahp' ? '' : ', from every unit and year with all the children present'}; the weights used are in the tree below.`)));
  const riName = (x: { randomIndex: string }): string => (x.randomIndex === 'cn' ? L(lang, '国内教材通用表', 'the table of Chinese textbooks') : L(lang, 'Saaty 表', "Saaty's table"));
  for (const x of t.record.weights.ahp) out.push(markdownText(L(lang, `${x.node}的层次分析判断矩阵（ahp:${x.variant}）：λmax = ${formatFixed(x.lambdaMax, 4)}，CI = ${formatFixed(x.ci, 4)}，RI = ${x.ri}（${riName(x)}），一致性比率 CR = ${formatFixed(x.cr, 4)}。`, `${x.node}: AHP matrix (ahp:${x.variant}): λmax = ${formatFixed(x.lambdaMax, 4)}, CI = ${formatFixed(x.ci, 4)}, RI = ${x.ri} (${riName(x)}), consistency ratio CR = ${formatFixed(x.cr, 4)}.`)));
  const agg = t.record.aggregation.method ? specText(t.record.aggregation.method) : t.framework.aggregation;
  const a = describeAggregation(parseSpec(agg));
  out.push(markdownText(L(lang, `汇总：${agg}，${a.zh}；权重按当年有值的下级重新归一${t.framework.nodes.some((x) => x.aggregation !== undefined) && !t.record.aggregation.method ? '；部分节点另有汇总方法（见框架文件）' : ''}。`, `Aggregation: ${agg}: ${a.formula}; weights renormalised over the children present${t.framework.nodes.some((x) => x.aggregation !== undefined) && !t.record.aggregation.method ? '; some nodes set their own (see the framework file)' : ''}.`)));
  return out;
}

/** A method note on periods: what the base, 同比 and 环比 mean for sub-annual data. */
function periodNote(t: IndexTable, lang: Lang): string[] {
  if (t.frequency === 'year') return [];
  const f = frequencyName(t.frequency, lang);
  if (t.frequency === 'cumulative') {
    return [markdownText(L(lang, `${f}数据：同比为与上年同一累计期相比；累计数据没有环比。基期为${t.basePeriod !== undefined ? t.baseLabel('zh') : `${t.baseYear}年同一累计期`}=100。`, `${f} data: the YoY rate compares with the same span a year earlier; cumulative data have no period-on-period rate. Base: ${t.basePeriod !== undefined ? t.baseLabel('en') : `the same span of ${t.baseYear}`} = 100.`))];
  }
  // the index is not seasonally adjusted: against the base year's mean, a season (the first quarter, February's
  // Spring Festival) shows as a dip every year; 同比 compares like with like
  return [markdownText(L(lang, `${f}数据：同比为与上年同期相比，环比为与上一期相比（第一期与上年最后一期相比）。基期${t.basePeriod !== undefined ? `为${t.baseLabel('zh')}` : `为${t.baseYear}年各期的平均值`}=100。指数未经季节调整：各期与基期比较，季节因素（如一季度、春节所在月份）会使某些期每年都偏低或偏高，环比也受其影响；同比与上年同期相比，不受季节影响。`, `${f} data: the YoY rate compares with the same period a year earlier, the period-on-period rate with the period before (the first period with the last of the year before). Base: ${t.basePeriod !== undefined ? t.baseLabel('en') : `the mean of ${t.baseYear}'s periods`} = 100. The index is not seasonally adjusted: against the base, a season (the first quarter, the month of the Spring Festival) reads low or high every year, and so does the period-on-period rate; the YoY rate compares like with like.`))];
}

/** A method note naming the inner nodes whose values were given as index points. */
function givenNote(t: IndexTable, lang: Lang): string[] {
  const given = t.framework.nodes.filter((n) => n.children.length > 0 && t.units.some((_, u) => t.years.some((_, yi) => t.given(u, yi, n.index))));
  if (given.length === 0) return [];
  const names = given.map((n) => nodeLabel(n, lang));
  return [markdownText(L(lang, `${names.join('、')}的数值按数据中给出的指数点使用，未由下级指标计算。`, `${names.join(', ')}: values taken as given in the data (index points), not computed from the levels below.`))];
}

/** Where the framework came from: built in, or a file with its SHA-256. */
function frameworkSourceLine(fw: IndexTable['framework'], lang: Lang, name: string | undefined): string {
  const src = fw.source;
  if (src?.kind === 'file') {
    const same = src.unmodifiedBuiltIn ? L(lang, `，与内置框架 ${src.unmodifiedBuiltIn} 相同`, `, identical to the built-in ${src.unmodifiedBuiltIn}`) : '';
    return `${L(lang, '框架文件', 'Framework file')}${colon(lang)}\`${(name ?? src.name ?? '').replace(/`/g, "'").replace(/\|/g, '\\|')}\`, SHA-256 \`${src.sha256}\`${markdownText(same)}`;
  }
  // (the line above named the framework already: 框架 once)
  return markdownText(L(lang, `框架来源：smei 内置框架 ${fw.name}，未修改。`, `Framework source: smei's built-in ${fw.name}, unmodified.`));
}

/**
 * The framework as a nested list: each node's weight as given and as used
 * (its share among the siblings that have data), and its direction.
 */
function frameworkTree(t: IndexTable, lang: Lang): [string, number][] {
  const nodes = t.framework.nodes;
  return nodes.map((n): [string, number] => {
    const dir = n.direction === 1 ? L(lang, '正向', 'higher is better') : L(lang, '逆向', 'lower is better');
    let used = '';
    if (n.parent >= 0 && t.nodeHasData[n.index]) {
      // the weights used: given, or derived from the data (entropy, CRITIC, ...)
      const siblings = nodes[n.parent]!.children;
      const ws = t.record.weights.used.get(n.parent) ?? siblings.map((c) => nodes[c]!.weight);
      const total = siblings.reduce((sum, c, i) => sum + (t.nodeHasData[c] ? ws[i]! : 0), 0);
      const share = total === 0 ? 0 : (100 * ws[siblings.indexOf(n.index)]!) / total;
      used = L(lang, `（占${formatFixed(share, 2)}%）`, ` (${formatFixed(share, 2)}% of its parent)`);
    }
    const data = t.nodeHasData[n.index] ? '' : L(lang, '，无数据，权重由同级分担', ', no data: its weight goes to its siblings');
    const unit = nodeUnit(n, lang) ? L(lang, `，单位：${nodeUnit(n, lang)}`, `, unit: ${nodeUnit(n, lang)}`) : '';
    // divided by its denominator in this run (--denominate): what the index measures
    const den = n.denominator !== undefined && t.record.prepare?.methods.denominate === true ? t.framework.denominators.find((x) => x.id === n.denominator) : undefined;
    const per = den === undefined ? '' : L(lang, `，除以${denominatorLabel(den, 'zh')}${den.unit ? `（${den.unit}）` : ''}`, `, divided by ${denominatorLabel(den, 'en')}${den.unit ? ` (${den.unit})` : ''}`);
    return [`${markdownText(nodeLabel(n, lang))} (\`${n.id.replace(/`/g, "'")}\`)${colon(lang)}${L(lang, '权重', 'weight ')}${n.weight}${markdownText(used)}${L(lang, '，', ', ')}${dir}${markdownText(unit + per)}${markdownText(data)}`, n.depth];
  });
}

/**
 * A unit's profile (--unit): its index, rank and rank path, its modules
 * against the aggregate, its three strongest and weakest indicators (by index
 * and by rank among units), its drivers, a radar of its modules and its rank path.
 */
function unitProfile(doc: ReportDoc, t: IndexTable, u: number, yi: number, agg: number, number: string, o: ReportOptions): void {
  const { lang, decimals: d } = o;
  const fw = t.framework;
  const P = (key: number): string => t.periodLabel(key, lang);
  const root = fw.nodes[0]!;
  const name = t.units[u]!;
  const vsAgg = agg >= 0 && agg !== u;
  doc.heading(3, `${number} ${name}`);
  const rank = t.rank(u, yi, 0);
  const count = t.units.filter((_, v) => t.rank(v, yi, 0) !== null).length;
  const prior = t.prevYear(yi);
  const before = prior < 0 || t.allTied(prior, 0) ? null : t.rank(u, prior, 0);
  const rankText = t.aggregate[u]
    ? L(lang, '该单位为汇总单位，不参与排名。', 'It is an aggregate and is not ranked.')
    : rank === null ? L(lang, '本期无排名（见数据说明）。', 'It has no rank this period (see the data notes).')
      : L(lang, `在${count}个${W(t)}中居${ordinal(rank, lang)}${before === null ? '' : `（${P(t.years[prior]!)}${ordinal(before, lang)}）`}。`, `It ranks ${ordinal(rank, lang)} of ${count}${before === null ? '' : ` (${ordinal(before, lang)} in ${P(t.years[prior]!)})`}.`);
  doc.paragraph(`${subjectSentence(t, u, yi, 0, o)}${lang === 'zh' ? '' : ' '}${markdownText(rankText)}`);

  // the rank path
  const path = t.years.map((y, i) => ({ y, i })).filter(({ i }) => i <= yi && t.value(u, i, 0) !== null);
  if (path.length > 0) {
    // (a period where every unit ties, the base of a fixed-base index, ranks no one: — and a sentence)
    doc.table([L(lang, '时期', 'Period'), nodeLabel(root, lang), L(lang, '同比(%)', 'YoY (%)'), L(lang, '排名', 'Rank')],
      path.map(({ y, i }) => [P(y), fmt(t.value(u, i, 0), d), fmt(t.yoyPct(u, i, 0), d, true), t.shownRank(u, i, 0) === null ? '—' : String(t.shownRank(u, i, 0))]), [false, true, true, true]);
    const tied = path.filter(({ i }) => t.allTied(i, 0)).map(({ y }) => P(y));
    if (tied.length > 0) doc.paragraph(markdownText(L(lang, `${tied.join('、')}各${W(t)}${nodeLabel(root, lang)}并列（${t.record.leaves.normalise.name === 'fixed-base' ? '基期均为100' : '数值相同'}），不排名。`, `${tied.join(', ')}: every unit ties on the ${nodeLabel(root, lang)} (${t.record.leaves.normalise.name === 'fixed-base' ? 'the base: all 100' : 'the same value'}), so no one is ranked.`)));
  }
  // the modules against the aggregate
  const modules = root.children.map((c) => fw.nodes[c]!).filter((m) => t.nodeHasData[m.index]);
  if (modules.length > 0) {
    const aggName = vsAgg ? t.units[agg]! : '';
    doc.table([L(lang, '模块', 'Module'), name, ...(vsAgg ? [aggName, L(lang, '差值(点)', 'Difference (points)')] : []), L(lang, '排名', 'Rank')],
      modules.map((m) => {
        const mine = t.value(u, yi, m.index);
        const theirs = vsAgg ? t.value(agg, yi, m.index) : null;
        const r = t.rank(u, yi, m.index);
        return [nodeLabel(m, lang), fmt(mine, d), ...(vsAgg ? [fmt(theirs, d), fmt(mine === null || theirs === null ? null : mine - theirs, d, true)] : []), r === null ? '—' : String(r)];
      }), [false, true, ...(vsAgg ? [true, true] : []), true]);
    if (modules.length >= 3) {
      doc.chart({
        kind: 'radar', title: L(lang, `${name}分项模块指数${vsAgg ? `与${t.units[agg]!}比较` : ''}（${P(t.years[yi]!)}）`, `${name}: module indices${vsAgg ? ` against ${t.units[agg]!}` : ''}, ${P(t.years[yi]!)}`),
        categories: modules.map((m) => nodeLabel(m, lang)), decimals: d,
        series: [{ name, values: modules.map((m) => t.value(u, yi, m.index)), emphasis: true }, ...(vsAgg ? [{ name: t.units[agg]!, values: modules.map((m) => t.value(agg, yi, m.index)), ...(t.aggregate[agg] ? { role: 'aggregate' as const } : {}) }] : [])],
      });
    }
  }
  // the strongest and weakest indicators
  const leaves = fw.nodes.filter((n) => n.children.length === 0 && t.nodeHasData[n.index] && t.value(u, yi, n.index) !== null);
  if (leaves.length >= 2) {
    const k = Math.min(3, Math.floor(leaves.length / 2));
    const byValue = [...leaves].sort((a, b) => t.value(u, yi, b.index)! - t.value(u, yi, a.index)! || a.index - b.index);
    const item = (n: FrameworkNode): string => `${markdownText(nodeLabel(n, lang))} ${fmt(t.value(u, yi, n.index), d)}${t.rank(u, yi, n.index) === null ? '' : L(lang, `（${ordinal(t.rank(u, yi, n.index)!, lang)}）`, ` (${ordinal(t.rank(u, yi, n.index)!, lang)})`)}`;
    const sep = L(lang, '；', '; ');
    const items = [
      `${L(lang, '指数最高', 'Highest index')}${colon(lang)}${byValue.slice(0, k).map(item).join(sep)}`,
      `${L(lang, '指数最低', 'Lowest index')}${colon(lang)}${byValue.slice(-k).reverse().map(item).join(sep)}`,
    ];
    const rankedLeaves = leaves.filter((n) => t.rank(u, yi, n.index) !== null).sort((a, b) => t.rank(u, yi, a.index)! - t.rank(u, yi, b.index)! || a.index - b.index);
    if (rankedLeaves.length >= 2) {
      const kr = Math.min(3, Math.floor(rankedLeaves.length / 2));
      items.push(`${L(lang, '排名最前', 'Best ranked among units')}${colon(lang)}${rankedLeaves.slice(0, kr).map(item).join(sep)}`,
        `${L(lang, '排名最后', 'Worst ranked among units')}${colon(lang)}${rankedLeaves.slice(-kr).reverse().map(item).join(sep)}`);
    }
    doc.list(items);
  }
  // the drivers
  const dec = decompose(t, u, yi, 0);
  if (dec !== null) {
    doc.paragraph(markdownText(L(lang, `较${P(t.years[prior]!)}变化${formatSigned(dec.change, d)}点，各模块的贡献：`, `Change since ${P(t.years[prior]!)}: ${formatSigned(dec.change, d)} points, of which:`)));
    doc.list([...dec.children].sort((a, b) => b.points - a.points).map((c) => `${markdownText(nodeLabel(fw.nodes[fw.byId.get(c.node!)!]!, lang))}${colon(lang)}${contribText(c, lang, d, t.growth)}`));
  }
  // the periods that rank anyone (not the base period where all tie at 100: a fall from a shared 1st would be drawn)
  const ranking = path.filter(({ i }) => !t.allTied(i, 0));
  if (ranking.length >= 2 && ranking.some(({ i }) => t.rank(u, i, 0) !== null)) {
    doc.chart({
      kind: 'line', inverse: true, min: 1, title: L(lang, `${name}排名变化`, `${name}: rank over time`), categories: ranking.map(({ y }) => axisPeriod(y, t.frequency, lang)), valueName: L(lang, '排名', 'Rank'), decimals: 0,
      series: [{ name, values: ranking.map(({ i }) => t.rank(u, i, 0)), emphasis: true }],
    });
  }
}
