/** Document-level problems found before any shape is computed: dangling edges, duplicate names, cycles. */
import type { GraphNode } from '../graph/types.js';
import { nodeError, nodeLabel } from './diagnostics.js';
import type { GraphIndex } from './graph-index.js';
import type { Diagnostic } from './types.js';

export function checkDangling(index: GraphIndex, diagnostics: Diagnostic[]): void {
  for (const e of index.dangling) {
    const from = index.byId.get(e.source);
    const to = index.byId.get(e.target);
    const missing = [!from && `source '${e.source}'`, !to && `target '${e.target}'`].filter(Boolean).join(' and ');
    const end = from ?? to;
    const message = `connection ${e.id} refers to a missing ${missing}`;
    diagnostics.push(end ? { ...nodeError('DW113', end, `has a ${message}`), edgeId: e.id } : { code: 'DW113', severity: 'error', edgeId: e.id, message: `The ${message}` });
  }
}

/** Every node after the first with a given name gets DW114 (names become Keras layer names). */
export function checkNames(index: GraphIndex, diagnostics: Diagnostic[]): void {
  const firstByName = new Map<string, GraphNode>();
  for (const node of index.nodes) {
    const first = firstByName.get(node.name);
    if (!first) firstByName.set(node.name, node);
    else diagnostics.push(nodeError('DW114', node, `has the same name as ${nodeLabel(first)}`));
  }
}

export function checkCycles(index: GraphIndex, cycles: string[][], diagnostics: Diagnostic[]): void {
  for (const members of cycles) {
    const [first, ...rest] = members.map((id) => index.byId.get(id)!);
    const others = rest.length ? ` together with ${rest.map((n) => n.name).join(', ')}` : ' (it feeds itself)';
    diagnostics.push(nodeError('DW101', first, `is on a cycle${others}`));
  }
}
