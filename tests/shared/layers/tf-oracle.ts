/**
 * The test oracle: builds a GraphDoc as a real TF.js functional model, layer
 * by layer, so the catalog's shapes and counts can be compared with what
 * TF.js itself computes. Kept independent of the product's compiler on
 * purpose (it is the reference, not the thing under test).
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphDoc, GraphNode } from '../../../src/shared/graph/types.js';
import {
  KerasNormalization,
  MultiHeadAttention,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  ResetAfterGRU,
} from '../../../src/main/engine/compile/layers/index.js';

type Sym = tf.SymbolicTensor;
type TfActivation = Parameters<typeof tf.layers.activation>[0]['activation'];

await tf.setBackend('cpu');

/**
 * Zero initializers: weight values do not matter for shapes and counts, and the
 * default orthogonal recurrent initializer alone takes seconds for 100 units.
 */
const FAST_INIT = { kernelInitializer: 'zeros', recurrentInitializer: 'zeros' } as const;
const KERNEL_INIT = { kernelInitializer: 'zeros' } as const;

/** Dense/Conv activation: leaky_relu is a separate LeakyReLU layer in TF.js (no weights either way). */
function withActivation(layer: tf.layers.Layer, activation: string, x: Sym | Sym[]): Sym {
  const y = layer.apply(x) as Sym;
  return activation === 'leaky_relu' ? (tf.layers.leakyReLU({ alpha: 0.2 }).apply(y) as Sym) : y;
}
/** TF.js's activation names: leaky_relu is a separate layer, hard_sigmoid is spelled hardSigmoid. */
const act = (a: string) => (a === 'leaky_relu' ? 'linear' : a === 'hard_sigmoid' ? 'hardSigmoid' : a) as TfActivation;

function rnnLayer(
  cell: 'SimpleRNN' | 'LSTM' | 'GRU',
  args: {
    units: number;
    returnSequences: boolean;
    dropout: number;
    activation?: string;
    useBias?: boolean;
    resetAfter?: boolean;
  },
) {
  const common = {
    units: args.units,
    returnSequences: args.returnSequences,
    dropout: args.dropout,
    useBias: args.useBias ?? true,
    ...FAST_INIT,
  };
  const activation = args.activation ? act(args.activation) : undefined;
  const extra = activation ? { activation } : {};
  if (cell === 'SimpleRNN') return tf.layers.simpleRNN({ ...common, ...extra });
  if (cell === 'LSTM') return tf.layers.lstm({ ...common, ...extra });
  // TF.js's GRU runs only reset_after=False; Keras's default is Deepwire's own layer.
  if (args.resetAfter) return new ResetAfterGRU({ ...common, ...extra });
  return tf.layers.gru({ ...common, ...extra });
}

/** Applies one node to its inputs (sources ignore them), returning the node's output tensor. */
export function applyNode(node: GraphNode, xs: Sym[]): Sym {
  const x = xs[0];
  switch (node.kind) {
    case 'Input':
      return tf.input({ shape: [...node.params.shape], dtype: node.params.dtype });
    case 'Noise':
      return tf.input({ shape: [node.params.size] });
    case 'Dense': {
      const p = node.params;
      return withActivation(
        tf.layers.dense({ units: p.units, activation: act(p.activation), useBias: p.useBias, ...KERNEL_INIT }),
        p.activation,
        x,
      );
    }
    case 'Conv2D': {
      const p = node.params;
      const layer = tf.layers.conv2d({
        filters: p.filters,
        kernelSize: [...p.kernelSize],
        strides: [...p.strides],
        padding: p.padding,
        dilationRate: [p.dilationRate[0], p.dilationRate[1]],
        activation: act(p.activation),
        useBias: p.useBias,
        ...KERNEL_INIT,
      });
      return withActivation(layer, p.activation, x);
    }
    case 'Conv2DTranspose': {
      const p = node.params;
      const layer = tf.layers.conv2dTranspose({
        filters: p.filters,
        kernelSize: [...p.kernelSize],
        strides: [...p.strides],
        padding: p.padding,
        activation: act(p.activation),
        useBias: p.useBias,
        ...KERNEL_INIT,
      });
      return withActivation(layer, p.activation, x);
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const p = node.params;
      const args = {
        poolSize: [p.poolSize[0], p.poolSize[1]] as [number, number],
        strides: [p.strides[0], p.strides[1]] as [number, number],
        padding: p.padding,
      };
      return (node.kind === 'MaxPooling2D' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args)).apply(
        x,
      ) as Sym;
    }
    case 'GlobalAveragePooling2D':
      return tf.layers.globalAveragePooling2d({}).apply(x) as Sym;
    case 'GlobalMaxPooling2D':
      return tf.layers.globalMaxPooling2d({}).apply(x) as Sym;
    case 'UpSampling2D':
      return tf.layers
        .upSampling2d({ size: [...node.params.size], interpolation: node.params.interpolation })
        .apply(x) as Sym;
    // Same shape and count as mirroring: TF.js has no reflection padding, and the pad values do not matter here.
    case 'DepthwiseConv2D': {
      const p = node.params;
      const layer = tf.layers.depthwiseConv2d({
        kernelSize: [p.kernelSize[0], p.kernelSize[1]],
        strides: [p.strides[0], p.strides[1]],
        padding: p.padding,
        depthMultiplier: p.depthMultiplier,
        activation: act(p.activation),
        useBias: p.useBias,
        depthwiseInitializer: 'zeros',
      });
      return withActivation(layer, p.activation, x);
    }
    case 'Subtract':
      return tf.layers.add({}).apply(xs) as Sym;
    case 'Multiply':
      return tf.layers.multiply({}).apply(xs) as Sym;
    case 'Average':
      return tf.layers.average({}).apply(xs) as Sym;
    case 'Maximum':
      return tf.layers.maximum({}).apply(xs) as Sym;
    case 'Minimum':
      return tf.layers.minimum({}).apply(xs) as Sym;
    case 'GaussianNoise':
    case 'GaussianDropout':
    case 'SpatialDropout1D':
    case 'SpatialDropout2D':
      return tf.layers.dropout({ rate: 0.1 }).apply(x) as Sym;
    case 'Rescaling':
      return tf.layers.rescaling({ scale: node.params.scale, offset: node.params.offset }).apply(x) as Sym;
    // TF.js 4.22 has no random augmentations and no Normalization: Deepwire's own layers stand in.
    case 'RandomFlip':
      return new RandomFlip({ mode: node.params.mode }).apply(x) as Sym;
    case 'RandomRotation':
      return new RandomRotation({ ...node.params }).apply(x) as Sym;
    case 'RandomTranslation':
      return new RandomTranslation({ ...node.params }).apply(x) as Sym;
    case 'RandomZoom':
      return new RandomZoom({ ...node.params }).apply(x) as Sym;
    case 'Normalization':
      return new KerasNormalization({}).apply(x) as Sym;
    case 'Permute':
      return tf.layers.permute({ dims: [...node.params.dims] }).apply(x) as Sym;
    case 'SeparableConv2D': {
      const p = node.params;
      const layer = tf.layers.separableConv2d({
        filters: p.filters,
        kernelSize: [...p.kernelSize],
        strides: [...p.strides],
        padding: p.padding,
        depthMultiplier: p.depthMultiplier,
        useBias: p.useBias,
      });
      return withActivation(layer, p.activation, x);
    }
    case 'PReLU': {
      const sharedAxes = node.params.sharedAxes === 'none' ? [] : node.params.sharedAxes.split(',').map(Number);
      return tf.layers.prelu(sharedAxes.length ? { sharedAxes } : {}).apply(x) as Sym;
    }
    case 'ELU':
      return tf.layers.elu({}).apply(x) as Sym;
    case 'Softmax':
      return tf.layers.softmax({ axis: node.params.axis }).apply(x) as Sym;
    case 'ReLU':
      return tf.layers.reLU({ maxValue: node.params.maxValue || undefined }).apply(x) as Sym;
    case 'Conv1D': {
      const p = node.params;
      const layer = tf.layers.conv1d({
        filters: p.filters,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        dilationRate: p.dilationRate,
        activation: act(p.activation),
        useBias: p.useBias,
        ...KERNEL_INIT,
      });
      return withActivation(layer, p.activation, x);
    }
    case 'MaxPooling1D':
    case 'AveragePooling1D': {
      const p = node.params;
      const args = { poolSize: p.poolSize, strides: p.strides, padding: p.padding };
      const layer = node.kind === 'MaxPooling1D' ? tf.layers.maxPooling1d(args) : tf.layers.averagePooling1d(args);
      return layer.apply(x) as Sym;
    }
    case 'GlobalAveragePooling1D':
      return tf.layers.globalAveragePooling1d({}).apply(x) as Sym;
    case 'GlobalMaxPooling1D':
      return tf.layers.globalMaxPooling1d({}).apply(x) as Sym;
    case 'Cropping2D': {
      const [t, b, l, r] = node.params.cropping;
      return tf.layers
        .cropping2D({
          cropping: [
            [t, b],
            [l, r],
          ],
        })
        .apply(x) as Sym;
    }
    case 'UpSampling1D':
      return tf.layers
        .reshape({ targetShape: [node.params.size * x.shape[1]!, x.shape[2]!] })
        .apply(tf.layers.repeatVector({ n: node.params.size }).apply(tf.layers.flatten().apply(x))) as Sym;
    case 'RepeatVector':
      return tf.layers.repeatVector({ n: node.params.n }).apply(x) as Sym;
    case 'ZeroPadding2D':
    case 'ReflectionPadding2D': {
      const [t, b, l, r] = node.params.padding;
      return tf.layers
        .zeroPadding2d({
          padding: [
            [t, b],
            [l, r],
          ],
        })
        .apply(x) as Sym;
    }
    case 'Flatten':
      return tf.layers.flatten().apply(x) as Sym;
    case 'Reshape': {
      // TF.js leaves a -1 unresolved in symbolic shapes (it counts the null batch as unknown), which
      // breaks the layers after it; resolve it with TF.js's own rule on a concrete batch of 1.
      const target = tf.layers
        .reshape({ targetShape: [...node.params.targetShape] })
        .computeOutputShape([1, ...x.shape.slice(1)]) as number[];
      return tf.layers.reshape({ targetShape: target.slice(1) }).apply(x) as Sym;
    }
    case 'Dropout':
      return tf.layers.dropout({ rate: node.params.rate }).apply(x) as Sym;
    case 'BatchNormalization': {
      const p = node.params;
      return tf.layers
        .batchNormalization({ momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale })
        .apply(x) as Sym;
    }
    case 'LayerNormalization': {
      const p = node.params;
      return tf.layers.layerNormalization({ epsilon: p.epsilon, center: p.center, scale: p.scale }).apply(x) as Sym;
    }
    // Count oracle: gamma and beta per channel, as LayerNormalization over the last axis has (no TF.js instance norm).
    case 'InstanceNormalization': {
      const p = node.params;
      return tf.layers.layerNormalization({ epsilon: p.epsilon, center: p.center, scale: p.scale }).apply(x) as Sym;
    }
    case 'Activation': {
      const p = node.params;
      if (p.activation === 'leaky_relu') return tf.layers.leakyReLU({ alpha: p.alpha }).apply(x) as Sym;
      return tf.layers.activation({ activation: act(p.activation) }).apply(x) as Sym;
    }
    case 'Add':
      return tf.layers.add().apply(xs) as Sym;
    case 'Concatenate':
      return tf.layers.concatenate().apply(xs) as Sym;
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      return rnnLayer(node.kind, node.params).apply(x) as Sym;
    case 'Bidirectional': {
      const p = node.params;
      const layer = rnnLayer(p.cell, {
        units: p.units,
        returnSequences: p.returnSequences,
        dropout: p.dropout,
        resetAfter: p.cell === 'GRU' && p.resetAfter,
      });
      return tf.layers.bidirectional({ layer: layer as never, mergeMode: p.mergeMode }).apply(x) as Sym;
    }
    // TF.js has no MultiHeadAttention: Deepwire's own layer (its weight shapes are checked against a real Keras
    // file's manifest in tests/shared/layers/attention.test.ts).
    case 'MultiHeadAttention': {
      const p = node.params;
      return new MultiHeadAttention({
        numHeads: p.numHeads,
        keyDim: p.keyDim,
        valueDim: p.valueDim || null,
        useBias: p.useBias,
        outputShape: p.outputDim || null,
      }).apply(xs.length === 1 ? x : xs) as Sym;
    }
    case 'TimeDistributed': {
      const p = node.params;
      const dense = tf.layers.dense({
        units: p.units,
        activation: act(p.activation),
        useBias: p.useBias,
        ...KERNEL_INIT,
      });
      return withActivation(tf.layers.timeDistributed({ layer: dense }), p.activation, x);
    }
    case 'Embedding':
      return tf.layers
        .embedding({ inputDim: node.params.inputDim, outputDim: node.params.outputDim, embeddingsInitializer: 'zeros' })
        .apply(x) as Sym;
  }
}

export interface TfResult {
  model: tf.LayersModel;
  shapes: Map<string, (number | null)[]>;
  trainable: number;
  nonTrainable: number;
}

const sizeOf = (ws: tf.LayerVariable[]) =>
  ws.reduce((a, w) => a + w.shape.reduce<number>((p, d) => p * (d ?? 0), 1), 0);

/** Builds the whole document (nodes must be listed in a topological order) as one tf.LayersModel. */
export function buildTf(graph: GraphDoc): TfResult {
  const out = new Map<string, Sym>();
  for (const node of graph.nodes) {
    const inputs = graph.edges
      .filter((e) => e.target === node.id)
      .sort((a, b) => a.targetPort - b.targetPort)
      .map((e) => out.get(e.source)!);
    out.set(node.id, applyNode(node, inputs));
  }
  const sources = graph.nodes.filter((n) => n.kind === 'Input' || n.kind === 'Noise').map((n) => out.get(n.id)!);
  const read = new Set(graph.edges.map((e) => e.source));
  const sinks = graph.nodes.filter((n) => !read.has(n.id)).map((n) => out.get(n.id)!);
  const model = tf.model({ inputs: sources, outputs: sinks });
  const shapes = new Map([...out].map(([id, t]) => [id, [...t.shape]]));
  return { model, shapes, trainable: sizeOf(model.trainableWeights), nonTrainable: sizeOf(model.nonTrainableWeights) };
}

export function disposeTf(r: TfResult): void {
  r.model.dispose();
}
