/** Dense and Embedding <-> Keras. Keras 3's Dense has no `activity_regularizer` key; Keras 2 and TF.js do. */
import { inlineActivation } from '../activations.js';
import { initializer, kernelAndBiasDefaults, layerConfig, nulls } from '../emit.js';
import type { LayerReader, WriterTable } from './mapping.js';

const readDense: LayerReader = (cfg) => {
  cfg.ignoreRegularizers();
  cfg.ignore('lora_rank', [null], 'LoRA adapters are not part of Deepwire models');
  return {
    kind: 'Dense',
    params: {
      units: cfg.int('units'),
      activation: cfg.activation('activation', 'linear'),
      useBias: cfg.bool('use_bias', true),
    },
  };
};

const readEmbedding: LayerReader = (cfg) => {
  cfg.ignoreRegularizers();
  cfg.ignore('mask_zero', [false], 'Deepwire does not mask padded time steps');
  return { kind: 'Embedding', params: { inputDim: cfg.int('input_dim'), outputDim: cfg.int('output_dim') } };
};

export const denseReaders: Record<string, LayerReader> = { Dense: readDense, Embedding: readEmbedding };

export const denseWriters: WriterTable<'Dense' | 'Embedding'> = {
  Dense: (p, { style, name }) => ({
    className: 'Dense',
    config: layerConfig(style, name, {
      units: p.units,
      activation: inlineActivation(p.activation, style),
      use_bias: p.useBias,
      ...(style === 'keras3'
        ? {
            kernel_initializer: initializer(style, 'GlorotUniform'),
            bias_initializer: initializer(style, 'Zeros'),
            ...nulls('kernel_regularizer', 'bias_regularizer', 'kernel_constraint', 'bias_constraint'),
          }
        : kernelAndBiasDefaults(style)),
    }),
  }),
  Embedding: (p, { style, name }) => ({
    className: 'Embedding',
    config: layerConfig(style, name, {
      input_dim: p.inputDim,
      output_dim: p.outputDim,
      embeddings_initializer: initializer(style, 'RandomUniform'),
      ...nulls('embeddings_regularizer', 'activity_regularizer', 'embeddings_constraint'),
      mask_zero: false,
      // TF.js gives every Embedding a batch_input_shape of [null, input_length].
      ...(style === 'keras3' ? {} : { input_length: null }),
      ...(style === 'tfjs' ? { batch_input_shape: [null, null], dtype: 'float32' } : {}),
    }),
  }),
};
