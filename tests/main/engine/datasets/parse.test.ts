import { describe, expect, it } from 'vitest';
import { parseCsv, toNumber } from '../../../../src/main/engine/datasets/csv-parse.js';
import { encodeIdx, parseIdx } from '../../../../src/main/engine/datasets/idx.js';

describe('parseIdx', () => {
  it('reads ubyte and float files written big-endian', () => {
    const bytes = encodeIdx([2, 3], Uint8Array.from([1, 2, 3, 4, 5, 255]));
    expect(parseIdx(bytes, 'a.idx')).toEqual({ dims: [2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 255]) });
    const floats = parseIdx(encodeIdx([3], Float32Array.from([1.5, -2, 3e6])), 'b.idx');
    expect(Array.from(floats.data)).toEqual([1.5, -2, 3e6]);
    // Dimensions are big-endian uint32: 258 = 0x00000102.
    expect(Array.from(encodeIdx([258], new Uint8Array(258)).subarray(4, 8))).toEqual([0, 0, 1, 2]);
  });

  it('rejects damaged headers with DW407 naming the file', () => {
    const good = encodeIdx([2, 2], new Uint8Array(4));
    const badMagic = good.slice();
    badMagic[0] = 1;
    expect(() => parseIdx(badMagic, 'x.idx')).toThrow(/DW407[\s\S]*x\.idx: bad magic/);
    const badType = good.slice();
    badType[2] = 0x42;
    expect(() => parseIdx(badType, 'x.idx')).toThrow(/unknown IDX data type/);
    expect(() => parseIdx(good.subarray(0, good.length - 1), 'x.idx')).toThrow(
      /declares 2×2 ubyte values \(16 bytes\) but the file has 15/,
    );
    expect(() => parseIdx(good.subarray(0, 6), 'x.idx')).toThrow(/ends inside it/);
    expect(() => parseIdx(new Uint8Array(2), 'x.idx')).toThrow(/too short/);
  });
});

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, newlines in quotes, CRLF, BOM and blank lines', () => {
    const text = '\uFEFFname,value\r\n"a, b",1\r\n"say ""hi""",2\n"two\nlines",3\n\nlast,4';
    const t = parseCsv(text);
    expect(t.header).toEqual(['name', 'value']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['a, b', '1'],
      ['say "hi"', '2'],
      ['two\nlines', '3'],
      ['last', '4'],
    ]);
    // Line numbers count the newline inside the quoted field and the blank line.
    expect(t.rows.map((r) => r.line)).toEqual([2, 3, 4, 7]);
  });

  it('detects ; and tab delimiters and keeps empty cells', () => {
    expect(parseCsv('a;b\n1;\n').rows[0].cells).toEqual(['1', '']);
    expect(parseCsv('a\tb\n1\t2').rows[0].cells).toEqual(['1', '2']);
  });

  it('reads numbers strictly', () => {
    expect(toNumber(' 1e3 ')).toBe(1000);
    expect(toNumber('')).toBeNull();
    expect(toNumber('12abc')).toBeNull();
    expect(toNumber('NaN')).toBeNull();
  });
});
