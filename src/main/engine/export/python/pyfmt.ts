/** Python source helpers for the code generators: literals, identifiers, indentation. */

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield input'.split(' '),
);

/** A Python literal for a JSON-like value (tuples for number arrays). */
export function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Python literal`);
    return Number.isInteger(value) ? String(value) : String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${py(value[0])},)` : `(${value.map(py).join(', ')})`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`)
      .join(', ')}}`;
  }
  throw new Error(`cannot write ${typeof value} as a Python literal`);
}

/** A float literal that always reads as a float (1 -> 1.0). */
export const pyFloat = (v: number): string => (Number.isInteger(v) ? `${v}.0` : String(v));

/** A valid, non-keyword Python identifier derived from a Keras layer name. */
export function pyIdent(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(id)) id = `l_${id}`;
  return KEYWORDS.has(id) ? `${id}_` : id;
}

/** Indents every non-empty line of `text` by `n` spaces. */
export const indent = (text: string, n = 4): string =>
  text
    .split('\n')
    .map((l) => (l.trim() ? ' '.repeat(n) + l : l))
    .join('\n');

/** The training settings the scripts print in their header, as a Python dict literal of the project. */
export const header = (lines: string[]): string => `"""${lines.join('\n')}\n"""`;
