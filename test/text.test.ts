// parseJson: the one JSON reader of the framework, config and GeoJSON files.
import { describe, expect, it } from 'vitest';
import { parseJson } from '../src/text.js';

/** The where and reason parseJson reports for bad text. */
function failure(text: string): { where: string; reason: string } {
  let got = { where: '?', reason: '?' };
  try {
    parseJson(text, (where, reason) => {
      got = { where, reason };
      throw new Error('failed');
    });
  } catch {
    return got;
  }
  throw new Error('parsed');
}

describe('parseJson', () => {
  it('reads JSON with and without a byte-order mark', () => {
    const never = (): never => {
      throw new Error('no failure expected');
    };
    expect(parseJson('{"a": [1, 2]}', never)).toEqual({ a: [1, 2] });
    expect(parseJson('\uFEFF{"a": 1}', never)).toEqual({ a: 1 });
  });

  it('names the line and column of a syntax error, counted in the text after its BOM', () => {
    // the trailing comma: line 3, column 1 is the closing brace after it
    expect(failure('{\n  "a": 1,\n}').where).toBe(':3:1');
    expect(failure('\uFEFF{\n  "a": 1,\n}').where).toBe(':3:1');
    expect(failure('{"a" 1}').where).toBe(':1:6');
    expect(failure('{\n  "a": 1,\n}').reason).not.toMatch(/position/);
  });
});

describe('a unit\'s name before a period in a Chinese sentence', () => {
  it('is kept apart where both meet in digits (the county trial: 企业00022024年)', async () => {
    const { nameBefore } = await import('../src/text.js');
    expect(`${nameBefore('企业0002', '2024年')}2024年`).toBe('企业0002 2024年');
    expect(`${nameBefore('杭州市', '2024年')}2024年`).toBe('杭州市2024年');
    expect(`${nameBefore('U7', '')}`).toBe('U7');
    const { describeWarning } = await import('../src/render/warnings.js');
    expect(describeWarning({ code: 'missing-value', unit: '企业0002', year: 2024, node: 'firms' }, 'zh')).toBe('企业0002 2024年firms：缺少数值，当年无指数。');
  });
});
