/**
 * A readable first layout for generated graphs (examples, imports): layers
 * top to bottom by depth (longest path from a source), branches side by
 * side, and GAN groups in columns of their own (generator left,
 * discriminator right). Long edges get virtual slots, so a skip connection
 * runs beside the layers it skips instead of through them.
 */
import type { GraphDoc, GraphNode } from '../graph/types.js';

export interface LayoutOptions {
  /** Horizontal distance between side-by-side layers. */
  columnWidth?: number;
  /** Vertical distance between depths. */
  rowHeight?: number;
  /** Gap between the generator and discriminator columns. */
  groupGap?: number;
}

interface Slot {
  id: string;
  /** Real node, or a virtual stop of a long edge. */
  real: boolean;
  parents: string[];
}

function depths(graph: GraphDoc): Map<string, number> {
  const incoming = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) incoming.get(e.target)?.push(e.source);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: inference reports it; layout just stops
    visiting.add(id);
    const d = Math.max(-1, ...(incoming.get(id) ?? []).filter((p) => incoming.has(p)).map(visit)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  graph.nodes.forEach((n) => visit(n.id));
  return depth;
}

function layoutBand(graph: GraphDoc, nodes: GraphNode[], depth: Map<string, number>): Map<string, { slot: number; depth: number; width: number }> {
  const members = new Set(nodes.map((n) => n.id));
  const rows: Slot[][] = [];
  const row = (d: number) => (rows[d] ??= []);
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  for (const n of nodes) row(depth.get(n.id)!).push({ id: n.id, real: true, parents: [] });
  const slotOf = new Map<string, Slot>(rows.flat().map((s) => [s.id, s]));
  for (const e of graph.edges) {
    if (!members.has(e.source) || !slotOf.has(e.target)) continue;
    let prev = e.source;
    for (let d = depth.get(e.source)! + 1; d < depth.get(e.target)!; d++) {
      const v: Slot = { id: `${e.id}@${d}`, real: false, parents: [prev] };
      row(d).push(v);
      slotOf.set(v.id, v);
      prev = v.id;
    }
    slotOf.get(e.target)!.parents.push(prev);
  }
  // Order each row by the mean position of its parents (barycentre), then by insertion.
  const x = new Map<string, number>();
  rows.forEach((r) => {
    const key = (s: Slot) => (s.parents.length ? s.parents.reduce((a, p) => a + (x.get(p) ?? 0), 0) / s.parents.length : (order.get(s.id) ?? 0));
    const keyed = r.map((s, i) => ({ s, k: key(s), i }));
    keyed.sort((a, b) => a.k - b.k || Number(b.s.real) - Number(a.s.real) || a.i - b.i);
    keyed.forEach(({ s }, i) => x.set(s.id, i - (r.length - 1) / 2));
  });
  const width = Math.max(1, ...rows.map((r) => r.length));
  const out = new Map<string, { slot: number; depth: number; width: number }>();
  for (const n of nodes) out.set(n.id, { slot: x.get(n.id)!, depth: depth.get(n.id)!, width });
  return out;
}

/** A copy of `graph` with fresh positions. */
export function layoutGraph(graph: GraphDoc, opts: LayoutOptions = {}): GraphDoc {
  const { columnWidth = 240, rowHeight = 110, groupGap = 160 } = opts;
  const depth = depths(graph);
  const bands = [
    graph.nodes.filter((n) => n.group === undefined),
    graph.nodes.filter((n) => n.group === 'generator'),
    graph.nodes.filter((n) => n.group === 'discriminator'),
  ].filter((b) => b.length > 0);
  const positions = new Map<string, { x: number; y: number }>();
  let left = 0;
  for (const band of bands) {
    const placed = layoutBand(graph, band, depth);
    const width = Math.max(...[...placed.values()].map((p) => p.width));
    const minDepth = Math.min(...[...placed.values()].map((p) => p.depth));
    const centre = left + ((width - 1) / 2) * columnWidth;
    for (const [id, p] of placed) positions.set(id, { x: Math.round(centre + p.slot * columnWidth), y: (p.depth - minDepth) * rowHeight });
    left += width * columnWidth + groupGap;
  }
  return { nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })), edges: graph.edges.map((e) => ({ ...e })) };
}
