// Several submissions, one table: rows from all files merged. The same
// (unit, year, indicator) in two files with different values is a conflict
// naming both places; identical duplicates count once. Pure.
import { sameValue } from '../core/equal.js';
import { unitWord } from '../core/unit-word.js';
import { Observations } from '../core/observations.js';
import type { DuplicateExample } from '../core/types.js';
import { SmeiError } from '../errors.js';
import { formatPeriod, frequencyName, parsePeriod, periodOf, periodWords, type Frequency } from '../time/period.js';
import { labeller, type Framework } from '../framework/types.js';

/** One (unit, year, node) given two different values by two files. */
export interface Conflict {
  unit: string;
  year: number;
  node: number;
  /** A denominator's id (地区生产总值 given differently by two files), where `node` is -1. */
  denominator?: string;
  first: { value: number; where: string };
  second: { value: number; where: string };
}

/** What merging gives: the table, its conflicts, and how many identical duplicates were dropped. */
export interface Merged {
  observations: Observations;
  conflicts: Conflict[];
  identical: number;
  /** The first identical duplicate, for the note: its unit, period key, node index and both places (a.csv:2:3, b.xlsx, sheet 1, C2). */
  example?: DuplicateExample;
}

/** Merges observations read from several files, in order; `name` names the whole. */
export function mergeObservations(parts: Observations[], name: string): Merged {
  const nodeCount = parts[0]!.nodeCount;
  const out = new Observations(name, nodeCount);
  // one frequency for the whole: half-year forms merged stay half-years
  out.frequency = parts[0]!.frequency;
  // the first header that names a kind of unit (行业), whatever the order of the files (a form says unit)
  out.unitHeader = (parts.find((p) => unitWord(p.unitHeader) !== '地区') ?? parts.find((p) => p.unitHeader !== undefined))?.unitHeader;
  out.titlePlace = parts.find((p) => p.titlePlace !== undefined)?.titlePlace;
  const other = parts.find((p) => p.frequency !== out.frequency);
  if (other !== undefined) {
    const first = parts[0]!;
    // each file's first period as its rows write it, so that the clerk sees which spelling to change
    const seen = (o: Observations, lang: 'zh' | 'en'): string => periodWords(o.years()[0] ?? 0, o.frequency, lang);
    // 2024年1-6月 among half-years: the first half-year written as January to June
    const [half, cum] = first.frequency === 'half' ? [first, other] : [other, first];
    const sixMonths = half.frequency === 'half' && cum.frequency === 'cumulative' && cum.years().every((k) => periodOf(k, 'cumulative').sub === 6);
    const hint = sixMonths ? [` If ${cum.file}'s ${seen(cum, 'en')} is the first half-year, write it as 2024H1 or 2024年上半年 there.`, `如果${cum.file}的${seen(cum, 'zh')}指上半年，请在该文件中写成 2024H1 或 2024年上半年。`] : ['', ''];
    throw new SmeiError('data', `${first.file} holds ${frequencyName(first.frequency, 'en')} data (${seen(first, 'en')}) but ${other.file} holds ${frequencyName(other.frequency, 'en')} data (${seen(other, 'en')}): merged files must have one frequency. Read them separately, or convert one.${hint[0]}`, { zh: `${first.file}是${frequencyName(first.frequency, 'zh')}数据（${seen(first, 'zh')}），而${other.file}是${frequencyName(other.frequency, 'zh')}数据（${seen(other, 'zh')}）：合并的文件必须是同一种频率。请分别读取，或换算其中一个。${hint[1]}` });
  }
  // where each merged slot's value came from: part index and slot there
  let fromPart = new Int32Array(0);
  let fromSlot = new Int32Array(0);
  const conflicts: Conflict[] = [];
  /** Which part gave each denominator value (by column and merged row), for a conflict's places. */
  const auxFrom = new Map<string, number>();
  let identical = 0;
  let example: Merged['example'];
  const place = (p: number, at: number): string => parts[p]!.source?.(at) ?? parts[p]!.file;
  parts.forEach((obs, p) => {
    for (const [col, byUnit] of obs.groups) {
      let m = out.groups.get(col);
      if (m === undefined) out.groups.set(col, (m = new Map()));
      for (const [unit, g] of byUnit) if (!m.has(unit)) m.set(unit, g);
    }
    // (a unit typed in one file and converted is quoted so only where every file typed it alike)
    obs.convertedFrom.forEach((u, n) => {
      if (out.convertedFrom[n] === '' && parts.every((p) => p.convertedFrom[n] === u)) out.convertedFrom[n] = u;
    });
    obs.dataUnits.forEach((u, n) => {
      if (u !== '' && out.dataUnits[n] === '') out.dataUnits[n] = u;
    });
    for (let u = 0; u < obs.units.length; u++) {
      const unit = out.unitId(obs.units[u]!);
      for (const year of obs.years()) {
        const row = obs.row(u, year);
        if (row < 0) continue;
        const outRow = out.rowFor(unit, year);
        const base = outRow * nodeCount;
        // denominator columns (GDP, population) by row, as values are: an empty cell gives none (the GDP a file
        // of its own gives is not lost to the indicators' file's blank column), two files giving it differently conflict
        for (const [col, byRow] of obs.aux) {
          const v = byRow.get(row);
          if (v === undefined || Number.isNaN(v)) continue;
          let m = out.aux.get(col);
          if (m === undefined) out.aux.set(col, (m = new Map()));
          const prior = m.get(outRow);
          if (prior === undefined || Number.isNaN(prior)) {
            m.set(outRow, v);
            auxFrom.set(`${col}\u0000${outRow}`, p);
          } else if (!sameValue(prior, v)) {
            conflicts.push({ unit: obs.units[u]!, year, node: -1, denominator: col, first: { value: prior, where: parts[auxFrom.get(`${col}\u0000${outRow}`)!]!.file }, second: { value: v, where: obs.file } });
          }
        }
        if (base + nodeCount > fromPart.length) {
          const size = Math.max(out.data.length, fromPart.length * 2);
          const a = new Int32Array(size).fill(-1);
          a.set(fromPart);
          fromPart = a;
          const b = new Int32Array(size);
          b.set(fromSlot);
          fromSlot = b;
        }
        for (let n = 0; n < nodeCount; n++) {
          const at = row * nodeCount + n;
          const v = obs.data[at]!;
          const slot = base + n;
          if (Number.isNaN(v)) {
            // an empty cell never overrides a value, but where no file gives one it is named by its place (a form's blank)
            if (fromPart[slot] === -1 && obs.source?.(at) !== undefined) {
              fromPart[slot] = p;
              fromSlot[slot] = at;
            }
            continue;
          }
          const prior = out.data[slot]!;
          if (Number.isNaN(prior)) {
            out.setAt(slot, n, v);
            fromPart[slot] = p;
            fromSlot[slot] = at;
          } else if (sameValue(prior, v)) {
            identical++;
            example ??= { unit: obs.units[u]!, year, node: n, first: place(fromPart[slot]!, fromSlot[slot]!), second: place(p, at) };
          } else {
            conflicts.push({ unit: obs.units[u]!, year, node: n, first: { value: prior, where: place(fromPart[slot]!, fromSlot[slot]!) }, second: { value: v, where: place(p, at) } });
          }
        }
      }
    }
  });
  out.source = (at) => (at < fromPart.length && fromPart[at]! >= 0 ? place(fromPart[at]!, fromSlot[at]!) : undefined);
  return { observations: out, conflicts, identical, ...(example ? { example } : {}) };
}

/** The error for values two files give differently: every conflict (up to 20), both places named. */
export function conflictError(conflicts: Conflict[], fw: Framework, freq: Frequency = 'year', between: 'files' | 'sheets' = 'files'): SmeiError {
  // the period as the data writes it (2020Q3, not its key 202003)
  // and the indicator by its label in Chinese (the English keeps the id, as the data's long layout writes it)
  const label = labeller(fw, 'zh');
  const id = (c: Conflict): string => c.denominator ?? fw.nodes[c.node]!.id;
  const shown = conflicts.slice(0, 20).map((c) => `${c.unit}, ${formatPeriod(c.year, freq)}, ${id(c)}: ${c.first.value} (${c.first.where}) and ${c.second.value} (${c.second.where})`);
  const more = conflicts.length > 20 ? `; and ${conflicts.length - 20} more` : '';
  const shownZh = conflicts.slice(0, 20).map((c) => `${c.unit}${periodWords(c.year, freq, 'zh')}的${label(id(c))}：${c.first.value}（${c.first.where}）与${c.second.value}（${c.second.where}）`);
  const moreZh = conflicts.length > 20 ? `；另有${conflicts.length - 20}个` : '';
  // many values of one period, all between the same two files or sheets: one of them names the wrong period
  // (a sheet's title left from last year, last period's form returned), not many slips
  const origin = (where: string): string => where.replace(/(?::\d+:\d+|, [A-Z]+\d+|, row \d+)$/, '');
  const pairs = new Set(conflicts.map((c) => `${c.year}\u0000${origin(c.first.where)}\u0000${origin(c.second.where)}`));
  const one = conflicts.length >= 5 && pairs.size === 1 ? conflicts[0]! : undefined;
  // a sheet named as another period than the values' (2024年 holding 2023's): its title or period column says the wrong one
  const misnamed = one === undefined ? undefined : [one.first.where, one.second.where].map((w) => /, sheet (.+)$/.exec(origin(w))?.[1]).find((name) => {
    if (name === undefined) return false;
    const p = parsePeriod(name.trim());
    return !('error' in p) && p.key !== one.year && p.freq === freq;
  });
  const cause = one === undefined ? '' : misnamed !== undefined ? ` All ${conflicts.length} are of ${formatPeriod(one.year, freq)} and between ${origin(one.first.where)} and ${origin(one.second.where)}: sheet "${misnamed}" is named as another period, yet its values are read as ${formatPeriod(one.year, freq)}: does its title or period column say the wrong one?` : ` All ${conflicts.length} are of ${formatPeriod(one.year, freq)} and between ${origin(one.first.where)} and ${origin(one.second.where)}: does one of them name the wrong period (a sheet's title, the period column, or a form of an earlier period returned)?`;
  const causeZh = one === undefined ? '' : misnamed !== undefined ? `这${conflicts.length}个都是${periodWords(one.year, freq, 'zh')}的数值，都在${origin(one.first.where)}与${origin(one.second.where)}之间：工作表“${misnamed}”以另一时期命名，其数值却按${periodWords(one.year, freq, 'zh')}读取，是它的标题或时期列写错了吗？` : `这${conflicts.length}个都是${periodWords(one.year, freq, 'zh')}的数值，都在${origin(one.first.where)}与${origin(one.second.where)}之间：是否其中一个的时期写错了（工作表标题、时期列，或报了往期的填报表）？`;
  return new SmeiError('duplicate', `${conflicts.length} value${conflicts.length === 1 ? '' : 's'} given differently by two ${between}${cause === '' ? ':' : `.${cause}`} ${shown.join('; ')}${more}. ${between === 'files' ? 'Keep one of each pair (smei review lists them as findings).' : 'Keep one of each pair, or read one sheet with --sheet NAME.'}`, {
    // (the likely cause first, where there is one: it would stand at the end of a long list)
    zh: `有${conflicts.length}个数值在两个${between === 'files' ? '文件' : '工作表'}中不一致${causeZh === '' ? '：' : `。${causeZh}`}${shownZh.join('；')}${moreZh}。${between === 'files' ? '每对请只保留一个（smei review 会把它们列为审核发现）。' : '每对请只保留一个，或用 --sheet NAME 只读其中一个工作表。'}`,
  });
}
