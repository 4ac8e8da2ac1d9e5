/**
 * Shared vocabulary of the Keras interop: the three JSON dialects we read and
 * write, and the plain-JSON helpers every mapping module uses. This folder is
 * the only place in Deepwire where snake_case option names appear.
 */
import type { Group } from '../graph/types.js';

/**
 * - `keras3`: Keras 3 `model.to_json()` (`module`/`registered_name`,
 *   `batch_shape`, DTypePolicy objects, `__keras_tensor__` inbound nodes);
 * - `keras2`: tf.keras 2.x `to_json()` (`batch_input_shape`, string dtypes,
 *   `[[["layer", 0, 0, {}]]]` inbound nodes);
 * - `tfjs`: TF.js 4.22 `model.toJSON(null, false)` (Keras-2 shaped).
 */
export const KERAS_STYLES = ['keras3', 'keras2', 'tfjs'] as const;
export type KerasStyle = (typeof KERAS_STYLES)[number];

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `[layer, nodeIndex, tensorIndex]`: which output of which layer call a tensor is. */
export interface TensorRef {
  layer: string;
  node: number;
  tensor: number;
}

/** One layer of a model, after the dialect's envelope is stripped. */
export interface RawLayer {
  name: string;
  className: string;
  config: JsonObject;
  /** The tensors the layer is called on, in argument order (empty for InputLayer). */
  inputs: TensorRef[];
  /** Where the layer sits in the JSON, for error messages (e.g. `config.layers[3]`). */
  path: string;
  /** The nested model(s) the layer was read from, outermost first, joined by '/'. */
  frame?: string;
}

/**
 * What Deepwire adds beside `class_name`/`config` (Keras and TF.js ignore
 * unknown top-level keys): the facts a Keras model cannot hold by itself, so
 * that writing and reading a graph gives the same graph back.
 */
export interface DeepwireMeta {
  format: 1;
  /** Per layer name: Noise sources, GAN groups, and LeakyReLU layers split off a fused activation. */
  layers: Record<string, LayerMeta>;
}

export interface LayerMeta {
  /** An InputLayer that is a generator's latent Noise source. */
  noise?: 'normal' | 'uniform';
  group?: Group;
  /** This LeakyReLU layer is the `leaky_relu` activation of the named layer, split off for Keras 2 / TF.js. */
  activationOf?: string;
  /** An Activation's leaky_relu slope, kept while another activation is chosen (Keras has nowhere to put it). */
  alpha?: number;
  /** This ReLU(max_value=6) layer is an Activation('relu6'), written so for Keras 2, which has no relu6. */
  activation?: 'relu6';
}

/** The three-letter label used in messages: `layer 'conv2d' (Conv2D)`. */
export const layerLabel = (name: string, className: string): string => `layer '${name}' (${className})`;
