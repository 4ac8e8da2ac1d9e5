/**
 * Adjacency of a graph document built in one pass, plus the edges that point
 * at missing nodes. Everything downstream (topological sort, evaluation,
 * contracts) reads this instead of rescanning the edge list.
 */
import type { GraphDoc, GraphEdge, GraphNode } from '../graph/types.js';

export interface GraphIndex {
  nodes: GraphNode[];
  byId: Map<string, GraphNode>;
  /** Valid incoming edges per node id, ordered by target port (then document order). */
  inEdges: Map<string, GraphEdge[]>;
  /** Valid outgoing edges per node id. */
  outEdges: Map<string, GraphEdge[]>;
  /** Edges whose source or target is not a node of the document. */
  dangling: GraphEdge[];
}

export function indexGraph(graph: GraphDoc): GraphIndex {
  const byId = new Map<string, GraphNode>();
  const nodes: GraphNode[] = [];
  for (const node of graph.nodes) {
    // A repeated id is a corrupt document; the first node keeps the id.
    if (byId.has(node.id)) continue;
    byId.set(node.id, node);
    nodes.push(node);
  }
  const inEdges = new Map<string, GraphEdge[]>();
  const outEdges = new Map<string, GraphEdge[]>();
  for (const node of nodes) {
    inEdges.set(node.id, []);
    outEdges.set(node.id, []);
  }
  const dangling: GraphEdge[] = [];
  for (const edge of graph.edges) {
    const into = inEdges.get(edge.target);
    const from = outEdges.get(edge.source);
    if (!into || !from) {
      dangling.push(edge);
      continue;
    }
    into.push(edge);
    from.push(edge);
  }
  for (const list of inEdges.values()) {
    if (list.length > 1) list.sort((a, b) => a.targetPort - b.targetPort);
  }
  return { nodes, byId, inEdges, outEdges, dangling };
}
