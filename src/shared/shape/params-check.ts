/**
 * Checks a node's params against its kind's param specs. Documents parsed by
 * the zod schema already pass; params built elsewhere (Keras import, older
 * files, programmatic edits) may not, and must give a numbered diagnostic
 * instead of NaN shapes: DW109 for a value outside its spec, DW137 for a
 * Reshape target with more than one -1.
 */
import type { GraphNode } from '../graph/types.js';
import { PARAM_SPECS, isLayerKind } from '../layers/params.js';
import { infersTooMany, paramProblem } from '../layers/param-problem.js';
import type { ParamSpec } from '../layers/types.js';

export interface ParamsProblem {
  code: 'DW109' | 'DW137';
  /** "param units must be …" */
  message: string;
}

/** The first invalid param of a node, or null when all fit. */
export function checkParams(node: GraphNode): ParamsProblem | null {
  if (!isLayerKind(node.kind))
    return { code: 'DW109', message: `kind ${JSON.stringify(node.kind)} is not a layer kind` };
  const params = (node.params ?? {}) as Record<string, unknown>;
  for (const spec of PARAM_SPECS[node.kind] as readonly ParamSpec[]) {
    const value = params[spec.name];
    const problem = paramProblem(spec, value);
    if (problem)
      return { code: infersTooMany(spec, value) ? 'DW137' : 'DW109', message: `param ${spec.name} ${problem}` };
  }
  return null;
}
