/**
 * TimeDistributed: TF.js's own wrapper around the chosen layer (Dense), which is named `<node>_dense`;
 * its weights are `<node>/kernel` and `<node>/bias` (TF.js builds the wrapped layer without a name scope).
 * A leaky_relu activation follows as its own LeakyReLU layer, as for Dense. MultiHeadAttention is
 * Deepwire's own layer (compile/layers), TF.js having none.
 */
import * as tf from '@tensorflow/tfjs';
import { applyWithActivation } from '../activation.js';
import { MultiHeadAttention } from '../layers/multi-head-attention.js';
import { denseLayer } from './dense.js';
import { glorot } from './init.js';
import type { Builder } from './types.js';

export const buildTimeDistributed: Builder<'TimeDistributed'> = (node, ctx) => {
  const p = node.params;
  const inner = denseLayer(`${node.name}_${p.layer.toLowerCase()}`, p, ctx);
  return applyWithActivation(tf.layers.timeDistributed({ name: node.name, layer: inner }), p.activation, ctx.inputs[0]);
};

/** Deepwire's Keras MultiHeadAttention layer on [query, value], or on one sequence (self-attention). */
export const buildMultiHeadAttention: Builder<'MultiHeadAttention'> = (node, ctx) => {
  const p = node.params;
  const layer = new MultiHeadAttention({
    name: node.name,
    numHeads: p.numHeads,
    keyDim: p.keyDim,
    valueDim: p.valueDim > 0 ? p.valueDim : null,
    dropout: p.dropout,
    useBias: p.useBias,
    outputShape: p.outputDim > 0 ? p.outputDim : null,
    kernelInitializer: glorot(ctx),
  });
  return layer.apply(ctx.inputs.length === 1 ? ctx.inputs[0] : ctx.inputs) as tf.SymbolicTensor;
};
