/**
 * The layers a graph becomes, in topological order, before any dialect
 * formatting: each node's `{class_name, config}`, the layers it reads from,
 * and shapes. Keras 2 and TF.js have no `leaky_relu` activation (Keras 2 no
 * `relu6` either), so a Dense or convolution with it becomes the layer with
 * `linear` plus a LeakyReLU (or ReLU(max_value=6)) layer, recorded in the
 * Deepwire metadata so reading fuses them again.
 */
import { DeepwireError } from '../../errors.js';
import type { GraphDoc, GraphNode } from '../../graph/types.js';
import { LAYER_SPECS } from '../../layers/catalog.js';
import type { Shape } from '../../layers/types.js';
import { indexGraph } from '../../shape/graph-index.js';
import { inferShapes } from '../../shape/infer.js';
import { connectedNodes } from '../../shape/split.js';
import { topoSort } from '../../shape/topo.js';
import { hasInlineActivation } from '../activations.js';
import { splitActivationLayer } from '../layers/activation.js';
import { writeLayer } from '../layers/registry.js';
import type { DeepwireMeta, JsonObject, KerasStyle, LayerMeta } from '../types.js';

export interface PlannedLayer {
  name: string;
  className: string;
  config: JsonObject;
  /** Names of the layers this one is called on, in port order. */
  inputs: string[];
  inputShapes: Shape[];
  outputShape?: Shape;
  dtype: 'float32' | 'int32';
  /** Keras 3 records `build_config` for layers with a build() step (weights, merges, Flatten, Reshape). */
  builds: boolean;
  /** A merge (arity 'many'): Keras 3 calls it on a list of tensors. */
  merges: boolean;
}

export interface Plan {
  layers: PlannedLayer[];
  inputs: string[];
  outputs: string[];
  /** A single chain from one input to one output: written as Sequential. */
  sequential: boolean;
  meta?: DeepwireMeta;
}

/** Structural problems that make a graph impossible to write (shape problems are the reader's to report). */
const BLOCKING = new Set(['DW101', 'DW102', 'DW111', 'DW113']);

/** The Activation layer's default leaky_relu slope (PARAM_SPECS). */
const DEFAULT_ALPHA = 0.2;

/** A layer with a fused activation the dialect cannot spell inline is followed by that activation's own layer. */
function needsSplit(node: GraphNode, style: KerasStyle): boolean {
  return (
    LAYER_SPECS[node.kind].traits.fusedActivation &&
    'activation' in node.params &&
    !hasInlineActivation(node.params.activation, style)
  );
}

export function planModel(graph: GraphDoc, style: KerasStyle): Plan {
  const index = indexGraph(graph);
  const report = inferShapes(graph);
  const blocking = report.diagnostics.find((d) => d.severity === 'error' && BLOCKING.has(d.code));
  if (blocking) throw new DeepwireError(blocking.code, blocking.message, blocking.nodeId);
  const members = new Set(connectedNodes(index).map((n) => n.id));
  if (members.size === 0) throw new DeepwireError('DW103', 'the graph has no connected layers to write');

  const used = new Set(graph.nodes.map((n) => n.name));
  const unique = (base: string) => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
  const outputName = new Map<string, string>();
  // No prototype: a layer named "__proto__" is an ordinary key here (and in the JSON written from it).
  const meta = Object.create(null) as Record<string, LayerMeta>;
  const layers: PlannedLayer[] = [];
  const shapeOf = (id: string) => report.nodes[id]?.shape;

  for (const id of topoSort(index).order) {
    if (!members.has(id)) continue;
    const node = index.byId.get(id)!;
    const edges = index.inEdges.get(id)!;
    const inputShapes = edges.map((e) => shapeOf(e.source)).filter((s): s is Shape => s !== undefined);
    const written = writeLayer(node, { style, name: node.name, input: inputShapes[0] });
    const dtype = node.kind === 'Input' ? node.params.dtype : 'float32';
    const base = {
      inputShapes,
      outputShape: shapeOf(id),
      dtype,
      builds: LAYER_SPECS[node.kind].traits.kerasBuildConfig,
      merges: LAYER_SPECS[node.kind].arity === 'many',
    } as const;
    layers.push({ ...base, name: node.name, ...written, inputs: edges.map((e) => outputName.get(e.source)!) });
    outputName.set(id, node.name);
    if (node.kind === 'Noise') meta[node.name] = { noise: node.params.distribution };
    if (node.group) meta[node.name] = { ...meta[node.name], group: node.group };
    if (node.kind === 'Activation' && node.params.activation !== 'leaky_relu' && node.params.alpha !== DEFAULT_ALPHA) {
      meta[node.name] = { ...meta[node.name], alpha: node.params.alpha };
    }
    // Written as ReLU(max_value=6) where the dialect has no relu6 (Keras 2): read back as the Activation it is.
    if (node.kind === 'Activation' && node.params.activation === 'relu6' && !hasInlineActivation('relu6', style)) {
      meta[node.name] = { ...meta[node.name], activation: 'relu6' };
    }
    if (needsSplit(node, style)) {
      const activation = (node.params as { activation: 'leaky_relu' | 'relu6' }).activation;
      const name = unique(`${node.name}_${activation}`);
      const out = shapeOf(id);
      layers.push({
        name,
        ...splitActivationLayer(activation, style, name),
        inputs: [node.name],
        inputShapes: out ? [out] : [],
        outputShape: out,
        dtype: 'float32',
        builds: false,
        merges: false,
      });
      meta[name] = { activationOf: node.name, ...(node.group ? { group: node.group } : {}) };
      outputName.set(id, name);
    }
  }
  // Inputs and outputs in document order, as modelInputs/modelOutputs list them.
  const docOrder = new Map(graph.nodes.map((n, i) => [n.name, i]));
  const rank = (l: PlannedLayer) => docOrder.get(meta[l.name]?.activationOf ?? l.name) ?? 0;
  const byDocOrder = (ls: PlannedLayer[]) => [...ls].sort((a, b) => rank(a) - rank(b)).map((l) => l.name);
  const inputs = byDocOrder(layers.filter((l) => l.className === 'InputLayer'));
  const read = new Set(layers.flatMap((l) => l.inputs));
  const outputs = byDocOrder(layers.filter((l) => !read.has(l.name)));
  const sequential =
    inputs.length === 1 &&
    outputs.length === 1 &&
    !graph.nodes.some((n) => n.group) &&
    layers.every((l) => l.inputs.length <= 1) &&
    read.size === layers.length - 1;
  return {
    layers,
    inputs,
    outputs,
    sequential,
    meta: Object.keys(meta).length ? { format: 1, layers: meta } : undefined,
  };
}
