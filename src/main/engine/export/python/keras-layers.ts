/**
 * One Keras 3 layer constructor per Deepwire node, with Deepwire's semantics
 * spelled out (GRU reset_after as the node says, TF.js's hard-sigmoid gates and activation
 * (clip(0.2·x + 0.5, 0, 1), not Keras 3's relu6(x + 3) / 6), LeakyReLU slopes).
 */
import { preluAxes } from '../../../../shared/layers/specs/activation.js';
import type { GraphNode } from '../../../../shared/graph/types.js';
import { LAYER_SPECS } from '../../../../shared/layers/catalog.js';
import type { RecurrentParams } from '../../../../shared/layers/params.js';
import type { ActivationName } from '../../../../shared/layers/types.js';
import type { GateActivation } from '../snapshot.js';
import { pyStr } from '../escape.js';
import { py, pyFloat } from './pyfmt.js';

/** RandomRotation, RandomTranslation and RandomZoom's params, seen together. */
type Warped = { fillMode: string; interpolation: string; fillValue: number } & Partial<
  Record<'factor' | 'heightFactor' | 'widthFactor', number>
>;

/** Merge layers (arity 'many') are called on a list of tensors, every other layer on one tensor. */
export const takesInputList = (node: GraphNode): boolean => LAYER_SPECS[node.kind].arity === 'many';

const args = (list: (string | false | undefined)[]): string => list.filter(Boolean).join(', ');

/** An activation as Keras 3 Python: Keras 3's "hard_sigmoid" is relu6(x + 3) / 6, Deepwire's the Keras 2 / TF.js form. */
const pyActivation = (a: ActivationName): string => (a === 'hard_sigmoid' ? 'hard_sigmoid_tfjs' : py(a));

function recurrent(
  cell: 'SimpleRNN' | 'LSTM' | 'GRU',
  p: RecurrentParams,
  gate: GateActivation | undefined,
  name?: string,
): string {
  return `layers.${cell}(${args([
    String(p.units),
    `activation=${pyActivation(p.activation)}`,
    cell !== 'SimpleRNN' && `recurrent_activation=${gate === 'hard_sigmoid' ? 'hard_sigmoid_tfjs' : '"sigmoid"'}`,
    `use_bias=${py(p.useBias)}`,
    `return_sequences=${py(p.returnSequences)}`,
    p.dropout > 0 && `dropout=${pyFloat(p.dropout)}`,
    cell === 'GRU' && `reset_after=${py(p.resetAfter ?? false)}`,
    name && `name=${pyStr(name)}`,
  ])})`;
}

/** A convolution's arguments; each kind has the window, strides, padding, activation and bias, and some of the rest. */
interface ConvParams {
  filters?: number;
  kernelSize: number | readonly number[];
  strides: number | readonly number[];
  padding: string;
  dilationRate?: number | readonly number[];
  depthMultiplier?: number;
  activation: ActivationName;
  useBias: boolean;
}

const conv = (kind: string, p: ConvParams, act: (a: ActivationName) => string, name: string): string =>
  `layers.${kind}(${args([
    p.filters !== undefined && String(p.filters),
    py(p.kernelSize),
    `strides=${py(p.strides)}`,
    `padding=${py(p.padding)}`,
    p.dilationRate !== undefined && `dilation_rate=${py(p.dilationRate)}`,
    p.depthMultiplier !== undefined && `depth_multiplier=${p.depthMultiplier}`,
    `activation=${act(p.activation)}`,
    `use_bias=${py(p.useBias)}`,
    name,
  ])})`;

/** `layers.X(...)` for a node (not Input/Noise); `activationExpr` (Python) replaces its activation (a switchable logit head). */
export function kerasLayer(node: GraphNode, gate: GateActivation | undefined, activationExpr?: string): string {
  const act = (a: ActivationName) => activationExpr ?? pyActivation(a);
  const name = `name=${pyStr(node.name)}`;
  switch (node.kind) {
    case 'Input':
    case 'Noise':
      throw new Error('inputs are written as keras.Input');
    case 'Dense': {
      const p = node.params;
      return `layers.Dense(${args([String(p.units), `activation=${act(p.activation)}`, `use_bias=${py(p.useBias)}`, name])})`;
    }
    case 'Conv2D':
    case 'Conv2DTranspose':
    case 'SeparableConv2D':
    case 'DepthwiseConv2D':
    case 'Conv1D':
      return conv(node.kind, node.params, act, name);
    case 'MaxPooling1D':
    case 'AveragePooling1D':
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const p = node.params;
      return `layers.${node.kind}(${args([py(p.poolSize), `strides=${py(p.strides)}`, `padding=${py(p.padding)}`, name])})`;
    }
    case 'GlobalAveragePooling1D':
    case 'GlobalMaxPooling1D':
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
    case 'Flatten':
    case 'Add':
    case 'Subtract':
    case 'Multiply':
    case 'Average':
    case 'Maximum':
    case 'Minimum':
    case 'Concatenate':
      return `layers.${node.kind}(${name})`;
    case 'UpSampling2D':
      return `layers.UpSampling2D(${args([py(node.params.size), `interpolation=${py(node.params.interpolation)}`, name])})`;
    case 'Permute':
      return `layers.Permute(${args([`(${node.params.dims.join(', ')},)`, name])})`;
    case 'Reshape':
      return `layers.Reshape(${args([py(node.params.targetShape), name])})`;
    case 'GaussianNoise':
      return `layers.GaussianNoise(${args([pyFloat(node.params.stddev), name])})`;
    case 'GaussianDropout':
    case 'SpatialDropout1D':
    case 'SpatialDropout2D':
      return `layers.${node.kind}(${args([pyFloat(node.params.rate), name])})`;
    case 'Rescaling':
      return `layers.Rescaling(${args([pyFloat(node.params.scale), `offset=${pyFloat(node.params.offset)}`, name])})`;
    case 'Dropout':
      return `layers.Dropout(${args([pyFloat(node.params.rate), name])})`;
    case 'RandomFlip':
      return `layers.RandomFlip(${args([`mode=${py(node.params.mode)}`, name])})`;
    case 'RandomRotation':
    case 'RandomTranslation':
    case 'RandomZoom': {
      const p: Warped = node.params;
      const factors =
        node.kind === 'RandomRotation'
          ? [pyFloat(p.factor ?? 0)]
          : [
              pyFloat(p.heightFactor ?? 0),
              `width_factor=${(p.widthFactor ?? -1) < 0 ? 'None' : pyFloat(p.widthFactor ?? -1)}`,
            ];
      return `layers.${node.kind}(${args([
        ...factors,
        `fill_mode=${py(p.fillMode)}`,
        `interpolation=${py(p.interpolation)}`,
        `fill_value=${pyFloat(p.fillValue)}`,
        name,
      ])})`;
    }
    case 'Normalization':
      return `layers.Normalization(${args(['axis=-1', name])})`;
    case 'BatchNormalization': {
      const p = node.params;
      return `layers.BatchNormalization(${args([`momentum=${pyFloat(p.momentum)}`, `epsilon=${pyFloat(p.epsilon)}`, `center=${py(p.center)}`, `scale=${py(p.scale)}`, name])})`;
    }
    case 'InstanceNormalization': {
      const p = node.params;
      const opts = [
        `groups=-1`,
        `epsilon=${pyFloat(p.epsilon)}`,
        `center=${py(p.center)}`,
        `scale=${py(p.scale)}`,
        name,
      ];
      return `layers.GroupNormalization(${args(opts)})`;
    }
    case 'ReflectionPadding2D': {
      const [t, b, l, r] = node.params.padding;
      return `layers.Lambda(${args([`lambda x: keras.ops.pad(x, [[0, 0], [${t}, ${b}], [${l}, ${r}], [0, 0]], mode="reflect")`, name])})`;
    }
    case 'Cropping2D': {
      const [t, b, l, r] = node.params.cropping;
      return `layers.Cropping2D(${args([`((${t}, ${b}), (${l}, ${r}))`, name])})`;
    }
    case 'RepeatVector':
      return `layers.RepeatVector(${args([String(node.params.n), name])})`;
    case 'UpSampling1D':
      return `layers.UpSampling1D(${args([String(node.params.size), name])})`;
    case 'ZeroPadding2D': {
      const [t, b, l, r] = node.params.padding;
      return `layers.ZeroPadding2D(${args([`((${t}, ${b}), (${l}, ${r}))`, name])})`;
    }
    case 'LayerNormalization': {
      const p = node.params;
      return `layers.LayerNormalization(${args([`epsilon=${pyFloat(p.epsilon)}`, `center=${py(p.center)}`, `scale=${py(p.scale)}`, name])})`;
    }
    case 'Activation': {
      const a = node.params.activation;
      if (a === 'leaky_relu' && !activationExpr)
        return `layers.LeakyReLU(${args([`negative_slope=${pyFloat(node.params.alpha)}`, name])})`;
      return `layers.Activation(${args([act(a), name])})`;
    }
    case 'PReLU': {
      const axes = preluAxes(node.params.sharedAxes);
      return `layers.PReLU(${args([`shared_axes=${axes.length ? `[${axes.join(', ')}]` : 'None'}`, name])})`;
    }
    case 'ELU':
      return `layers.ELU(${args([`alpha=${pyFloat(node.params.alpha)}`, name])})`;
    case 'Softmax':
      return `layers.Softmax(${args([`axis=${node.params.axis}`, name])})`;
    case 'ReLU': {
      const p = node.params;
      return `layers.ReLU(${args([
        `max_value=${p.maxValue > 0 ? pyFloat(p.maxValue) : 'None'}`,
        `negative_slope=${pyFloat(p.negativeSlope)}`,
        `threshold=${pyFloat(p.threshold)}`,
        name,
      ])})`;
    }
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      return recurrent(node.kind, node.params, gate, node.name);
    case 'Bidirectional': {
      const p = node.params;
      const inner = recurrent(
        p.cell,
        {
          units: p.units,
          returnSequences: p.returnSequences,
          dropout: p.dropout,
          activation: 'tanh',
          useBias: true,
          resetAfter: p.resetAfter,
        },
        gate,
      );
      return `layers.Bidirectional(${args([inner, `merge_mode=${py(p.mergeMode)}`, name])})`;
    }
    case 'TimeDistributed': {
      const p = node.params;
      const inner = `layers.Dense(${args([String(p.units), `activation=${act(p.activation)}`, `use_bias=${py(p.useBias)}`])})`;
      return `layers.TimeDistributed(${args([inner, name])})`;
    }
    case 'MultiHeadAttention': {
      const p = node.params;
      return `layers.MultiHeadAttention(${args([
        `num_heads=${p.numHeads}`,
        `key_dim=${p.keyDim}`,
        p.valueDim > 0 && `value_dim=${p.valueDim}`,
        p.dropout > 0 && `dropout=${pyFloat(p.dropout)}`,
        `use_bias=${py(p.useBias)}`,
        p.outputDim > 0 && `output_shape=${p.outputDim}`,
        name,
      ])})`;
    }
    case 'Embedding':
      return `layers.Embedding(${args([String(node.params.inputDim), String(node.params.outputDim), name])})`;
  }
}
