/**
 * Convolutions, poolings and upsampling over NCHW values (see context.ts); the 1-D layers take (N, T, C)
 * sequences, as stored, and run ONNX's 1-D Conv and pools on (N, C, T) between two Transposes.
 */
import type { NodeOfKind } from '../../../../shared/graph/types.js';
import { transposePads, windowPads } from '../padding.js';
import { applyActivation } from './activation.js';
import { ConvertContext, type Value } from './context.js';
import { attr } from './proto.js';

/** ONNX pads [top, left, bottom, right] for a window over an NHWC input shape. */
function onnxPads(
  padding: 'valid' | 'same',
  input: Value,
  kernel: readonly number[],
  strides: readonly number[],
  dilation = [1, 1],
): number[] {
  const h = windowPads(padding, input.shape[1], kernel[0], strides[0], dilation[0]);
  const w = windowPads(padding, input.shape[2], kernel[1], strides[1], dilation[1]);
  return [h.before, w.before, h.after, w.after];
}

/** HWIO / HW-out-in kernels both become ONNX's [dim3, dim2, H, W] by the same permutation. */
function kernelToOnnx(ctx: ConvertContext, name: string, shape: number[], values: Float32Array): string {
  const perm = [3, 2, 0, 1];
  return ctx.b.float(
    name,
    perm.map((p) => shape[p]),
    ConvertContext.permute(values, shape, perm),
  );
}

export function convertConv2D(ctx: ConvertContext, node: NodeOfKind<'Conv2D'>, [x]: Value[]): string {
  const p = node.params;
  const [kernel, bias] = ctx.weights(node, p.useBias ? 2 : 1);
  const inputs = [x.name, kernelToOnnx(ctx, `${node.name}/kernel`, kernel.shape, kernel.values)];
  if (bias) inputs.push(ctx.b.float(`${node.name}/bias`, bias.shape, bias.values));
  const y = ctx.b.node('Conv', inputs, `${node.name}/conv`, {
    attrs: [
      attr.ints('kernel_shape', p.kernelSize),
      attr.ints('strides', p.strides),
      attr.ints('dilations', p.dilationRate),
      attr.ints('pads', onnxPads(p.padding, x, p.kernelSize, p.strides, [...p.dilationRate])),
      attr.i('group', 1),
    ],
  });
  return applyActivation(ctx, y, p.activation, node.name, { rank: 4 });
}

/** A grouped Conv with one group per input channel; Keras [kh, kw, C, m] -> ONNX [C × m, 1, kh, kw]. */
export function convertDepthwiseConv2D(ctx: ConvertContext, node: NodeOfKind<'DepthwiseConv2D'>, [x]: Value[]): string {
  const p = node.params;
  const [kernel, bias] = ctx.weights(node, p.useBias ? 2 : 1);
  const [kh, kw, c, m] = kernel.shape;
  const w = ctx.b.float(
    `${node.name}/kernel`,
    [c * m, 1, kh, kw],
    ConvertContext.permute(kernel.values, kernel.shape, [2, 3, 0, 1]),
  );
  const inputs = [x.name, w];
  if (bias) inputs.push(ctx.b.float(`${node.name}/bias`, bias.shape, bias.values));
  const y = ctx.b.node('Conv', inputs, `${node.name}/depthwise_conv`, {
    attrs: [
      attr.ints('kernel_shape', p.kernelSize),
      attr.ints('strides', p.strides),
      attr.ints('pads', onnxPads(p.padding, x, p.kernelSize, p.strides)),
      attr.i('group', c),
    ],
  });
  return applyActivation(ctx, y, p.activation, node.name, { rank: 4 });
}

/** A grouped depthwise Conv without bias, then a 1×1 Conv with the pointwise kernel [1, 1, C × m, F] and the bias. */
export function convertSeparableConv2D(ctx: ConvertContext, node: NodeOfKind<'SeparableConv2D'>, [x]: Value[]): string {
  const p = node.params;
  const [depthwise, pointwise, bias] = ctx.weights(node, p.useBias ? 3 : 2);
  const [kh, kw, c, m] = depthwise.shape;
  const dw = ctx.b.float(
    `${node.name}/depthwise_kernel`,
    [c * m, 1, kh, kw],
    ConvertContext.permute(depthwise.values, depthwise.shape, [2, 3, 0, 1]),
  );
  const mid = ctx.b.node('Conv', [x.name, dw], `${node.name}/depthwise_conv`, {
    attrs: [
      attr.ints('kernel_shape', p.kernelSize),
      attr.ints('strides', p.strides),
      attr.ints('pads', onnxPads(p.padding, x, p.kernelSize, p.strides)),
      attr.i('group', c),
    ],
  });
  const inputs = [mid, kernelToOnnx(ctx, `${node.name}/pointwise_kernel`, pointwise.shape, pointwise.values)];
  if (bias) inputs.push(ctx.b.float(`${node.name}/bias`, bias.shape, bias.values));
  const y = ctx.b.node('Conv', inputs, `${node.name}/pointwise_conv`, { attrs: [attr.ints('kernel_shape', [1, 1])] });
  return applyActivation(ctx, y, p.activation, node.name, { rank: 4 });
}

export function convertConv2DTranspose(ctx: ConvertContext, node: NodeOfKind<'Conv2DTranspose'>, [x]: Value[]): string {
  const p = node.params;
  const [kernel, bias] = ctx.weights(node, p.useBias ? 2 : 1);
  const inputs = [x.name, kernelToOnnx(ctx, `${node.name}/kernel`, kernel.shape, kernel.values)];
  if (bias) inputs.push(ctx.b.float(`${node.name}/bias`, bias.shape, bias.values));
  const h = transposePads(p.padding, p.kernelSize[0], p.strides[0]);
  const w = transposePads(p.padding, p.kernelSize[1], p.strides[1]);
  const y = ctx.b.node('ConvTranspose', inputs, `${node.name}/conv_transpose`, {
    attrs: [
      attr.ints('kernel_shape', p.kernelSize),
      attr.ints('strides', p.strides),
      attr.ints('pads', [h.before, w.before, h.after, w.after]),
      attr.ints('output_padding', [h.outputPadding, w.outputPadding]),
    ],
  });
  return applyActivation(ctx, y, p.activation, node.name, { rank: 4 });
}

export function convertMaxPooling2D(ctx: ConvertContext, node: NodeOfKind<'MaxPooling2D'>, [x]: Value[]): string {
  const p = node.params;
  return ctx.b.node('MaxPool', [x.name], `${node.name}/max_pool`, {
    attrs: [
      attr.ints('kernel_shape', p.poolSize),
      attr.ints('strides', p.strides),
      attr.ints('pads', onnxPads(p.padding, x, p.poolSize, p.strides)),
    ],
  });
}

/** Keras averages only the real (unpadded) elements of a 'same' window: count_include_pad = 0. */
export function convertAveragePooling2D(
  ctx: ConvertContext,
  node: NodeOfKind<'AveragePooling2D'>,
  [x]: Value[],
): string {
  const p = node.params;
  return ctx.b.node('AveragePool', [x.name], `${node.name}/average_pool`, {
    attrs: [
      attr.ints('kernel_shape', p.poolSize),
      attr.ints('strides', p.strides),
      attr.ints('pads', onnxPads(p.padding, x, p.poolSize, p.strides)),
      attr.i('count_include_pad', 0),
    ],
  });
}

function globalPool(ctx: ConvertContext, op: string, name: string, x: Value): string {
  const pooled = ctx.b.node(op, [x.name], `${name}/${op}`);
  return ctx.b.node('Flatten', [pooled], `${name}/flatten`, { attrs: [attr.i('axis', 1)] });
}

export const convertGlobalAveragePooling2D = (
  ctx: ConvertContext,
  node: NodeOfKind<'GlobalAveragePooling2D'>,
  [x]: Value[],
) => globalPool(ctx, 'GlobalAveragePool', node.name, x);

export const convertGlobalMaxPooling2D = (ctx: ConvertContext, node: NodeOfKind<'GlobalMaxPooling2D'>, [x]: Value[]) =>
  globalPool(ctx, 'GlobalMaxPool', node.name, x);

/**
 * TF.js upsamples with resizeNearestNeighbor / resizeBilinear (alignCorners
 * false, halfPixelCenters false): source coordinate = destination / scale,
 * which is ONNX's 'asymmetric' mode (with floor for nearest).
 */
export function convertUpSampling2D(ctx: ConvertContext, node: NodeOfKind<'UpSampling2D'>, [x]: Value[]): string {
  const p = node.params;
  const scales = ctx.b.float(`${node.name}/scales`, [4], Float32Array.of(1, 1, p.size[0], p.size[1]));
  const nearest = p.interpolation === 'nearest';
  return ctx.b.node('Resize', [x.name, '', scales], `${node.name}/resize`, {
    attrs: [
      attr.s('mode', nearest ? 'nearest' : 'linear'),
      attr.s('coordinate_transformation_mode', 'asymmetric'),
      ...(nearest ? [attr.s('nearest_mode', 'floor')] : []),
    ],
  });
}

const NTC_TO_NCT = [0, 2, 1];

/** `op` over (N, C, T): the sequence transposed in and the result transposed back to (N, T, C). */
function overTime(ctx: ConvertContext, name: string, x: Value, op: (nct: string) => string): string {
  const nct = ctx.b.node('Transpose', [x.name], `${name}/to_nct`, { attrs: [attr.ints('perm', NTC_TO_NCT)] });
  return ctx.b.node('Transpose', [op(nct)], `${name}/to_ntc`, { attrs: [attr.ints('perm', NTC_TO_NCT)] });
}

/** ONNX pads [begin, end] of a window along the time axis of an (N, T, C) input. */
function timePads(padding: 'valid' | 'same', x: Value, kernel: number, stride: number, dilation = 1): number[] {
  const t = windowPads(padding, x.shape[1], kernel, stride, dilation);
  return [t.before, t.after];
}

export function convertConv1D(ctx: ConvertContext, node: NodeOfKind<'Conv1D'>, [x]: Value[]): string {
  const p = node.params;
  const [kernel, bias] = ctx.weights(node, p.useBias ? 2 : 1);
  // Keras [k, in, out] -> ONNX [out, in, k].
  const perm = [2, 1, 0];
  const w = ctx.b.float(
    `${node.name}/kernel`,
    perm.map((i) => kernel.shape[i]),
    ConvertContext.permute(kernel.values, kernel.shape, perm),
  );
  const b = bias ? [ctx.b.float(`${node.name}/bias`, bias.shape, bias.values)] : [];
  const y = overTime(ctx, node.name, x, (nct) =>
    ctx.b.node('Conv', [nct, w, ...b], `${node.name}/conv`, {
      attrs: [
        attr.ints('kernel_shape', [p.kernelSize]),
        attr.ints('strides', [p.strides]),
        attr.ints('dilations', [p.dilationRate]),
        attr.ints('pads', timePads(p.padding, x, p.kernelSize, p.strides, p.dilationRate)),
        attr.i('group', 1),
      ],
    }),
  );
  return applyActivation(ctx, y, p.activation, node.name, { rank: 3 });
}

export function convertMaxPooling1D(ctx: ConvertContext, node: NodeOfKind<'MaxPooling1D'>, [x]: Value[]): string {
  const p = node.params;
  return overTime(ctx, node.name, x, (nct) =>
    ctx.b.node('MaxPool', [nct], `${node.name}/max_pool`, {
      attrs: [
        attr.ints('kernel_shape', [p.poolSize]),
        attr.ints('strides', [p.strides]),
        attr.ints('pads', timePads(p.padding, x, p.poolSize, p.strides)),
      ],
    }),
  );
}

export function convertAveragePooling1D(
  ctx: ConvertContext,
  node: NodeOfKind<'AveragePooling1D'>,
  [x]: Value[],
): string {
  const p = node.params;
  return overTime(ctx, node.name, x, (nct) =>
    ctx.b.node('AveragePool', [nct], `${node.name}/average_pool`, {
      attrs: [
        attr.ints('kernel_shape', [p.poolSize]),
        attr.ints('strides', [p.strides]),
        attr.ints('pads', timePads(p.padding, x, p.poolSize, p.strides)),
        attr.i('count_include_pad', 0),
      ],
    }),
  );
}

/** A reduction over the time axis of (N, T, C). */
const overSteps = (ctx: ConvertContext, op: string, name: string, x: Value) =>
  ctx.b.node(op, [x.name], `${name}/${op}`, { attrs: [attr.ints('axes', [1]), attr.i('keepdims', 0)] });

export const convertGlobalAveragePooling1D = (
  ctx: ConvertContext,
  node: NodeOfKind<'GlobalAveragePooling1D'>,
  [x]: Value[],
) => overSteps(ctx, 'ReduceMean', node.name, x);

export const convertGlobalMaxPooling1D = (ctx: ConvertContext, node: NodeOfKind<'GlobalMaxPooling1D'>, [x]: Value[]) =>
  overSteps(ctx, 'ReduceMax', node.name, x);
