/**
 * How deeply a parsed JSON value nests, measured without recursion. V8's
 * `JSON.parse` reads any depth, but everything after it that walks values
 * recursively (`JSON.stringify`, schema checks, message formatting) overflows
 * the stack on a file nested thousands of levels deep. Readers check the
 * depth first and refuse such a file with a numbered error instead.
 */
import { jsonPath } from './project/issues.js';

/** No project or Keras/TF.js model file comes near this (they nest about 12 levels). */
export const MAX_JSON_DEPTH = 64;

interface Frame {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Frame | null;
}

function pathOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) keys.push(f.key);
  return jsonPath(keys.reverse());
}

/**
 * The JSON path (`description[0][0]…`) of the first array or object nested
 * deeper than `limit` levels (the top-level value is level 1), or null when
 * `value` stays within it.
 */
export function tooDeepAt(value: unknown, limit = MAX_JSON_DEPTH): string | null {
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (v === null || typeof v !== 'object') continue;
    if (frame.depth > limit) return pathOf(frame);
    if (Array.isArray(v)) {
      // Numbers and strings cannot nest: long arrays of them (run curves) are skipped without a frame each.
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        if (item !== null && typeof item === 'object')
          stack.push({ value: item, depth: frame.depth + 1, key: i, parent: frame });
      }
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({
          value: (v as Record<string, unknown>)[keys[i]],
          depth: frame.depth + 1,
          key: keys[i],
          parent: frame,
        });
      }
    }
  }
  return null;
}
