/**
 * How each dialect wraps what a layer writes: the object envelope (Keras 3
 * adds `module` and `registered_name`), initializers (TF.js serializes the
 * Glorot family as VarianceScaling), dtype (Keras 3: a DTypePolicy object),
 * and where the common `name`/`trainable` keys go.
 */
import type { JsonObject, KerasStyle } from './types.js';

/** Keras's default initializers; Deepwire builds layers with these (not TF.js's glorotNormal). */
export type InitializerName = 'GlorotUniform' | 'Zeros' | 'Ones' | 'Orthogonal' | 'RandomUniform';

const INITIALIZER_CONFIG: Record<InitializerName, JsonObject> = {
  GlorotUniform: { seed: null },
  Zeros: {},
  Ones: {},
  Orthogonal: { gain: 1, seed: null },
  RandomUniform: { minval: -0.05, maxval: 0.05, seed: null },
};

/** A `{class_name, config}` object in the dialect's envelope. */
export function kerasObject(
  style: KerasStyle,
  module: string,
  className: string,
  config: JsonObject | string,
): JsonObject {
  if (style === 'keras3') return { module, class_name: className, config, registered_name: null };
  return { class_name: className, config };
}

export function initializer(style: KerasStyle, name: InitializerName): JsonObject {
  if (style === 'tfjs' && name === 'GlorotUniform') {
    // TF.js 4.22 serializes glorotUniform as the VarianceScaling it is.
    return kerasObject(style, '', 'VarianceScaling', {
      scale: 1,
      mode: 'fan_avg',
      distribution: 'uniform',
      seed: null,
    });
  }
  // Keras 3 renamed the Orthogonal class (the old name stays an alias).
  const className = style === 'keras3' && name === 'Orthogonal' ? 'OrthogonalInitializer' : name;
  return kerasObject(style, 'keras.initializers', className, { ...INITIALIZER_CONFIG[name] });
}

/** The layer dtype: Keras 3 (3.4+) writes a DTypePolicy object, Keras 2 a string, TF.js nothing. */
export function dtypeEntry(style: KerasStyle): JsonObject {
  if (style === 'keras3') return { dtype: kerasObject(style, 'keras', 'DTypePolicy', { name: 'float32' }) };
  if (style === 'keras2') return { dtype: 'float32' };
  return {};
}

/**
 * A layer's config with the common keys where the dialect puts them: Keras
 * writes `name`, `trainable`, `dtype` first; TF.js appends `name`, `trainable`.
 */
export function layerConfig(style: KerasStyle, name: string, own: JsonObject): JsonObject {
  if (style === 'tfjs') return { ...own, name, trainable: true };
  return { name, trainable: true, ...dtypeEntry(style), ...own };
}

/** `kernel_regularizer: null, …` for the given weight names (plus activity when asked). */
export function nulls(...keys: string[]): JsonObject {
  return Object.fromEntries(keys.map((k) => [k, null]));
}

/** What a layer with a kernel and a bias writes after its own options: Glorot/zeros, no regularizers or constraints. */
export function kernelAndBiasDefaults(style: KerasStyle): JsonObject {
  return {
    kernel_initializer: initializer(style, 'GlorotUniform'),
    bias_initializer: initializer(style, 'Zeros'),
    ...nulls('kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint'),
  };
}
