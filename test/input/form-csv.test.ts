// A clerk's form that left the workbook: one unit's sheet saved as CSV
// (Excel's 另存为 CSV, UTF-8 with a BOM or WPS's GBK), and a quarterly form's
// sheet copied into a new workbook. Both read as the form they came from
// (the unit from the title, the period from the column's header, 2020年第四季度
// included), with a note that the marker is gone; a CSV of any other shape
// keeps the reader's own message.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers.js';
import { toGb18030 } from '../office-files.js';

const VALUES: Record<string, number> = { 小微企业总数: 330000, 营业收入总额: 12567.89, 就业人员总数: 200.5 };

/** A form of one unit's sheet (layout sheets) for `period`, its values filled in; the workbook's path. */
async function filledForm(dir: string, period: string): Promise<string> {
  const path = join(dir, `form-${period}.xlsx`);
  const t = await run(['template', '--units', '杭州市', '--period', period, '--layout', 'sheets', '--out', path]);
  expect(t.code, t.stderr).toBe(0);
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  const ws = wb.Sheets['杭州市']!;
  const grid = XLSX.utils.sheet_to_json<(string | number | null)[]>(ws, { header: 1, defval: null });
  grid.forEach((row, r) => {
    const v = VALUES[String(row[0])];
    if (v !== undefined) ws[XLSX.utils.encode_cell({ r, c: row.length - 1 })] = { t: 'n', v };
  });
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}

/** The sheet of 杭州市 as Excel saves it as CSV (the title and instructions above, one line per row). */
function savedAsCsv(path: string): string {
  const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
  return XLSX.utils.sheet_to_csv(wb.Sheets['杭州市']!);
}

const long = (stdout: string): string[] => stdout.trim().split(/\r?\n/).slice(1).sort();

describe('a form that left its workbook', () => {
  it('one unit\'s sheet saved as CSV (UTF-8 with a BOM, GBK) reads as the form itself, with a note; annual and quarterly', async () => {
    const dir = tempDir();
    for (const period of ['2019', '2019Q4']) {
      const form = await filledForm(dir, period);
      const fromForm = await run(['data', form]);
      expect(fromForm.code, fromForm.stderr).toBe(0);
      expect(long(fromForm.stdout)).toEqual([`杭州市,${period},employment,200.5`, `杭州市,${period},firms,330000`, `杭州市,${period},revenue,12567.89`]);
      const text = savedAsCsv(form);
      expect(text.split('\n')[0]).toContain('杭州市 · ');
      for (const [name, bytes] of [['utf8.csv', `\uFEFF${text}`], ['gbk.csv', toGb18030(text)]] as const) {
        const csv = join(dir, `${period}-${name}`);
        writeFileSync(csv, bytes);
        const r = await run(['data', csv]);
        expect(r.code, `${period} ${name}: ${r.stderr}`).toBe(0);
        expect(long(r.stdout)).toEqual(long(fromForm.stdout));
        expect(r.stderr).toContain(`说明: 按另存为 CSV 的 smei 填报表读取（${period === '2019' ? '2019年' : '2019Q4'}，1个地区）`);
      }
    }
  });

  it('a quarterly form\'s sheet copied into a new workbook (its marker lost) reads by its shape, the period from 2019年第四季度', async () => {
    const dir = tempDir();
    const form = await filledForm(dir, '2019Q4');
    const wb = XLSX.read(readFileSync(form), { type: 'buffer' });
    const copy = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(copy, wb.Sheets['杭州市']!, '杭州市');
    const path = join(dir, 'copy.xlsx');
    writeFileSync(path, XLSX.write(copy, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(XLSX.utils.sheet_to_csv(copy.Sheets['杭州市']!)).toContain('2019年第四季度');
    const r = await run(['data', path]);
    expect(r.code, r.stderr).toBe(0);
    expect(long(r.stdout)).toEqual(['杭州市,2019Q4,employment,200.5', '杭州市,2019Q4,firms,330000', '杭州市,2019Q4,revenue,12567.89']);
    expect(r.stderr).toContain('工作表“杭州市”按 smei 填报表的样式读取（2019Q4，1个地区）');
  });

  it('a CSV of no such shape keeps the reader\'s message (no unit column, naming the line)', async () => {
    const dir = tempDir();
    const path = join(dir, 'odd.csv');
    writeFileSync(path, '名录,数值\n杭州市,1\n');
    const r = await run(['data', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path}:1：没有地区列（`);
  });
});
