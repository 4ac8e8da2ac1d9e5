import { describe, expect, it } from 'vitest';
import { applyLayout, DEFAULT_NODE_SIZE, layoutGraph, type NodeSize } from '../../../src/shared/graph/layout.js';
import type { GraphDoc, XY } from '../../../src/shared/graph/types.js';
import { CASES } from '../keras/graphs.js';

const graphOf = (title: string): GraphDoc => structuredClone(CASES.find((c) => c.title === title)!.graph);

function overlaps(a: XY, sa: NodeSize, b: XY, sb: NodeSize): boolean {
  return a.x < b.x + sb.width && b.x < a.x + sa.width && a.y < b.y + sb.height && b.y < a.y + sa.height;
}

function expectNoOverlap(graph: GraphDoc, pos: Record<string, XY>, size: (id: string) => NodeSize): void {
  const ids = graph.nodes.map((n) => n.id);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++)
      expect(overlaps(pos[ids[i]], size(ids[i]), pos[ids[j]], size(ids[j]))).toBe(false);
  }
}

describe('layoutGraph', () => {
  it('top-to-bottom: every layer below its inputs, nodes never overlap', () => {
    const graph = graphOf('two inputs, two outputs');
    const pos = layoutGraph(graph);
    expect(Object.keys(pos).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const e of graph.edges) expect(pos[e.target].y).toBeGreaterThan(pos[e.source].y);
    expectNoOverlap(graph, pos, () => DEFAULT_NODE_SIZE);
  });

  it('left-to-right: every layer right of its inputs', () => {
    const graph = graphOf('residual Add');
    const pos = layoutGraph(graph, { direction: 'LR' });
    for (const e of graph.edges) expect(pos[e.target].x).toBeGreaterThan(pos[e.source].x);
  });

  it('honours node size hints', () => {
    const graph = graphOf('Concatenate of branches');
    const size = (id: string): NodeSize =>
      id.includes('left') ? { width: 420, height: 160 } : { width: 120, height: 40 };
    const pos = layoutGraph(graph, { nodeSize: (n) => size(n.id) });
    expectNoOverlap(graph, pos, size);
  });

  it('is deterministic and does not change the document', () => {
    const graph = graphOf('Bidirectional GRU ave + LSTM concat');
    const before = structuredClone(graph);
    const a = layoutGraph(graph);
    expect(layoutGraph(structuredClone(graph))).toEqual(a);
    const laid = applyLayout(graph);
    expect(graph).toEqual(before);
    expect(laid.nodes.map((n) => n.position)).toEqual(graph.nodes.map((n) => a[n.id]));
    expect(Object.values(a).every((p) => Number.isInteger(p.x) && Number.isInteger(p.y))).toBe(true);
  });

  it('lays a GAN out as two blocks: generator left of discriminator (TB), above it (LR)', () => {
    const graph = graphOf('MLP GAN');
    const group = (g: string) => graph.nodes.filter((n) => n.group === g).map((n) => n.id);
    const tb = layoutGraph(graph);
    const genRight = Math.max(...group('generator').map((id) => tb[id].x + DEFAULT_NODE_SIZE.width));
    expect(Math.min(...group('discriminator').map((id) => tb[id].x))).toBeGreaterThan(genRight);
    const lr = layoutGraph(graph, { direction: 'LR' });
    const genBottom = Math.max(...group('generator').map((id) => lr[id].y + DEFAULT_NODE_SIZE.height));
    expect(Math.min(...group('discriminator').map((id) => lr[id].y))).toBeGreaterThan(genBottom);
  });

  it('handles an empty graph and lone nodes', () => {
    expect(layoutGraph({ nodes: [], edges: [] })).toEqual({});
    const graph = graphOf('Noise source');
    graph.edges = [];
    const pos = layoutGraph(graph);
    expectNoOverlap(graph, pos, () => DEFAULT_NODE_SIZE);
  });
});
