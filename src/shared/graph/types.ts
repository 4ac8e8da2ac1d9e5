/**
 * The document: layer nodes and the edges between them. Any DAG (branches,
 * merges). Every node has exactly one output; merges take many inputs,
 * ordered by `targetPort`.
 */
import type { LayerKind, ParamsOf } from '../layers/params.js';

/** CycleGAN: G (A → B), F (B → A) and the discriminators of domains A and B (docs/gan.md). */
export const CYCLE_GROUPS = ['generator_ab', 'generator_ba', 'discriminator_a', 'discriminator_b'] as const;
export const GROUPS = ['generator', 'discriminator', ...CYCLE_GROUPS] as const;
/** GAN projects frame their nodes in two groups (CycleGANs in four); other projects use none. */
export type Group = (typeof GROUPS)[number];

export interface XY {
  x: number;
  y: number;
}

interface NodeBase {
  /** Stable id, unique in the document. */
  id: string;
  /** Keras-style layer name, unique in the document (e.g. `conv2d_1`). */
  name: string;
  position: XY;
  group?: Group;
  /** The Keras submodel an imported layer came from, `outer/inner` when nested deeper: a named frame. */
  frame?: string;
}

/** A node's params are discriminated by its kind. */
export type GraphNode = {
  [K in LayerKind]: NodeBase & { kind: K; params: ParamsOf<K> };
}[LayerKind];

export type NodeOfKind<K extends LayerKind> = Extract<GraphNode, { kind: K }>;

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Input slot on the target; 0 for single-input layers, 0..n-1 for merges. */
  targetPort: number;
}

export interface GraphDoc {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
