/**
 * The one place where project text (names, descriptions, layer names,
 * dataset paths, column names, run ids) is made safe for a generated file.
 * A shared .deepwire file is untrusted input: whatever it holds must reach
 * generated Python as data, never as code, and reach Markdown/CSV as text,
 * never as markup, links, HTML or spreadsheet formulas. Writers of generated
 * files call these and escape nothing themselves.
 */

/** A code point as `\xHH`, `\uHHHH` or `\UHHHHHHHH` (Python's escapes). */
function pyEscape(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

const PY_NAMED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Printable ASCII as is, everything else escaped: one line, pure ASCII, no NUL, no bidi tricks. */
function pyEscapeText(s: string, quote: string): string {
  let out = '';
  // for..of walks code points; a lone surrogate comes alone and is escaped like any other.
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (PY_NAMED[ch]) out += PY_NAMED[ch];
    else if (ch === quote) out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else out += pyEscape(cp);
  }
  return out;
}

/**
 * A Python string literal whose value is exactly `s` (`ast.literal_eval`
 * gives `s` back): double-quoted, one line, ASCII only.
 */
export const pyStr = (s: string): string => `"${pyEscapeText(s, '"')}"`;

/**
 * A `#` comment showing `s` on one line. Never put one on the first two
 * lines of a file; even so, "coding:"/"coding=" is broken up so no comment
 * can read as an encoding declaration (PEP 263).
 */
export const pyComment = (s: string): string =>
  `# ${pyEscapeText(s, '').replace(/coding([:=])/g, (_, c: string) => `coding${pyEscape(c.charCodeAt(0))}`)}`;

const PY_KEYWORDS =
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _';
const PY_BUILTINS =
  'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple vars zip Ellipsis NotImplemented Exception BaseException';

/** Names no generated identifier may take in any file: keywords (hard and soft) and builtins. */
export const PY_RESERVED: ReadonlySet<string> = new Set(`${PY_KEYWORDS} ${PY_BUILTINS}`.split(' '));

/**
 * A valid Python identifier for `name`: ASCII letters, digits and `_`
 * (anything else becomes `_`), starting with a letter (else `l_` in front, so
 * no private or dunder names); a keyword, builtin or one of `reserved` (names
 * the generated code uses) gets `_` after it; one already in `taken` gets
 * `_2`, `_3`, … The caller adds the result to `taken`.
 */
export function pyIdent(
  name: string,
  taken: ReadonlySet<string> = new Set(),
  reserved: ReadonlySet<string> = new Set(),
): string {
  const free = (id: string) => !PY_RESERVED.has(id) && !reserved.has(id);
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(id)) id = `l_${id}`;
  if (!free(id)) id = `${id}_`;
  let unique = id;
  for (let i = 2; taken.has(unique) || !free(unique); i++) unique = `${id}_${i}`;
  return unique;
}

/** Line breaks of every kind (CR LF, CR, LF, NEL, LS, PS). */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Control characters and bidi overrides/isolates (they can make text read unlike what it is). */
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
/** Characters that can start inline Markdown or HTML anywhere in a line (`_` between letters or digits cannot). */
const MD_INLINE = /[\\`*[\]<>#|!~&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/**
 * Plain text for one line of Markdown (a heading, a list item, a table cell):
 * line breaks and control characters become spaces, markup characters are
 * backslash-escaped (CommonMark), so no HTML, link, image, emphasis, heading
 * or table cell can start inside it.
 */
export function mdText(s: string): string {
  const line = s.replace(LINE_BREAKS, ' ').replace(INVISIBLE, ' ').replace(MD_INLINE, '\\$&');
  // Block markers only count at the start of a line: a list, a setext underline, an ordered list.
  return line.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Several lines of plain text (a description): each line as `mdText`, line breaks kept. */
export const mdLines = (s: string): string => s.split(LINE_BREAKS).map(mdText).join('\n');

const longestBacktickRun = (s: string): number => Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));

/** Inline code showing `s` verbatim on one line, fenced with more backticks than it holds. */
export function mdCode(s: string): string {
  const text = s.replace(LINE_BREAKS, ' ').replace(INVISIBLE, ' ');
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block showing `text` verbatim: the fence is longer than any backtick run inside, so nothing closes it. */
export function mdCodeBlock(text: string): string {
  const body = text.replace(LINE_BREAKS, '\n').replace(/(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, ' ');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}\n${body}\n${fence}`;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break;
 * text starting with = + - @ tab or CR gets a leading `'` so spreadsheets show
 * it instead of running it as a formula (OWASP). Numbers are written as they are.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A relative link target for Markdown: all but letters, digits and `/._-` percent-encoded (UTF-8), so it cannot end the link. */
export function mdUrl(path: string): string {
  const bytes = (ch: string) =>
    [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return path.replace(/[^A-Za-z0-9/._-]/gu, bytes);
}
