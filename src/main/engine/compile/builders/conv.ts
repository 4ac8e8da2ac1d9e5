/** Convolutions and the pooling family over NHWC images and (time, features) sequences. */
import * as tf from '@tensorflow/tfjs';
import { applyWithActivation, tfActivation } from '../activation.js';
import { glorot } from './init.js';
import type { Builder } from './types.js';

const pair = (v: readonly number[]): [number, number] => [v[0], v[1]];

export const buildConv2D: Builder<'Conv2D'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.conv2d({
    name: node.name,
    filters: p.filters,
    kernelSize: pair(p.kernelSize),
    strides: pair(p.strides),
    padding: p.padding,
    dilationRate: pair(p.dilationRate),
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    kernelInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildConv2DTranspose: Builder<'Conv2DTranspose'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.conv2dTranspose({
    name: node.name,
    filters: p.filters,
    kernelSize: pair(p.kernelSize),
    strides: pair(p.strides),
    padding: p.padding,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    kernelInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildMaxPooling2D: Builder<'MaxPooling2D'> = (node, ctx) => {
  const p = node.params;
  return tf.layers
    .maxPooling2d({ name: node.name, poolSize: pair(p.poolSize), strides: pair(p.strides), padding: p.padding })
    .apply(ctx.inputs[0]) as tf.SymbolicTensor;
};

export const buildAveragePooling2D: Builder<'AveragePooling2D'> = (node, ctx) => {
  const p = node.params;
  return tf.layers
    .averagePooling2d({ name: node.name, poolSize: pair(p.poolSize), strides: pair(p.strides), padding: p.padding })
    .apply(ctx.inputs[0]) as tf.SymbolicTensor;
};

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
    name: node.name,
    filters: p.filters,
    kernelSize: p.kernelSize,
    strides: p.strides,
    padding: p.padding,
    dilationRate: p.dilationRate,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    kernelInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildMaxPooling1D: Builder<'MaxPooling1D'> = (node, ctx) => {
  const p = node.params;
  return tf.layers
    .maxPooling1d({ name: node.name, poolSize: p.poolSize, strides: p.strides, padding: p.padding })
    .apply(ctx.inputs[0]) as tf.SymbolicTensor;
};

export const buildAveragePooling1D: Builder<'AveragePooling1D'> = (node, ctx) => {
  const p = node.params;
  return tf.layers
    .averagePooling1d({ name: node.name, poolSize: p.poolSize, strides: p.strides, padding: p.padding })
    .apply(ctx.inputs[0]) as tf.SymbolicTensor;
};

export const buildGlobalAveragePooling1D: Builder<'GlobalAveragePooling1D'> = (node, ctx) =>
  tf.layers.globalAveragePooling1d({ name: node.name }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildGlobalMaxPooling1D: Builder<'GlobalMaxPooling1D'> = (node, ctx) =>
  tf.layers.globalMaxPooling1d({ name: node.name }).apply(ctx.inputs[0]) as tf.SymbolicTensor;

export const buildSeparableConv2D: Builder<'SeparableConv2D'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.separableConv2d({
    name: node.name,
    filters: p.filters,
    kernelSize: pair(p.kernelSize),
    strides: pair(p.strides),
    padding: p.padding,
    depthMultiplier: p.depthMultiplier,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    depthwiseInitializer: glorot(ctx),
    pointwiseInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};

export const buildDepthwiseConv2D: Builder<'DepthwiseConv2D'> = (node, ctx) => {
  const p = node.params;
  const layer = tf.layers.depthwiseConv2d({
    name: node.name,
    kernelSize: pair(p.kernelSize),
    strides: pair(p.strides),
    padding: p.padding,
    depthMultiplier: p.depthMultiplier,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    depthwiseInitializer: glorot(ctx),
  });
  return applyWithActivation(layer, p.activation, ctx.inputs[0]);
};
