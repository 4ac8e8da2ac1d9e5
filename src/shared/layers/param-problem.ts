/**
 * The one check of a param value against its spec: the document schema, the
 * inspector's typed text and imported or programmatic params all use it, so
 * they accept and refuse the same values with the same words.
 */
import type { ParamSpec } from './types.js';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function rangeText(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `≥ ${min}`;
  return max !== undefined ? `≤ ${max}` : 'a number';
}

/** A shape holding more than one -1: a rule of its own (Reshape infers one dimension, DW137). */
export const infersTooMany = (spec: ParamSpec, value: unknown): boolean =>
  spec.type === 'shape' && Array.isArray(value) && value.filter((d) => d === -1).length > 1;

/** Why one value does not fit its spec, or null when it fits. */
export function paramProblem(spec: ParamSpec, value: unknown): string | null {
  const shown = JSON.stringify(value) ?? 'nothing';
  switch (spec.type) {
    case 'int':
    case 'float': {
      const n = typeof value === 'number' ? value : NaN;
      const okType = spec.type === 'int' ? Number.isInteger(n) : Number.isFinite(n);
      const inRange = okType && (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
      if (inRange) return null;
      return `must be ${spec.type === 'int' ? 'an integer' : 'a number'} ${rangeText(spec.min, spec.max)}, got ${shown}`;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : `must be true or false, got ${shown}`;
    case 'enum':
      return spec.choices.includes(value as string) ? null : `must be one of ${spec.choices.join(', ')}, got ${shown}`;
    case 'ints': {
      const min = spec.min ?? 0;
      const fits = Array.isArray(value) && value.length === spec.length && value.every((d) => isInt(d) && d >= min);
      return fits ? null : `must be ${spec.length} integers ≥ ${min}, got ${shown}`;
    }
    case 'shape': {
      const fits =
        Array.isArray(value) &&
        value.length >= spec.minLength &&
        value.length <= spec.maxLength &&
        value.every(
          (d) =>
            (spec.allowNone === true && d === null) || (isInt(d) && (d >= 1 || (spec.allowInfer === true && d === -1))),
        ) &&
        !infersTooMany(spec, value);
      if (fits) return null;
      const dims = spec.minLength === spec.maxLength ? `${spec.minLength}` : `${spec.minLength} to ${spec.maxLength}`;
      const extra = spec.allowInfer ? ' (one may be -1)' : spec.allowNone ? ' or None' : '';
      return `must be ${dims} dimensions ≥ 1${extra}, got ${shown}`;
    }
  }
}
