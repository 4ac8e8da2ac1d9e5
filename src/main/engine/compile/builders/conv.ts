/** Convolutions and the pooling family over NHWC images and (time, features) sequences. */
import * as tf from '@tensorflow/tfjs';
import { applyWithActivation, tfActivation } from '../activation.js';
import { glorot } from './init.js';
import type { ActivationName } from '../../../../shared/layers/types.js';
import type { Builder } from './types.js';

const pair = (v: readonly number[]): [number, number] => [v[0], v[1]];

/** A window option as TF.js takes it: one number for the 1-D layers, a pair for the 2-D ones. */
const size = <V extends number | readonly number[]>(v: V) =>
  (typeof v === 'number' ? v : pair(v as readonly number[])) as V extends number ? number : [number, number];

type Window = number | readonly number[];

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

/** The window poolings' options. */
const poolArgs = <V extends Window>(name: string, p: { poolSize: V; strides: V; padding: 'valid' | 'same' }) => ({
  name,
  poolSize: size(p.poolSize),
  strides: size(p.strides),
  padding: p.padding,
});

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

export const buildMaxPooling2D: Builder<'MaxPooling2D'> = (node, ctx) =>
  tf.layers.maxPooling2d(poolArgs(node.name, node.params)).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildAveragePooling2D: Builder<'AveragePooling2D'> = (node, ctx) =>
  tf.layers.averagePooling2d(poolArgs(node.name, node.params)).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildGlobalAveragePooling2D: Builder<'GlobalAveragePooling2D'> = (node, ctx) =>
  tf.layers.globalAveragePooling2d({ name: node.name }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildGlobalMaxPooling2D: Builder<'GlobalMaxPooling2D'> = (node, ctx) =>
  tf.layers.globalMaxPooling2d({ name: node.name }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

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

export const buildMaxPooling1D: Builder<'MaxPooling1D'> = (node, ctx) =>
  tf.layers.maxPooling1d(poolArgs(node.name, node.params)).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildAveragePooling1D: Builder<'AveragePooling1D'> = (node, ctx) =>
  tf.layers.averagePooling1d(poolArgs(node.name, node.params)).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildGlobalAveragePooling1D: Builder<'GlobalAveragePooling1D'> = (node, ctx) =>
  tf.layers.globalAveragePooling1d({ name: node.name }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildGlobalMaxPooling1D: Builder<'GlobalMaxPooling1D'> = (node, ctx) =>
  tf.layers.globalMaxPooling1d({ name: node.name }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

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
