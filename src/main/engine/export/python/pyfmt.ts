/** Python source helpers for the code generators: literals and indentation (strings escaped by ../escape.ts). */
import { pyStr } from '../escape.js';

/** A Python literal for a JSON-like value (tuples for number arrays). */
export function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Python literal`);
    return Number.isInteger(value) ? String(value) : String(value);
  }
  if (typeof value === 'string') return pyStr(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${py(value[0])},)` : `(${value.map(py).join(', ')})`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pyStr(k)}: ${py(v)}`)
      .join(', ')}}`;
  }
  throw new Error(`cannot write ${typeof value} as a Python literal`);
}

/** A float literal that always reads as a float (1 -> 1.0). */
export const pyFloat = (v: number): string => (Number.isInteger(v) ? `${v}.0` : String(v));

/** Indents every non-empty line of `text` by `n` spaces. */
export const indent = (text: string, n = 4): string =>
  text
    .split('\n')
    .map((l) => (l.trim() ? ' '.repeat(n) + l : l))
    .join('\n');
