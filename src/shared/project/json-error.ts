/**
 * Where a JSON text breaks. `JSON.parse` reports positions differently in
 * every engine, so on failure we re-scan the text with a small strict JSON
 * grammar and name the first offending line:column and what was expected.
 */

export interface JsonSyntaxError {
  line: number;
  column: number;
  /** e.g. "expected ',' or '}' after a property value, found ']'". */
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** Line and column (both 1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function describe(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file (it may be truncated)';
  return JSON.stringify(text[at]);
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('expected a value (object, array, string, number, true, false or null)');
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail("expected a closing '\"' of the string");
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail('expected no raw control character inside a string (use \\n, \\t…)');
      if (c === 92) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('expected four hex digits after \\u');
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i])) i++;
        else fail('expected a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail('expected a number');
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    fail('expected a value (object, array, string, number, true, false or null)');
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') return void i++;
    for (;;) {
      ws();
      if (text[i] !== '"') fail('expected a property name in double quotes');
      string();
      ws();
      if (text[i] !== ':') fail("expected ':' after the property name");
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') return void i++;
      fail("expected ',' or '}' after a property value");
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') return void i++;
      fail("expected ',' or ']' after an array element");
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('expected the end of the file after the top-level value');
    return null;
  } catch (e) {
    // Only a stack overflow on absurdly deep nesting gets here.
    if (!(e instanceof Stop)) return { line: 1, column: 1, message: 'the JSON is nested too deeply to read' };
    const { line, column } = lineColumn(text, e.offset);
    return { line, column, message: `${e.expected}, found ${describe(text, e.offset)}` };
  }
}
