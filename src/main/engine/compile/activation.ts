/**
 * Dense/Conv activations. TF.js has every Deepwire activation built in except
 * leaky_relu, which becomes a linear layer followed by a LeakyReLU layer
 * (slope 0.2, as the param doc says) named `<layer>_leaky_relu`, so Keras
 * names stay predictable for weights and exports.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationName } from '../../../shared/layers/types.js';

type TfActivation = NonNullable<Parameters<typeof tf.layers.activation>[0]['activation']>;

/** Slope of the fused leaky_relu activation of Dense and Conv layers. */
export const LEAKY_SLOPE = 0.2;

/** The `activation` option for a TF.js layer: leaky_relu is applied by a separate layer. */
export function tfActivation(name: ActivationName): TfActivation {
  if (name === 'hard_sigmoid') return 'hardSigmoid';
  return (name === 'leaky_relu' ? 'linear' : name) as TfActivation;
}

/** The name of the LeakyReLU layer split off a layer's fused leaky_relu activation. */
export const leakyName = (layerName: string): string => `${layerName}_leaky_relu`;

/** Applies `layer`, then the split-off LeakyReLU when the activation is leaky_relu. */
export function applyWithActivation(
  layer: tf.layers.Layer,
  activation: ActivationName,
  x: tf.SymbolicTensor | tf.SymbolicTensor[],
): tf.SymbolicTensor {
  const y = layer.apply(x) as tf.SymbolicTensor;
  if (activation !== 'leaky_relu') return y;
  return tf.layers.leakyReLU({ alpha: LEAKY_SLOPE, name: leakyName(layer.name) }).apply(y) as tf.SymbolicTensor;
}
