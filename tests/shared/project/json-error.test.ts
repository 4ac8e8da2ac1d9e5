import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineColumn } from '../../../src/shared/project/index.js';

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const good = [
      '{}',
      '[]',
      '0',
      '-1.5e+3',
      '"a\\u00e9\\n"',
      '{"a": [1, {"b": null}], "c": true}',
      ' \n{ "x" : false }\n',
    ];
    for (const text of good) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeNull();
    }
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'property name'],
    ['{"a" 1}', 1, 6, "':'"],
    ['[1 2]', 1, 4, "',' or ']'"],
    ['{\n  "a": tru\n}', 2, 8, 'value'],
    ['{\n  "a": "line\nbreak"\n}', 2, 13, 'control character'],
    ['{"a": 01}', 1, 8, "',' or '}'"],
    ['{"a": "\\x"}', 1, 9, 'escape'],
    ['{"a": 1} x', 1, 10, 'end of the file'],
    ['{"a": [1, 2', 1, 12, 'truncated'],
  ])('%j → line %i, column %i (%s)', (text, line, column, expected) => {
    expect(() => JSON.parse(text)).toThrow();
    const e = findJsonSyntaxError(text)!;
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toContain(expected);
  });

  it('lineColumn counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
