// smei data: the merged raw data exactly as read, the archive of a round and
// the way out of forms into any other tool. Reading its output back gives the
// same numbers.
import { Command, Option } from 'commander';
import { SmeiError } from '../../errors.js';
import type { Lang } from '../../render/i18n.js';
import type { Io } from '../io.js';
import type { DataOptions } from '../load.js';
import { addDataOptions, bomOption, langOption, periodArg } from '../options.js';
import { periodInData } from '../resolve.js';
import type { Period } from '../../time/period.js';
import { writeOutput } from '../output.js';
import { outputFormat } from '../format.js';
import { reportDate } from './report.js';

/** Options of `smei data`. */
interface DataCommandOptions extends DataOptions {
  layout: 'long' | 'wide';
  format?: 'csv' | 'xlsx';
  out?: string;
  sources?: boolean;
  bom?: boolean;
  lang: Lang;
  date?: string;
  period?: Period;
}

/** Runs `smei data`. */
async function runData(data: string[], opts: DataCommandOptions, io: Io): Promise<number> {
  const format = outputFormat(opts.format, opts.out, ['csv', 'xlsx'] as const, 'csv');
  if (format === 'xlsx' && (opts.out === undefined || opts.out === '-')) throw new SmeiError('usage', '--format xlsx writes a workbook: give --out FILE.xlsx.', { zh: '--format xlsx 输出的是工作簿：请给出 --out FILE.xlsx。' });
  const { readData, conflictError } = await import('../load.js');
  const { framework, read, conflicts, inputs } = await readData(data, opts, io, { keepConflicts: true });
  const obs = read.observations;
  // --period: that period alone (the round's own, from a folder that also holds last year's returns)
  const only = opts.period === undefined ? undefined : periodInData(opts.period, obs.years(), obs.frequency, '--period', obs.file);
  // the archive holds one value per cell: values two files give differently are for `smei review` to settle first
  const clashes = conflicts.filter((c) => only === undefined || c.year === only);
  if (clashes.length > 0) throw conflictError(clashes, framework, obs.frequency);
  const r = await import('../../render/data.js');
  const view = { layout: opts.layout, sources: opts.sources === true, lang: opts.lang, ...(only !== undefined ? { period: only } : {}) };
  const grid = r.dataGrid(read.observations, framework, view);
  const paths = inputs.map((f) => f.path);
  if (format === 'xlsx') {
    const { writeXlsx } = await import('../../render/xlsx-writer.js');
    const date = reportDate(opts.date, io.env);
    await writeOutput(writeXlsx(r.renderDataWorkbook(grid, view, date)), opts.out, io, paths);
  } else {
    await writeOutput(r.renderDataCsv(grid, opts.bom === true), opts.out, io, paths);
  }
  if (!opts.quiet) {
    const { renderNotes } = await import('../../render/notes.js');
    io.stderr(renderNotes(read.notes, opts.lang));
  }
  return 0;
}

/** Defines `smei data`. */
export function dataCommandDef(io: Io, result: { code: number }): Command {
  return addDataOptions(new Command('data')
    .description('write the merged raw data exactly as read (every unit, period and indicator): the archive of a round')
    .argument('<data...>', 'CSV files, workbooks or filled forms, or folders of them, merged'))
    .addOption(new Option('--layout <layout>', 'long: a row per unit, period and indicator (ids); wide: a row per unit and period, a column per indicator (labels in --lang)').choices(['long', 'wide']).default('long'))
    .addOption(new Option('--format <format>', 'csv or xlsx (default: from --out, else csv)').choices(['csv', 'xlsx']))
    .option('--out <file>', 'write to this file (.csv or .xlsx, atomically) instead of stdout')
    .option('--period <period>', 'write this period only: 2019, 2019H1, 2019Q3, 2019-03, 2019年1-6月 (default: every period)', periodArg)
    .option('--sources', 'add where each value came from: file, sheet and cell (or line and column)')
    .addOption(bomOption())
    .addOption(langOption())
    .option('--date <yyyy-mm-dd>', 'the date of an xlsx (default: SOURCE_DATE_EPOCH if set, else none)')
    .addHelpText('after', `
Examples:
  smei data submissions/ --out round-2019.csv
  smei data submissions/ --period 2019 --out round-2019.csv   # that year's values alone
  smei data submissions/ --layout wide --sources --out round-2019.xlsx`)
    .action(async (data: string[], opts: DataCommandOptions) => {
      result.code = await runData(data, opts, io);
    });
}
