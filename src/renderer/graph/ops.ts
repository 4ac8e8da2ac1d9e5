/**
 * Pure edits of the document. Each returns a new GraphDoc (unchanged parts
 * shared), so the store can keep whole snapshots for undo at little cost.
 */
import { defaultParams, type LayerKind } from '../../shared/layers/params.js';
import type { GraphDoc, GraphEdge, GraphNode, Group, XY } from '../../shared/graph/types.js';
import { arityOf } from './ports.js';
import { freshId, idsOf, namesOf, nextLayerName } from './names.js';

export interface AddedNode {
  doc: GraphDoc;
  id: string;
}

export function addNode(doc: GraphDoc, kind: LayerKind, position: XY, group?: Group): AddedNode {
  const id = freshId(kind.toLowerCase(), idsOf(doc));
  const node = {
    id,
    name: nextLayerName(namesOf(doc), kind),
    kind,
    params: defaultParams(kind),
    position: { ...position },
  } as GraphNode;
  if (group) node.group = group;
  return { doc: { nodes: [...doc.nodes, node], edges: doc.edges }, id };
}

export interface Connection {
  source: string;
  target: string;
  targetPort: number;
}

/**
 * Adds the edge. A single-input layer keeps one input: a new connection
 * replaces the old one (as node editors do); merges append in port order.
 */
export function connect(doc: GraphDoc, c: Connection): { doc: GraphDoc; id: string } {
  const target = doc.nodes.find((n) => n.id === c.target);
  if (!target) return { doc, id: '' };
  const existing = doc.edges.find((e) => e.source === c.source && e.target === c.target);
  if (existing) return { doc, id: existing.id };
  const arity = arityOf(target.kind);
  let edges = doc.edges;
  let port = c.targetPort;
  if (arity === 'one') {
    edges = edges.filter((e) => e.target !== c.target);
    port = 0;
  } else {
    const used = edges.filter((e) => e.target === c.target);
    // A drop on an occupied merge port takes that slot; the old input moves to the end.
    port = Math.min(port, used.length);
    if (used.some((e) => e.targetPort === port)) {
      edges = edges.map((e) =>
        e.target === c.target && e.targetPort === port ? { ...e, targetPort: used.length } : e,
      );
    }
  }
  const id = freshId('e', idsOf(doc));
  const edge: GraphEdge = { id, source: c.source, target: c.target, targetPort: port };
  return { doc: { nodes: doc.nodes, edges: [...edges, edge] }, id };
}

/** Merge inputs stay numbered 0..n-1 with no holes after a removal. */
export function compactPorts(edges: readonly GraphEdge[]): GraphEdge[] {
  const byTarget = new Map<string, GraphEdge[]>();
  for (const e of edges) byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e]);
  const renumbered = new Map<string, number>();
  for (const list of byTarget.values()) {
    [...list].sort((a, b) => a.targetPort - b.targetPort).forEach((e, i) => renumbered.set(e.id, i));
  }
  return edges.map((e) =>
    renumbered.get(e.id) === e.targetPort ? e : { ...e, targetPort: renumbered.get(e.id) ?? 0 },
  );
}

/** Removes the nodes (with every edge touching them) and the edges. */
export function removeElements(doc: GraphDoc, nodeIds: readonly string[], edgeIds: readonly string[]): GraphDoc {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const keptEdges = doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
  return { nodes: doc.nodes.filter((n) => !nodes.has(n.id)), edges: compactPorts(keptEdges) };
}

function mapNode(doc: GraphDoc, id: string, f: (n: GraphNode) => GraphNode): GraphDoc {
  return { nodes: doc.nodes.map((n) => (n.id === id ? f(n) : n)), edges: doc.edges };
}

export function setParam(doc: GraphDoc, id: string, name: string, value: unknown): GraphDoc {
  return mapNode(doc, id, (n) => ({ ...n, params: { ...n.params, [name]: value } }) as GraphNode);
}

export function renameNode(doc: GraphDoc, id: string, name: string): GraphDoc {
  return mapNode(doc, id, (n) => ({ ...n, name }));
}

export function setGroup(doc: GraphDoc, ids: readonly string[], group: Group | undefined): GraphDoc {
  const set = new Set(ids);
  return {
    nodes: doc.nodes.map((n) => {
      if (!set.has(n.id)) return n;
      const { group: _old, ...rest } = n;
      return (group ? { ...rest, group } : rest) as GraphNode;
    }),
    edges: doc.edges,
  };
}

export function moveNodes(doc: GraphDoc, positions: Readonly<Record<string, XY>>): GraphDoc {
  return {
    nodes: doc.nodes.map((n) => {
      const p = positions[n.id];
      return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: { x: p.x, y: p.y } } : n;
    }),
    edges: doc.edges,
  };
}
