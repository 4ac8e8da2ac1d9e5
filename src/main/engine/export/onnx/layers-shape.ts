/** Flatten, Reshape, Dropout, the normalisations, Activation and the merges. */
import type { GraphNode, NodeOfKind } from '../../../../shared/graph/types.js';
import { preluAxes, preluSlopeShape } from '../../../../shared/layers/specs/activation.js';
import { applyActivation } from './activation.js';
import type { ConvertContext, Value } from './context.js';
import { attr } from './proto.js';

/** Keras flattens NHWC order (row, column, channel), so the NCHW value is viewed as NHWC first. */
export function convertFlatten(ctx: ConvertContext, node: NodeOfKind<'Flatten'>, [x]: Value[]): string {
  return ctx.b.node('Flatten', [ctx.toNhwc(x, node.name)], `${node.name}/flatten`, { attrs: [attr.i('axis', 1)] });
}

/** Reshape in NHWC terms with the target resolved by shape inference; the batch stays (-1). */
export function convertReshape(ctx: ConvertContext, node: NodeOfKind<'Reshape'>, [x]: Value[]): string {
  const out = ctx.shapeOf(node);
  const shape = ctx.b.int64(`${node.name}/shape`, [-1, ...out.slice(1).map((d) => d!)]);
  const y = ctx.b.node('Reshape', [ctx.toNhwc(x, node.name), shape], `${node.name}/reshape`);
  return ctx.fromNhwc(y, out.length, node.name);
}

/** Permute in the NHWC view: a Transpose with the batch axis kept first. */
export function convertPermute(ctx: ConvertContext, node: NodeOfKind<'Permute'>, [x]: Value[]): string {
  const y = ctx.b.node('Transpose', [ctx.toNhwc(x, node.name)], `${node.name}/permute`, {
    attrs: [attr.ints('perm', [0, ...node.params.dims])],
  });
  return ctx.fromNhwc(y, x.shape.length, node.name);
}

/** Inference: dropout is the identity. */
export const convertDropout = (_ctx: ConvertContext, _node: NodeOfKind<'Dropout'>, [x]: Value[]): string => x.name;

/** The layers active only in training are the identity in an exported (inference) model. */
export const convertTrainingOnly = (_ctx: ConvertContext, _node: GraphNode, [x]: Value[]): string => x.name;

export function convertRescaling(ctx: ConvertContext, node: NodeOfKind<'Rescaling'>, [x]: Value[]): string {
  const scale = ctx.b.float(`${node.name}/scale`, [], Float32Array.of(node.params.scale));
  const scaled = ctx.b.node('Mul', [x.name, scale], `${node.name}/mul`);
  const offset = ctx.b.float(`${node.name}/offset`, [], Float32Array.of(node.params.offset));
  return ctx.b.node('Add', [scaled, offset], `${node.name}/add`);
}

function ones(n: number): Float32Array {
  return new Float32Array(n).fill(1);
}

type AffineNorm = NodeOfKind<'BatchNormalization' | 'LayerNormalization' | 'InstanceNormalization'>;

/**
 * A normalization's weights as Keras stores them: gamma and beta (each only when learned), then `more`
 * (BatchNormalization's moving statistics). `gamma` and `beta` write them as initializers of `channels`
 * values, ones and zeros where they are not learned.
 */
function affineWeights(ctx: ConvertContext, node: AffineNorm, more = 0) {
  const p = node.params;
  const learned = Number(p.scale) + Number(p.center);
  const ws = ctx.weights(node, learned + more);
  const gamma = p.scale ? ws[0] : undefined;
  const beta = p.center ? ws[Number(p.scale)] : undefined;
  return {
    learnedBeta: beta !== undefined,
    rest: ws.slice(learned),
    gamma: (channels: number) => ctx.b.float(`${node.name}/gamma`, [channels], gamma?.values ?? ones(channels)),
    beta: (channels: number) =>
      ctx.b.float(`${node.name}/beta`, [channels], beta?.values ?? new Float32Array(channels)),
  };
}

/**
 * Inference-mode BatchNormalization with the moving statistics. ONNX wants
 * the channels on axis 1: true of vectors and (stored NCHW) images; a
 * sequence (N, T, C) is transposed around it.
 */
export function convertBatchNormalization(
  ctx: ConvertContext,
  node: NodeOfKind<'BatchNormalization'>,
  [x]: Value[],
): string {
  const p = node.params;
  const w = affineWeights(ctx, node, 2);
  const [mean, variance] = w.rest;
  const channels = mean.values.length;
  const b = ctx.b;
  const params = [
    w.gamma(channels),
    w.beta(channels),
    b.float(`${node.name}/moving_mean`, [channels], mean.values),
    b.float(`${node.name}/moving_variance`, [channels], variance.values),
  ];
  const sequence = x.shape.length === 3;
  const perm = [attr.ints('perm', [0, 2, 1])];
  const input = sequence ? b.node('Transpose', [x.name], `${node.name}/to_nct`, { attrs: perm }) : x.name;
  const y = b.node('BatchNormalization', [input, ...params], `${node.name}/batch_norm`, {
    attrs: [attr.f('epsilon', p.epsilon)],
  });
  return sequence ? b.node('Transpose', [y], `${node.name}/to_ntc`, { attrs: perm }) : y;
}

/** Keras's Normalization: (x − mean) / max(√variance, 1e-7) per channel (axis 1 of NCHW images, else the last). */
export function convertNormalization(ctx: ConvertContext, node: NodeOfKind<'Normalization'>, [x]: Value[]): string {
  const [mean, variance] = ctx.weights(node, 3);
  const c = mean.values.length;
  const shape = x.shape.length === 4 ? [1, c, 1, 1] : [c];
  const inv = variance.values.map((v) => 1 / Math.max(Math.sqrt(v), 1e-7));
  const b = ctx.b;
  const centred = b.node('Sub', [x.name, b.float(`${node.name}/mean`, shape, mean.values)], `${node.name}/sub`);
  return b.node('Mul', [centred, b.float(`${node.name}/inv_std`, shape, inv)], `${node.name}/mul`);
}

/** LayerNormalization over Keras's last axis (opset 17's LayerNormalization, axis -1, in NHWC view). */
export function convertLayerNormalization(
  ctx: ConvertContext,
  node: NodeOfKind<'LayerNormalization'>,
  [x]: Value[],
): string {
  const p = node.params;
  const w = affineWeights(ctx, node);
  const channels = x.shape[x.shape.length - 1]!;
  const b = ctx.b;
  const inputs = [ctx.toNhwc(x, node.name), w.gamma(channels)];
  if (w.learnedBeta) inputs.push(w.beta(channels));
  const y = b.node('LayerNormalization', inputs, `${node.name}/layer_norm`, {
    attrs: [attr.i('axis', -1), attr.f('epsilon', p.epsilon)],
  });
  return ctx.fromNhwc(y, x.shape.length, node.name);
}

/** InstanceNormalization of an image (stored NCHW): ONNX's op normalises each (sample, channel) over H × W. */
export function convertInstanceNormalization(
  ctx: ConvertContext,
  node: NodeOfKind<'InstanceNormalization'>,
  [x]: Value[],
): string {
  const w = affineWeights(ctx, node);
  const channels = x.shape[x.shape.length - 1]!;
  const params = [w.gamma(channels), w.beta(channels)];
  return ctx.b.node('InstanceNormalization', [x.name, ...params], `${node.name}/instance_norm`, {
    attrs: [attr.f('epsilon', node.params.epsilon)],
  });
}

/** ReflectionPadding2D of an image (stored NCHW): Pad in 'reflect' mode, pads as [begins…, ends…]. */
export function convertReflectionPadding2D(
  ctx: ConvertContext,
  node: NodeOfKind<'ReflectionPadding2D'>,
  [x]: Value[],
): string {
  const [t, b, l, r] = node.params.padding;
  const pads = ctx.b.int64(`${node.name}/pads`, [0, 0, t, l, 0, 0, b, r]);
  return ctx.b.node('Pad', [x.name, pads], `${node.name}/pad`, { attrs: [attr.s('mode', 'reflect')] });
}

/** ZeroPadding2D of an image (stored NCHW): Pad in 'constant' mode (zeros). */
export function convertZeroPadding2D(ctx: ConvertContext, node: NodeOfKind<'ZeroPadding2D'>, [x]: Value[]): string {
  const [t, b, l, r] = node.params.padding;
  const pads = ctx.b.int64(`${node.name}/pads`, [0, 0, t, l, 0, 0, b, r]);
  return ctx.b.node('Pad', [x.name, pads], `${node.name}/pad`);
}

/** Cropping2D of an image (stored NCHW): a Slice of height and width. */
export function convertCropping2D(ctx: ConvertContext, node: NodeOfKind<'Cropping2D'>, [x]: Value[]): string {
  const [t, b, l, r] = node.params.cropping;
  const starts = ctx.b.int64(`${node.name}/starts`, [t, l]);
  const ends = ctx.b.int64(`${node.name}/ends`, [x.shape[1]! - b, x.shape[2]! - r]);
  const axes = ctx.b.int64(`${node.name}/axes`, [2, 3]);
  return ctx.b.node('Slice', [x.name, starts, ends, axes], `${node.name}/crop`);
}

/** RepeatVector: (N, F) -> (N, 1, F) -> tiled n times along the new axis. */
export function convertRepeatVector(ctx: ConvertContext, node: NodeOfKind<'RepeatVector'>, [x]: Value[]): string {
  const axes = ctx.b.int64(`${node.name}/axes`, [1]);
  const y = ctx.b.node('Unsqueeze', [x.name, axes], `${node.name}/unsqueeze`);
  return ctx.b.node('Tile', [y, ctx.b.int64(`${node.name}/repeats`, [1, node.params.n, 1])], `${node.name}/tile`);
}

/** UpSampling1D: (N, T, C) -> (N, T, 1, C), tiled size times, -> (N, T × size, C). */
export function convertUpSampling1D(ctx: ConvertContext, node: NodeOfKind<'UpSampling1D'>, [x]: Value[]): string {
  const [, t, c] = x.shape;
  const s = node.params.size;
  const y = ctx.b.node('Unsqueeze', [x.name, ctx.b.int64(`${node.name}/axes`, [2])], `${node.name}/unsqueeze`);
  const tiled = ctx.b.node('Tile', [y, ctx.b.int64(`${node.name}/repeats`, [1, 1, s, 1])], `${node.name}/tile`);
  const shape = ctx.b.int64(`${node.name}/shape`, [-1, t! * s, c!]);
  return ctx.b.node('Reshape', [tiled, shape], `${node.name}/reshape`);
}

export function convertActivation(ctx: ConvertContext, node: NodeOfKind<'Activation'>, [x]: Value[]): string {
  return applyActivation(ctx, x.name, node.params.activation, node.name, {
    rank: x.shape.length,
    alpha: node.params.alpha,
  });
}

/** Keras's ReLU: Where(x ≥ t, x, slope · (x − t)), then Min with the max value when there is one. */
export function convertReLU(ctx: ConvertContext, node: NodeOfKind<'ReLU'>, [x]: Value[]): string {
  const { maxValue, negativeSlope, threshold } = node.params;
  const b = ctx.b;
  const scalar = (name: string, v: number) => b.float(`${node.name}/${name}`, [], Float32Array.of(v));
  const t = scalar('threshold', threshold);
  const shifted = b.node('Sub', [x.name, t], `${node.name}/shift`);
  const below = b.node('Mul', [shifted, scalar('slope', negativeSlope)], `${node.name}/below`);
  const above = b.node('GreaterOrEqual', [x.name, t], `${node.name}/above`);
  const y = b.node('Where', [above, x.name, below], `${node.name}/relu`);
  return maxValue > 0 ? b.node('Min', [y, scalar('max_value', maxValue)], `${node.name}/cap`) : y;
}

/** Keras's PReLU: ONNX's PRelu with the slope broadcast against the stored layout (an image's HWC slope as CHW). */
export function convertPReLU(ctx: ConvertContext, node: NodeOfKind<'PReLU'>, [x]: Value[]): string {
  const [alpha] = ctx.weights(node, 1);
  const shape = preluSlopeShape(ctx.shapeOf(node), preluAxes(node.params.sharedAxes)) as number[];
  let values = alpha.values;
  let dims = shape;
  if (shape.length === 3) {
    const [h, w, c] = shape;
    values = new Float32Array(values.length);
    for (let i = 0; i < h * w; i++) for (let k = 0; k < c; k++) values[k * h * w + i] = alpha.values[i * c + k];
    dims = [c, h, w];
  }
  const slope = ctx.b.float(`${node.name}/alpha`, dims, values);
  return ctx.b.node('PRelu', [x.name, slope], `${node.name}/prelu`);
}

/** Keras's ELU: ONNX's Elu takes the same alpha. */
export function convertELU(ctx: ConvertContext, node: NodeOfKind<'ELU'>, [x]: Value[]): string {
  return ctx.b.node('Elu', [x.name], `${node.name}/elu`, { attrs: [attr.f('alpha', node.params.alpha)] });
}

/** Softmax along Keras's axis, taken in the NHWC view (images are stored NCHW). */
export function convertSoftmax(ctx: ConvertContext, node: NodeOfKind<'Softmax'>, [x]: Value[]): string {
  const rank = x.shape.length;
  const axis = node.params.axis < 0 ? rank + node.params.axis : node.params.axis;
  const y = ctx.b.node('Softmax', [ctx.toNhwc(x, node.name)], `${node.name}/softmax`, {
    attrs: [attr.i('axis', axis)],
  });
  return ctx.fromNhwc(y, rank, node.name);
}

export function convertAdd(ctx: ConvertContext, node: NodeOfKind<'Add'>, xs: Value[]): string {
  return ctx.b.node(
    'Sum',
    xs.map((x) => x.name),
    `${node.name}/sum`,
  );
}

export const convertSubtract = (ctx: ConvertContext, node: NodeOfKind<'Subtract'>, [a, b]: Value[]): string =>
  ctx.b.node('Sub', [a.name, b.name], `${node.name}/sub`);

/** ONNX's Mul is binary: a chain, left to right as Keras multiplies. */
export function convertMultiply(ctx: ConvertContext, node: NodeOfKind<'Multiply'>, xs: Value[]): string {
  return xs
    .slice(1)
    .reduce((acc, x, i) => ctx.b.node('Mul', [acc, x.name], `${node.name}/mul${i === 0 ? '' : `_${i}`}`), xs[0].name);
}

export const convertAverage = (ctx: ConvertContext, node: NodeOfKind<'Average'>, xs: Value[]): string =>
  ctx.b.node(
    'Mean',
    xs.map((x) => x.name),
    `${node.name}/mean`,
  );

export const convertMaximum = (ctx: ConvertContext, node: NodeOfKind<'Maximum'>, xs: Value[]): string =>
  ctx.b.node(
    'Max',
    xs.map((x) => x.name),
    `${node.name}/max`,
  );

export const convertMinimum = (ctx: ConvertContext, node: NodeOfKind<'Minimum'>, xs: Value[]): string =>
  ctx.b.node(
    'Min',
    xs.map((x) => x.name),
    `${node.name}/min`,
  );

/** Keras concatenates on the last axis: the channel axis (1) of stored images. */
export function convertConcatenate(ctx: ConvertContext, node: NodeOfKind<'Concatenate'>, xs: Value[]): string {
  const rank = xs[0].shape.length;
  return ctx.b.node(
    'Concat',
    xs.map((x) => x.name),
    `${node.name}/concat`,
    { attrs: [attr.i('axis', ctx.channelAxis(rank))] },
  );
}
