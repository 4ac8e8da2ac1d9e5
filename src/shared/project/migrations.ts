/**
 * Older format versions are brought up to the current one by a chain of
 * pure functions, one step per version. Each step first checks its input
 * with that version's schema, so a damaged old file is reported in its own
 * terms (DW203 with the path in the old file) rather than as a confusing
 * error in the migrated shape.
 */
import type { z } from 'zod';
import { DeepwireError } from '../errors.js';
import { CURRENT_VERSION } from './format.js';
import { issueToProblem } from './issues.js';
import { migrateV0toV1, v0Schema } from './v0.js';

export interface Migration {
  /** The version this step reads; it produces `from + 1`. */
  from: number;
  input: z.ZodType;
  up(doc: never): Record<string, unknown>;
}

/** Index i migrates version i to i + 1. Append a step whenever CURRENT_VERSION grows. */
export const MIGRATIONS: readonly Migration[] = [{ from: 0, input: v0Schema, up: migrateV0toV1 }];

/** Returns a new document of CURRENT_VERSION; never mutates `doc`. */
export function migrate(doc: unknown, fromVersion: number): Record<string, unknown> {
  let current = doc;
  for (let v = fromVersion; v < CURRENT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step || step.from !== v)
      throw new DeepwireError('DW203', `format version ${v} cannot be migrated by this build`, 'version');
    const checked = step.input.safeParse(current);
    if (!checked.success) {
      const p = issueToProblem(checked.error.issues[0], current, ` (format version ${v})`);
      throw new DeepwireError(p.code, p.message, p.where);
    }
    current = step.up(checked.data as never);
  }
  return current as Record<string, unknown>;
}

/**
 * Params added after files were written whose old meaning differs from the new default:
 * a GRU (or Bidirectional) saved before `resetAfter` existed is reset_after=False (its weights and count). A
 * recurrent layer saved before `recurrentActivation` existed had sigmoid gates (listed so that its revision hash
 * is unchanged).
 */
export const LEGACY_PARAMS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  GRU: { resetAfter: false, recurrentActivation: 'sigmoid' },
  LSTM: { recurrentActivation: 'sigmoid' },
  Bidirectional: { resetAfter: false, recurrentActivation: 'sigmoid' },
};

/** A copy of `doc` whose graph nodes have their legacy values for params they lack; anything else is left as is. */
export function fillLegacyParams(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object') return doc;
  const graph = (doc as { graph?: unknown }).graph as { nodes?: unknown } | undefined;
  if (!graph || typeof graph !== 'object' || !Array.isArray(graph.nodes)) return doc;
  const nodes = graph.nodes.map((n: unknown) => {
    const legacy = n && typeof n === 'object' ? LEGACY_PARAMS[String((n as { kind?: unknown }).kind)] : undefined;
    if (!legacy) return n;
    const params = (n as { params?: unknown }).params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return n;
    return { ...(n as object), params: { ...legacy, ...params } };
  });
  return { ...(doc as object), graph: { ...graph, nodes } };
}
