/** Convolutions and the pooling family over NHWC images and (time, features) sequences. */
import * as tf from '@tensorflow/tfjs';
import { applyWithActivation, tfActivation } from '../activation.js';
import { glorot } from './init.js';
import type { ActivationName } from '../../../../shared/layers/types.js';
import type { BuildContext, Builder } from './types.js';

const pair = (v: readonly number[]): [number, number] => [v[0], v[1]];

/** A window option as TF.js takes it: one number for the 1-D layers, a pair for the 2-D ones. */
type Window = number | readonly number[];
type Size<V extends Window> = V extends number ? number : [number, number];
const size = <V extends Window>(v: V) => (typeof v === 'number' ? v : pair(v as readonly number[])) as Size<V>;

/** What every convolution passes but its filters, dilation and initializers (TF.js fuses the activation where it can). */
const convArgs = (
  name: string,
  p: { kernelSize: Window; strides: Window; padding: 'valid' | 'same'; activation: ActivationName; useBias: boolean },
) => ({
  name,
  kernelSize: size(p.kernelSize),
  strides: size(p.strides),
  padding: p.padding,
  activation: tfActivation(p.activation),
  useBias: p.useBias,
});

type Padding = 'valid' | 'same';

/** A window pooling's builder: `make` gets the pool size, strides and padding in TF.js's form. */
const windowPool =
  <V extends Window>(
    make: (args: { name: string; poolSize: Size<V>; strides: Size<V>; padding: Padding }) => tf.layers.Layer,
  ) =>
  (node: { name: string; params: { poolSize: V; strides: V; padding: Padding } }, ctx: BuildContext) =>
    make({
      name: node.name,
      poolSize: size(node.params.poolSize),
      strides: size(node.params.strides),
      padding: node.params.padding,
    }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

/** A global pooling's builder: the layer takes only its name. */
const globalPool = (make: (args: { name: string }) => tf.layers.Layer) => (node: { name: string }, ctx: BuildContext) =>
  make({ name: node.name }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildConv2D: Builder<'Conv2D'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.conv2d({
    ...convArgs(node.name, p),
    filters: p.filters,
    dilationRate: pair(p.dilationRate),
    kernelInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildConv2DTranspose: Builder<'Conv2DTranspose'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.conv2dTranspose({
    ...convArgs(node.name, p),
    filters: p.filters,
    kernelInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildMaxPooling2D: Builder<'MaxPooling2D'> = windowPool(tf.layers.maxPooling2d);

export const buildAveragePooling2D: Builder<'AveragePooling2D'> = windowPool(tf.layers.averagePooling2d);

export const buildGlobalAveragePooling2D: Builder<'GlobalAveragePooling2D'> = globalPool(
  tf.layers.globalAveragePooling2d,
);

export const buildGlobalMaxPooling2D: Builder<'GlobalMaxPooling2D'> = globalPool(tf.layers.globalMaxPooling2d);

export const buildUpSampling2D: Builder<'UpSampling2D'> = (node, ctx) =>
  tf.layers
    .upSampling2d({ name: node.name, size: pair(node.params.size), interpolation: node.params.interpolation })
    .apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildConv1D: Builder<'Conv1D'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.conv1d({
    ...convArgs(node.name, p),
    filters: p.filters,
    dilationRate: p.dilationRate,
    kernelInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildMaxPooling1D: Builder<'MaxPooling1D'> = windowPool(tf.layers.maxPooling1d);

export const buildAveragePooling1D: Builder<'AveragePooling1D'> = windowPool(tf.layers.averagePooling1d);

export const buildGlobalAveragePooling1D: Builder<'GlobalAveragePooling1D'> = globalPool(
  tf.layers.globalAveragePooling1d,
);

export const buildGlobalMaxPooling1D: Builder<'GlobalMaxPooling1D'> = globalPool(tf.layers.globalMaxPooling1d);

export const buildSeparableConv2D: Builder<'SeparableConv2D'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.separableConv2d({
    ...convArgs(node.name, p),
    filters: p.filters,
    depthMultiplier: p.depthMultiplier,
    depthwiseInitializer: glorot(ctx),
    pointwiseInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildDepthwiseConv2D: Builder<'DepthwiseConv2D'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.depthwiseConv2d({
    ...convArgs(node.name, p),
    depthMultiplier: p.depthMultiplier,
    depthwiseInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};
