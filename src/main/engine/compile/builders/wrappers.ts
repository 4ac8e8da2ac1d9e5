/**
 * TimeDistributed: TF.js's own wrapper around the chosen layer (Dense), which is named `<node>_dense`;
 * its weights are `<node>/kernel` and `<node>/bias` (TF.js builds the wrapped layer without a name scope).
 * A leaky_relu activation follows as its own LeakyReLU layer, as for Dense.
 */
import * as tf from '@tensorflow/tfjs';
import { applyWithActivation } from '../activation.js';
import { denseLayer } from './dense.js';
import type { Builder } from './types.js';

export const buildTimeDistributed: Builder<'TimeDistributed'> = (node, ctx) => {
  const p = node.params;
  const inner = denseLayer(`${node.name}_${p.layer.toLowerCase()}`, p, ctx);
  return applyWithActivation(tf.layers.timeDistributed({ name: node.name, layer: inner }), p.activation, ctx.inputs[0]);
};
