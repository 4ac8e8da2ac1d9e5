/**
 * A model snapshot -> an ONNX model (opset 17). Checks first that every layer
 * can be written (DW701 names all that cannot, before anything is written),
 * then converts node by node in topological order. Inputs and outputs keep
 * the Keras layer names and NHWC shapes with a symbolic batch 'N'.
 */
import { DeepwireError } from '../../../../shared/errors.js';
import type { GraphNode } from '../../../../shared/graph/types.js';
import type { ModelSnapshot } from '../snapshot.js';
import { OnnxBuilder } from './builder.js';
import { ConvertContext, NHWC_TO_NCHW, NCHW_TO_NHWC, type Value } from './context.js';
import {
  convertAveragePooling1D,
  convertConv1D,
  convertDepthwiseConv2D,
  convertSeparableConv2D,
  convertGlobalAveragePooling1D,
  convertGlobalMaxPooling1D,
  convertMaxPooling1D,
  convertAveragePooling2D,
  convertConv2D,
  convertConv2DTranspose,
  convertGlobalAveragePooling2D,
  convertGlobalMaxPooling2D,
  convertMaxPooling2D,
  convertUpSampling2D,
} from './layers-conv.js';
import { convertMultiHeadAttention } from './layers-attention.js';
import { convertDense, convertEmbedding } from './layers-dense.js';
import { convertBidirectional, convertRecurrent, RECURRENT_ACTIVATIONS } from './layers-recurrent.js';
import {
  convertActivation,
  convertAdd,
  convertAverage,
  convertMaximum,
  convertMinimum,
  convertMultiply,
  convertSubtract,
  convertBatchNormalization,
  convertConcatenate,
  convertDropout,
  convertRescaling,
  convertNormalization,
  convertTrainingOnly,
  convertFlatten,
  convertInstanceNormalization,
  convertLayerNormalization,
  convertReflectionPadding2D,
  convertReLU,
  convertELU,
  convertPReLU,
  convertSoftmax,
  convertReshape,
  convertPermute,
  convertZeroPadding2D,
  convertCropping2D,
  convertRepeatVector,
  convertUpSampling1D,
} from './layers-shape.js';
import { attr, DataType } from './proto.js';

type Converter = (ctx: ConvertContext, node: GraphNode, inputs: Value[]) => string;

const CONVERTERS: Record<Exclude<GraphNode['kind'], 'Input' | 'Noise'>, Converter> = {
  Dense: convertDense as Converter,
  Embedding: convertEmbedding as Converter,
  Conv2D: convertConv2D as Converter,
  Conv2DTranspose: convertConv2DTranspose as Converter,
  DepthwiseConv2D: convertDepthwiseConv2D as Converter,
  SeparableConv2D: convertSeparableConv2D as Converter,
  Conv1D: convertConv1D as Converter,
  MaxPooling1D: convertMaxPooling1D as Converter,
  AveragePooling1D: convertAveragePooling1D as Converter,
  GlobalAveragePooling1D: convertGlobalAveragePooling1D as Converter,
  GlobalMaxPooling1D: convertGlobalMaxPooling1D as Converter,
  MaxPooling2D: convertMaxPooling2D as Converter,
  AveragePooling2D: convertAveragePooling2D as Converter,
  GlobalAveragePooling2D: convertGlobalAveragePooling2D as Converter,
  GlobalMaxPooling2D: convertGlobalMaxPooling2D as Converter,
  UpSampling2D: convertUpSampling2D as Converter,
  ReflectionPadding2D: convertReflectionPadding2D as Converter,
  ZeroPadding2D: convertZeroPadding2D as Converter,
  Cropping2D: convertCropping2D as Converter,
  RepeatVector: convertRepeatVector as Converter,
  UpSampling1D: convertUpSampling1D as Converter,
  Flatten: convertFlatten as Converter,
  Reshape: convertReshape as Converter,
  Permute: convertPermute as Converter,
  Dropout: convertDropout as Converter,
  GaussianNoise: convertTrainingOnly,
  GaussianDropout: convertTrainingOnly,
  SpatialDropout1D: convertTrainingOnly,
  SpatialDropout2D: convertTrainingOnly,
  Rescaling: convertRescaling as Converter,
  // The augmentations are active only while training: the identity in an exported (inference) model.
  RandomFlip: convertTrainingOnly,
  RandomRotation: convertTrainingOnly,
  RandomTranslation: convertTrainingOnly,
  RandomZoom: convertTrainingOnly,
  Normalization: convertNormalization as Converter,
  BatchNormalization: convertBatchNormalization as Converter,
  LayerNormalization: convertLayerNormalization as Converter,
  InstanceNormalization: convertInstanceNormalization as Converter,
  Activation: convertActivation as Converter,
  ReLU: convertReLU as Converter,
  ELU: convertELU as Converter,
  PReLU: convertPReLU as Converter,
  Softmax: convertSoftmax as Converter,
  Add: convertAdd as Converter,
  Concatenate: convertConcatenate as Converter,
  Subtract: convertSubtract as Converter,
  Multiply: convertMultiply as Converter,
  Average: convertAverage as Converter,
  Maximum: convertMaximum as Converter,
  Minimum: convertMinimum as Converter,
  SimpleRNN: convertRecurrent as Converter,
  LSTM: convertRecurrent as Converter,
  GRU: convertRecurrent as Converter,
  Bidirectional: convertBidirectional as Converter,
  // TimeDistributed(Dense) is Dense's MatMul on every step of the sequence.
  TimeDistributed: convertDense as Converter,
  MultiHeadAttention: convertMultiHeadAttention as Converter,
};

/** The sizes after the batch; a size of None (a sequence length, an image side) as a named ONNX dim. */
const namedDims = (name: string, shape: readonly (number | null)[]): (number | string)[] =>
  shape.slice(1).map((d, i) => d ?? `${name}_dim${i + 1}`);

/** Why a layer cannot be written as ONNX, or undefined when it can. */
export function onnxObstacle(node: GraphNode): string | undefined {
  if (node.kind === 'SimpleRNN' || node.kind === 'LSTM' || node.kind === 'GRU') {
    const a = node.params.activation;
    if (!RECURRENT_ACTIVATIONS.includes(a)) {
      return `${node.kind} '${node.name}' uses activation ${a}; ONNX recurrent ops offer only ${RECURRENT_ACTIVATIONS.join(', ')}`;
    }
  }
  return undefined;
}

/** DW701 naming every layer that cannot be exported (nothing has been written yet). */
export function checkOnnxSupport(snap: ModelSnapshot): void {
  const problems = snap.graph.nodes.map(onnxObstacle).filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    const names = snap.graph.nodes.filter((n) => onnxObstacle(n)).map((n) => n.name);
    throw new DeepwireError(
      'DW701',
      `${problems.length} layer${problems.length === 1 ? '' : 's'} cannot be written as ONNX: ${problems.join('; ')}`,
      names.join(', '),
    );
  }
}

export interface OnnxOptions {
  /** Deepwire's version, stamped as producer_version. */
  producerVersion: string;
  /** A description stored in the model (doc_string). */
  description?: string;
  metadata?: Record<string, string>;
}

export function modelToOnnx(snap: ModelSnapshot, opts: OnnxOptions): Uint8Array {
  checkOnnxSupport(snap);
  const b = new OnnxBuilder();
  const ctx = new ConvertContext(b, snap);
  for (const out of snap.outputs) b.reserve(out.name);
  const members = new Map(snap.graph.nodes.map((n) => [n.id, n]));
  const values = new Map<string, Value>();

  for (const id of snap.report.order) {
    const node = members.get(id);
    if (!node) continue;
    const shape = ctx.shapeOf(node);
    if (node.kind === 'Input' || node.kind === 'Noise') {
      const dtype = node.kind === 'Input' && node.params.dtype === 'int32' ? DataType.INT32 : DataType.FLOAT;
      const name = b.addInput(node.name, dtype, ['N', ...namedDims(node.name, shape)]);
      const stored =
        shape.length === 4
          ? b.node('Transpose', [name], `${node.name}/to_nchw`, { attrs: [attr.ints('perm', NHWC_TO_NCHW)] })
          : name;
      values.set(id, { name: stored, shape });
      continue;
    }
    const inputs = snap.graph.edges
      .filter((e) => e.target === id)
      .sort((x, y) => x.targetPort - y.targetPort)
      .map((e) => values.get(e.source))
      .filter((v): v is Value => v !== undefined);
    values.set(id, { name: CONVERTERS[node.kind](ctx, node, inputs), shape });
  }

  for (const out of snap.outputs) {
    const v = values.get(out.id)!;
    const rank4 = v.shape.length === 4;
    b.node(rank4 ? 'Transpose' : 'Identity', [v.name], `${out.name}/output`, {
      outputName: out.name,
      attrs: rank4 ? [attr.ints('perm', NCHW_TO_NHWC)] : [],
    });
    b.addOutput(out.name, DataType.FLOAT, ['N', ...namedDims(out.name, v.shape)]);
  }
  return b.encode(snap.name, opts.description ?? '', opts.producerVersion, opts.metadata);
}
