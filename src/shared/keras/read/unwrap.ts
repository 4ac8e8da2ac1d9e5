/**
 * Finds the model topology in any of the JSON documents Deepwire accepts and
 * tells which dialect wrote it: Keras `to_json()` (or a `.keras` archive's
 * config.json), a TF.js `model.json` (`modelTopology`, possibly holding the
 * Python converter's `model_config`), or a bare TF.js topology.
 */
import { GROUPS, type Group } from '../../graph/types.js';
import { DeepwireError } from '../../errors.js';
import { isObject, type DeepwireMeta, type JsonObject, type KerasStyle, type LayerMeta } from '../types.js';

export const MODEL_CLASSES = ['Sequential', 'Functional', 'Model'];

export interface Topology {
  /** The `{class_name, config}` object of the model. */
  model: JsonObject;
  /** Where `model` sits in the document, for error messages ('' at the top). */
  path: string;
  style: KerasStyle;
  /** Whether the document was a TF.js model.json (with `modelTopology`) or Keras JSON. */
  file: 'keras' | 'tfjs';
  meta?: DeepwireMeta;
}

/** Cheap content check used by the CLI to tell a Keras/TF.js document from a project file. */
export function looksLikeKerasJson(json: unknown): boolean {
  if (!isObject(json)) return false;
  if (isObject(json.modelTopology)) return true;
  return typeof json.class_name === 'string' && MODEL_CLASSES.includes(json.class_name) && json.config !== undefined;
}

function styleOf(model: JsonObject, wrapper: JsonObject): KerasStyle {
  if (typeof model.module === 'string' || 'registered_name' in model) return 'keras3';
  const version = String(wrapper.keras_version ?? model.keras_version ?? '');
  if (version.startsWith('tfjs') || (wrapper.backend ?? model.backend) === 'tensor_flow.js') return 'tfjs';
  return 'keras2';
}

function readMeta(value: unknown): DeepwireMeta | undefined {
  if (!isObject(value) || !isObject(value.layers)) return undefined;
  // No prototype: a layer named "__proto__" is an ordinary key, not the object's prototype.
  const layers = Object.create(null) as Record<string, LayerMeta>;
  for (const [name, m] of Object.entries(value.layers)) {
    if (!isObject(m)) continue;
    const entry: LayerMeta = {};
    if (m.noise === 'normal' || m.noise === 'uniform') entry.noise = m.noise;
    if (typeof m.group === 'string' && (GROUPS as readonly string[]).includes(m.group)) entry.group = m.group as Group;
    if (typeof m.activationOf === 'string') entry.activationOf = m.activationOf;
    if (typeof m.alpha === 'number' && Number.isFinite(m.alpha)) entry.alpha = m.alpha;
    if (m.activation === 'relu6') entry.activation = 'relu6';
    layers[name] = entry;
  }
  return { format: 1, layers };
}

export function findTopology(json: unknown): Topology {
  if (!isObject(json))
    throw new DeepwireError('DW301', `expected a JSON object, got ${Array.isArray(json) ? 'an array' : typeof json}`);
  if (json.format === 'graph-model') {
    throw new DeepwireError(
      'DW301',
      'this is a TF.js graph model (converted from a SavedModel); it has no Keras layers. Convert the Keras model with --output_format tfjs_layers_model',
    );
  }
  let model: unknown = json;
  let path = '';
  let file: Topology['file'] = 'keras';
  if ('modelTopology' in json) {
    file = 'tfjs';
    model = json.modelTopology;
    path = 'modelTopology';
    if (isObject(model) && isObject(model.model_config)) {
      model = model.model_config;
      path += '.model_config';
    }
    if (!isObject(model))
      throw new DeepwireError('DW301', 'modelTopology is empty: the model.json holds weights only', path);
  }
  const top = model as JsonObject;
  if (typeof top.class_name !== 'string')
    throw new DeepwireError(
      'DW301',
      'no class_name at the top: this is not the output of model.to_json() or a TF.js model.json',
      path || undefined,
    );
  if (!MODEL_CLASSES.includes(top.class_name)) {
    throw new DeepwireError(
      'DW301',
      `the top-level class is ${top.class_name}, not a Sequential or Functional model`,
      path ? `${path}.class_name` : 'class_name',
    );
  }
  const style = styleOf(top, isObject(json.modelTopology) ? json.modelTopology : json);
  return { model: top, path, style, file, meta: readMeta(top.deepwire ?? json.deepwire) };
}
