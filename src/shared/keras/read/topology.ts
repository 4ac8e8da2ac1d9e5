/**
 * Sequential and Functional model configs -> a flat list of layers with the
 * tensors each is called on. Handles both inbound-node spellings:
 * Keras 2 / TF.js `[[["conv2d", 0, 0, {}], …]]` and Keras 3
 * `[{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["conv2d", 0, 0]}}], "kwargs": {}}]`.
 * A nested model (a Sequential or Functional used as a layer) is flattened: its layers join the list with
 * their names kept and `frame` naming the submodel, its InputLayers are replaced by the tensors it was
 * called on, and tensors taken from it become the tensors of its outputs.
 */
import { isStateTensor } from './states.js';
import { DeepwireError } from '../../errors.js';
import { MAX_GRAPH_NODES } from '../../graph/schema.js';
import { isObject, layerLabel, type JsonObject, type RawLayer, type TensorRef } from '../types.js';
import { MODEL_CLASSES, type Topology } from './unwrap.js';

export interface ParsedModel {
  name: string;
  layers: RawLayer[];
  /** The model's declared outputs (Functional), or the last layer (Sequential). */
  outputs: TensorRef[];
  /** The model's InputLayers, in call order. */
  inputs: string[];
}

/** How deep models may nest inside models: real files nest 3 levels (Teachable Machine). */
const MAX_NESTING = 16;

const isNestedModel = (className: string, config: JsonObject) =>
  MODEL_CLASSES.includes(className) || Array.isArray(config.layers);

/** DW311: a layer (or submodel) applied to more than one input. */
function sharedLayer(label: string, calls: number, path: string): DeepwireError {
  return new DeepwireError(
    'DW311',
    `${label} is applied ${calls} times (one layer, shared weights); every Deepwire layer is applied once`,
    path,
  );
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

function envelope(
  entry: unknown,
  path: string,
  index: number,
): { name: string; className: string; config: JsonObject } {
  if (!isObject(entry) || typeof entry.class_name !== 'string')
    throw new DeepwireError('DW304', 'a layer entry has no class_name', path);
  const config = isObject(entry.config) ? entry.config : {};
  // Keras 1 and early Keras 2 wrote a nested Sequential as a bare layer list, without a name.
  const unnamed = MODEL_CLASSES.includes(entry.class_name) ? `${entry.class_name.toLowerCase()}_${index}` : undefined;
  const name = typeof entry.name === 'string' ? entry.name : typeof config.name === 'string' ? config.name : unnamed;
  if (!name) throw new DeepwireError('DW304', `a ${entry.class_name} layer has no name`, path);
  return { name, className: entry.class_name, config };
}

const sameRef = (a: TensorRef, b: TensorRef) => a.layer === b.layer && a.node === b.node && a.tensor === b.tensor;

/**
 * MultiHeadAttention's call: query first, then the value, given as a second argument or as `value=`
 * (Keras 2 puts call keywords in each reference's fourth element, Keras 3 in `kwargs`); a `key=` must be the
 * value (DW317); masks or returned scores change what it computes (DW318). Self-attention (the value is the
 * query) is one input.
 */
function attentionRefs(refs: TensorRef[], kwargs: JsonObject, label: string, path: string): TensorRef[] {
  for (const option of ['attention_mask', 'query_mask', 'value_mask', 'key_mask']) {
    if (kwargs[option] !== undefined && kwargs[option] !== null)
      throw new DeepwireError('DW318', `${label} is called with ${option}`, `${path}.inbound_nodes`);
  }
  for (const option of ['use_causal_mask', 'return_attention_scores']) {
    if (kwargs[option] === true)
      throw new DeepwireError('DW318', `${label} is called with ${option}=True`, `${path}.inbound_nodes`);
  }
  const [query, ...rest] = refs;
  const value = collectRefs(kwargs.value)[0] ?? rest[0] ?? query;
  const key = collectRefs(kwargs.key)[0] ?? rest[1] ?? value;
  if (!query) return refs;
  if (!sameRef(key, value))
    throw new DeepwireError(
      'DW317',
      `${label} is called with a key (${key.layer}) other than its value (${value.layer})`,
      `${path}.inbound_nodes`,
    );
  return sameRef(query, value) ? [query] : [query, value];
}

/** Keras 2's call keywords: the fourth element of each reference (`["q", 0, 0, {"value": ["v", 0, 0]}]`). */
function legacyKwargs(node: unknown): JsonObject {
  const out: JsonObject = {};
  if (Array.isArray(node))
    for (const ref of node) if (Array.isArray(ref) && isObject(ref[3])) Object.assign(out, ref[3]);
  return out;
}

/** The tensors one Functional layer is called on. */
function inboundRefs(entry: JsonObject, label: string, path: string, className = ''): TensorRef[] {
  const calls = Array.isArray(entry.inbound_nodes) ? entry.inbound_nodes : [];
  const node0: unknown = calls[0];
  if (className === 'MultiHeadAttention' && calls.length === 1) {
    if (isObject(node0) && 'args' in node0)
      return attentionRefs(collectRefs(node0.args), isObject(node0.kwargs) ? node0.kwargs : {}, label, path);
    if (!asRef(node0)) return attentionRefs(collectRefs(node0), legacyKwargs(node0), label, path);
  }
  const nodes = entry.inbound_nodes ?? [];
  if (!Array.isArray(nodes))
    throw new DeepwireError('DW304', `${label} has malformed inbound_nodes`, `${path}.inbound_nodes`);
  if (nodes.length === 0) return [];
  // The SavedModel metadata form lists one call's refs directly.
  if (asRef(nodes[0])) return collectRefs(nodes);
  if (nodes.length > 1) throw sharedLayer(label, nodes.length, `${path}.inbound_nodes`);
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

/** Where a model config is read: its Topology, how deep it is nested and the frame its layers belong to. */
interface Scope {
  topology: Topology;
  depth: number;
  frame?: string;
}

/** A nested model's outputs, by its layer name: tensors taken from it are the tensors of its outputs. */
type Aliases = Map<string, TensorRef[]>;

/**
 * Adds a nested model's layers to `out`: its InputLayers become the tensors it is called on (kept as
 * InputLayers when nothing calls it: the first layer of a Sequential), and its outputs become aliases.
 */
function spliceNested(
  out: RawLayer[],
  inner: ParsedModel,
  callInputs: TensorRef[] | null,
  name: string,
  aliases: Aliases,
  label: string,
  path: string,
): void {
  if (callInputs && callInputs.length !== inner.inputs.length) {
    throw new DeepwireError(
      'DW304',
      `${label} is a submodel of ${inner.inputs.length} input(s) called on ${callInputs.length} tensor(s)`,
      path,
    );
  }
  const bind = new Map<string, TensorRef>();
  if (callInputs) inner.inputs.forEach((input, i) => bind.set(input, callInputs[i]));
  for (const layer of inner.layers) {
    if (bind.has(layer.name)) continue;
    const keepInput = layer.className === 'InputLayer' && !callInputs;
    out.push({
      ...layer,
      ...(keepInput ? { frame: undefined } : {}),
      inputs: layer.inputs.map((ref) => bind.get(ref.layer) ?? ref),
    });
  }
  aliases.set(
    name,
    inner.outputs.map((ref) => bind.get(ref.layer) ?? ref),
  );
}

/** Replaces every tensor taken from a nested model by the inner tensor it stands for. */
function resolveAliases(refs: TensorRef[], aliases: Aliases, path: string): TensorRef[] {
  return refs.map((start) => {
    let ref = start;
    for (let hops = 0; aliases.has(ref.layer); hops++) {
      const outs = aliases.get(ref.layer)!;
      const next = outs[ref.tensor];
      if (!next || hops > MAX_NESTING) {
        throw new DeepwireError(
          'DW304',
          `output ${ref.tensor} of submodel '${ref.layer}' is used, but it has ${outs.length} output(s)`,
          path,
        );
      }
      ref = next;
    }
    return ref;
  });
}

/** A layer entry that is itself a model, read with its layers framed under its name. */
function parseNested(scope: Scope, entry: JsonObject, name: string, path: string): ParsedModel {
  if (scope.depth >= MAX_NESTING)
    throw new DeepwireError('DW304', `models nest more than ${MAX_NESTING} levels deep`, path);
  const frame = scope.frame ? `${scope.frame}/${name}` : name;
  return parseModel({ topology: scope.topology, depth: scope.depth + 1, frame }, entry, path);
}

function parseFunctional(scope: Scope, config: JsonObject, base: string): ParsedModel {
  if (!Array.isArray(config.layers))
    throw new DeepwireError('DW304', 'the Functional model has no layers list', at(base, 'config.layers'));
  const layers: RawLayer[] = [];
  const aliases: Aliases = new Map();
  config.layers.forEach((entry, i) => {
    const path = at(base, `config.layers[${i}]`);
    const { name, className, config: cfg } = envelope(entry, path, i);
    const label = layerLabel(name, className);
    const inputs = inboundRefs(entry as JsonObject, label, path, className);
    if (isNestedModel(className, cfg)) {
      const inner = parseNested(scope, entry as JsonObject, name, path);
      spliceNested(layers, inner, inputs, name, aliases, label, path);
    } else layers.push({ name, className, config: cfg, inputs, path, ...(scope.frame ? { frame: scope.frame } : {}) });
  });
  for (const layer of layers) layer.inputs = resolveAliases(layer.inputs, aliases, layer.path);
  const outputs = resolveAliases(collectRefs(config.output_layers), aliases, at(base, 'config.output_layers'));
  if (outputs.length === 0)
    throw new DeepwireError('DW304', 'the Functional model lists no output_layers', at(base, 'config.output_layers'));
  const declared = collectRefs(config.input_layers).map((r) => r.layer);
  const inputs = declared.length > 0 ? declared : layers.filter((l) => l.className === 'InputLayer').map((l) => l.name);
  return { name: String(config.name ?? scope.topology.model.class_name), layers, outputs, inputs };
}

/** A Sequential model's input shape when it has no InputLayer: on the first layer, or recorded by build(). */
function sequentialInputShape(build: unknown, config: JsonObject, first: JsonObject): unknown {
  const recorded = isObject(build) ? build.input_shape : undefined;
  return first.batch_input_shape ?? first.batch_shape ?? config.build_input_shape ?? recorded;
}

/** The InputLayer a Sequential without one starts from. */
function sequentialInput(scope: Scope, model: JsonObject, config: JsonObject, first: RawLayer, path: string): RawLayer {
  const shape = sequentialInputShape(model.build_config, config, first.config);
  // A nested Sequential needs no shape: the tensor it is called on replaces its input.
  if (!Array.isArray(shape) && scope.depth === 0) {
    throw new DeepwireError(
      'DW304',
      'the Sequential model has no input shape: build it (model.build(input_shape)) or start it with keras.Input(...) before to_json()',
      path,
    );
  }
  const dtype = first.className === 'Embedding' ? 'int32' : 'float32';
  const name = `${first.name}_input`;
  return {
    name,
    className: 'InputLayer',
    config: { ...(Array.isArray(shape) ? { batch_input_shape: shape } : {}), dtype, name },
    inputs: [],
    path,
  };
}

function parseSequential(scope: Scope, model: JsonObject, base: string): ParsedModel {
  const config = model.config as JsonObject | unknown[];
  // Keras 1 and early Keras 2 wrote the layer list as the config itself.
  const entries = Array.isArray(config) ? config : config.layers;
  const listPath = at(base, Array.isArray(config) ? 'config' : 'config.layers');
  if (!Array.isArray(entries) || entries.length === 0)
    throw new DeepwireError('DW304', 'the Sequential model has no layers', listPath);
  const frame = scope.frame ? { frame: scope.frame } : {};
  const layers: RawLayer[] = [];
  const aliases: Aliases = new Map();
  const inputs: string[] = [];
  let previous: TensorRef | null = null;
  entries.forEach((entry, i) => {
    const path = `${listPath}[${i}]`;
    const { name, className, config: cfg } = envelope(entry, path, i);
    if (isNestedModel(className, cfg)) {
      const inner = parseNested(scope, entry as JsonObject, name, path);
      if (inner.outputs.length !== 1)
        throw new DeepwireError(
          'DW304',
          `submodel '${name}' of a Sequential model has ${inner.outputs.length} outputs`,
          path,
        );
      spliceNested(layers, inner, previous ? [previous] : null, name, aliases, layerLabel(name, className), path);
      if (!previous) inputs.push(...inner.inputs);
    } else {
      const layer: RawLayer = { name, className, config: cfg, inputs: [], path, ...frame };
      if (className === 'InputLayer') inputs.push(name);
      else {
        if (!previous) {
          const input = sequentialInput(scope, model, Array.isArray(config) ? {} : config, layer, path);
          layers.push({ ...input, ...frame });
          inputs.push(input.name);
          previous = { layer: input.name, node: 0, tensor: 0 };
        }
        layer.inputs = [previous];
      }
      layers.push(layer);
    }
    previous = { layer: name, node: 0, tensor: 0 };
  });
  for (const layer of layers) layer.inputs = resolveAliases(layer.inputs, aliases, layer.path);
  return {
    name: String((Array.isArray(config) ? undefined : config.name) ?? 'sequential'),
    layers,
    outputs: resolveAliases([previous!], aliases, listPath),
    inputs,
  };
}

/** One model config, at the top or nested in another model. */
function parseModel(scope: Scope, model: JsonObject, path: string): ParsedModel {
  const config = model.config;
  if (!isObject(config) && !Array.isArray(config))
    throw new DeepwireError('DW304', 'the model has no config', at(path, 'config'));
  return model.class_name === 'Sequential'
    ? parseSequential(scope, model, path)
    : parseFunctional(scope, config as JsonObject, path);
}

/** Layer-list entries of a model and every model nested in it. */
function countEntries(model: unknown, depth = 0): number {
  if (!isObject(model) || depth > MAX_NESTING) return 0;
  const config = model.config;
  const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(list)) return 0;
  return list.reduce<number>((n, entry) => n + 1 + countEntries(entry, depth + 1), 0);
}

export function parseTopology(topology: Topology): ParsedModel {
  const { model, path } = topology;
  const count = countEntries(model);
  if (count >= MAX_GRAPH_NODES) {
    throw new DeepwireError(
      'DW309',
      `the model has ${count} layers; Deepwire reads models of fewer than ${MAX_GRAPH_NODES}`,
      at(path, 'config.layers'),
    );
  }
  const parsed = parseModel({ topology, depth: 0 }, model, path);
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
      if (ref.node !== 0) throw sharedLayer(`layer '${ref.layer}'`, ref.node + 1, layer.path);
      if (ref.tensor !== 0 && !isStateTensor(byName.get(ref.layer), ref.tensor)) {
        throw new DeepwireError(
          'DW304',
          `${label} uses output ${ref.tensor} of '${ref.layer}'; Deepwire layers have one output`,
          layer.path,
        );
      }
    }
  }
}
