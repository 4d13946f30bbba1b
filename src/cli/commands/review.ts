// smei review: every submitted value checked before the index (数据审核),
// findings in every format, exit 1 when any is at error level.
import { Command, Option } from 'commander';
import { SmeiError } from '../../errors.js';
import { cleanCell } from '../../text.js';
import { decideColor, painterFor } from '../../render/color.js';
import type { Lang } from '../../render/i18n.js';
import type { Io } from '../io.js';
import type { DataOptions } from '../load.js';
import { addDataOptions, bomOption, colorOption, decimalsOption, langOption, levelsOf, periodArg } from '../options.js';
import { periodInData } from '../resolve.js';
import type { Period } from '../../time/period.js';
import { withBom, writeOutput } from '../output.js';
import { outputFormat } from '../format.js';
import { reportDate } from './report.js';
import { parseUnits } from './template.js';

/** Options of `smei review`. */
interface ReviewOptions extends DataOptions {
  bom?: boolean;
  previous?: string;
  units?: string;
  period?: Period;
  year?: Period;
  format?: 'table' | 'json' | 'csv' | 'md' | 'xlsx';
  out?: string;
  lang: Lang;
  decimals: number;
  color: boolean;
  date?: string;
}

/** Runs `smei review`. */
async function runReview(data: string[], opts: ReviewOptions, io: Io): Promise<number> {
  const { checkRenames, dropNamedRenames, readData } = await import('../load.js');
  const { aggregateUnits, noteErrorCells, reviewAll, reviewPeriods } = await import('../../collect/review.js');
  const r = await import('../../render/review.js');
  const format = outputFormat(opts.format, opts.out, ['table', 'json', 'csv', 'md', 'xlsx'] as const, 'table');
  if (format === 'xlsx' && (opts.out === undefined || opts.out === '-')) throw new SmeiError('usage', '--format xlsx writes a workbook: give --out FILE.xlsx.', { zh: '--format xlsx 输出的是工作簿：请给出 --out FILE.xlsx。' });
  const date = reportDate(opts.date, io.env);
  // a batch of submissions may lack a renamed or totals unit that --previous has: both files are looked at for them
  const withPrevious = opts.previous !== undefined;
  const { framework, read, conflicts, inputs, seen } = await readData(data, opts, io, { keepConflicts: true, renameElsewhere: withPrevious });
  const obs = read.observations;
  const years = obs.years();
  const asked = opts.period ?? opts.year;
  const freq = obs.frequency;
  const year = asked === undefined ? undefined : periodInData(asked, years, freq, '--period', obs.file);
  const before = opts.previous === undefined ? undefined : await readData(opts.previous, { ...opts, quiet: true }, io, { framework, renameElsewhere: true });
  const previous = before?.read.observations;
  if (before) checkRenames(opts.rename, new Set([...seen, ...before.seen]), [...inputs, ...before.inputs].map((f) => f.path), opts.renameFromConfig);
  const expectedUnits = opts.units === undefined ? undefined : parseUnits(opts.units, io.cwd);
  const levels = levelsOf(opts.level);
  const periods = reviewPeriods(obs, year);
  // an aggregate not in this batch but in --previous is no typo: it has simply not been sent yet
  const given = (opts.aggregateUnit ?? []).filter((u) => obs.findUnit(cleanCell(u)) !== undefined || previous?.findUnit(cleanCell(u)) === undefined);
  const totals = aggregateUnits(obs, framework, given, opts.autoAggregate !== false);
  // --previous's totals rows too: a city's row not yet sent this round is neither dropped nor renamed
  if (previous !== undefined) for (const u of aggregateUnits(previous, framework, (opts.aggregateUnit ?? []).filter((x) => previous.findUnit(cleanCell(x)) !== undefined), opts.autoAggregate !== false).aggregates) totals.aggregates.add(u);
  // the round divides by denominators when asked, or when its framework's methods say so: then they are required
  const denominate = opts.denominate === true || framework.methods.denominate === true;
  const findings = reviewAll(obs, framework, { periods, ...(previous ? { previous } : {}), ...(expectedUnits ? { expectedUnits } : {}), conflicts, levels, denominate, ...totals });
  dropNamedRenames(read.notes, findings);
  noteErrorCells(findings, read.warnings);
  const paint = await painterFor(opts.out === undefined && decideColor(opts.color, io.env, io.stdoutIsTTY));
  const totalsRows = obs.units.filter((u) => totals.aggregates.has(u));
  const units = new Set([...obs.units, ...(expectedUnits ?? [])].filter((u) => !totals.aggregates.has(u))).size;
  const view = { lang: opts.lang, decimals: opts.decimals, fw: framework, periods, freq, units, totalsRows, paint, ...(obs.unitHeader !== undefined ? { unitHeader: obs.unitHeader } : {}) };
  if (format === 'table') await (await import('../../render/box.js')).loadBoxTables();
  if (format === 'xlsx') {
    const { writeXlsx } = await import('../../render/xlsx-writer.js');
    await writeOutput(writeXlsx(r.renderReviewWorkbook(findings, obs, view, date)), opts.out, io, inputs.map((f) => f.path));
  } else {
    const renderers = { table: r.renderReviewTable, json: r.renderReviewJson, csv: r.renderReviewCsv, md: r.renderReviewMarkdown };
    const text = renderers[format](findings, view);
    await writeOutput(format === 'csv' && opts.bom ? withBom(text) : text, opts.out, io, inputs.map((f) => f.path));
  }
  if (!opts.quiet && format !== 'json') {
    const { renderNotes } = await import('../../render/notes.js');
    io.stderr(renderNotes(read.notes, opts.lang));
  }
  return findings.some((f) => f.level === 'error') ? 1 : 0;
}

/** Defines `smei review`. */
export function reviewCommand(io: Io, result: { code: number }): Command {
  return addDataOptions(new Command('review')
    .description('check every submitted value before the index (数据审核); exit 1 when any finding is an error')
    .argument('<data...>', 'CSV files, workbooks or filled forms, or folders of them, merged'))
    .option('--period <period>', 'review this year or period only (default: every period, as compute checks them, latest first)', periodArg)
    .option('--year <period>', 'the same as --period', periodArg)
    .option('--previous <data>', 'earlier periods\' data, for yoy-jump, unchanged and outlier (default: the data itself: the same period a year earlier and, for sub-annual data, the period before)')
    .option('--units <list|file>', 'the units that should have submitted: one absent from every file is a finding')
    .addOption(new Option('--format <format>', 'output format (xlsx: the values with flagged cells coloured and commented)').choices(['table', 'json', 'csv', 'md', 'xlsx']))
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addOption(bomOption())
    .addOption(langOption())
    .addOption(decimalsOption())
    .addOption(colorOption())
    .option('--date <yyyy-mm-dd>', 'the date of an xlsx (default: SOURCE_DATE_EPOCH if set, else none)')
    .addHelpText('after', `
Rules (default level): missing (error; a totals row's gaps are a note), dropped (warning: a unit
with data the period before the latest and none in it), out-of-range (error: min/max, a share's
0-100, a count's >= 0), scale (error: 10 times or a tenth of last year's value, else of the other
units' median), totals (error: a totals row that sums the others in most periods but not in this
one), unchanged (error: every value as the year before; for half-years, quarters and months also
as the period before), conflict (error), yoy-jump (warning: beyond ±50%, or a node's maxChange),
outlier (warning: modified z-score above 3.5, totals rows left out).

Examples:
  smei review submissions/ --units units.txt --previous data-2018.csv
  smei review submissions/*.xlsx --format xlsx --out review.xlsx
  smei review fixtures/zhejiang-synthetic.csv --level yoy-jump=error`)
    .action(async (data: string[], opts: ReviewOptions) => {
      result.code = await runReview(data, opts, io);
    });
}


