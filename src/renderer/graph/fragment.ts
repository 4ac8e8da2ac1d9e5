/** Copy/paste/duplicate: a fragment is a set of nodes and the edges between them. */
import type { GraphDoc, GraphEdge, GraphNode } from '../../shared/graph/types.js';
import { freshId, idsOf, namesOf, nextLayerName } from './names.js';

export interface Fragment {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The selected nodes and only the edges with both ends inside the selection. */
export function copyFragment(doc: GraphDoc, nodeIds: readonly string[]): Fragment {
  const ids = new Set(nodeIds);
  return {
    nodes: structuredClone(doc.nodes.filter((n) => ids.has(n.id))),
    edges: structuredClone(doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target))),
  };
}

/** Inserts a copy with fresh ids and Keras-style names, shifted by `offset`. */
export function pasteFragment(
  doc: GraphDoc,
  fragment: Fragment,
  offset: { x: number; y: number },
): { doc: GraphDoc; nodeIds: string[] } {
  const taken = idsOf(doc);
  const names = namesOf(doc);
  const idMap = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = freshId(n.kind.toLowerCase(), taken);
    taken.add(id);
    idMap.set(n.id, id);
    const name = nextLayerName(names, n.kind);
    names.add(name);
    return {
      ...structuredClone(n),
      id,
      name,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    } as GraphNode;
  });
  const edges = fragment.edges.map((e) => {
    const id = freshId('e', taken);
    taken.add(id);
    return { ...e, id, source: idMap.get(e.source) ?? e.source, target: idMap.get(e.target) ?? e.target };
  });
  return { doc: { nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}
