// Periods: years, half-years, quarters, months, and year-to-date cumulative
// spans (1-6月累计). A period is a number, its key, so that tables and sorting
// stay numeric: a year is the year itself (2018), so annual data reads exactly
// as before; a sub-annual period is year × 100 + its number (2018Q3 is 201803,
// 2018年1-6月 is 201806). One file holds one frequency.

/** How often a series is observed. */
export type Frequency = 'year' | 'half' | 'quarter' | 'month' | 'cumulative';

/** A parsed period. */
export interface Period {
  key: number;
  freq: Frequency;
  year: number;
  /** The half, quarter or month (1-based), or the last month of a cumulative span; 0 for a year. */
  sub: number;
}

/** How many periods a year has, by frequency. */
export const PERIODS_IN_YEAR: Record<Frequency, number> = { year: 1, half: 2, quarter: 4, month: 12, cumulative: 12 };

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/** The key of a period. */
export function periodKey(year: number, sub: number, freq: Frequency): number {
  return freq === 'year' ? year : year * 100 + sub;
}

/** The period of a key in a frequency. */
export function periodOf(key: number, freq: Frequency): Period {
  return freq === 'year' ? { key, freq, year: key, sub: 0 } : { key, freq, year: Math.floor(key / 100), sub: key % 100 };
}

/** Why a text is no period: said after the text in quotes, in English (`error`) and in Chinese (`zh`). */
export interface PeriodError {
  error: string;
  zh: string;
}

/** Builds a period, or says why the numbers make none. */
function make(year: number, sub: number, freq: Frequency): Period | PeriodError {
  if (year < 1000 || year > 9999) return { error: 'has no four-digit year', zh: '没有四位数的年份' };
  const max = PERIODS_IN_YEAR[freq];
  const name = { year: 'year', half: 'half', quarter: 'quarter', month: 'month', cumulative: 'month' }[freq];
  const nameZh = { year: '年', half: '半年', quarter: '季度', month: '月份', cumulative: '月份' }[freq];
  if (freq !== 'year' && (sub < 1 || sub > max)) return { error: `names ${name} ${sub}, which does not exist (${name === 'half' ? 'halves' : `${name}s`} are 1-${max})`, zh: `中的${nameZh} ${sub} 不存在（${nameZh}为 1-${max}）` };
  return { key: periodKey(year, sub, freq), freq, year, sub };
}

/**
 * Parses a period as offices write it: `2018`, `2018年`, `2018年度`; `2018H1`,
 * `2018-H1`, `2018年上半年`; `2018Q3`, `2018-Q3`, `2018年三季度`, `2018年第三季度`;
 * `2018-03`, `2018/3`, `2018年3月`; cumulative `2018年1-6月`, `2018年1—6月累计`,
 * `2018M1-6`.
 */
export function parsePeriod(raw: string): Period | PeriodError {
  const s = raw.normalize('NFKC').trim().replace(/\s+/g, '');
  if (s === '') return { error: 'is empty', zh: '为空' };
  let m = /^(\d{4})(?:年度?)?$/.exec(s);
  if (m) return make(Number(m[1]), 0, 'year');
  m = /^(\d{4})-?H(\d+)$/i.exec(s);
  if (m) return make(Number(m[1]), Number(m[2]), 'half');
  m = /^(\d{4})年?(上|下)半年度?$/.exec(s);
  if (m) return make(Number(m[1]), m[2] === '上' ? 1 : 2, 'half');
  m = /^(\d{4})-?Q(\d+)$/i.exec(s);
  if (m) return make(Number(m[1]), Number(m[2]), 'quarter');
  m = /^(\d{4})年第?([一二三四五六七八九十]+|\d+)季度?$/.exec(s);
  if (m) return make(Number(m[1]), CN_DIGITS[m[2]!] ?? Number(m[2]), 'quarter');
  m = /^(\d{4})(?:M|年|\.)?1[-—–~至](\d+)月?(?:累计)?$/i.exec(s);
  if (m && (/年|M|\./i.test(s))) return make(Number(m[1]), Number(m[2]), 'cumulative');
  m = /^(\d{4})年(\d+)[-—–~至](\d+)月(?:累计)?$/.exec(s);
  if (m) return { error: `is a span from month ${m[2]}; a cumulative period runs from January (1-${m[3]}月)`, zh: `是从 ${m[2]} 月开始的时段；累计期须从 1 月开始（1-${m[3]}月）` };
  m = /^(\d{4})(?:[-/]|年)(\d{1,2})月?$/.exec(s);
  if (m && (s.includes('年') ? s.endsWith('月') : true)) return make(Number(m[1]), Number(m[2]), 'month');
  // an older system's year and month run together (202506), as its exports write them
  m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(s);
  if (m) return make(Number(m[1]), Number(m[2]), 'month');
  // a date (an Excel date cell formatted with its day, 2025-06-01): the month is the period only if it says so
  m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  if (m) return { error: `is a date, not a period; for its month write ${m[1]}-${m[2]!.padStart(2, '0')} (or format the cell as yyyy"年"m"月")`, zh: `是日期而不是时期；如指该月，请写成 ${m[1]}-${m[2]!.padStart(2, '0')}（或把单元格格式设为 yyyy"年"m"月"）` };
  // 2025.6: a month written as a decimal, which a number cell would make 2025.6 of 2025.06 and 2025.1 of 2025.10
  m = /^(\d{4})\.(\d{1,2})$/.exec(s);
  if (m) return { error: `is not a whole four-digit year; for a month write ${m[1]}-${m[2]!.padStart(2, '0')} or ${m[1]}年${Number(m[2])}月 (a decimal cannot tell October, 2025.1, from January)`, zh: `不是四位整数年份；如指月份，请写成 ${m[1]}-${m[2]!.padStart(2, '0')} 或 ${m[1]}年${Number(m[2])}月（小数无法区分10月 2025.1 与1月）` };
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) return { error: 'is not a whole four-digit year', zh: '不是四位整数年份' };
  return { error: 'is not a year or a period (2018, 2018H1, 2018Q3, 2018-03, 2018年1-6月)', zh: '不是年份或时期（2018、2018H1、2018Q3、2018-03、2018年1-6月）' };
}

/** A period as JSON and CSV write it: `2018`, `2018H1`, `2018Q3`, `2018-03`, `2018M1-6`. */
export function formatPeriod(key: number, freq: Frequency): string {
  if (key === 0) return ''; // the one period of a file without a year column
  const p = periodOf(key, freq);
  switch (freq) {
    case 'year': return String(p.year);
    case 'half': return `${p.year}H${p.sub}`;
    case 'quarter': return `${p.year}Q${p.sub}`;
    case 'month': return `${p.year}-${String(p.sub).padStart(2, '0')}`;
    case 'cumulative': return `${p.year}M1-${p.sub}`;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CN_ORDINAL = ['', '一', '二', '三', '四'];

/** A period in words: `2019年上半年`, `2019年第一季度`, `2019年3月`, `2019年1-6月`; `first half of 2019`, `Q1 2019`, `March 2019`, `January-June 2019`. */
export function periodWords(key: number, freq: Frequency, lang: 'zh' | 'en'): string {
  if (key === 0) return lang === 'zh' ? '本期' : 'the period';
  const p = periodOf(key, freq);
  if (lang === 'zh') {
    switch (freq) {
      case 'year': return `${p.year}年`;
      case 'half': return `${p.year}年${p.sub === 1 ? '上' : '下'}半年`;
      case 'quarter': return `${p.year}年第${CN_ORDINAL[p.sub]}季度`;
      case 'month': return `${p.year}年${p.sub}月`;
      case 'cumulative': return `${p.year}年1-${p.sub}月`;
    }
  }
  switch (freq) {
    case 'year': return String(p.year);
    case 'half': return `${p.sub === 1 ? 'first' : 'second'} half of ${p.year}`;
    case 'quarter': return `Q${p.sub} ${p.year}`;
    case 'month': return `${MONTHS[p.sub - 1]} ${p.year}`;
    case 'cumulative': return p.sub === 1 ? `January ${p.year}` : `January-${MONTHS[p.sub - 1]} ${p.year}`;
  }
}

/** The same period a year earlier (同比). */
export function sameLastYear(key: number, freq: Frequency): number {
  return freq === 'year' ? key - 1 : key - 100;
}

/** The period before (环比): Q1's is the previous Q4; none for cumulative spans; a year's is the year before. */
export function previousPeriod(key: number, freq: Frequency): number | undefined {
  if (freq === 'cumulative') return undefined;
  if (freq === 'year') return key - 1;
  const p = periodOf(key, freq);
  return p.sub > 1 ? key - 1 : periodKey(p.year - 1, PERIODS_IN_YEAR[freq], freq);
}

/** Frequencies whose period before is not the same period a year earlier: half-years, quarters and months (cumulative spans have no period before). */
export function subAnnual(freq: Frequency): boolean {
  return freq === 'half' || freq === 'quarter' || freq === 'month';
}

/** The keys of a year's periods (a year's own key for annual data). */
export function periodsOfYear(year: number, freq: Frequency): number[] {
  if (freq === 'year') return [year];
  return Array.from({ length: PERIODS_IN_YEAR[freq] }, (_, i) => periodKey(year, i + 1, freq));
}

/** The frequency's name, for messages. */
export function frequencyName(freq: Frequency, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return { year: '年度', half: '半年度', quarter: '季度', month: '月度', cumulative: '累计' }[freq];
  return { year: 'annual', half: 'half-yearly', quarter: 'quarterly', month: 'monthly', cumulative: 'cumulative (year to date)' }[freq];
}
