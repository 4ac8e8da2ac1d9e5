/**
 * Text <-> parameter values for the inspector, validated as the user types,
 * with messages that say what is allowed. Mirrors the document schema's rules.
 */
import type { ParamSpec } from '../../shared/layers/types.js';

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const INT = /^[+-]?\d+$/;

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${max}`;
}

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
      return `${spec.minLength === spec.maxLength ? spec.minLength : `${spec.minLength}–${spec.maxLength}`} sizes${spec.allowInfer ? ' (one may be -1)' : ''}, e.g. ${spec.default.join('×')}`;
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

export function parseParam(spec: ParamSpec, text: string): Parsed {
  const t = text.trim();
  switch (spec.type) {
    case 'int': {
      if (!INT.test(t)) return { ok: false, message: 'Enter a whole number.' };
      const v = Number(t);
      if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
        return { ok: false, message: `Must be ${range(spec.min, spec.max)}.` };
      }
      return { ok: true, value: v };
    }
    case 'float': {
      const v = t === '' ? Number.NaN : Number(t);
      if (!Number.isFinite(v)) return { ok: false, message: 'Enter a number, e.g. 0.5.' };
      if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
        return { ok: false, message: `Must be ${range(spec.min, spec.max)}.` };
      }
      return { ok: true, value: v };
    }
    case 'bool':
      return t === 'true' || t === 'false' ? { ok: true, value: t === 'true' } : { ok: false, message: 'On or off.' };
    case 'enum':
      return spec.choices.includes(t)
        ? { ok: true, value: t }
        : { ok: false, message: `Choose one of ${spec.choices.join(', ')}.` };
    case 'ints': {
      const p = parts(t);
      if (p.length === 0 || !p.every((s) => INT.test(s)))
        return { ok: false, message: `Enter ${spec.length} whole numbers, e.g. ${spec.default.join('×')}.` };
      // One number means the same size on every axis, as Keras accepts `kernel_size=3`.
      const values = p.length === 1 ? Array.from({ length: spec.length }, () => Number(p[0])) : p.map(Number);
      if (values.length !== spec.length)
        return { ok: false, message: `Enter ${spec.length} numbers, e.g. ${spec.default.join('×')}.` };
      const min = spec.min ?? 0;
      if (values.some((v) => v < min)) return { ok: false, message: `Each must be at least ${min}.` };
      return { ok: true, value: values };
    }
    case 'shape': {
      const p = parts(t);
      if (p.length === 0 || !p.every((s) => INT.test(s)))
        return { ok: false, message: `Enter sizes separated by × or commas, e.g. ${spec.default.join('×')}.` };
      const values = p.map(Number);
      if (values.length < spec.minLength || values.length > spec.maxLength) {
        const n = spec.minLength === spec.maxLength ? `${spec.minLength}` : `${spec.minLength} to ${spec.maxLength}`;
        return { ok: false, message: `Give ${n} sizes (the batch is not included).` };
      }
      const inferred = values.filter((v) => v === -1).length;
      if (values.some((v) => v < 1 && !(v === -1 && spec.allowInfer))) {
        return {
          ok: false,
          message: spec.allowInfer
            ? 'Sizes must be at least 1 (or -1 for one inferred size).'
            : 'Sizes must be at least 1.',
        };
      }
      if (inferred > 1) return { ok: false, message: 'At most one size may be -1.' };
      return { ok: true, value: values };
    }
  }
}

export function formatParam(spec: ParamSpec, value: unknown): string {
  if (spec.type === 'ints' || spec.type === 'shape') return (value as readonly number[]).join('×');
  return String(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
