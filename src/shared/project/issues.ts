/**
 * Turns schema issues into numbered problems whose `where` is the JSON path
 * of the offending value (`graph.nodes[3].params.units`) and whose message
 * says what was expected and what was found.
 */
import type { z } from 'zod';
import { type Problem } from '../errors.js';

type Key = PropertyKey;

/** `['graph', 'nodes', 3, 'params', 'units']` → `graph.nodes[3].params.units`. */
export function jsonPath(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(the whole file)';
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    // Own keys only: a path through `__proto__` or `constructor` must not reach Object.prototype.
    v = Object.hasOwn(v, key) ? (v as Record<Key, unknown>)[key] : undefined;
  }
  return v;
}

function shortValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    // Too deep (or cyclic) to print: describe it instead of crashing the message.
    return Array.isArray(v) ? 'an array' : 'an object';
  }
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** The layer a path points into, for messages: `graph.nodes[3]` → `"dense_1"`. */
function layerContext(root: unknown, path: readonly Key[]): string {
  if (path[0] !== 'graph' || path[1] !== 'nodes' || typeof path[2] !== 'number') return '';
  const name = (valueAt(root, path.slice(0, 3)) as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? ` in layer "${name}"` : '';
}

export function issueToProblem(issue: z.core.$ZodIssue, root: unknown, versionNote = ''): Problem {
  const found = valueAt(root, issue.path);
  const context = layerContext(root, issue.path);
  if (
    issue.code === 'invalid_union' &&
    'discriminator' in issue &&
    issue.discriminator === 'kind' &&
    issue.path[0] === 'graph'
  ) {
    return {
      code: 'DW112',
      message: `unknown layer kind ${shortValue(found)}${context}; this version knows ${(issue as { options?: unknown[] }).options?.join(', ') ?? 'other kinds'}`,
      where: jsonPath(issue.path),
    };
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && found === undefined) {
    const owner = valueAt(root, issue.path.slice(0, -1));
    const keys = owner !== null && typeof owner === 'object' ? Object.keys(owner).map((k) => `"${k}"`) : [];
    const has = keys.length ? ` (the object has ${keys.join(', ')}: check the spelling)` : '';
    const options = (issue as { options?: unknown[] }).options?.map((o) => `"${String(o)}"`).join(', ');
    return {
      code: 'DW203',
      message: `missing "${String(issue.discriminator)}"${has}; expected one of ${options ?? 'the documented values'}${context}${versionNote}`,
      where: jsonPath(issue.path),
    };
  }
  if (issue.code === 'unrecognized_keys') {
    const where = jsonPath([...issue.path, issue.keys[0]]);
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return {
      code: 'DW203',
      message: `unknown field ${keys}${context}${versionNote}: remove it or check its spelling`,
      where,
    };
  }
  if (issue.code === 'invalid_type' && found === undefined) {
    return {
      code: 'DW203',
      message: `missing: expected ${issue.expected}${context}${versionNote}`,
      where: jsonPath(issue.path),
    };
  }
  const shown =
    issue.code === 'invalid_type' ||
    issue.code === 'invalid_value' ||
    issue.code === 'too_small' ||
    issue.code === 'too_big';
  const foundText = shown ? ` (found ${shortValue(found)})` : '';
  return {
    code: 'DW203',
    message: `${issue.message}${foundText}${context}${versionNote}`,
    where: jsonPath(issue.path),
  };
}
