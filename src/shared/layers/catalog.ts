/**
 * The layer catalog: one spec per layer kind, the single source of truth for
 * the palette, the inspector, shape inference, the compiler and the exporters.
 * The specs live by category in `./specs/`.
 */
import type { GraphNode } from '../graph/types.js';
import { LAYER_KINDS, type LayerKind } from './params.js';
import type { Category, LayerSpec, ParamCount, Shape, ShapeResult } from './types.js';
import { Activation, ELU, PReLU, ReLU, Softmax } from './specs/activation.js';
import { Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D } from './specs/conv.js';
import { Dense, Embedding } from './specs/dense.js';
import { Input, Noise } from './specs/input.js';
import { Add, Average, Concatenate, Maximum, Minimum, Multiply, Subtract } from './specs/merge.js';
import {
  BatchNormalization,
  Dropout,
  GaussianDropout,
  GaussianNoise,
  InstanceNormalization,
  LayerNormalization,
  Normalization,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  Rescaling,
  SpatialDropout1D,
  SpatialDropout2D,
} from './specs/norm.js';
import {
  AveragePooling1D,
  AveragePooling2D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  MaxPooling1D,
  MaxPooling2D,
} from './specs/pool.js';
import { Bidirectional, GRU, LSTM, SimpleRNN } from './specs/recurrent.js';
import {
  Cropping2D,
  Flatten,
  ReflectionPadding2D,
  Permute,
  RepeatVector,
  Reshape,
  UpSampling1D,
  UpSampling2D,
  ZeroPadding2D,
} from './specs/reshape.js';
import type { CatalogSpec } from './specs/util.js';
import { MultiHeadAttention, TimeDistributed } from './specs/wrappers.js';

export type SpecOf<K extends LayerKind> = CatalogSpec<K>;

export const LAYER_SPECS: { readonly [K in LayerKind]: SpecOf<K> } = {
  Input,
  Noise,
  Dense,
  Conv2D,
  Conv2DTranspose,
  DepthwiseConv2D,
  SeparableConv2D,
  Conv1D,
  MaxPooling1D,
  AveragePooling1D,
  GlobalAveragePooling1D,
  GlobalMaxPooling1D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  UpSampling2D,
  ReflectionPadding2D,
  ZeroPadding2D,
  Cropping2D,
  RepeatVector,
  UpSampling1D,
  Flatten,
  Reshape,
  Permute,
  Dropout,
  GaussianNoise,
  GaussianDropout,
  SpatialDropout1D,
  SpatialDropout2D,
  Rescaling,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  Normalization,
  BatchNormalization,
  LayerNormalization,
  InstanceNormalization,
  Activation,
  ReLU,
  ELU,
  PReLU,
  Softmax,
  Add,
  Concatenate,
  Subtract,
  Multiply,
  Average,
  Maximum,
  Minimum,
  SimpleRNN,
  LSTM,
  GRU,
  Bidirectional,
  Embedding,
  TimeDistributed,
  MultiHeadAttention,
};

/** The spec of one kind, typed by its params. */
export function getSpec<K extends LayerKind>(kind: K): SpecOf<K> {
  return LAYER_SPECS[kind];
}

/**
 * The spec of a node, applied to that node's own params. The node's kind and
 * params travel together (a discriminated union), so the one cast is safe.
 */
export function nodeSpec(node: GraphNode): {
  spec: LayerSpec;
  outputShape(inputs: readonly Shape[]): ShapeResult;
  paramCount(inputs: readonly Shape[], output: Shape): ParamCount;
  flops(inputs: readonly Shape[], output: Shape): number;
} {
  const spec = LAYER_SPECS[node.kind] as unknown as LayerSpec<LayerKind, GraphNode['params']>;
  return {
    spec: spec as unknown as LayerSpec,
    outputShape: (inputs) => spec.outputShape(inputs, node.params),
    paramCount: (inputs, output) => spec.paramCount(inputs, node.params, output),
    flops: (inputs, output) => spec.flops(inputs, node.params, output),
  };
}

/** Kinds in palette order, grouped by category. */
export function kindsByCategory(): Record<Category, LayerKind[]> {
  const out = {} as Record<Category, LayerKind[]>;
  for (const kind of LAYER_KINDS) (out[LAYER_SPECS[kind].category] ??= []).push(kind);
  return out;
}

/** Source kinds take no input: Input (data) and Noise (generator latent). */
export const isSourceKind = (kind: LayerKind): boolean =>
  Object.hasOwn(LAYER_SPECS, kind) && LAYER_SPECS[kind].arity === 'none';
