/**
 * A graph -> Keras / TF.js model JSON: Sequential when the graph is one chain,
 * Functional otherwise, in the envelope each dialect writes:
 * - keras3: `module`/`registered_name`, `build_config`, `__keras_tensor__` inbound nodes;
 * - keras2: `Functional` with `[[["layer", 0, 0, {}]]]` inbound nodes;
 * - tfjs: what TF.js 4.22's `model.toJSON(null, false)` gives (`Model`, `tfjs-layers` version).
 * Deepwire's own facts (Noise sources, GAN groups, split activations) travel
 * in a top-level `deepwire` key, which Keras and TF.js ignore.
 */
import type { GraphDoc } from '../../graph/types.js';
import type { Shape } from '../../layers/types.js';
import { dtypeEntry } from '../emit.js';
import type { JsonObject, KerasStyle } from '../types.js';
import { planModel, type Plan, type PlannedLayer } from './plan.js';

export interface WriteKerasOptions {
  style: KerasStyle;
  /** The Keras model name (default 'sequential' / 'functional' / 'model'). */
  name?: string;
}

/** The Keras version strings written beside the model (what each exporter stamps). */
export const KERAS2_VERSION = '2.15.0';
export const TFJS_VERSION = 'tfjs-layers 4.22.0';

const batchShape = (s: Shape | undefined): (number | null)[] | null => (s ? [...s] : null);

/** MultiHeadAttention is called as mha(query, value): one input (self-attention) is both. */
const isAttention = (layer: PlannedLayer) => layer.className === 'MultiHeadAttention';
const queryValue = <T>(xs: T[]): T[] => [xs[0], xs[1] ?? xs[0]];

function buildConfig(layer: PlannedLayer): JsonObject {
  if (!layer.builds || layer.inputShapes.length === 0) return {};
  if (isAttention(layer)) {
    const [query, value] = queryValue(layer.inputShapes.map(batchShape));
    return { build_config: { shapes_dict: { query_shape: query, value_shape: value } } };
  }
  const shapes = layer.inputShapes.map(batchShape);
  return { build_config: { input_shape: shapes.length === 1 ? shapes[0] : shapes } };
}

function keras3Tensor(plan: Plan, name: string): JsonObject {
  const source = plan.layers.find((l) => l.name === name)!;
  return {
    class_name: '__keras_tensor__',
    config: { shape: batchShape(source.outputShape), dtype: source.dtype, keras_history: [name, 0, 0] },
  };
}

function keras3Entry(plan: Plan, layer: PlannedLayer, functional: boolean): JsonObject {
  const entry: JsonObject = {
    module: 'keras.layers',
    class_name: layer.className,
    config: layer.config,
    registered_name: null,
    ...buildConfig(layer),
  };
  if (!functional) return entry;
  const tensors = layer.inputs.map((n) => keras3Tensor(plan, n));
  // A merge is called on a list of tensors: args = [[a, b]]; other layers on one tensor: args = [a];
  // attention on two: args = [query, value].
  const args =
    tensors.length === 0 ? [] : isAttention(layer) ? queryValue(tensors) : [layer.merges ? tensors : tensors[0]];
  return { ...entry, name: layer.name, inbound_nodes: args.length ? [{ args, kwargs: {} }] : [] };
}

function legacyEntry(layer: PlannedLayer, style: KerasStyle, functional: boolean): JsonObject {
  if (!functional) return { class_name: layer.className, config: layer.config };
  let inbound: unknown[] = layer.inputs.length ? [layer.inputs.map((n) => [n, 0, 0, {}])] : [];
  // Keras 2 writes mha(query, value) with the value as a call keyword; TF.js layers take a list.
  if (isAttention(layer) && style === 'keras2') {
    const [query, value] = queryValue(layer.inputs);
    inbound = [[[query, 0, 0, { value: [value, 0, 0] }]]];
  }
  if (style === 'tfjs')
    return { name: layer.name, class_name: layer.className, config: layer.config, inbound_nodes: inbound };
  return { class_name: layer.className, config: layer.config, name: layer.name, inbound_nodes: inbound };
}

function refs(names: string[], style: KerasStyle): unknown {
  const list = names.map((n) => [n, 0, 0]);
  // Keras 3 writes a model built on single tensors (not lists) as one flat reference.
  return style === 'keras3' && list.length === 1 ? list[0] : list;
}

function keras3Model(plan: Plan, name: string | undefined): JsonObject {
  if (plan.sequential) {
    const inputShape = batchShape(plan.layers[0].outputShape);
    return {
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: name ?? 'sequential',
        trainable: true,
        ...dtypeEntry('keras3'),
        layers: plan.layers.map((l) => keras3Entry(plan, l, false)),
        build_input_shape: inputShape,
      },
      registered_name: null,
      build_config: { input_shape: inputShape },
      compile_config: null,
    };
  }
  return {
    module: 'keras',
    class_name: 'Functional',
    config: {
      name: name ?? 'functional',
      trainable: true,
      layers: plan.layers.map((l) => keras3Entry(plan, l, true)),
      input_layers: refs(plan.inputs, 'keras3'),
      output_layers: refs(plan.outputs, 'keras3'),
    },
    registered_name: 'Functional',
    build_config: { input_shape: null },
    compile_config: null,
  };
}

function legacyModel(plan: Plan, style: 'keras2' | 'tfjs', name: string | undefined): JsonObject {
  const functional = !plan.sequential;
  const className = plan.sequential ? 'Sequential' : style === 'tfjs' ? 'Model' : 'Functional';
  const config: JsonObject = {
    name: name ?? (plan.sequential ? 'sequential' : 'model'),
    layers: plan.layers.map((l) => legacyEntry(l, style, functional)),
    ...(functional ? { input_layers: refs(plan.inputs, style), output_layers: refs(plan.outputs, style) } : {}),
  };
  return {
    class_name: className,
    config,
    keras_version: style === 'tfjs' ? TFJS_VERSION : KERAS2_VERSION,
    backend: style === 'tfjs' ? 'tensor_flow.js' : 'tensorflow',
  };
}

/**
 * Writes a graph as a Keras model JSON object (serialize with JSON.stringify).
 * Layers connected to nothing are left out, as they are from the model.
 * Throws DW101/DW102/DW111/DW113 for graphs that cannot form a model, and
 * DW305 for options the dialect cannot express.
 */
export function writeKerasModel(graph: GraphDoc, opts: WriteKerasOptions): JsonObject {
  const plan = planModel(graph, opts.style);
  const model = opts.style === 'keras3' ? keras3Model(plan, opts.name) : legacyModel(plan, opts.style, opts.name);
  return plan.meta ? { ...model, deepwire: plan.meta } : model;
}
