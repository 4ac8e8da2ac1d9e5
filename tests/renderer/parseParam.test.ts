import { describe, expect, it } from 'vitest';
import { describeRange, formatParam, parseParam } from '../../src/renderer/inspector/parseParam.js';
import { paramsSchema } from '../../src/shared/graph/schema.js';
import { PARAM_SPECS, type ParamSpec } from '../../src/shared/layers/index.js';

const spec = (kind: keyof typeof PARAM_SPECS, name: string) =>
  (PARAM_SPECS[kind] as readonly ParamSpec[]).find((p) => p.name === name)!;

describe('inspector value parsing', () => {
  it('ints: whole numbers inside the range', () => {
    const filters = spec('Conv2D', 'filters');
    expect(parseParam(filters, '32')).toEqual({ ok: true, value: 32 });
    expect(parseParam(filters, ' 64 ')).toEqual({ ok: true, value: 64 });
    expect(parseParam(filters, '0')).toMatchObject({
      ok: false,
      message: 'Must be an integer between 1 and 8192, got 0.',
    });
    expect(parseParam(filters, '3.5')).toMatchObject({ ok: false });
    expect(parseParam(filters, '')).toMatchObject({ ok: false });
    expect(describeRange(filters)).toBe('integer, 1–8192');
  });

  it('floats: finite numbers inside the range', () => {
    const rate = spec('Dropout', 'rate');
    expect(parseParam(rate, '0.25')).toEqual({ ok: true, value: 0.25 });
    expect(parseParam(rate, '1')).toMatchObject({ ok: false, message: 'Must be a number between 0 and 0.99, got 1.' });
    expect(parseParam(rate, 'abc')).toMatchObject({ ok: false });
    expect(parseParam(rate, '')).toMatchObject({ ok: false });
  });

  it('int tuples: "3x3", "3×3", "3, 3" and a single "5" for both axes', () => {
    const k = spec('Conv2D', 'kernelSize');
    expect(parseParam(k, '3x3')).toEqual({ ok: true, value: [3, 3] });
    expect(parseParam(k, '3×5')).toEqual({ ok: true, value: [3, 5] });
    expect(parseParam(k, '(2, 4)')).toEqual({ ok: true, value: [2, 4] });
    expect(parseParam(k, '5')).toEqual({ ok: true, value: [5, 5] });
    expect(parseParam(k, '3x3x3')).toMatchObject({ ok: false });
    expect(parseParam(k, '0x3')).toMatchObject({ ok: false, message: 'Must be 2 integers ≥ 1, got [0,3].' });
    expect(formatParam(k, [3, 3])).toBe('3×3');
  });

  it('shapes: 1 to 3 sizes without the batch; -1 only where inferable, once', () => {
    const input = spec('Input', 'shape');
    expect(parseParam(input, '28×28×1')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(parseParam(input, '784')).toEqual({ ok: true, value: [784] });
    expect(parseParam(input, '1,2,3,4')).toMatchObject({ ok: false });
    expect(parseParam(input, '-1, 4')).toMatchObject({ ok: false });
    const target = spec('Reshape', 'targetShape');
    expect(parseParam(target, '-1, 4')).toEqual({ ok: true, value: [-1, 4] });
    expect(parseParam(target, '-1, -1')).toMatchObject({
      ok: false,
      message: 'Must be 1 to 3 dimensions ≥ 1 (one may be -1), got [-1,-1].',
    });
  });

  it("an Input's shape may hold None (typed None, null or ?): a size that varies (issue #14)", () => {
    const input = spec('Input', 'shape');
    expect(parseParam(input, 'None')).toEqual({ ok: true, value: [null] });
    expect(parseParam(input, '?×?×3')).toEqual({ ok: true, value: [null, null, 3] });
    expect(parseParam(input, '(None, 52)')).toEqual({ ok: true, value: [null, 52] });
    expect(formatParam(input, [null, null, 3])).toBe('None×None×3');
    expect(describeRange(input)).toContain('None or ?');
    expect(paramsSchema('Input').safeParse({ shape: [null, 8], dtype: 'float32' }).success).toBe(true);
    // Only the Input's shape: a Reshape target has no None.
    const target = spec('Reshape', 'targetShape');
    expect(parseParam(target, 'None, 4')).toMatchObject({ ok: false });
    expect(paramsSchema('Reshape').safeParse({ targetShape: [null, 4] }).success).toBe(false);
  });

  it('the inspector refuses exactly what the document schema refuses, in the same words', () => {
    const filters = spec('Conv2D', 'filters');
    const parsed = parseParam(filters, '0');
    const schema = paramsSchema('Conv2D').safeParse({ filters: 0 });
    expect(schema.success).toBe(false);
    expect(parsed.ok).toBe(false);
    expect(schema.error?.issues[0]?.message).toBe('must be an integer between 1 and 8192, got 0');
    expect(!parsed.ok && parsed.message.toLowerCase()).toBe(`${schema.error?.issues[0]?.message}.`);
  });

  it('every param spec of the catalog formats its default into text that parses back to it', () => {
    for (const [kind, specs] of Object.entries(PARAM_SPECS)) {
      for (const p of specs as readonly ParamSpec[]) {
        const parsed = parseParam(p, formatParam(p, p.default));
        expect(parsed, `${kind}.${p.name}`).toEqual({ ok: true, value: p.default });
      }
    }
  });
});
