/** A terse graph builder for engine tests: `g.add('Dense', { units: 10 }, inputId)`. */
import type { GraphDoc, GraphNode, Group } from '../../../../src/shared/graph/types.js';
import { defaultParams, type LayerKind, type ParamsOf } from '../../../../src/shared/layers/params.js';

export class Graph {
  readonly doc: GraphDoc = { nodes: [], edges: [] };
  group?: Group;
  private counts = new Map<string, number>();

  /** Adds a node with defaults overridden by `params`, wired from `inputs` in port order; returns its id. */
  add<K extends LayerKind>(kind: K, params: Partial<ParamsOf<K>> = {}, ...inputs: string[]): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const id = `${kind.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}_${n}`;
    const node = {
      id,
      name: id,
      kind,
      params: { ...defaultParams(kind), ...params },
      position: { x: 0, y: 0 },
    } as GraphNode;
    if (this.group) node.group = this.group;
    this.doc.nodes.push(node);
    inputs.forEach((source, port) =>
      this.doc.edges.push({ id: `e${this.doc.edges.length + 1}`, source, target: id, targetPort: port }),
    );
    return id;
  }
}

/** The source CNN: Conv2D 32 3×3 relu, MaxPooling 2×2, Flatten, Dense 128 relu, Dense 10 softmax. */
export function sourceCnn(): GraphDoc {
  const g = new Graph();
  const x = g.add('Input', { shape: [28, 28, 1] });
  const c = g.add('Conv2D', { filters: 32, kernelSize: [3, 3] }, x);
  const d = g.add('Dense', { units: 128 }, g.add('Flatten', {}, g.add('MaxPooling2D', {}, c)));
  g.add('Dense', { units: 10, activation: 'softmax' }, d);
  return g.doc;
}

/** An MLP over flattened 28×28×1 images. */
export function mlp(hidden = 64): GraphDoc {
  const g = new Graph();
  const f = g.add('Flatten', {}, g.add('Input', { shape: [28, 28, 1] }));
  g.add('Dense', { units: 10, activation: 'softmax' }, g.add('Dense', { units: hidden }, f));
  return g.doc;
}

/** An LSTM over MNIST rows (28 steps × 28 features). */
export function rowsLstm(units = 32): GraphDoc {
  const g = new Graph();
  const r = g.add('LSTM', { units }, g.add('Input', { shape: [28, 28] }));
  g.add('Dense', { units: 10, activation: 'softmax' }, r);
  return g.doc;
}

/** A small regressor over `features` numeric columns. */
export function regressor(features: number, outputs = 1): GraphDoc {
  const g = new Graph();
  const h = g.add('Dense', { units: 16 }, g.add('Input', { shape: [features] }));
  g.add('Dense', { units: outputs, activation: 'linear' }, h);
  return g.doc;
}

/** Conv, BatchNorm (non-trainable moving stats), a merge, an LSTM and leaky_relu: every kind of weight. */
export function mixedGraph(): GraphDoc {
  const g = new Graph();
  const x = g.add('Input', { shape: [8, 8, 1] });
  const c = g.add('Conv2D', { filters: 4, padding: 'same', activation: 'leaky_relu' }, x);
  const bn = g.add('BatchNormalization', {}, c);
  const r = g.add('Reshape', { targetShape: [8, 32] }, bn);
  const l = g.add('LSTM', { units: 6 }, r);
  const d = g.add('Dense', { units: 6, activation: 'tanh' }, g.add('Flatten', {}, bn));
  g.add('Dense', { units: 3, activation: 'softmax' }, g.add('Add', {}, l, d));
  return g.doc;
}
