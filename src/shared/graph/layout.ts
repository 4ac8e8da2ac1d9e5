/**
 * Layered auto-layout of a graph document with dagre: sources first, every
 * layer one rank after its inputs. Used when a Keras model is imported and by
 * the designer's "auto-layout" action. Deterministic: the same graph gives the
 * same positions. A GAN's generator and discriminator are laid out as two
 * separate blocks side by side (top-to-bottom) or one above the other
 * (left-to-right), in that order, so each sits in its own frame.
 */
import dagre from '@dagrejs/dagre';
import { layeredLayout } from './layered-layout.js';
import { GROUPS, type GraphDoc, type GraphNode, type XY } from './types.js';

export interface NodeSize {
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** 'TB': inputs at the top (Keras summary order); 'LR': inputs on the left. Default 'TB'. */
  direction?: 'TB' | 'LR';
  /** Size of a node on the canvas; default: the canvas's node box, 240×110. */
  nodeSize?: (node: GraphNode) => NodeSize;
  /** Gap between nodes of one rank (default 48) and between ranks (default 64). */
  nodeGap?: number;
  rankGap?: number;
  /** Gap between the generator and discriminator blocks (default 120). */
  groupGap?: number;
}

/** The canvas's node box, so files laid out here (examples, imports) look right when opened. */
export const DEFAULT_NODE_SIZE: NodeSize = { width: 240, height: 110 };
export const DEFAULT_GAPS = { nodeGap: 48, rankGap: 64 } as const;

interface Block {
  positions: Map<string, XY>;
  width: number;
  height: number;
}

/**
 * Above this many nodes a block is laid out by `layeredLayout`: dagre recurses
 * once per rank (a 2,000-layer chain overflows the stack) and takes about a
 * second at 200 nodes, growing roughly quadratically.
 */
export const DAGRE_MAX_NODES = 200;

function layoutBlock(graph: GraphDoc, nodes: GraphNode[], opts: Required<Omit<LayoutOptions, 'groupGap'>>): Block {
  if (nodes.length > DAGRE_MAX_NODES) return layeredLayout(graph, nodes, opts);
  const g = new dagre.graphlib.Graph();
  // graphlib keys plain objects by node id: prefixed, an id like "__proto__" stays an ordinary key.
  const key = (id: string) => `#${id}`;
  g.setGraph({ rankdir: opts.direction, nodesep: opts.nodeGap, ranksep: opts.rankGap, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const sizes = new Map<string, NodeSize>();
  for (const node of nodes) {
    const size = opts.nodeSize(node);
    sizes.set(node.id, size);
    g.setNode(key(node.id), { width: size.width, height: size.height });
  }
  // Merge inputs sorted by port, so dagre's ordering sees them left to right.
  const edges = graph.edges.filter((e) => sizes.has(e.source) && sizes.has(e.target) && e.source !== e.target);
  for (const e of [...edges].sort((a, b) => a.targetPort - b.targetPort)) g.setEdge(key(e.source), key(e.target));
  dagre.layout(g);
  const positions = new Map<string, XY>();
  let width = 0;
  let height = 0;
  for (const node of nodes) {
    const { x = 0, y = 0 } = g.node(key(node.id));
    const size = sizes.get(node.id)!;
    // dagre gives centres; the canvas positions nodes by their top-left corner.
    const left = Math.round(x - size.width / 2);
    const top = Math.round(y - size.height / 2);
    positions.set(node.id, { x: left, y: top });
    width = Math.max(width, left + size.width);
    height = Math.max(height, top + size.height);
  }
  return { positions, width, height };
}

/** New top-left positions for every node, keyed by node id. */
export function layoutGraph(graph: GraphDoc, options: LayoutOptions = {}): Record<string, XY> {
  const opts = {
    direction: options.direction ?? 'TB',
    nodeSize: options.nodeSize ?? (() => DEFAULT_NODE_SIZE),
    nodeGap: options.nodeGap ?? DEFAULT_GAPS.nodeGap,
    rankGap: options.rankGap ?? DEFAULT_GAPS.rankGap,
  };
  const groupGap = options.groupGap ?? 120;
  // One block per group in GROUPS order (GAN: generator, discriminator; CycleGAN: G, F, D_A, D_B), then the rest.
  const blocks = [
    ...GROUPS.map((g) => graph.nodes.filter((n) => n.group === g)),
    graph.nodes.filter((n) => !n.group),
  ].filter((nodes) => nodes.length > 0);
  // No prototype: a node id such as "__proto__" or "toString" is an ordinary key here.
  const out: Record<string, XY> = Object.create(null) as Record<string, XY>;
  let offset = 0;
  for (const nodes of blocks) {
    const block = layoutBlock(graph, nodes, opts);
    for (const [id, p] of block.positions) {
      out[id] = opts.direction === 'TB' ? { x: p.x + offset, y: p.y } : { x: p.x, y: p.y + offset };
    }
    offset += (opts.direction === 'TB' ? block.width : block.height) + groupGap;
  }
  return out;
}

/** The graph with every node moved to its laid-out position (a new document; the input is not changed). */
export function applyLayout(graph: GraphDoc, options: LayoutOptions = {}): GraphDoc {
  const positions = layoutGraph(graph, options);
  return { nodes: graph.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position })), edges: graph.edges };
}
