/**
 * Deepwire's one Activation layer <-> Keras's Activation and its
 * "advanced activation" layers (LeakyReLU, ReLU, Softmax, ELU). LeakyReLU's
 * slope is `negative_slope` in Keras 3 and `alpha` in Keras 2 and TF.js, with
 * a Keras default of 0.3.
 */
import { writeActivation } from '../activations.js';
import { layerConfig } from '../emit.js';
import type { JsonObject, KerasStyle } from '../types.js';
import type { LayerReader, ReadLayer, WriterTable } from './mapping.js';

const DEFAULT_ALPHA = 0.2;

const activation = (name: string, alpha = DEFAULT_ALPHA): ReadLayer => ({
  kind: 'Activation',
  params: { activation: name, alpha },
});

const readActivationLayer: LayerReader = (cfg) => activation(cfg.activation('activation', 'linear'));

const readLeakyReLU: LayerReader = (cfg) => {
  const key = cfg.has('negative_slope') ? 'negative_slope' : 'alpha';
  return activation('leaky_relu', cfg.float(key, 0.3, 0, 10));
};

/** ReLU(max_value, negative_slope, threshold): plain relu or leaky relu; clipped or shifted variants are refused. */
const readReLU: LayerReader = (cfg) => {
  cfg.expect('max_value', [null], 'no max_value (null); ReLU6-style clipping is not available');
  cfg.expect('threshold', [0], 'threshold 0');
  const slope = cfg.float('negative_slope', 0, 0, 10);
  return slope === 0 ? activation('relu') : activation('leaky_relu', slope);
};

const readSoftmax: LayerReader = (cfg) => {
  cfg.expect('axis', [-1, [-1]], 'softmax over the last axis (-1)');
  return activation('softmax');
};

const readELU: LayerReader = (cfg) => {
  cfg.expect('alpha', [1], 'alpha 1.0');
  return activation('elu');
};

export const activationReaders: Record<string, LayerReader> = {
  Activation: readActivationLayer,
  LeakyReLU: readLeakyReLU,
  ReLU: readReLU,
  Softmax: readSoftmax,
  ELU: readELU,
};

/** A LeakyReLU layer's own config in the dialect's spelling. */
export function leakyReluConfig(style: KerasStyle, name: string, alpha: number): JsonObject {
  return layerConfig(style, name, style === 'keras3' ? { negative_slope: alpha } : { alpha });
}

export const activationWriters: WriterTable<'Activation'> = {
  Activation: (p, { style, name }) =>
    p.activation === 'leaky_relu'
      ? { className: 'LeakyReLU', config: leakyReluConfig(style, name, p.alpha) }
      : {
          className: 'Activation',
          config: layerConfig(style, name, { activation: writeActivation(p.activation, style) }),
        },
};
