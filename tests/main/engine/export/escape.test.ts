/**
 * The escapes every generated file goes through, checked against the real
 * readers where one exists: python3 reads each Python literal back to the
 * very string (ast.literal_eval), keeps each comment a comment, accepts each
 * identifier; Python's csv module reads each CSV cell back. Random strings
 * (seeded) cover quotes, backslashes, every kind of line break, control
 * characters, NUL, lone surrogates, astral characters and format strings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  mdCode,
  mdCodeBlock,
  mdLines,
  mdText,
  mdUrl,
  pyComment,
  pyIdent,
  pyStr,
} from '../../../../src/main/engine/export/escape.js';
import { seededRandom } from '../../../../src/shared/random.js';
import { PYTHON, runPython } from './python.js';

/** Characters that try hardest to break out of a literal, a comment or a Markdown line. */
const NASTY = [
  '"',
  "'",
  '\\',
  '"""',
  "'''",
  '#',
  '{',
  '}',
  '%s',
  '%(prog)s',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u202e',
  '`',
  '|',
  '<',
  '[',
  ']',
  '(',
  ')',
  '=',
  '+',
  '-',
  '@',
  '_',
  '*',
  '!',
  '&',
  'coding:',
  'coding=latin-1',
];

/** A seeded random string mixing the nasty pieces with ASCII, controls, BMP, lone surrogates and astral characters. */
function randomString(next: () => number): string {
  const pick = (n: number) => Math.floor(next() * n);
  let s = '';
  for (let i = pick(24); i > 0; i--) {
    const kind = pick(7);
    if (kind === 0) s += NASTY[pick(NASTY.length)];
    else if (kind === 1) s += String.fromCharCode(pick(0x20));
    else if (kind === 2) s += String.fromCharCode(0x7f + pick(0x21));
    else if (kind === 3) s += String.fromCharCode(0x100 + pick(0xd700));
    else if (kind === 4) s += String.fromCharCode(0xd800 + pick(0x800));
    else if (kind === 5) s += String.fromCodePoint(0x10000 + pick(0x100000));
    else s += String.fromCharCode(0x20 + pick(0x5f));
  }
  return s;
}

const SAMPLES = (() => {
  const next = seededRandom(1701);
  return [
    ...NASTY,
    '',
    `"""; import os; os.system('touch PWNED') #`,
    'x'.repeat(5000),
    ...Array.from({ length: 1500 }, () => randomString(next)),
  ];
})();

describe('pyStr', () => {
  it('is one line of ASCII', () => {
    for (const s of SAMPLES) expect(pyStr(s)).toMatch(/^"[\x20-\x7e]*"$/);
  });

  it.skipIf(!PYTHON)('python3 reads every literal back to the same string, in an expression and in a statement', () => {
    const script = `
import ast, json, sys
bad = []
for i, (lit, want) in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))):
    tree = ast.parse("x = " + lit + "\\nassert len(x) >= 0\\n")
    if len(tree.body) != 2 or ast.literal_eval(lit) != want or ast.literal_eval(tree.body[0].value) != want:
        bad.append(i)
print(json.dumps(bad))`;
    expect(
      JSON.parse(
        runJson(
          script,
          SAMPLES.map((s) => [pyStr(s), s]),
        ),
      ),
    ).toEqual([]);
  });
});

describe('pyComment', () => {
  it.skipIf(!PYTHON)(
    'stays one comment, on the first line of a file and after code, and never declares an encoding',
    () => {
      const script = `
import ast, io, json, sys, tokenize
bad = []
for i, c in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))):
    for src, statements in ((c + "\\nx = 1\\n", 1), ("x = 1  " + c + "\\ny = 2\\n", 2)):
        data = src.encode("ascii")
        if tokenize.detect_encoding(io.BytesIO(data).readline)[0] != "utf-8":
            bad.append(i)
        tokens = list(tokenize.tokenize(io.BytesIO(data).readline))
        comments = [t.string for t in tokens if t.type == tokenize.COMMENT]
        if comments != [c] or len(ast.parse(data).body) != statements:
            bad.append(i)
print(json.dumps(bad))`;
      expect(JSON.parse(runJson(script, SAMPLES.map(pyComment)))).toEqual([]);
    },
  );
});

describe('pyIdent', () => {
  it('keeps plain names and makes the rest valid, public and unique', () => {
    const taken = new Set<string>();
    const take = (name: string) => {
      const id = pyIdent(name, taken);
      taken.add(id);
      return id;
    };
    expect(['dense_1', 'a-b', 'a_b', 'a.b', 'class', 'input', '1x', '__class__', '', '模型', 'a_b'].map(take)).toEqual([
      'dense_1',
      'a_b',
      'a_b_2',
      'a_b_3',
      'class_',
      'input_',
      'l_1x',
      'l___class__',
      'l_',
      'l___',
      'a_b_4',
    ]);
    expect(pyIdent('forward', new Set(), new Set(['forward']))).toBe('forward_');
    expect(pyIdent('forward', new Set(['forward_']), new Set(['forward']))).toBe('forward__2');
  });

  it.skipIf(!PYTHON)(
    'python3 accepts every identifier: no keyword, soft keyword or builtin, no leading underscore, no repeats',
    () => {
      const taken = new Set<string>();
      const ids = SAMPLES.map((s) => {
        const id = pyIdent(s, taken);
        taken.add(id);
        return id;
      });
      expect(new Set(ids).size).toBe(ids.length);
      const script = `
import builtins, json, keyword, sys
words = set(keyword.kwlist) | set(getattr(keyword, "softkwlist", [])) | set(dir(builtins))
ids = json.load(open(sys.argv[1], encoding="utf-8"))
print(json.dumps([i for i in ids if not i.isidentifier() or i in words or i.startswith("_")]))`;
      expect(JSON.parse(runJson(script, ids))).toEqual([]);
    },
  );
});

/** Reads CommonMark backslash escapes back; throws on a markup character left unescaped. */
function unescapeMarkdown(out: string): string {
  let plain = '';
  for (let i = 0; i < out.length; i++) {
    const ch = out[i];
    if (ch === '\\') {
      expect(out[i + 1]).toMatch(/[!-/:-@[-`{-~]/);
      plain += out[++i];
      continue;
    }
    expect('`*[]<>#|!~&').not.toContain(ch);
    if (ch === '_') expect(/[A-Za-z0-9]/.test(out[i - 1] ?? '') && /[A-Za-z0-9]/.test(out[i + 1] ?? '')).toBe(true);
    plain += ch;
  }
  return plain;
}

const asLine = (s: string) =>
  s.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ').replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, ' ');

describe('mdText', () => {
  it('escapes HTML, links, images, headings, tables and list markers', () => {
    expect(mdText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(mdText('[x](javascript:alert(1)) ![i](http://e/i.png)')).toBe(
      '\\[x\\](javascript:alert(1)) \\!\\[i\\](http://e/i.png)',
    );
    expect(mdText('name\n# Owned\r\n- item')).toBe('name \\# Owned - item');
    expect(mdText('- a | b')).toBe('\\- a \\| b');
    expect(mdText('1. first')).toBe('1\\. first');
    expect(mdText('MLP GAN')).toBe('MLP GAN');
    expect(mdText('run-1 d_loss')).toBe('run-1 d_loss');
    expect(mdLines('one\n# two\n\nthree')).toBe('one\n\\# two\n\nthree');
  });

  it('is one line that reads back as the text, with no markup character unescaped', () => {
    for (const s of SAMPLES) {
      const out = mdText(s);
      expect(out).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
      expect(out).not.toMatch(/^\s*([-+=]|\d+[.)])/);
      expect(unescapeMarkdown(out)).toBe(asLine(s));
    }
  });
});

describe('mdCode, mdCodeBlock, mdUrl', () => {
  it('fence text with more backticks than it holds and encode link targets', () => {
    expect(mdCode('a`b``c')).toBe('```a`b``c```');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCodeBlock('x\n```\n# y')).toBe('````\nx\n```\n# y\n````');
    expect(mdUrl('curves/loss.png')).toBe('curves/loss.png');
    expect(mdUrl('a b)(<"é')).toBe('a%20b%29%28%3C%22%C3%A9');
    for (const s of SAMPLES) {
      const code = mdCode(s);
      const fence = /^`+/.exec(code)![0];
      expect(code.slice(fence.length, -fence.length)).not.toContain(fence);
      expect(code).not.toMatch(/[\r\n\u2028\u2029\0]/);
      const block = mdCodeBlock(s).split('\n');
      const open = block[0];
      expect(block.slice(1, -1).some((l) => l.trim().startsWith(open))).toBe(false);
      expect(mdUrl(s)).toMatch(/^[A-Za-z0-9/._%-]*$/);
    }
  });
});

describe('csvCell', () => {
  it('neutralises formulas and quotes, and writes numbers as they are', () => {
    expect(['=1+1', '+1', '-2', '@SUM(A1)', 'a,b', 'say "hi"', 'two\nlines', 'plain'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-2",
      "'@SUM(A1)",
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      'plain',
    ]);
    expect([-0.5, 3, null, undefined].map(csvCell)).toEqual(['-0.5', '3', '', '']);
  });

  it.skipIf(!PYTHON)("Python's csv module reads every row back, one row per record, no cell a formula", () => {
    const rows = Array.from({ length: SAMPLES.length / 3 }, (_, i) => SAMPLES.slice(3 * i, 3 * i + 3));
    const csv = rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    const script = `
import csv, io, json, sys
print(json.dumps(list(csv.reader(io.StringIO(json.load(open(sys.argv[1], encoding="utf-8")), newline="")))))`;
    const back = JSON.parse(runJson(script, csv)) as string[][];
    const expected = rows.map((r) => r.map((s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)));
    expect(back).toEqual(expected);
  });
});

/** Runs `script` with a JSON file of `data` as argv[1]; returns its stdout. */
function runJson(script: string, data: unknown): string {
  return withTempJson(data, (file) => runPython(PYTHON!, script, [file]));
}

function withTempJson<T>(data: unknown, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'deepwire-escape-'));
  try {
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify(data));
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
