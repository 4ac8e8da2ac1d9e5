/** Input and output ports of a node, and the React Flow handle ids that name them. */
import type { Arity } from '../../shared/layers/types.js';
import { getSpec } from '../../shared/layers/catalog.js';
import type { LayerKind } from '../../shared/layers/params.js';
import type { GraphDoc } from '../../shared/graph/types.js';

/** From the kind's one declaration: a hand list here once left the newer merges with a single input handle. */
export function arityOf(kind: LayerKind): Arity {
  return getSpec(kind).arity;
}

export const OUTPUT_HANDLE = 'out';
export const inputHandle = (port: number): string => `in-${port}`;

export function portOfHandle(handle: string | null | undefined): number {
  const m = /^in-(\d+)$/.exec(handle ?? '');
  return m ? Number(m[1]) : 0;
}

/**
 * How many input handles a node shows: none for sources, one for single-input
 * layers, and for merges one per connected input plus a free one (at least 2, at most the kind's maxInputs).
 */
export function inputHandleCount(doc: GraphDoc, nodeId: string, kind: LayerKind): number {
  const arity = arityOf(kind);
  if (arity === 'none') return 0;
  if (arity === 'one') return 1;
  const used = doc.edges.filter((e) => e.target === nodeId).length;
  return Math.min(getSpec(kind).maxInputs ?? Infinity, Math.max(2, used + 1));
}
