// Notes: one line for each thing smei did to read a file or rank its units
// (title rows skipped, a units row, fill-down, a totals row not ranked).
import type { Note } from '../core/types.js';
import type { Lang } from './i18n.js';
import { terminalSafe } from './safe.js';
import { parsePeriod, periodWords } from '../time/period.js';

/** Years as Chinese text writes them: 2018 -> 2018年, 2014-2016 -> 2014-2016年 (other periods as they are). */
function zhYears(p: string | number | undefined): string {
  return String(p).replace(/(\d{4})(?![\d\-QHM])/g, '$1年');
}

/** A period as a note's detail writes it (2020Q3, 2020-03, 2018) in words (2020年第三季度, Q3 2020, 2018年); '' for none (a cross-section). */
function noteWords(p: string | number | undefined, lang: Lang): string {
  const parsed = parsePeriod(String(p ?? ''));
  return 'error' in parsed ? '' : periodWords(parsed.key, parsed.freq, lang);
}

/** A unit conversion's rate, the larger unit first: 万元 -> 亿元 by 0.0001 is 1亿元 = 10000万元. */
function conversionRate(d: Note['detail']): { big: string; small: string; ratio: string } {
  const exp = Math.round(Math.log10(Number(d.factor)));
  const ratio = `1${'0'.repeat(Math.abs(exp))}`;
  return exp < 0 ? { big: String(d.to), small: String(d.from), ratio } : { big: String(d.from), small: String(d.to), ratio };
}

/** An imputation method in Chinese words: 均值, 中位数, 按分组列G的均值, 上一期的值, 线性插值 (the method's name where it has none). */
export function methodZh(spec: string): string {
  const [name, column] = spec.split(':');
  const words: Record<string, string> = { mean: '均值', median: '中位数', 'group-mean': '分组均值', 'group-median': '分组中位数', 'carry-forward': '上一期的值', interpolate: '线性插值' };
  const w = words[name!];
  if (w === undefined) return spec;
  return column === undefined ? w : `按${column}${w}`.replace(/^按(.*)分组/, '$1分组的');
}

/** One note as a sentence. */
export function describeNote(n: Note, lang: Lang): string {
  const d = n.detail;
  if (lang === 'zh') {
    switch (n.code) {
      case 'header-row': return `表头在第${d.line}行，其上${d.skipped}行标题已跳过。`;
      case 'units-row': return `第${d.line}行是计量单位行（${d.units}），已跳过，单位用于报告。`;
      case 'header-units': return `已从表头去掉计量单位后匹配：${d.columns}。`;
      case 'fill-down': return `“${d.column}”列有${d.count}个空单元格，按上方的值填充（合并单元格）。`;
      case 'note-rows': return `第${d.line}行起为注释行，已忽略。`;
      case 'ignored-columns': return `已忽略非指标列：${d.columns}。`;
      case 'worked-out-columns': return `已忽略由指数算出的列 ${String(d.columns).replaceAll(', ', '、')}（smei 按数值重新计算）。`;
      case 'results-workbook': return `这是 smei 的计算结果工作簿：只读取工作表“${d.sheet}”中的指数和各模块（排名、同比在读入后重新计算）；各指标列是指数值而非原始数据，已跳过。`;
      case 'derived-columns': return `这是 smei 输出的长表：已忽略由数值算出的列 ${d.columns}（同比和排名重新计算）；各指标行是指数值而非原始数据，已跳过，只读取指数和各模块。`;
      case 'years-as-columns': return `各列为${/^\d{4}(, \d{4})*$/.test(String(d.years)) ? '年份' : '时期'}（${d.years}）${d.indicator ? `，指标为${d.indicator}` : ''}。`;
      case 'sheet': return Number(d.count ?? 1) > 1 ? `读取并合并了${d.count}个工作表：“${String(d.sheet).split('", "').join('”“')}”。` : `读取工作表“${d.sheet}”。`;
      case 'sheet-skipped': return `工作表“${d.sheet}”未读取：${d.reasonZh}。`;
      case 'subfolders': return `子文件夹未读取：${d.folders}（smei 只读取文件夹本层的文件；要读取，请把它们也写在命令行上）。`;
      case 'aggregate-unscored': return `${d.units}为合计（汇总）行，按${d.method}与各地区一起标准化没有可比性（计数之和会得到最高地区数倍的得分），不计得分；其指数请用 fixed-base（各自与基期比较）查看。`;
      case 'row-numbers': return `第${d.column}列没有表头，是行号（0, 1, 2…，pandas 的索引或 R 的行名），已忽略。`;
      case 'level-aggregate': return `${d.unit}是县级单位，其余是乡镇（街道）：${d.unit}作为合计（汇总）行，显示但不参与排名（若它不是各乡镇的合计，用 --no-auto-aggregate 取消）。`;
    case 'auto-aggregate': return `${d.units}为合计（汇总）行，显示但不参与排名（--no-auto-aggregate 可取消）。`;
      case 'identical-duplicates': return `${d.count}个相同的重复值只计一次（如${d.unit}${noteWords(d.period, 'zh')}的${d.label}，同时见于${d.first}和${d.second}）。`;
      case 'form': return `smei 填报表（${d.layout === 'units' ? '各地区一张表' : '每个地区一张工作表'}，${/^\d{4}$/.test(String(d.period)) ? `${d.period}年` : d.period}，${d.units}个地区），结构已核对。`;
      case 'merged': return `合并${d.files}个文件：${d.names}。`;
      case 'single-period': return '没有年份列：全部数据视为同一期。';
      case 'sum-aggregate': return `${d.unit}的计数指标等于其余${d.others}个单位之和（如${d.label}，${noteWords(d.period, 'zh') || zhYears(d.period)}：${d.unit}为${d.value}，其余之和为${d.sum}；比较的${d.periods}处相差均在0.5%以内${d.failed === undefined ? '' : `，${zhYears(d.failed)}不符，见 smei review`}），视为汇总行，显示但不参与排名（--no-auto-aggregate 可取消）。`;
      case 'renamed': return `${d.from}已改名为${d.to}（${d.rows}行，${zhYears(d.periods)}），按同一地区接续。`;
      case 'rename-hint': return `${d.from}的数据止于${zhYears(d.last)}，${d.to}的数据始于${zhYears(d.first)}：如是同一地区改名或换了写法，请用 --rename ${d.rename}（或框架的 aliases）接续。`;
      case 'form-label-remark': return `填报表的指标名后加了${d.count}处括注（${d.cells}），按原指标读取；括注如改变了口径（如“不含税”），请与填报单位核实。`;
      case 'form-extra-rows': return `填报表之外有${d.count}行（${d.rows}），未读取：填报表只读它列出的地区。新地区请用 smei template 生成包含它的填报表；汇总行（如全市）也要报送的，请把它列入 --units，作为一个地区填报。`;
      case 'form-copy': return d.saved === 'csv'
        ? `按另存为 CSV 的 smei 填报表读取（${zhYears(d.period)}，${d.units}个地区）；另存时隐藏的标记工作表已丢失，无法核对此表是否由当前框架生成，“参考”列未读取。今后请直接发回 .xlsx 填报表。`
        : `工作表“${d.sheet}”按 smei 填报表的样式读取（${zhYears(d.period)}，${d.units}个地区）；隐藏的标记工作表已丢失，无法核对此表是否由当前框架生成，“参考”列未读取。`;
      case 'short-rows': return `${d.count}行的字段少于表头的${d.width}个（第${d.lines}行），缺少的末尾字段按空值（缺失）读取。`;
      case 'imputed': return `按${methodZh(String(d.method))}插补了${d.count}个缺失值（JSON 中标记为 imputed）。`;
      case 'not-imputed': return `${d.count}个地区-期没有任何指标数值，未按${methodZh(String(d.method))}插补（整行插补等于用其他地区的数值给它排名），显示为缺失、不参与排名：${d.units}。`;
      case 'screened': return `数据完整度低于${d.share}的${d.count}个地区-年份被剔除：${d.units}。`;
      case 'treated': return `离群值处理：${d.winsorised}个指标缩尾，${d.logged}个取对数：${d.indicatorsZh ?? d.indicators}。`;
      case 'direction-ignored': return `--normalise none 直接汇总原始值，逆向指标未翻转：${d.indicators}。`;
      case 'unit-converted': {
        const r = conversionRate(d);
        return `${d.column}按1${r.big}=${r.ratio}${r.small}换算为${d.to}。`;
      }
      case 'title-period': return d.sheets !== undefined ? `${d.sheets}个工作表都没有时期列：各按其${d.given === 'sheet' ? '工作表名' : '标题'}所写的时期读取（${d.zh}）。` : d.given === 'sheet' ? `表中没有时期列：全部数据按工作表名所写的时期（${d.zh}）读取。` : d.given !== undefined ? `表中没有时期列，标题也没有写时期：全部数据按 --year 所给的时期（${d.zh}）读取。` : `表中没有时期列：全部数据按标题所写的时期（${d.zh}）读取。`;
      case 'two-row-header': return `表头占两行（第${d.lines}行）：模块名称下的各列按下一行的指标名称读取。`;
      case 'unit-unchecked': return `${d.column}的单位“${d.from}”与框架的“${d.to}”不同，smei 无法换算，已按${d.to}读取：请核对该列的数值。`;
    }
  }
  switch (n.code) {
    case 'header-row': return `the header is on row ${d.line}; ${d.skipped} title row(s) above it skipped.`;
    case 'units-row': return `row ${d.line} holds units of measure (${d.units}): skipped, the units kept for reports.`;
    case 'header-units': return `units of measure stripped from headers for matching: ${d.columns}.`;
    case 'fill-down': return `${d.count} empty cell(s) in column "${d.column}" filled down from above (merged cells).`;
    case 'note-rows': return `rows from ${d.line} on are notes: ignored.`;
    case 'ignored-columns': return `columns that are not indicators ignored: ${d.columns}.`;
    case 'worked-out-columns': return `the columns worked out from the index (${d.columns}) are ignored: smei works them out again.`;
    case 'results-workbook': return `smei's own results workbook: the index and modules of sheet "${d.sheet}" are read (ranks and growth are worked out again from them); the indicators' columns hold index points, not raw values, and are skipped.`;
    case 'derived-columns': return `smei's own long CSV: the columns worked out from the values (${d.columns}) are ignored and computed again; the indicators' rows hold index points, not raw values, and are skipped: the index and modules are read.`;
    case 'years-as-columns': return `the columns are ${/^\d{4}(, \d{4})*$/.test(String(d.years)) ? 'years' : 'periods'} (${d.years})${d.indicator ? `, indicator ${d.indicator}` : ''}.`;
    case 'sheet': return Number(d.count ?? 1) > 1 ? `${d.count} sheets read and merged: "${d.sheet}".` : `read sheet "${d.sheet}".`;
    case 'sheet-skipped': return `sheet "${d.sheet}" not read: ${d.reason}.`;
    case 'subfolders': return `folders inside not read: ${d.folders} (smei reads the files directly in a folder; name them too to read them).`;
    case 'aggregate-unscored': return `${d.units}: a totals row, not scored by ${d.method} among the units it sums (a sum of counts would score several times the best unit); its index against its own base is what fixed-base gives.`;
    case 'row-numbers': return `column ${d.column} has no header and numbers the rows (0, 1, 2…: pandas' index, R's row names): ignored.`;
    case 'level-aggregate': return `${d.unit} is a county among townships: a totals row, shown but not ranked (--no-auto-aggregate if it is not their total).`;
    case 'auto-aggregate': return `${d.units}: a totals row, shown but not ranked (--no-auto-aggregate to rank it).`;
    case 'identical-duplicates': return `${d.count} identical duplicate value(s) counted once (e.g. ${d.unit}, ${noteWords(d.period, 'en') ? `${noteWords(d.period, 'en')}, ` : ''}${d.labelEn}: in both ${d.first} and ${d.second}).`;
    case 'form': return `an smei form (layout ${d.layout}, ${d.period}, ${d.units} units); its structure checked.`;
    case 'merged': return `${d.files} files merged: ${d.names}.`;
    case 'single-period': return 'no year column: all rows are one period.';
    case 'sum-aggregate': return `${d.unit}: its counts equal the sum of the other ${d.others} units' (e.g. ${d.indicator}, ${d.period}: ${d.value} against a sum of ${d.sum}; all ${d.periods} comparisons within 0.5%${d.failed === undefined ? '' : `; not in ${d.failed}: see smei review`}): a totals row, shown but not ranked (--no-auto-aggregate to rank it).`;
    case 'renamed': return `${d.from} renamed ${d.to} (${d.rows} row(s), ${d.periods}): one series.`;
    case 'rename-hint': return `${d.from}'s data ends in ${d.last} and ${d.to}'s begins in ${d.first}: if one unit was renamed or spelt another way, join them with --rename ${d.rename} (or the framework's "aliases").`;
    case 'form-label-remark': return `${d.count} label(s) on the form have a remark in brackets after them (${d.cells}): read as the indicator the form asks for; where a remark changes the definition (excluding tax, say), check with whoever filled it in.`;
    case 'form-extra-rows': return `${d.count} row(s) below the form (${d.rows}) not read: a form reads only the units it lists. Make a form that lists a new unit with smei template; a totals row (the whole city) that is to be reported goes in --units, filled in as a unit.`;
    case 'form-copy': return d.saved === 'csv'
      ? `read as an smei form saved as CSV (${d.period}, ${d.units} units); saving as CSV lost its hidden marker sheet, so it could not be checked against its framework; the 参考 (reference) column is not read. Send the .xlsx form back as it is next time.`
      : `sheet(s) "${d.sheet}" read as an smei form by its shape (${d.period}, ${d.units} units); its hidden marker sheet is missing, so it could not be checked against its framework; the 参考 (reference) column is not read.`;
    case 'short-rows': return `${d.count} row(s) have fewer fields than the header's ${d.width} (line(s) ${d.lines}): the missing trailing fields read as empty (missing values).`;
    case 'imputed': return `${d.count} missing value(s) imputed by ${d.method} (flagged imputed in JSON).`;
    case 'not-imputed': return `${d.count} unit-period(s) with no indicator value at all not imputed by ${d.method} (a whole row of others' values would rank them on nothing they reported); shown as missing and not ranked: ${d.units}.`;
    case 'screened': return `${d.count} unit-year(s) with less than ${d.share} of their indicators dropped: ${d.units}.`;
    case 'treated': return `outliers treated: ${d.winsorised} indicator(s) winsorised, ${d.logged} log-transformed: ${d.indicators}.`;
    case 'direction-ignored': return `--normalise none aggregates the raw values: lower-is-better indicators are not flipped: ${d.indicators}.`;
    case 'unit-converted': {
      const r = conversionRate(d);
      return `${d.column}: converted from ${d.from} to ${d.to}, the framework's unit (1 ${r.big} = ${r.ratio} ${r.small}).`;
    }
    case 'title-period': return d.sheets !== undefined ? `${d.sheets} sheets without a period column: each read as of the period ${d.given === 'sheet' ? 'its name gives' : 'its title names'} (${d.en}).` : d.given === 'sheet' ? `no period column: every value read as of ${d.en}, the period the sheet's name gives.` : d.given !== undefined ? `no period column, and no title naming one: every value read as of ${d.en}, the period --year gives.` : `no period column: every value read as of ${d.en}, the period the title names.`;
    case 'two-row-header': return `the header spans two rows (${d.lines}): the columns under a module's name are read by the indicator names in the lower row.`;
    case 'unit-unchecked': return `${d.column}: its unit "${d.from}" is not the framework's "${d.to}", and smei cannot convert between them: the values are read as ${d.to}. Check the column.`;
  }
}

/** Notes for stderr, one line each; `source` names the file when there are two. */
export function renderNotes(notes: readonly Note[], lang: Lang, source?: string): string {
  const word = `${lang === 'zh' ? '说明' : 'note'}${source === undefined ? '' : ` (${terminalSafe(source)})`}`;
  return notes.map((n) => `${word}${n.file !== undefined && source === undefined ? ` (${terminalSafe(n.file)})` : ''}: ${terminalSafe(describeNote(n, lang))}\n`).join('');
}
