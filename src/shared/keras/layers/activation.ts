/**
 * Deepwire's one Activation layer <-> Keras's Activation and its
 * "advanced activation" layers (LeakyReLU, ReLU, Softmax, ELU). LeakyReLU's
 * slope is `negative_slope` in Keras 3 and `alpha` in Keras 2 and TF.js, with
 * a Keras default of 0.3.
 */
import { DeepwireError } from '../../errors.js';
import { PARAM_SPECS } from '../../layers/params.js';
import { preluAxes } from '../../layers/specs/activation.js';
import { hasInlineActivation, writeActivation } from '../activations.js';
import { initializer, layerConfig, nulls } from '../emit.js';
import type { Shape } from '../../layers/types.js';
import type { JsonObject, KerasStyle } from '../types.js';
import { singleAxis, type LayerReader, type ReadLayer, type WriterTable } from './mapping.js';

const DEFAULT_ALPHA = 0.2;

const activation = (name: string, alpha = DEFAULT_ALPHA): ReadLayer => ({
  kind: 'Activation',
  params: { activation: name, alpha },
});

// Keras 2 MobileNets' `Activation(relu6)` names their own relu6 function, which reads as Deepwire's relu6.
const readActivationLayer: LayerReader = (cfg) => activation(cfg.activation('activation', 'linear'));

const readLeakyReLU: LayerReader = (cfg) => {
  const key = cfg.has('negative_slope') ? 'negative_slope' : 'alpha';
  return activation('leaky_relu', cfg.float(key, 0.3, 0, 10));
};

/** ReLU(max_value, negative_slope, threshold): a plain or leaky relu is an Activation, a capped or shifted one a ReLU. */
const readReLU: LayerReader = (cfg) => {
  const maxValue = cfg.has('max_value') ? cfg.float('max_value', 0, 0, 1e6) : 0;
  const threshold = cfg.has('threshold') ? cfg.float('threshold', 0, -1e6, 1e6) : 0;
  const slope = cfg.float('negative_slope', 0, 0, 10);
  if (maxValue === 0 && threshold === 0) return slope === 0 ? activation('relu') : activation('leaky_relu', slope);
  return { kind: 'ReLU', params: { maxValue, negativeSlope: slope, threshold } };
};

/** Softmax over the last axis stays the softmax Activation; over another axis it is a Softmax layer. */
const readSoftmax: LayerReader = (cfg) => {
  const axis = singleAxis(cfg.raw.axis ?? -1);
  if (axis === null) throw cfg.unsupported('axis', 'one integer axis');
  return axis === -1 ? activation('softmax') : { kind: 'Softmax', params: { axis } };
};

/** Keras's ELU layer is Deepwire's ELU (the elu Activation is written as an Activation, so both round-trip). */
const readELU: LayerReader = (cfg) => ({ kind: 'ELU', params: { alpha: cfg.float('alpha', 1, 0, 100) } });

const PRELU_CHOICES: readonly string[] = (PARAM_SPECS.PReLU[0] as { choices: readonly string[] }).choices;

/** PReLU(shared_axes): null, one axis or a list of them; the slope itself is a weight. */
const readPReLU: LayerReader = (cfg) => {
  const raw = cfg.raw.shared_axes ?? [];
  const axes = typeof raw === 'number' ? [raw] : raw;
  const fits = Array.isArray(axes) && axes.length <= 3 && axes.every((a) => Number.isInteger(a) && (a as number) >= 1);
  const choice = fits ? [...new Set(axes as number[])].sort().join(',') || 'none' : '';
  if (!PRELU_CHOICES.includes(choice)) {
    throw cfg.unsupported('shared_axes', 'null, or up to 3 axes counted from 1, e.g. [1, 2]');
  }
  return { kind: 'PReLU', params: { sharedAxes: choice } };
};

export const activationReaders: Record<string, LayerReader> = {
  PReLU: readPReLU,
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

/** ReLU's config; TF.js's ReLU has only max_value, so a slope or threshold is refused there (DW140). */
function reluConfig(
  style: KerasStyle,
  name: string,
  p: { maxValue: number; negativeSlope: number; threshold: number },
) {
  const maxValue = p.maxValue === 0 ? null : p.maxValue;
  if (style !== 'tfjs') {
    return layerConfig(style, name, { max_value: maxValue, negative_slope: p.negativeSlope, threshold: p.threshold });
  }
  if (p.negativeSlope !== 0 || p.threshold !== 0) {
    throw new DeepwireError(
      'DW140',
      `ReLU '${name}' has negative slope ${p.negativeSlope} and threshold ${p.threshold}; TF.js's ReLU has max_value only`,
      name,
    );
  }
  return layerConfig(style, name, { max_value: maxValue });
}

/** ELU's config; TF.js's ELU refuses an alpha other than 1, so it is refused there (DW146). */
function eluConfig(style: KerasStyle, name: string, alpha: number) {
  if (style === 'tfjs' && alpha !== 1) {
    throw new DeepwireError('DW146', `ELU '${name}' has alpha ${alpha}; TF.js's ELU takes alpha 1 only`, name);
  }
  return layerConfig(style, name, { alpha });
}

/** Softmax's config; TF.js's softmax runs over the last axis only, so another axis is refused there (DW147). */
function softmaxConfig(style: KerasStyle, name: string, axis: number, input: Shape | undefined) {
  if (style === 'tfjs' && axis !== -1 && (!input || axis !== input.length - 1)) {
    throw new DeepwireError(
      'DW147',
      `Softmax '${name}' is over axis ${axis}; TF.js's Softmax runs over the last axis only`,
      name,
    );
  }
  return layerConfig(style, name, { axis });
}

/** The layer that carries a fused activation a dialect cannot spell inline (see write/plan.ts). */
export function splitActivationLayer(
  activation: 'leaky_relu' | 'relu6',
  style: KerasStyle,
  name: string,
): { className: string; config: JsonObject } {
  return activation === 'leaky_relu'
    ? { className: 'LeakyReLU', config: leakyReluConfig(style, name, 0.2) }
    : { className: 'ReLU', config: reluConfig(style, name, RELU6) };
}

const RELU6 = { maxValue: 6, negativeSlope: 0, threshold: 0 };

export const activationWriters: WriterTable<'Activation' | 'ReLU' | 'ELU' | 'Softmax' | 'PReLU'> = {
  PReLU: (p, { style, name }) => ({
    className: 'PReLU',
    config: layerConfig(style, name, {
      alpha_initializer: initializer(style, 'Zeros'),
      ...nulls('alpha_regularizer', 'alpha_constraint'),
      shared_axes: p.sharedAxes === 'none' ? null : preluAxes(p.sharedAxes),
    }),
  }),
  ELU: (p, { style, name }) => ({ className: 'ELU', config: eluConfig(style, name, p.alpha) }),
  Softmax: (p, { style, name, input }) => ({ className: 'Softmax', config: softmaxConfig(style, name, p.axis, input) }),
  ReLU: (p, { style, name }) => ({ className: 'ReLU', config: reluConfig(style, name, p) }),
  Activation: (p, { style, name }) => {
    if (p.activation === 'leaky_relu') return { className: 'LeakyReLU', config: leakyReluConfig(style, name, p.alpha) };
    // Keras 2 has no relu6 activation: its ReLU layer (read back as the ReLU kind, the same function).
    if (!hasInlineActivation(p.activation, style)) return splitActivationLayer('relu6', style, name);
    return {
      className: 'Activation',
      config: layerConfig(style, name, { activation: writeActivation(p.activation, style) }),
    };
  },
};
