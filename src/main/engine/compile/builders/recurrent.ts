/**
 * SimpleRNN, LSTM, GRU and Bidirectional. A GRU with resetAfter (Keras's
 * default) is Deepwire's ResetAfterGRU, as TF.js's GRU runs only
 * reset_after=False (Bidirectional wraps either). Gates run the node's
 * recurrentActivation (Keras's default sigmoid, not TF.js's default
 * hard_sigmoid, unless the node asks for it).
 */
import * as tf from '@tensorflow/tfjs';
import type { RecurrentParams } from '../../../../shared/layers/params.js';
import { tfActivation } from '../activation.js';
import { glorot, orthogonal } from './init.js';
import type { BuildContext, Builder } from './types.js';
import { ResetAfterGRU } from '../layers/gru-reset-after.js';

type Cell = 'SimpleRNN' | 'LSTM' | 'GRU';

type RnnArgs = RecurrentParams & { name: string };

function rnnLayer(cell: Cell, a: RnnArgs, ctx: BuildContext): tf.RNN {
  const args = {
    name: a.name,
    units: a.units,
    returnSequences: a.returnSequences,
    dropout: a.dropout,
    activation: tfActivation(a.activation),
    useBias: a.useBias,
    kernelInitializer: glorot(ctx),
    recurrentInitializer: orthogonal(ctx),
  };
  if (cell === 'SimpleRNN') return tf.layers.simpleRNN(args);
  // Keras's defaults, not TF.js's (hard_sigmoid gates, no forget bias), unless
  // the node asks for hard_sigmoid gates: the exporters read the gates the model runs.
  const recurrentActivation = tfActivation(a.recurrentActivation ?? 'sigmoid');
  if (cell === 'LSTM') return tf.layers.lstm({ ...args, recurrentActivation, unitForgetBias: true });
  if (a.resetAfter) return new ResetAfterGRU({ ...args, recurrentActivation });
  return tf.layers.gru({ ...args, recurrentActivation });
}

const applyCell = (cell: Cell, node: { name: string; params: Omit<RnnArgs, 'name'> }, ctx: BuildContext) =>
  rnnLayer(cell, { name: node.name, ...node.params }, ctx).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildSimpleRNN: Builder<'SimpleRNN'> = (node, ctx) => applyCell('SimpleRNN', node, ctx);
export const buildLSTM: Builder<'LSTM'> = (node, ctx) => applyCell('LSTM', node, ctx);
export const buildGRU: Builder<'GRU'> = (node, ctx) => applyCell('GRU', node, ctx);

/** The wrapped cell is named `<node>_<cell>`; TF.js adds forward_/backward_ prefixes to its copies. */
export const buildBidirectional: Builder<'Bidirectional'> = (node, ctx) => {
  const p = node.params;
  const inner = rnnLayer(
    p.cell,
    {
      name: `${node.name}_${p.cell.toLowerCase()}`,
      units: p.units,
      returnSequences: p.returnSequences,
      dropout: p.dropout,
      activation: 'tanh',
      useBias: true,
      recurrentActivation: p.recurrentActivation,
      resetAfter: p.cell === 'GRU' && p.resetAfter,
    },
    ctx,
  );
  return tf.layers
    .bidirectional({ name: node.name, layer: inner, mergeMode: p.mergeMode })
    .apply(ctx.inputs[0]) as tf.SymbolicTensor;
};
