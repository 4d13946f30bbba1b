// Review findings as sentences, in either language (shared by the review
// renderers and the report's data notes).
import { nameBefore } from '../text.js';
import type { Finding } from '../collect/review.js';
import { labeller, unitOfId, type Framework, type ReviewRule } from '../framework/types.js';
import { parsePeriod, periodWords, type Frequency } from '../time/period.js';
import type { Lang } from './i18n.js';
import { formatFixed } from './number.js';
import { unitScale } from '../framework/units.js';
import { shiftDecimal } from '../input/values.js';

const RULE_ZH: Record<ReviewRule, string> = { missing: '缺报', dropped: '本期未报', renamed: '疑似改名', totals: '汇总不符', 'yoy-jump': '同比异常', 'out-of-range': '超出范围', scale: '量级错误', unchanged: '与上年相同', outlier: '离群值', conflict: '数据冲突' };

/**
 * A score past its threshold, to 2 decimals, or to as many more as it takes
 * to show it past: 3.5004 against 3.5 is "3.5004", not "3.50" (which would
 * read as not beyond it).
 */
function beyond(z: number, threshold: number): string {
  for (let d = 2; d < 12; d++) {
    const text = formatFixed(z, d);
    if (Math.abs(Number(text)) > threshold) return text;
  }
  return String(z);
}

/** A rule's name in a language; with the finding, what it says of it (与上期相同 for a form that repeats the period before). */
export function ruleName(rule: ReviewRule, lang: Lang, f?: Finding): string {
  if (lang === 'zh' && rule === 'unchanged' && f?.detail.equals === 'previous-period') return '与上期相同';
  if (lang === 'zh' && rule === 'unchanged' && f?.detail.equals === 'same-period-last-year') return '与上年同期相同';
  return lang === 'zh' ? RULE_ZH[rule] : rule;
}

/** A period a finding's detail names as JSON writes it (2020Q3), in words (2020年第三季度, Q3 2020). */
function periodOfText(p: string | number | undefined, periodText: (key: number) => string): string {
  const parsed = parsePeriod(String(p));
  return 'error' in parsed ? String(p) : periodText(parsed.key);
}

/** A level's name in a language. */
export function levelName(level: 'error' | 'warning' | 'note', lang: Lang): string {
  return lang === 'zh' ? (level === 'error' ? '错误' : level === 'warning' ? '警告' : '提示') : level;
}

/** A ratio in words: "12.3" times, or "1/850" (at most one decimal below 100, whole numbers above). */
function times(ratio: number): string {
  const r = ratio >= 1 ? ratio : 1 / ratio;
  const text = r >= 100 ? Math.round(r).toLocaleString('en-US') : String(Math.round(r * 10) / 10);
  return ratio >= 1 ? text : `1/${text}`;
}

/** The unit a 万/亿 slip was typed in, seen from the node's unit: 亿元 too big was typed in 万元; 万元 too small in 亿元. */
function slippedUnit(unit: string, ratio: number): string | undefined {
  if (ratio > 1) return unit.includes('亿') ? unit.replace('亿', '万') : unit.includes('万') ? unit.replace('万', '') || undefined : undefined;
  return unit.includes('万') ? unit.replace('万', '亿') : undefined;
}

/** The likely slip of scale in words. */
function slipWords(f: Finding, lang: Lang, unit: string): string {
  const ratio = f.detail.ratio as number;
  const zh = lang === 'zh';
  switch (f.detail.slip) {
    case 'wan-yi': {
      const wrong = slippedUnit(unit, ratio);
      // (万 against 亿 said so; 元 against 万元 is plain from the units)
      const wanYi = wrong !== undefined && /[万亿]/.test(wrong) && /[万亿]/.test(unit);
      return wrong ? (zh ? `可能按${wrong}而不是${unit}填报${wanYi ? '（万与亿之差）' : ''}` : `likely entered in ${wrong} instead of ${unit}${wanYi ? ' (万 for 亿)' : ''}`) : (zh ? '可能混淆了万与亿' : 'likely 万 and 亿 confused');
    }
    case 'fraction': return zh ? `可能把百分数填成了小数（${raw(f.value)}应为${raw((f.value ?? 0) * 100)}）` : `likely a fraction for a percentage (${raw(f.value)} for ${raw((f.value ?? 0) * 100)})`;
    case 'percent': return zh ? '相差约100倍，可能是百分数换算错误' : 'about 100 times: likely a percentage converted twice';
    case 'thousand': return zh ? '相差约1000倍，可能是千与个（或元与千元）之差' : 'about 1,000 times: likely thousands for ones (or the reverse)';
    case 'zero': return ratio > 1 ? (zh ? '可能多写了一个0或小数点错位' : 'likely an extra zero or a misplaced decimal point') : (zh ? '可能少写了一个0或小数点错位' : 'likely a missing zero or a misplaced decimal point');
    // (the sentence ends 请核对 itself)
    // (an example of money only for money: 以元填报万元 said of a count of firms or a score misleads)
    default: return /元$/.test(unit) ? (zh ? '量级相差悬殊，可能填错了计量单位（如以元填报万元）' : 'a different order of magnitude: likely another unit (yuan for 万元, say)') : zh ? '量级相差悬殊，可能填错了计量单位或多写、少写了几位数' : 'a different order of magnitude: likely another unit, or digits added or dropped';
  }
}

/** A share from 100 to 10,000 in a workbook's cell: 12.6 typed into a cell formatted as a percentage shows (and reads) 1260%. */
function pctCell(f: Finding): boolean {
  return (f.value ?? 0) > 100 && (f.value ?? 0) <= 10000 && /, sheet /.test(f.source ?? '');
}

/** A raw value as written (at most 6 decimals). */
export function raw(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6)));
}

/** A sum as the totals rule quotes it: written as the values are (raw), the float noise of adding rounded away (12 digits, as the note of a totals row found by its sums has 10). */
function sumText(v: number): string {
  return raw(Number(v.toPrecision(12)));
}

/** The periods where a totals row's sums held: a run as its ends (2020-2022年), else each. */
function heldText(x: Finding['detail'], lang: Lang, periodText: (key: number) => string): string {
  const keys = String(x.held).split(',').filter((k) => k !== '').map(Number);
  const words = keys.map(periodText);
  if (keys.length < 3 || x.run !== 1) return words.join(lang === 'zh' ? '、' : ', ');
  const [first, last] = [words[0]!, words[words.length - 1]!];
  if (lang === 'zh') return /^\d{4}年$/.test(first) && /^\d{4}年$/.test(last) ? `${first.slice(0, 4)}-${last}` : `${first}至${last}`;
  return /^\d{4}$/.test(first) && /^\d{4}$/.test(last) ? `${first}-${last}` : `${first} to ${last}`;
}

/** The sentence of a finding. */
export function findingSentence(f: Finding, lang: Lang, labelOf: (id: string) => string, d = 2, periodText: (key: number) => string = (k) => (lang === 'zh' ? `${k}年` : String(k)), unitOf: (id: string) => string = () => ''): string {
  const label = f.node === '' ? '' : labelOf(f.node);
  const x = f.detail;
  // what the data calls its units (行业), where the review gave it; else 地区
  const W = typeof x.word === 'string' ? x.word : '地区';
  const pct = (p: number): string => `${p > 0 ? '+' : ''}${formatFixed(p, d)}%`;
  const cell = f.source ? (lang === 'zh' ? `（${f.source}）` : ` (${f.source})`) : '';
  if (f.rule === 'scale' && x.against === 'per-firm') {
    // a whole column in another unit: its average per firm, in 亿元 or 万元 (money) or in people
    const v = x.perFirm as number;
    const firms = labelOf(String(x.firms));
    const amount = x.base === '元' ? (v >= 1e8 ? `${formatFixed(v / 1e8, 1)}${lang === 'zh' ? '亿元' : ' 亿元'}` : `${formatFixed(v / 1e4, 1)}${lang === 'zh' ? '万元' : ' 万元'}`) : `${formatFixed(v, 0)}${lang === 'zh' ? '人' : ' people'}`;
    const unit = unitOf(f.node);
    if (lang === 'zh') return `各${W}${label}平均每家企业${amount}（${label}÷${firms}，${x.units}个${W}的中位数），远超小微企业的规模：是否以${x.smaller}填报，却按${unit}读取？请在表头注明单位（如“${label}（${x.smaller}）”），或核对数值。`;
    return `${label} averages ${amount} per firm (${label} ÷ ${firms}, the median of ${x.units} units), far beyond a small or micro firm: given in ${x.smaller} but read as ${unit}? Write the unit in the header (${label} (${x.smaller})), or check the values.`;
  }
  if (f.rule === 'scale' && x.against === 'ytd') {
    // a month's whole form year-to-date: most of its indicators about m times the same month a year earlier
    const m = x.month as number;
    return lang === 'zh'
      ? `${x.compared}个可比指标中有${x.count}个约为上年同月的${m}倍：像是填了1-${m}月的累计数，而不是${m}月的当月数，请改为当月数后重报。`
      : `${x.count} of the ${x.compared} indicators compared are about ${m} times the same month a year earlier: the year-to-date figures (January-month ${m}) given for the month's own? Give the month's own figures.`;
  }
  if (f.rule === 'scale') {
    // values typed in another unit than the framework's and converted (万元 for 亿元): quoted, and the slip named, as typed
    const typed = typeof x.typed === 'string' ? x.typed : undefined;
    const back = typed === undefined ? 0 : -(unitScale(typed, unitOf(f.node)) ?? 0);
    // (else in the framework's unit, which the values were read in: 56.33033亿元 where several files typed
    // several units, not a bare 56.33033 beside a cell holding 563303.3 万元)
    const shown = typed ?? unitOf(f.node);
    const q = (v: number | null | undefined): string => (v === null || v === undefined ? raw(v) : `${raw(typed === undefined ? v : shiftDecimal(v, back))}${shown === '' || lang === 'zh' || shown === '%' ? '' : ' '}${shown}`);
    const slip = slipWords(f, lang, typed ?? unitOf(f.node));
    const ratio = x.ratio as number;
    if (x.culprit === 'previous') {
      // in line with the year after: the year before's value is the likely slip, and its cell is named
      const at = typeof x.previousSource === 'string' ? (lang === 'zh' ? `（${x.previousSource}）` : ` (${x.previousSource})`) : '';
      const when = periodText(x.nextPeriod as number);
      if (lang === 'zh') return `${label}为${q(f.value)}${cell}，上年为${q(f.previous)}${at}，${ratio >= 1 ? `是上年的${times(ratio)}倍` : `仅为上年的${times(ratio)}`}；本期与${when}的${q(x.next as number)}相近，填错的更可能是上年的值：请核对上年的${label}。`;
      return `${label} is ${q(f.value)}${cell}, ${ratio >= 1 ? `${times(ratio)} times` : `${times(ratio)} of`} ${q(f.previous)} a year earlier${at}; it is in line with ${q(x.next as number)} in ${when}, so the year before's value is the likely slip: check ${label} there.`;
    }
    if (lang === 'zh') {
      const rel = (of: string): string => (ratio >= 1 ? `是${of}的${times(ratio)}倍` : `仅为${of}的${times(ratio)}`);
      const against = x.against === 'previous' ? `上年为${q(f.previous)}，${rel('上年')}` : `其他${x.units}个${W}的中位数为${q(x.median as number)}，${rel('中位数')}`;
      return `${label}为${q(f.value)}${cell}，${against}：${slip}，请核对。`;
    }
    const rel = ratio >= 1 ? `${times(ratio)} times` : `${times(ratio)} of`;
    const against = x.against === 'previous' ? `${rel} ${q(f.previous)} a year earlier` : `${rel} the median ${q(x.median as number)} of the other ${x.units} units`;
    return `${label} is ${q(f.value)}${cell}, ${against}: ${slip}; check it.`;
  }
  if (f.rule === 'totals') {
    const held = heldText(x, lang, periodText);
    return lang === 'zh'
      ? `${label}为${raw(f.value)}${cell}，其余${x.others}个${W}合计${sumText(x.sum as number)}：汇总行与各${W}之和不符（${held}相符），请核对各地区的填报或汇总行。`
      : `${label} is ${raw(f.value)}${cell}, the other ${x.others} units sum to ${sumText(x.sum as number)}: the totals row does not equal the units' sum (it does in ${held}); check the units' figures or the totals row.`;
  }
  if (f.rule === 'renamed') {
    const from = f.source ? (lang === 'zh' ? `（${f.source}）` : ` (${f.source})`) : '';
    const to = String(x.to);
    // a name with data in this period alone, inside this unit's series: mistyped once
    if (x.once !== undefined) {
      return lang === 'zh'
        ? `没有本期数据，而${to}只在本期有数据${from}：是名称写错了吗？如是，请用 --rename ${x.rename}（或框架的 aliases）改正；否则本期两者都不参与排名，前后两期的同比也无定义；确是两个${W}的，用 --level renamed=warning。`
        : `no data for this period, while ${to} has data in this period only${from}: the name mistyped? If so, correct it with --rename ${x.rename} (or the framework's "aliases"); otherwise neither is ranked this period and the YoY rates on either side are undefined; if they are two units, use --level renamed=warning.`;
    }
    return lang === 'zh'
      ? `没有本期数据${x.last === undefined ? '' : `（最近一期为${periodText(x.last as number)}）`}，而${to}的数据从${x.first === undefined ? '本期' : periodText(x.first as number)}开始${from}：是同一地区换了写法或改了名吗？如是，请用 --rename ${x.rename}（或框架的 aliases）接续，否则${x.first === undefined ? '它' : `${to}没有基期数据，`}将不参与本期排名；确是两个${W}的，用 --level renamed=warning。`
      : `no data for this period${x.last === undefined ? '' : ` (its latest is ${periodText(x.last as number)})`}, while ${to}'s data begins ${x.first === undefined ? 'in it' : `in ${periodText(x.first as number)}`}${from}: one unit under another name or spelling? If so, join them with --rename ${x.rename} (or the framework's "aliases"), or ${x.first === undefined ? 'it' : `${to}, without a base of its own,`} drops out of this period's ranking; if they are two units, use --level renamed=warning.`;
  }
  if (f.rule === 'dropped') {
    const from = f.source ? (lang === 'zh' ? `，来自${f.source}` : `, from ${f.source}`) : '';
    return lang === 'zh'
      ? `没有本期数据（最近一期为${periodText(x.last as number)}${from}）：是尚未报送，还是报错了表（报的是往期的表）？`
      : `no data for this period (its latest is ${periodText(x.last as number)}${from}): not returned yet, or the wrong period's form returned?`;
  }
  if (f.rule === 'missing' && x.denominator !== undefined) {
    // a leaf divided by its denominator (--denominate) without it: the denominator is what to fill in
    const den = labelOf(String(x.denominator));
    const of = String(x.of).split(',').map(labelOf);
    const zero = f.value === 0;
    return lang === 'zh'
      ? `${of.join('、')}要除以${den}（--denominate），但${den}${zero ? '为0' : '未填报'}：请补填${den}，否则${of.length > 1 ? '这些指标' : '该指标'}无法计算。`
      : `${of.join(', ')} ${of.length > 1 ? 'are' : 'is'} divided by ${den} (--denominate), but ${den} is ${zero ? '0' : 'empty'}: fill in ${den}, or ${of.length > 1 ? 'they' : 'it'} cannot be computed.`;
  }
  if (f.rule === 'missing' && f.level === 'note') {
    const ids = String(x.aggregate).split(',').map(labelOf);
    return lang === 'zh'
      ? `汇总单位没有${ids.join('、')}，不算缺报；其综合指数仅由${x.indicators}个指标中的${x.used}个计算。`
      : `a totals row without ${ids.join(', ')}: not a gap to fill; its composite was computed from ${x.used} of the ${x.indicators} indicators.`;
  }
  if (lang === 'zh') {
    switch (f.rule) {
      case 'missing':
        if (f.node !== '' && x.errorCell !== undefined) return `${label}为 ${x.errorCell}：公式出错，按未填报处理；请填入数值（必填指标）。`;
        if (f.node !== '') return `${label}未填报（必填指标）。`;
        return x.whole === 'absent' ? `没有收到该${W}的数据：--units 列出了它，但所有文件中都没有。` : `该${W}没有${periodText(f.period)}的数据。`;
      case 'yoy-jump': return `${label}为${raw(f.value)}，上年为${raw(f.previous)}，同比${pct(x.pct as number)}，超过±${x.max}%${x.ytd !== undefined ? `；约为上年同月的${x.ytd}倍：是否填了1-${x.ytd}月的累计数，而不是当月数？` : '。'}`;
      case 'out-of-range':
        if (x.kind === 'share') return `${label}为${raw(f.value)}，比重应在0到100之间${pctCell(f) ? `：若单元格设为百分比格式，填入${raw((f.value ?? 0) / 100)}会显示为${raw(f.value)}%，请改填${raw((f.value ?? 0) / 10000)}或取消百分比格式` : ''}。`;
        if (x.kind === 'negative') return `${label}为${raw(f.value)}，不应为负数。`;
        if (x.kind === 'positive') return `${label}为${raw(f.value)}：分母应为正数，请核对。`;
        return `${label}为${raw(f.value)}，超出合理范围${x.lower !== undefined ? `（下限${x.lower}` : '（'}${x.lower !== undefined && x.upper !== undefined ? '，' : ''}${x.upper !== undefined ? `上限${x.upper}` : ''}）。`;
      case 'unchanged':
        if (x.equals === 'previous-period') return `全部${x.count}个指标与上一期（${periodOfText(x.against, periodText)}）完全相同，可能重复报送了上一期的数据。`;
        if (x.equals === 'same-period-last-year') return `全部${x.count}个指标与上年同期（${periodOfText(x.against, periodText)}）完全相同，可能重复报送了上年同期的数据。`;
        return `全部${x.count}个指标与上年完全相同，可能重复报送了上年的数据。`;
      case 'outlier': return `${label}同比${pct(x.pct as number)}，远离各${W}的中位数${pct(x.median as number)}（修正z分数${beyond(x.z as number, x.threshold as number)}，绝对值超过${x.threshold}；按中位数绝对偏差计算）。`;
      case 'conflict': return `${label}：${raw(x.first as number)}（${x.firstSource}）与${raw(f.value)}（${f.source}）不一致，请保留其一。`;
      default: return '';
    }
  }
  switch (f.rule) {
    case 'missing':
      if (f.node !== '' && x.errorCell !== undefined) return `${label} is ${x.errorCell}: a formula that failed, read as missing; enter the value (a required indicator).`;
      if (f.node !== '') return `${label} is empty (a required indicator).`;
      return x.whole === 'absent' ? 'no submission: --units lists this unit but no file has it.' : `no data for ${periodText(f.period)}.`;
    case 'yoy-jump': return `${label} is ${raw(f.value)} against ${raw(f.previous)} a year earlier: ${pct(x.pct as number)}, beyond ±${x.max}%${x.ytd !== undefined ? `; about ${x.ytd} times the same month a year earlier: the year-to-date figure (January-month ${x.ytd}) given for the month's own?` : '.'}`;
    case 'out-of-range':
      if (x.kind === 'share') return `${label} is ${raw(f.value)}; a share lies between 0 and 100${pctCell(f) ? `: in a cell formatted as a percentage, ${raw((f.value ?? 0) / 100)} typed shows as ${raw(f.value)}%; type ${raw((f.value ?? 0) / 10000)}, or take the percentage format off` : ''}.`;
      if (x.kind === 'negative') return `${label} is ${raw(f.value)}; it cannot be negative.`;
      if (x.kind === 'positive') return `${label} is ${raw(f.value)}: a denominator must be positive; check it.`;
      return `${label} is ${raw(f.value)}, outside its plausible range (${x.lower ?? '−∞'} to ${x.upper ?? '∞'}).`;
    case 'unchanged':
      if (x.equals === 'previous-period') return `all ${x.count} indicators equal the period before (${periodOfText(x.against, periodText)}): the previous period's form sent again?`;
      if (x.equals === 'same-period-last-year') return `all ${x.count} indicators equal the same period a year earlier (${periodOfText(x.against, periodText)}): that period's form sent again?`;
      return `all ${x.count} indicators equal the year before: last year's form sent again?`;
    case 'outlier': return `${label} changed ${pct(x.pct as number)} on the year before, far from the units' median ${pct(x.median as number)} (modified z-score ${beyond(x.z as number, x.threshold as number)}, beyond ±${x.threshold}, from the median absolute deviation).`;
    case 'conflict': return `${label}: ${raw(x.first as number)} (${x.firstSource}) and ${raw(f.value)} (${f.source}) differ; keep one.`;
    default: return '';
  }
}


/**
 * Why compute stopped, as one sentence in the reader's language: how many
 * findings are errors, the first ten (unit, period, what is wrong, by label),
 * and what to do, with the `smei review` command that lists them all.
 */
export function reviewStopMessage(errors: Finding[], fw: Framework, freq: Frequency, lang: Lang, command: string): string {
  const label = labeller(fw, lang);
  // a denominator's unit (地区生产总值 in 亿元) names its slips of scale as a node's does
  const unitOf = (id: string): string => unitOfId(fw, id);
  const item = (f: Finding): string => {
    const sentence = findingSentence(f, lang, label, 2, (k) => periodWords(k, freq, lang), unitOf).replace(/[。.]$/, '');
    // the sentences of scale, totals and dropped name their cell or file themselves
    const where = f.source && f.rule !== 'scale' && f.rule !== 'totals' && f.rule !== 'dropped' && f.rule !== 'renamed' ? (lang === 'zh' ? `（${f.source}）` : ` (${f.source})`) : '';
    // a cross-section's one period (key 0) has no year: the unit and indicator say where
    const when = f.period === 0 ? '' : periodWords(f.period, freq, lang);
    return lang === 'zh' ? `${nameBefore(f.unit, when)}${when}${f.node === '' && when !== '' ? '' : '，'}${sentence}${where}` : `${f.unit}${when ? `, ${when}` : ''}: ${sentence}${where}`;
  };
  const shown = errors.slice(0, 10).map(item);
  const more = errors.length - shown.length;
  if (lang === 'zh') {
    return `数据有${errors.length}处未通过审核（错误级），未计算指数：${shown.join('；')}${more > 0 ? `；另有${more}处` : ''}；请运行 ${command} 查看全部问题并改正数据，或用 --level 规则=warning 调低某条规则的级别，或用 --no-review 跳过审核。`;
  }
  return `the data fails ${errors.length} review check${errors.length === 1 ? '' : 's'} at error level, so no index was computed: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}; run ${command} to list every finding and correct the data, or relax a rule with --level RULE=warning, or skip the review with --no-review.`;
}
