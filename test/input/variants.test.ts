// Every awkward-but-valid spelling of the synthetic panel gives the same numbers as the clean file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, run, tempFile } from '../helpers.js';

const clean = readFileSync(fixture('zhejiang-synthetic.csv'), 'utf8');
const lines = clean.trimEnd().split('\n');
const header = lines[0]!.split(',');
const body = lines.slice(1).map((l) => l.split(','));

/** Rebuilds the file from cells with a separator and line end. */
function rebuild(cells: string[][], sep = ',', eol = '\n'): string {
  return cells.map((r) => r.join(sep)).join(eol) + eol;
}

const FULL_WIDTH = (s: string): string => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const THOUSANDS = (s: string): string => {
  const [int, frac] = s.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `"${grouped}${frac === undefined ? '' : `.${frac}`}"`;
};

/** The long layout: unit, year, indicator, value. */
function longLayout(): string {
  const out = ['unit,year,indicator,value'];
  for (const r of body) for (let c = 2; c < header.length; c++) out.push(`${r[0]},${r[1]},${header[c]},${r[c]}`);
  return `${out.join('\n')}\n`;
}

const variants: { name: string; content: () => string | Uint8Array; args?: string[] }[] = [
  { name: 'UTF-8 with BOM', content: () => `\uFEFF${clean}` },
  { name: 'UTF-16LE with BOM', content: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clean, 'utf16le')]) },
  { name: 'UTF-16BE with BOM', content: () => Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clean, 'utf16le')]).swap16()) },
  { name: 'GB18030 with zh headers and CRLF', content: () => readFileSync(`${ROOT}/test/data/variants/synthetic-gb18030.csv`) },
  { name: 'GB18030 named with --encoding gbk', content: () => readFileSync(`${ROOT}/test/data/variants/synthetic-gb18030.csv`), args: ['--encoding', 'gbk'] },
  { name: 'semicolons', content: () => rebuild([header, ...body], ';') },
  { name: 'tabs', content: () => rebuild([header, ...body], '\t') },
  { name: 'tabs named with --delimiter tab', content: () => rebuild([header, ...body], '\t'), args: ['--delimiter', 'tab'] },
  { name: 'pipes named with --delimiter |', content: () => rebuild([header, ...body], '|'), args: ['--delimiter', '|'] },
  { name: 'full-width commas named with --delimiter ，', content: () => rebuild([header, ...body], '，'), args: ['--delimiter', '，'] },
  { name: 'CRLF line ends', content: () => rebuild([header, ...body], ',', '\r\n') },
  { name: 'CR line ends', content: () => rebuild([header, ...body], ',', '\r') },
  { name: 'mixed line ends', content: () => [header, ...body].map((r, i) => r.join(',') + ['\n', '\r\n', '\r'][i % 3]).join('') },
  { name: 'every field quoted', content: () => rebuild([header, ...body].map((r) => r.map((c) => `"${c}"`))) },
  { name: 'spaces around fields', content: () => rebuild([header, ...body].map((r) => r.map((c) => ` ${c}  `))) },
  { name: 'blank lines', content: () => `\n${[header, ...body].map((r) => r.join(',')).join('\n\n')}\n\n\n` },
  { name: "Excel's trailing empty columns and rows", content: () => rebuild([[...header, '', ''], ...body.map((r) => [...r, '', '']), header.map(() => '')]) },
  { name: 'rows without the trailing empty columns', content: () => rebuild([[...header, ''], ...body]) },
  { name: 'full-width digits', content: () => rebuild([header, ...body.map((r) => [r[0]!, ...r.slice(1).map(FULL_WIDTH)])]) },
  { name: 'thousands separators', content: () => rebuild([header, ...body.map((r) => [r[0]!, r[1]!, ...r.slice(2).map(THOUSANDS)])]) },
  { name: 'years written 2014年', content: () => rebuild([header, ...body.map((r) => [r[0]!, `${r[1]}年`, ...r.slice(2)])]) },
  { name: 'English labels, upper case, as headers', content: () => rebuild([['REGION', 'Year', 'Number of small and micro enterprises', ...header.slice(3)], ...body]) },
  { name: 'rows in another order', content: () => rebuild([header, ...[...body].reverse()]) },
  { name: 'the long layout', content: longLayout },
  { name: 'the long layout, shuffled', content: () => { const l = longLayout().trimEnd().split('\n'); return `${[l[0], ...l.slice(1).reverse()].join('\n')}\n`; } },
  { name: 'unit names with full-width spaces around them', content: () => rebuild([header, ...body.map((r) => [`\u3000${r[0]}\u3000`, ...r.slice(1)])]) },
];

/** The rows of compute's JSON output, sorted so that row order does not matter. */
function normalisedRows(stdout: string): unknown[] {
  const doc = JSON.parse(stdout) as { rows: { unit: string; year: number; node: string }[] };
  return doc.rows.map((r) => JSON.stringify(r)).sort();
}

describe('input variants', async () => {
  const expected = await run(['compute', fixture('zhejiang-synthetic.csv'), '--format', 'json', '--aggregate-unit', '浙江省']);
  it('the clean file computes', () => {
    expect(expected.code).toBe(0);
    expect(normalisedRows(expected.stdout).length).toBe(12 * 5 * 23);
  });
  for (const v of variants) {
    it(v.name, async () => {
      const path = tempFile('data.csv', v.content());
      const r = await run(['compute', path, '--format', 'json', '--aggregate-unit', '浙江省', ...(v.args ?? [])]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(normalisedRows(r.stdout)).toEqual(normalisedRows(expected.stdout));
    });
  }
  it('stdin as -', async () => {
    const r = await run(['compute', '-', '--format', 'json', '--aggregate-unit', '浙江省'], { stdin: clean });
    expect(r.code).toBe(0);
    expect(normalisedRows(r.stdout)).toEqual(normalisedRows(expected.stdout));
  });
});
