/** Building diagnostics that name their node, the way the canvas and the CLI show them. */
import type { ErrorCode } from '../errors.js';
import type { GraphNode } from '../graph/types.js';
import type { Diagnostic } from './types.js';

/** `dense_1 (Dense)` — how a node is named in messages. */
export const nodeLabel = (node: GraphNode): string => `${node.name} (${node.kind})`;

export function nodeError(code: ErrorCode, node: GraphNode, message: string): Diagnostic {
  return { code, severity: 'error', nodeId: node.id, message: `${nodeLabel(node)} ${message}` };
}

export function nodeWarning(code: ErrorCode, node: GraphNode, message: string): Diagnostic {
  return { code, severity: 'warning', nodeId: node.id, message: `${nodeLabel(node)} ${message}` };
}

export function graphError(code: ErrorCode, message: string): Diagnostic {
  return { code, severity: 'error', message };
}
