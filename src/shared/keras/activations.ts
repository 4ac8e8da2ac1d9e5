/**
 * Activation names between Deepwire and the Keras dialects. Keras 3 spells
 * swish `silu` and has `leaky_relu` (slope 0.2, like Deepwire); Keras 2 and
 * TF.js have no `leaky_relu` activation, so a layer with it is written as the
 * layer with `linear` followed by a LeakyReLU layer (see write/model.ts).
 */
import { ACTIVATIONS, type ActivationName } from '../layers/types.js';
import type { JsonObject, KerasStyle } from './types.js';

/**
 * Deepwire's hard_sigmoid is Keras 2's and TF.js's clip(0.2·x + 0.5, 0, 1); Keras 3's `hard_sigmoid` is
 * relu6(x + 3) / 6. Keras 3 files name Deepwire's as this function (defined by the exported load_weights.py).
 */
export const KERAS3_HARD_SIGMOID = 'hard_sigmoid_tfjs';

/** Keras / TF.js spellings read as each Deepwire activation. */
const ALIASES: Record<string, ActivationName> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  leaky_relu: 'leaky_relu',
  elu: 'elu',
  selu: 'selu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  gelu: 'gelu',
  swish: 'swish',
  silu: 'swish',
  softplus: 'softplus',
  softsign: 'softsign',
  hard_sigmoid: 'hard_sigmoid',
  // Deepwire's Keras 3 files: Keras 3's own hard_sigmoid is another function (LayerConfig refuses it, DW315).
  [KERAS3_HARD_SIGMOID]: 'hard_sigmoid',
};

/** The Deepwire activation of a Keras activation value, or null when Deepwire has none like it. */
export function readActivation(value: unknown): ActivationName | null {
  // Keras 3 may serialize a built-in activation as an object naming the function.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    value = typeof v.config === 'string' ? v.config : v.class_name;
  }
  if (value === null || value === undefined) return 'linear';
  return typeof value === 'string' && Object.hasOwn(ALIASES, value) ? ALIASES[value] : null;
}

/**
 * Can `style` spell this activation inline (as a layer's `activation` option)? Keras 2 has neither leaky_relu
 * nor relu6 (its users defined relu6 themselves), TF.js has relu6; Keras 3 has both.
 */
export function hasInlineActivation(name: ActivationName, style: KerasStyle): boolean {
  if (name === 'leaky_relu') return style === 'keras3';
  if (name === 'relu6') return style !== 'keras2';
  return true;
}

/** The activation as the dialect spells it (Keras 3: hard_sigmoid as the function load_weights.py defines). */
export function writeActivation(name: ActivationName, style: KerasStyle): string | JsonObject {
  if (name === 'swish' && style === 'keras3') return 'silu';
  if (name === 'hard_sigmoid' && style === 'keras3')
    return { module: 'load_weights', class_name: 'function', config: KERAS3_HARD_SIGMOID, registered_name: 'function' };
  return name;
}

export const SUPPORTED_ACTIVATIONS = ACTIVATIONS.join(', ');

/**
 * The `activation` option a layer writes: the activation itself, or `linear`
 * when the dialect cannot spell it inline and a LeakyReLU (or ReLU(max_value=6)) layer follows.
 */
export function inlineActivation(name: ActivationName, style: KerasStyle): string | JsonObject {
  return hasInlineActivation(name, style) ? writeActivation(name, style) : 'linear';
}
