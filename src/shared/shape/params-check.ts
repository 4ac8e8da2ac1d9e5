/**
 * Checks a node's params against its kind's param specs. Documents parsed by
 * the zod schema already pass; params built elsewhere (Keras import, older
 * files, programmatic edits) may not, and must give DW109 instead of NaN shapes.
 */
import type { GraphNode } from '../graph/types.js';
import { PARAM_SPECS, isLayerKind } from '../layers/params.js';
import { paramProblem } from '../layers/param-problem.js';
import type { ParamSpec } from '../layers/types.js';

/** The first invalid param of a node as "units must be …", or null when all fit. */
export function checkParams(node: GraphNode): string | null {
  if (!isLayerKind(node.kind)) return `kind ${JSON.stringify(node.kind)} is not a layer kind`;
  const params = (node.params ?? {}) as Record<string, unknown>;
  for (const spec of PARAM_SPECS[node.kind] as readonly ParamSpec[]) {
    const problem = paramProblem(spec, params[spec.name]);
    if (problem) return `param ${spec.name} ${problem}`;
  }
  return null;
}
