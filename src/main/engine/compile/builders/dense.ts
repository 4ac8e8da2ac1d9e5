/** Input sources, Dense and Embedding. */
import * as tf from '@tensorflow/tfjs';
import { applyWithActivation, tfActivation } from '../activation.js';
import { embeddingInit, glorot } from './init.js';
import type { ParamsOf } from '../../../../shared/layers/params.js';
import type { BuildContext, Builder } from './types.js';

export const buildInput: Builder<'Input'> = (node) =>
  tf.input({ shape: [...node.params.shape], dtype: node.params.dtype, name: node.name });

/** A generator's latent vector z arrives as a plain input; the trainer samples it. */
export const buildNoise: Builder<'Noise'> = (node) => tf.input({ shape: [node.params.size], name: node.name });

/** A Dense layer with Deepwire's initializers (also TimeDistributed's wrapped layer). */
export const denseLayer = (name: string, p: ParamsOf<'Dense'>, ctx: BuildContext): tf.layers.Layer =>
  tf.layers.dense({
    name,
    units: p.units,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    kernelInitializer: glorot(ctx),
  });

export const buildDense: Builder<'Dense'> = (node, ctx) =>
  applyWithActivation(denseLayer(node.name, node.params, ctx), node.params.activation, ctx.inputs[0]);

export const buildEmbedding: Builder<'Embedding'> = (node, ctx) =>
  tf.layers
    .embedding({
      name: node.name,
      inputDim: node.params.inputDim,
      outputDim: node.params.outputDim,
      embeddingsInitializer: embeddingInit(ctx),
    })
    .apply(ctx.inputs[0]) as tf.SymbolicTensor;
