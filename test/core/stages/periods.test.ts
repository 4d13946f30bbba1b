// Stage 1, periods and base: the base the data must have, and the reference period.
import { describe, expect, it } from 'vitest';
import { SmeiError } from '../../../src/errors.js';
import { againstBase, checkRefPeriod, describePeriods, settlePeriods } from '../../../src/core/stages/periods.js';
import { observe, SPEC, toy } from './toy.js';

const FIXED = { name: 'fixed-base', params: [] };
const MINMAX = { name: 'min-max', params: [] };

describe('settlePeriods', () => {
  const fw = toy();
  const obs = observe(fw, [['X', 2014, { a1: 1 }], ['X', 2015, { a1: 2 }], ['X', 2017, { a1: 3 }]]);

  it('takes the framework base year and every period of the data', () => {
    expect(settlePeriods(obs, fw, {}, FIXED)).toEqual({ years: [2014, 2015, 2017], frequency: 'year', baseYear: 2014, basePeriod: undefined, refYear: undefined });
    expect(settlePeriods(obs, fw, { baseYear: 2015, refYear: 2017 }, FIXED)).toMatchObject({ baseYear: 2015, refYear: 2017 });
  });

  it('refuses a base year the data lacks, naming the years it has', () => {
    expect(() => settlePeriods(obs, fw, { baseYear: 2010 }, FIXED)).toThrow(/no data for the base year 2010 \(the data has 2014, 2015, 2017\)/);
    expect(() => settlePeriods(obs, fw, { basePeriod: 2016 }, FIXED)).toThrow(SmeiError);
  });

  it('needs no base for a cross-sectional normalisation', () => {
    expect(againstBase(MINMAX)).toBe(false);
    expect(settlePeriods(obs, fw, { baseYear: 2010 }, MINMAX).years).toEqual([2014, 2015, 2017]);
  });

  it('refuses a framework without a base year only when indicators are indexed against it', () => {
    const nobase = toy({ ...SPEC, baseYear: undefined as unknown as number });
    const o = observe(nobase, [['X', 2014, { a1: 1 }]]);
    expect(() => settlePeriods(o, nobase, {}, FIXED)).toThrow(/gives no base year/);
    expect(settlePeriods(o, nobase, {}, MINMAX).baseYear).toBeFalsy();
  });

  it('checks the reference period separately', () => {
    expect(() => checkRefPeriod(obs, settlePeriods(obs, fw, { refYear: 2016 }, FIXED))).toThrow(/--ref-year 2016: toy.csv has no data for that year \(it has 2014, 2015, 2017\)/);
    expect(() => checkRefPeriod(obs, settlePeriods(obs, fw, { refYear: 2015 }, FIXED))).not.toThrow();
  });

  it('describes periods for messages', () => {
    expect(describePeriods([2015, 2016, 2017, 2018], 'year')).toBe('2015-2018');
    expect(describePeriods([2015, 2017], 'year')).toBe('2015, 2017');
  });
});
