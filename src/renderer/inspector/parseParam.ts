/**
 * Text <-> parameter values for the inspector, validated as the user types,
 * with messages that say what is allowed: the document schema's own rule (paramProblem).
 */
import { paramProblem } from '../../shared/layers/param-problem.js';
import type { ParamSpec } from '../../shared/layers/types.js';
import { shapeText } from '../../shared/project/dataset-fit.js';

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const INT = /^[+-]?\d+$/;
/** A size that varies (Keras's None), typed as None, null or ?. */
const NONE = /^(none|null|\?)$/i;

/** The allowed values in words, shown beside the field (e.g. "integer, 1–8192"). */
export function describeRange(spec: ParamSpec): string {
  switch (spec.type) {
    case 'int':
    case 'float': {
      const kind = spec.type === 'int' ? 'integer' : 'number';
      if (spec.min === undefined && spec.max === undefined) return kind;
      if (spec.min !== undefined && spec.max !== undefined) return `${kind}, ${spec.min}–${spec.max}`;
      return `${kind}, ${spec.min !== undefined ? `≥ ${spec.min}` : `≤ ${spec.max}`}`;
    }
    case 'ints':
      return `${spec.length} integers ≥ ${spec.min ?? 0}, e.g. ${spec.default.join('×')}`;
    case 'shape':
      return `${spec.minLength === spec.maxLength ? spec.minLength : `${spec.minLength}–${spec.maxLength}`} sizes${spec.allowInfer ? ' (one may be -1)' : ''}${spec.allowNone ? ' (None or ? for a size that varies)' : ''}, e.g. ${spec.default.join('×')}`;
    case 'enum':
      return spec.choices.join(', ');
    case 'bool':
      return 'on or off';
  }
}

/** Splits "3x3", "3×3", "3, 3", "(28, 28, 1)" or "3 3" into its parts. */
function parts(text: string): string[] {
  return text
    .replace(/[()[\]]/g, ' ')
    .split(/[\s,×xX*]+/)
    .filter(Boolean);
}

/** Text to a value of the spec's type (syntax only), or what to type instead. */
function parseText(spec: ParamSpec, t: string): Parsed {
  switch (spec.type) {
    case 'int':
      return INT.test(t) ? { ok: true, value: Number(t) } : { ok: false, message: 'Enter a whole number.' };
    case 'float': {
      const v = t === '' ? Number.NaN : Number(t);
      return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, message: 'Enter a number, e.g. 0.5.' };
    }
    case 'bool':
      return t === 'true' || t === 'false' ? { ok: true, value: t === 'true' } : { ok: false, message: 'On or off.' };
    case 'enum':
      return { ok: true, value: t };
    case 'ints': {
      const p = parts(t);
      if (p.length === 0 || !p.every((s) => INT.test(s)))
        return { ok: false, message: `Enter ${spec.length} whole numbers, e.g. ${spec.default.join('×')}.` };
      // One number means the same size on every axis, as Keras accepts `kernel_size=3`.
      return {
        ok: true,
        value: p.length === 1 ? Array.from({ length: spec.length }, () => Number(p[0])) : p.map(Number),
      };
    }
    case 'shape': {
      const p = parts(t);
      const none = (s: string) => spec.allowNone === true && NONE.test(s);
      if (p.length === 0 || !p.every((s) => INT.test(s) || none(s)))
        return { ok: false, message: `Enter sizes separated by × or commas, e.g. ${spec.default.join('×')}.` };
      return { ok: true, value: p.map((s) => (none(s) ? null : Number(s))) };
    }
  }
}

/** Parses typed text, then checks the value with the same rule as the document schema (paramProblem). */
export function parseParam(spec: ParamSpec, text: string): Parsed {
  const parsed = parseText(spec, text.trim());
  if (!parsed.ok) return parsed;
  const problem = paramProblem(spec, parsed.value);
  return problem ? { ok: false, message: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` } : parsed;
}

export function formatParam(spec: ParamSpec, value: unknown): string {
  if (spec.type === 'shape') return shapeText(value as readonly (number | null)[]);
  if (spec.type === 'ints') return (value as readonly number[]).join('×');
  return String(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
