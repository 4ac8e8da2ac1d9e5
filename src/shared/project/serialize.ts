/**
 * Writing a project as text that diffs well: keys in the schema's order
 * (metadata first, the weights blob last), two-space indentation, arrays of
 * plain values on one line (`"kernelSize": [3, 3]`), small flat objects on
 * one line (a position, an edge, a layer's params), a trailing newline.
 * The project is checked by the schema first, so an invalid document is
 * never written (DW203).
 */
import { DeepwireError } from '../errors.js';
import type { GraphNode } from '../graph/types.js';
import { issueToProblem } from './issues.js';
import { projectSchema, type Project, type ProjectInput } from './schema.js';

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function scalar(v: unknown): string {
  // JSON has no NaN/Infinity; the schema already rejects them where they matter.
  if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
  return JSON.stringify(v) ?? 'null';
}

const INLINE_WIDTH = 120;
const isFlat = (x: unknown) => isScalar(x) || (Array.isArray(x) && x.every(isScalar));

function inline(v: unknown): string {
  if (isScalar(v)) return scalar(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return entries.length ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : '{}';
}

function write(v: unknown, indent: string): string {
  if (isScalar(v)) return scalar(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isScalar)) return `[${v.map(scalar).join(', ')}]`;
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  if (entries.every(([, x]) => isFlat(x))) {
    const line = inline(v);
    if (line.length + indent.length <= INLINE_WIDTH) return line;
  }
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
}

/** A layer reads best as: who it is, what it is, where it sits, how it is set. */
function orderNode(n: GraphNode): GraphNode {
  const { id, name, kind, group, position, params, ...rest } = n;
  return { id, name, kind, ...(group ? { group } : {}), position, params, ...rest } as GraphNode;
}

/** Checks and normalises a project (defaults filled, keys in schema order). */
export function normalizeProject(project: Project | ProjectInput | Readonly<Record<string, unknown>>): Project {
  const r = projectSchema.safeParse(project);
  if (!r.success) {
    const p = issueToProblem(r.error.issues[0], project);
    throw new DeepwireError(p.code, `refusing to save an invalid project: ${p.message}`, p.where);
  }
  return { ...r.data, graph: { nodes: r.data.graph.nodes.map(orderNode), edges: r.data.graph.edges } };
}

export function serializeProject(project: Project | ProjectInput | Readonly<Record<string, unknown>>): string {
  return formatProject(normalizeProject(project));
}

/** The text of a project that normalizeProject already checked (no second check). */
export function formatProject(normalized: Project): string {
  return `${write(normalized, '')}\n`;
}
