/**
 * Parsed Keras layers -> a Deepwire graph: one node per layer (named as in
 * Keras), one edge per input tensor, then the fix-ups a Keras model needs to
 * become a Deepwire document (Deepwire metadata, int32 inputs for Embedding,
 * axis checks that need shapes) and auto-laid-out positions.
 */
import { DeepwireError } from '../../errors.js';
import { applyLayout } from '../../graph/layout.js';
import type { GraphDoc, GraphEdge, GraphNode } from '../../graph/types.js';
import { inferShapes } from '../../shape/infer.js';
import { checkParams } from '../../shape/params-check.js';
import { defaultParams } from '../../layers/params.js';
import { LayerConfig } from '../config.js';
import type { ReadLayer } from '../layers/mapping.js';
import { READABLE_CLASSES, readerFor } from '../layers/registry.js';
import { layerLabel, type DeepwireMeta, type KerasStyle, type RawLayer } from '../types.js';
import type { ParsedModel } from './topology.js';
import { relaxLayer } from './relax.js';

interface PendingAxis {
  node: GraphNode;
  layer: RawLayer;
  key: string;
  value: number;
}

function readLayer(layer: RawLayer, warnings: string[], style?: KerasStyle): ReadLayer {
  const reader = readerFor(layer.className);
  if (!reader) {
    throw new DeepwireError(
      'DW302',
      `${layerLabel(layer.name, layer.className)} is not supported. Deepwire reads: ${READABLE_CLASSES.join(', ')}`,
      layer.path,
    );
  }
  const cfg = new LayerConfig(layer.name, layer.className, layer.config, warnings, layer.path, style);
  const read = reader(cfg);
  if (layer.className !== 'InputLayer') {
    const dtype = cfg.dtype();
    if (dtype !== 'float32') cfg.warn(`dtype policy ${dtype} is read as float32`);
    if (layer.config.trainable === false) cfg.warn('is frozen in Keras (trainable false); Deepwire trains every layer');
  }
  return read;
}

function toNode(layer: RawLayer, read: ReadLayer, meta: DeepwireMeta | undefined): GraphNode {
  const extra = meta && Object.hasOwn(meta.layers, layer.name) ? meta.layers[layer.name] : undefined;
  let node = {
    id: layer.name,
    name: layer.name,
    kind: read.kind,
    params: read.params,
    position: { x: 0, y: 0 },
  } as GraphNode;
  if (extra?.noise && node.kind === 'Input' && node.params.shape.length === 1) {
    node = { ...node, kind: 'Noise', params: { size: node.params.shape[0], distribution: extra.noise } } as GraphNode;
  }
  if (extra?.activation === 'relu6' && node.kind === 'ReLU' && splitActivation(node) === 'relu6') {
    node = {
      ...node,
      kind: 'Activation',
      params: { ...defaultParams('Activation'), activation: 'relu6' },
    } as GraphNode;
  }
  if (extra?.group) node.group = extra.group;
  if (layer.frame) node.frame = layer.frame;
  if (extra?.alpha !== undefined && node.kind === 'Activation' && node.params.activation !== 'leaky_relu')
    node.params = { ...node.params, alpha: extra.alpha };
  const problem = checkParams(node);
  if (problem)
    throw new DeepwireError('DW303', `${layerLabel(layer.name, layer.className)}: ${problem.message}`, layer.path);
  return node;
}

/** The fused activation a layer Deepwire split off stands for: LeakyReLU(0.2) or ReLU(max_value=6). */
function splitActivation(node: GraphNode): 'leaky_relu' | 'relu6' | null {
  if (node.kind === 'Activation' && node.params.activation === 'leaky_relu' && node.params.alpha === 0.2)
    return 'leaky_relu';
  const p = node.kind === 'ReLU' ? node.params : null;
  return p && p.maxValue === 6 && p.negativeSlope === 0 && p.threshold === 0 ? 'relu6' : null;
}

/**
 * Re-fuses the LeakyReLU (or ReLU(max_value=6)) layer that Deepwire split off a layer's `leaky_relu` (`relu6`)
 * activation when writing a dialect that cannot spell it inline.
 */
function fuseSplitActivations(graph: GraphDoc, meta: DeepwireMeta | undefined): GraphDoc {
  if (!meta) return graph;
  let { nodes, edges } = graph;
  for (const [name, extra] of Object.entries(meta.layers)) {
    const act = nodes.find((n) => n.name === name);
    const owner = nodes.find((n) => n.name === extra.activationOf);
    const activation = act && splitActivation(act);
    if (!act || !owner || !activation) continue;
    if (!('activation' in owner.params) || owner.params.activation !== 'linear') continue;
    const into = edges.filter((e) => e.target === act.id);
    const outOfOwner = edges.filter((e) => e.source === owner.id);
    if (into.length !== 1 || into[0].source !== owner.id || outOfOwner.length !== 1) continue;
    nodes = nodes
      .filter((n) => n !== act)
      .map((n) => (n === owner ? ({ ...n, params: { ...n.params, activation } } as GraphNode) : n));
    edges = edges.filter((e) => e !== into[0]).map((e) => (e.source === act.id ? { ...e, source: owner.id } : e));
  }
  return { nodes, edges };
}

/** Keras casts float inputs of an Embedding to ints; Deepwire wants the Input declared int32. */
function intInputsForEmbeddings(graph: GraphDoc): void {
  for (const node of graph.nodes) {
    if (node.kind !== 'Input' || node.params.dtype === 'int32') continue;
    const targets = graph.edges
      .filter((e) => e.source === node.id)
      .map((e) => graph.nodes.find((n) => n.id === e.target)?.kind);
    if (targets.length > 0 && targets.every((k) => k === 'Embedding')) node.params = { ...node.params, dtype: 'int32' };
  }
}

/** Positive axis options (Keras 2's `[3]`) must name the last axis of the layer's input. */
function checkAxes(graph: GraphDoc, pending: PendingAxis[]): void {
  if (pending.length === 0) return;
  const report = inferShapes(graph);
  for (const { node, layer, key, value } of pending) {
    const edge = graph.edges.find((e) => e.target === node.id);
    const shape = edge && report.nodes[edge.source]?.shape;
    if (shape && value !== shape.length - 1) {
      const cfg = new LayerConfig(layer.name, layer.className, layer.config, [], layer.path);
      throw cfg.unsupported(key, `the last axis only (-1 or ${shape.length - 1} for this ${shape.length}-D input)`);
    }
  }
}

export function buildGraph(
  model: ParsedModel,
  meta: DeepwireMeta | undefined,
  warnings: string[],
  style?: KerasStyle,
): GraphDoc {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const pending: PendingAxis[] = [];
  for (const raw of model.layers) {
    const layer = relaxLayer(raw, warnings);
    const read = readLayer(layer, warnings, style);
    const node = toNode(layer, read, meta);
    nodes.push(node);
    if (read.lastAxis) pending.push({ node, layer, ...read.lastAxis });
    layer.inputs.forEach((ref, port) => edges.push({ id: '', source: ref.layer, target: node.id, targetPort: port }));
  }
  const names = new Set(model.layers.map((l) => l.name));
  for (const out of model.outputs) {
    if (names.has(out.layer) && edges.some((e) => e.source === out.layer)) {
      warnings.push(
        `layer '${out.layer}' is a model output and also feeds other layers; Deepwire's outputs are the layers nothing reads from`,
      );
    }
  }
  let graph = fuseSplitActivations({ nodes, edges }, meta);
  graph = { nodes: graph.nodes, edges: graph.edges.map((e, i) => ({ ...e, id: `e${i + 1}` })) };
  intInputsForEmbeddings(graph);
  checkAxes(graph, pending);
  return applyLayout(graph);
}
