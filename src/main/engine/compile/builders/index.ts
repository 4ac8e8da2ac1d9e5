/** One builder per layer kind, grouped by family in the sibling files. */
import {
  buildAveragePooling1D,
  buildConv1D,
  buildDepthwiseConv2D,
  buildGlobalAveragePooling1D,
  buildGlobalMaxPooling1D,
  buildMaxPooling1D,
  buildAveragePooling2D,
  buildConv2D,
  buildConv2DTranspose,
  buildGlobalAveragePooling2D,
  buildGlobalMaxPooling2D,
  buildMaxPooling2D,
  buildUpSampling2D,
} from './conv.js';
import { buildDense, buildEmbedding, buildInput, buildNoise } from './dense.js';
import { buildBidirectional, buildGRU, buildLSTM, buildSimpleRNN } from './recurrent.js';
import {
  buildActivation,
  buildAdd,
  buildBatchNormalization,
  buildConcatenate,
  buildDropout,
  buildFlatten,
  buildInstanceNormalization,
  buildLayerNormalization,
  buildReflectionPadding2D,
  buildReshape,
  buildZeroPadding2D,
} from './shape.js';
import type { BuilderTable } from './types.js';

export const BUILDERS: BuilderTable = {
  Input: buildInput,
  Noise: buildNoise,
  Dense: buildDense,
  Conv2D: buildConv2D,
  Conv2DTranspose: buildConv2DTranspose,
  DepthwiseConv2D: buildDepthwiseConv2D,
  Conv1D: buildConv1D,
  MaxPooling1D: buildMaxPooling1D,
  AveragePooling1D: buildAveragePooling1D,
  GlobalAveragePooling1D: buildGlobalAveragePooling1D,
  GlobalMaxPooling1D: buildGlobalMaxPooling1D,
  MaxPooling2D: buildMaxPooling2D,
  AveragePooling2D: buildAveragePooling2D,
  GlobalAveragePooling2D: buildGlobalAveragePooling2D,
  GlobalMaxPooling2D: buildGlobalMaxPooling2D,
  UpSampling2D: buildUpSampling2D,
  ReflectionPadding2D: buildReflectionPadding2D,
  ZeroPadding2D: buildZeroPadding2D,
  Flatten: buildFlatten,
  Reshape: buildReshape,
  Dropout: buildDropout,
  BatchNormalization: buildBatchNormalization,
  LayerNormalization: buildLayerNormalization,
  InstanceNormalization: buildInstanceNormalization,
  Activation: buildActivation,
  Add: buildAdd,
  Concatenate: buildConcatenate,
  SimpleRNN: buildSimpleRNN,
  LSTM: buildLSTM,
  GRU: buildGRU,
  Bidirectional: buildBidirectional,
  Embedding: buildEmbedding,
};

export type { BuildContext, Builder } from './types.js';
