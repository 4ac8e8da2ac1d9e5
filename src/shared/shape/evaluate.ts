/**
 * Evaluates one node given its inputs' results: connection count, params,
 * dtype, then the layer's own shape rule. A node whose input is unknown
 * (an upstream error) stays unknown without a diagnostic of its own, so one
 * mistake gives one message, not a cascade.
 */
import type { GraphNode } from '../graph/types.js';
import { nodeSpec } from '../layers/catalog.js';
import { isLayerKind } from '../layers/params.js';
import type { Shape } from '../layers/types.js';
import type { GraphIndex } from './graph-index.js';
import { nodeError, nodeWarning } from './diagnostics.js';
import { checkParams } from './params-check.js';
import type { Diagnostic, NodeInfo } from './types.js';

export type DType = 'float32' | 'int32';

export interface NodeResult {
  info: NodeInfo;
  dtype: DType;
}

/** Layers that only move values around keep the dtype of their input. */

const EMPTY: NodeInfo = { params: { trainable: 0, nonTrainable: 0 }, flops: 0 };

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Checks how many edges arrive; returns a diagnostic when the count is wrong for the layer. */
function connectionProblem(
  node: GraphNode,
  arity: 'none' | 'one' | 'many',
  count: number,
  isolated: boolean,
  minInputs = 2,
): Diagnostic | null {
  if (isolated) return nodeWarning('DW115', node, 'is not connected to any other layer; it is left out of the model');
  if (arity === 'none' && count > 0)
    return nodeError('DW111', node, `is a source and takes no inputs, but ${plural(count, 'connection')} arrive`);
  if (arity === 'one' && count === 0) return nodeError('DW102', node, 'has nothing connected to its input');
  if (arity === 'one' && count > 1)
    return nodeError('DW111', node, `takes one input, but ${plural(count, 'connection')} arrive`);
  if (arity === 'many' && count < minInputs)
    return nodeError(
      'DW102',
      node,
      minInputs === 2
        ? `merges two or more inputs, but ${count === 0 ? 'none is' : 'only one is'} connected`
        : 'has nothing connected to its inputs',
    );
  return null;
}

export function evaluateNode(
  node: GraphNode,
  index: GraphIndex,
  results: Map<string, NodeResult>,
  diagnostics: Diagnostic[],
): NodeResult {
  // Documents are schema-checked, but a graph built in code may still name a kind this version lacks.
  if (!isLayerKind(node.kind)) {
    diagnostics.push(nodeError('DW112', node, 'is of a layer kind this version of Deepwire does not know'));
    return { info: EMPTY, dtype: 'float32' };
  }
  const rule = nodeSpec(node);
  const edges = index.inEdges.get(node.id)!;
  const isolated = edges.length === 0 && index.outEdges.get(node.id)!.length === 0;
  const connection = connectionProblem(node, rule.spec.arity, edges.length, isolated, rule.spec.minInputs);
  const paramProblem = checkParams(node);
  if (connection) diagnostics.push(connection);
  if (paramProblem) {
    diagnostics.push(nodeError(paramProblem.code, node, paramProblem.message));
    return { info: EMPTY, dtype: 'float32' };
  }
  // A source's shape does not depend on its (wrong) inputs, so it still feeds the layers below.
  if (rule.spec.arity === 'none') {
    const out = rule.outputShape([]);
    const dtype: DType = node.kind === 'Input' ? node.params.dtype : 'float32';
    return { info: out.ok ? { shape: out.shape, params: EMPTY.params, flops: 0 } : EMPTY, dtype };
  }
  if (connection && connection.severity === 'error') return { info: EMPTY, dtype: 'float32' };
  if (isolated) return { info: EMPTY, dtype: 'float32' };

  const inputs: Shape[] = [];
  const dtypes: DType[] = [];
  for (const e of edges) {
    const upstream = results.get(e.source);
    // Unknown upstream (error above, or a cycle): stay quiet, the cause is already reported.
    if (!upstream?.info.shape) return { info: EMPTY, dtype: 'float32' };
    inputs.push(upstream.info.shape);
    dtypes.push(upstream.dtype);
  }
  const isInt = dtypes.includes('int32');
  if (node.kind === 'Embedding' && !isInt) {
    diagnostics.push(
      nodeError('DW119', node, 'takes token ids, but its input is float32: set the Input dtype to int32'),
    );
    return { info: EMPTY, dtype: 'float32' };
  }
  if (node.kind !== 'Embedding' && isInt && !rule.spec.traits.keepsDtype) {
    diagnostics.push(nodeError('DW120', node, 'receives int32 token ids; only an Embedding can take them'));
    return { info: EMPTY, dtype: 'float32' };
  }
  const out = rule.outputShape(inputs);
  if (!out.ok) {
    diagnostics.push(nodeError(out.code, node, out.message));
    return { info: EMPTY, dtype: 'float32' };
  }
  return {
    info: { shape: out.shape, params: rule.paramCount(inputs, out.shape), flops: rule.flops(inputs, out.shape) },
    dtype: rule.spec.traits.keepsDtype ? dtypes[0] : 'float32',
  };
}
