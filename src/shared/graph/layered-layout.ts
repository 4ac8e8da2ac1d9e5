/**
 * A plain layered layout for graphs too large for dagre: dagre recurses once
 * per layer of depth (a 2,000-layer chain overflows the stack) and its cost
 * grows about quadratically (seconds at a few hundred nodes). Here every node
 * gets rank = longest path from a source (Kahn's algorithm, no recursion);
 * within a rank nodes are ordered by the mean position of their inputs, then
 * document order, and each rank is centred. O(nodes + edges · log).
 */
import type { GraphDoc, GraphNode, XY } from './types.js';

export interface LayeredOptions {
  direction: 'TB' | 'LR';
  nodeSize: (node: GraphNode) => { width: number; height: number };
  nodeGap: number;
  rankGap: number;
}

export interface LayeredBlock {
  positions: Map<string, XY>;
  width: number;
  height: number;
}

/** Rank of every node: one more than the highest rank among its inputs. Nodes on a cycle go below the rest. */
function ranksOf(graph: GraphDoc, nodes: readonly GraphNode[]): Map<string, number> {
  const ids = new Set(nodes.map((n) => n.id));
  const outs = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const indegree = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const e of graph.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    outs.get(e.source)!.push(e.target);
    indegree.set(e.target, indegree.get(e.target)! + 1);
  }
  const rank = new Map<string, number>();
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  for (const id of queue) rank.set(id, 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const to of outs.get(id)!) {
      rank.set(to, Math.max(rank.get(to) ?? 0, rank.get(id)! + 1));
      const left = indegree.get(to)! - 1;
      indegree.set(to, left);
      if (left === 0) queue.push(to);
    }
  }
  let below = 0;
  for (const r of rank.values()) below = Math.max(below, r + 1);
  for (const n of nodes) if (!rank.has(n.id)) rank.set(n.id, below++);
  return rank;
}

export function layeredLayout(graph: GraphDoc, nodes: readonly GraphNode[], opts: LayeredOptions): LayeredBlock {
  const rank = ranksOf(graph, nodes);
  const byRank: GraphNode[][] = [];
  for (const n of nodes) (byRank[rank.get(n.id)!] ??= []).push(n);
  const ins = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of graph.edges)
    if (ins.has(e.target) && ins.has(e.source) && e.source !== e.target) ins.get(e.target)!.push(e.source);

  const tb = opts.direction === 'TB';
  const across = (n: GraphNode) => (tb ? opts.nodeSize(n).width : opts.nodeSize(n).height);
  const along = (n: GraphNode) => (tb ? opts.nodeSize(n).height : opts.nodeSize(n).width);
  const slot = new Map<string, number>();
  const rows: { nodes: GraphNode[]; extent: number; depth: number }[] = [];
  for (const row of byRank) {
    if (!row) continue;
    // Order by where the inputs sit (fewer crossings), then by document order.
    const key = (n: GraphNode) => {
      const from = ins.get(n.id)!.filter((s) => slot.has(s));
      return from.length ? from.reduce((a, s) => a + slot.get(s)!, 0) / from.length : Number.POSITIVE_INFINITY;
    };
    const ordered = row
      .map((n, i) => ({ n, i, k: key(n) }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map((x) => x.n);
    ordered.forEach((n, i) => slot.set(n.id, i));
    const extent = ordered.reduce((a, n) => a + across(n), 0) + opts.nodeGap * (ordered.length - 1);
    rows.push({ nodes: ordered, extent, depth: ordered.reduce((a, n) => Math.max(a, along(n)), 0) });
  }

  const widest = rows.reduce((a, r) => Math.max(a, r.extent), 0);
  const positions = new Map<string, XY>();
  let offset = 0;
  for (const row of rows) {
    let at = Math.round((widest - row.extent) / 2);
    for (const n of row.nodes) {
      positions.set(n.id, tb ? { x: at, y: offset } : { x: offset, y: at });
      at += across(n) + opts.nodeGap;
    }
    offset += row.depth + opts.rankGap;
  }
  const depth = Math.max(0, offset - opts.rankGap);
  return { positions, width: tb ? widest : depth, height: tb ? depth : widest };
}
