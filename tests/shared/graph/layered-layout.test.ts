/** Layout of graphs too large for dagre (issue #17): iterative, fast, every node below its inputs, no overlaps. */
import { describe, expect, it } from 'vitest';
import { applyLayout, DAGRE_MAX_NODES, DEFAULT_NODE_SIZE } from '../../../src/shared/graph/layout.js';
import type { GraphDoc, GraphEdge, GraphNode } from '../../../src/shared/graph/types.js';

const node = (id: string, group?: GraphNode['group']): GraphNode =>
  ({
    id,
    name: id,
    kind: 'Dense',
    position: { x: 0, y: 0 },
    params: { units: 4, activation: 'linear', useBias: true },
    ...(group ? { group } : {}),
  }) as GraphNode;
const edge = (source: string, target: string, targetPort = 0): GraphEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  targetPort,
});

/** A residual-style ladder: a chain with a skip connection every third node. */
function ladder(n: number, group?: GraphNode['group'], prefix = 'n'): GraphDoc {
  const nodes = Array.from({ length: n }, (_, i) => node(`${prefix}${i}`, group));
  const edges: GraphEdge[] = [];
  for (let i = 1; i < n; i++) edges.push(edge(`${prefix}${i - 1}`, `${prefix}${i}`));
  for (let i = 3; i < n; i += 3) edges.push(edge(`${prefix}${i - 3}`, `${prefix}${i}`, 1));
  return { nodes, edges };
}

function expectNoOverlap(g: GraphDoc): void {
  const seen = new Set(g.nodes.map((n) => `${n.position.x},${n.position.y}`));
  expect(seen.size).toBe(g.nodes.length);
}

describe('layered layout above DAGRE_MAX_NODES', () => {
  it('a 3,000-node ladder: every node below its inputs, within a second or two', () => {
    const started = performance.now();
    const g = applyLayout(ladder(3_000));
    expect(performance.now() - started).toBeLessThan(5_000);
    const y = new Map(g.nodes.map((n) => [n.id, n.position.y]));
    for (const e of g.edges)
      expect(y.get(e.target)!).toBeGreaterThanOrEqual(y.get(e.source)! + DEFAULT_NODE_SIZE.height);
    expectNoOverlap(g);
  });

  it('left to right puts inputs on the left; a wide rank is centred and spaced', () => {
    const wide: GraphDoc = {
      nodes: [node('src'), ...Array.from({ length: DAGRE_MAX_NODES + 10 }, (_, i) => node(`b${i}`))],
      edges: [],
    };
    wide.edges = wide.nodes.slice(1).map((n) => edge('src', n.id));
    const g = applyLayout(wide, { direction: 'LR' });
    const src = g.nodes[0].position;
    expect(g.nodes.slice(1).every((n) => n.position.x > src.x)).toBe(true);
    expectNoOverlap(g);
  });

  it('a cycle does not stop the layout (its nodes go below the rest)', () => {
    const g = ladder(DAGRE_MAX_NODES + 5);
    g.edges.push(edge(`n${DAGRE_MAX_NODES + 4}`, 'n1'));
    const laid = applyLayout(g);
    expect(laid.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    expectNoOverlap(laid);
  });

  it('a large GAN keeps its generator and discriminator blocks side by side', () => {
    const gen = ladder(DAGRE_MAX_NODES + 1, 'generator', 'g');
    const disc = ladder(DAGRE_MAX_NODES + 1, 'discriminator', 'd');
    const g = applyLayout({ nodes: [...gen.nodes, ...disc.nodes], edges: [...gen.edges, ...disc.edges] });
    const right = (group: string) =>
      Math.max(...g.nodes.filter((n) => n.group === group).map((n) => n.position.x + DEFAULT_NODE_SIZE.width));
    const left = (group: string) => Math.min(...g.nodes.filter((n) => n.group === group).map((n) => n.position.x));
    expect(left('discriminator')).toBeGreaterThan(right('generator'));
  });
});
