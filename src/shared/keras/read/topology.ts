/**
 * Sequential and Functional model configs -> a flat list of layers with the
 * tensors each is called on. Handles both inbound-node spellings:
 * Keras 2 / TF.js `[[["conv2d", 0, 0, {}], …]]` and Keras 3
 * `[{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["conv2d", 0, 0]}}], "kwargs": {}}]`.
 */
import { DeepwireError } from '../../errors.js';
import { MAX_GRAPH_NODES } from '../../graph/schema.js';
import { isObject, layerLabel, type JsonObject, type RawLayer, type TensorRef } from '../types.js';
import { MODEL_CLASSES, type Topology } from './unwrap.js';

export interface ParsedModel {
  name: string;
  layers: RawLayer[];
  /** The model's declared outputs (Functional), or the last layer (Sequential). */
  outputs: TensorRef[];
}

const at = (base: string, key: string) => (base ? `${base}.${key}` : key);

/** `[name, node, tensor, …]` as a TensorRef, or null when `v` is not one. */
function asRef(v: unknown): TensorRef | null {
  if (!Array.isArray(v) || v.length < 3 || typeof v[0] !== 'string') return null;
  if (!Number.isInteger(v[1]) || !Number.isInteger(v[2])) return null;
  return { layer: v[0], node: v[1] as number, tensor: v[2] as number };
}

/** Every tensor named in a (possibly nested) structure, in order. */
function collectRefs(v: unknown, out: TensorRef[] = []): TensorRef[] {
  if (isObject(v)) {
    if (v.class_name === '__keras_tensor__') {
      const ref = isObject(v.config) ? asRef(v.config.keras_history) : null;
      if (ref) out.push(ref);
      return out;
    }
    for (const item of Object.values(v)) collectRefs(item, out);
    return out;
  }
  const ref = asRef(v);
  if (ref) out.push(ref);
  else if (Array.isArray(v)) for (const item of v) collectRefs(item, out);
  return out;
}

function envelope(entry: unknown, path: string): { name: string; className: string; config: JsonObject } {
  if (!isObject(entry) || typeof entry.class_name !== 'string')
    throw new DeepwireError('DW304', 'a layer entry has no class_name', path);
  const config = isObject(entry.config) ? entry.config : {};
  const name = typeof entry.name === 'string' ? entry.name : typeof config.name === 'string' ? config.name : undefined;
  if (!name) throw new DeepwireError('DW304', `a ${entry.class_name} layer has no name`, path);
  if (MODEL_CLASSES.includes(entry.class_name) || Array.isArray(config.layers)) {
    throw new DeepwireError(
      'DW304',
      `${layerLabel(name, entry.class_name)} is a nested model; Deepwire reads flat models (rebuild it with the inner layers inline)`,
      path,
    );
  }
  return { name, className: entry.class_name, config };
}

/** The tensors one Functional layer is called on. */
function inboundRefs(entry: JsonObject, label: string, path: string): TensorRef[] {
  const nodes = entry.inbound_nodes ?? [];
  if (!Array.isArray(nodes))
    throw new DeepwireError('DW304', `${label} has malformed inbound_nodes`, `${path}.inbound_nodes`);
  if (nodes.length === 0) return [];
  // The SavedModel metadata form lists one call's refs directly.
  if (asRef(nodes[0])) return collectRefs(nodes);
  if (nodes.length > 1) {
    throw new DeepwireError(
      'DW304',
      `${label} is called ${nodes.length} times (shared weights); every Deepwire layer is applied once`,
      `${path}.inbound_nodes`,
    );
  }
  const node = nodes[0];
  if (isObject(node) && 'args' in node) {
    if (collectRefs(node.kwargs).length > 0) {
      throw new DeepwireError(
        'DW304',
        `${label} is passed tensors as keyword arguments (mask, initial_state, …), which Deepwire does not model`,
        `${path}.inbound_nodes`,
      );
    }
    return collectRefs(node.args);
  }
  return collectRefs(node);
}

function parseFunctional(topology: Topology, config: JsonObject, base: string): ParsedModel {
  if (!Array.isArray(config.layers))
    throw new DeepwireError('DW304', 'the Functional model has no layers list', at(base, 'config.layers'));
  const layers = config.layers.map((entry, i): RawLayer => {
    const path = at(base, `config.layers[${i}]`);
    const { name, className, config: cfg } = envelope(entry, path);
    return {
      name,
      className,
      config: cfg,
      inputs: inboundRefs(entry as JsonObject, layerLabel(name, className), path),
      path,
    };
  });
  const outputs = collectRefs(config.output_layers);
  if (outputs.length === 0)
    throw new DeepwireError('DW304', 'the Functional model lists no output_layers', at(base, 'config.output_layers'));
  return { name: String(config.name ?? topology.model.class_name), layers, outputs };
}

/** A Sequential model's input shape when it has no InputLayer: on the first layer, or recorded by build(). */
function sequentialInputShape(topology: Topology, config: JsonObject, first: JsonObject): unknown {
  const build = isObject(topology.model.build_config) ? topology.model.build_config.input_shape : undefined;
  return first.batch_input_shape ?? first.batch_shape ?? config.build_input_shape ?? build;
}

function parseSequential(topology: Topology, config: JsonObject | unknown[], base: string): ParsedModel {
  // Keras 1 and early Keras 2 wrote the layer list as the config itself.
  const entries = Array.isArray(config) ? config : config.layers;
  const listPath = at(base, Array.isArray(config) ? 'config' : 'config.layers');
  if (!Array.isArray(entries) || entries.length === 0)
    throw new DeepwireError('DW304', 'the Sequential model has no layers', listPath);
  const layers: RawLayer[] = entries.map((entry, i) => {
    const { name, className, config: cfg } = envelope(entry, `${listPath}[${i}]`);
    return { name, className, config: cfg, inputs: [], path: `${listPath}[${i}]` };
  });
  if (layers[0].className !== 'InputLayer') {
    const shape = sequentialInputShape(topology, Array.isArray(config) ? {} : config, layers[0].config);
    if (!Array.isArray(shape)) {
      throw new DeepwireError(
        'DW304',
        'the Sequential model has no input shape: build it (model.build(input_shape)) or start it with keras.Input(...) before to_json()',
        listPath,
      );
    }
    const dtype = layers[0].className === 'Embedding' ? 'int32' : 'float32';
    const name = `${layers[0].name}_input`;
    layers.unshift({
      name,
      className: 'InputLayer',
      config: { batch_input_shape: shape, dtype, name },
      inputs: [],
      path: `${listPath}[0]`,
    });
  }
  for (let i = 1; i < layers.length; i++) layers[i].inputs = [{ layer: layers[i - 1].name, node: 0, tensor: 0 }];
  const last = layers[layers.length - 1].name;
  return {
    name: String((Array.isArray(config) ? undefined : config.name) ?? 'sequential'),
    layers,
    outputs: [{ layer: last, node: 0, tensor: 0 }],
  };
}

export function parseTopology(topology: Topology): ParsedModel {
  const { model, path } = topology;
  const config = model.config;
  if (!isObject(config) && !Array.isArray(config))
    throw new DeepwireError('DW304', 'the model has no config', at(path, 'config'));
  const list = Array.isArray(config) ? config : config.layers;
  if (Array.isArray(list) && list.length >= MAX_GRAPH_NODES) {
    throw new DeepwireError(
      'DW309',
      `the model has ${list.length} layers; Deepwire reads models of fewer than ${MAX_GRAPH_NODES}`,
      at(path, 'config.layers'),
    );
  }
  const parsed =
    model.class_name === 'Sequential'
      ? parseSequential(topology, config, path)
      : parseFunctional(topology, config as JsonObject, path);
  checkNames(parsed);
  return parsed;
}

/** Layer names must be unique and every tensor must come from a layer's one output. */
function checkNames(model: ParsedModel): void {
  const byName = new Map<string, RawLayer>();
  for (const layer of model.layers) {
    if (byName.has(layer.name)) throw new DeepwireError('DW304', `two layers are named '${layer.name}'`, layer.path);
    byName.set(layer.name, layer);
  }
  for (const layer of model.layers) {
    for (const ref of layer.inputs) {
      const label = layerLabel(layer.name, layer.className);
      if (!byName.has(ref.layer))
        throw new DeepwireError(
          'DW304',
          `${label} takes its input from '${ref.layer}', which is not a layer of the model`,
          layer.path,
        );
      if (ref.node !== 0 || ref.tensor !== 0) {
        throw new DeepwireError(
          'DW304',
          `${label} uses output ${ref.tensor} of call ${ref.node} of '${ref.layer}'; Deepwire layers have one call with one output`,
          layer.path,
        );
      }
    }
  }
}
