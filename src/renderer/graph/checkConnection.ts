/**
 * Whether a connection can work, decided before it is made: structural rules
 * first (no self loops, no inputs into sources, no cycles), then shape
 * inference on the tentative graph. A connection that gives any layer a new
 * shape error is refused, and that diagnostic is the reason shown.
 */
import { ERRORS, type ErrorCode } from '../../shared/errors.js';
import type { GraphDoc } from '../../shared/graph/types.js';
import type { Shape } from '../../shared/layers/types.js';
import { inferShapes } from '../../shared/shape/infer.js';
import type { ProjectKind } from '../../shared/training/config.js';
import { connect, type Connection } from './ops.js';
import { arityOf } from './ports.js';

/**
 * Errors a connection itself causes: what flows through it does not fit the
 * layer it enters (or what follows). Everything else — a graph still being
 * built (an unconnected input, no Input yet, a second output while branches
 * are wired) or a model that does not fit its data (DW107, DW108) — shows as a
 * diagnostic on the canvas, never as a refusal.
 */
const CAUSED_BY_CONNECTING: ReadonlySet<ErrorCode> = new Set([
  'DW101',
  'DW104',
  'DW105',
  'DW106',
  'DW110',
  'DW111',
  'DW118',
  'DW119',
  'DW120',
  'DW121',
  'DW161',
  'DW162',
]);

export type ConnectionVerdict = { ok: true } | { ok: false; code?: ErrorCode; reason: string };

/** True when `to` can reach `from` along edges: adding from -> to would close a loop. */
function reaches(doc: GraphDoc, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of doc.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

export function describe(code: ErrorCode, message: string): string {
  return `${code} ${ERRORS[code].title}: ${message}. Fix: ${ERRORS[code].fix}`;
}

export function checkConnection(
  doc: GraphDoc,
  c: Connection,
  opts: { projectKind?: ProjectKind; sampleShape?: Shape } = {},
): ConnectionVerdict {
  const source = doc.nodes.find((n) => n.id === c.source);
  const target = doc.nodes.find((n) => n.id === c.target);
  if (!source || !target) return { ok: false, reason: 'Both ends of a connection must be layers on the canvas.' };
  if (source.id === target.id)
    return { ok: false, code: 'DW101', reason: describe('DW101', `${target.name} cannot feed itself`) };
  if (arityOf(target.kind) === 'none') {
    return { ok: false, reason: `${target.name} is a ${target.kind} layer: it starts the model and takes no inputs.` };
  }
  if (reaches(doc, target.id, source.id)) {
    return {
      ok: false,
      code: 'DW101',
      reason: describe('DW101', `${source.name} → ${target.name} would close a loop`),
    };
  }
  if (source.group !== undefined && target.group !== undefined && source.group !== target.group) {
    return {
      ok: false,
      reason: `${source.name} is in the ${source.group} and ${target.name} in the ${target.group}: the two networks meet only through the sample shape.`,
    };
  }
  const before = inferShapes(doc, opts);
  const after = inferShapes(connect(doc, c).doc, opts);
  const had = new Set(
    before.diagnostics.map((d) => `${d.nodeId}:${d.code}:${d.nodeId === target.id ? d.message : ''}`),
  );
  const fresh = after.diagnostics.find(
    (d) =>
      d.severity === 'error' &&
      CAUSED_BY_CONNECTING.has(d.code) &&
      !had.has(`${d.nodeId}:${d.code}:${d.nodeId === target.id ? d.message : ''}`),
  );
  if (fresh) return { ok: false, code: fresh.code, reason: describe(fresh.code, fresh.message) };
  return { ok: true };
}
