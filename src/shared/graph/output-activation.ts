/**
 * Which activation a node's output values come from. Two questions share the walk back through the graph:
 * the loss check asks which activation produced a model's output (looking only through layers that hand
 * values on unchanged), GAN sample scaling asks which one bounds a generator's output (also through
 * pooling, upsampling, cropping and padding, which keep values inside the same range).
 */
import type { LayerKind } from '../layers/params.js';
import type { ActivationName } from '../layers/types.js';
import type { GraphDoc, GraphNode } from './types.js';

/** Layers whose outputs are some of their inputs, rearranged (dropout is the identity at inference). */
const VALUE_PRESERVING: ReadonlySet<LayerKind> = new Set<LayerKind>([
  'Reshape',
  'Flatten',
  'Permute',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
]);

/** Layers whose outputs stay within their inputs' range (maxima, means, copies and zero padding). */
const RANGE_PRESERVING: ReadonlySet<LayerKind> = new Set<LayerKind>([
  ...VALUE_PRESERVING,
  'UpSampling1D',
  'UpSampling2D',
  'MaxPooling1D',
  'MaxPooling2D',
  'AveragePooling1D',
  'AveragePooling2D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'Cropping2D',
  'ReflectionPadding2D',
  'RepeatVector',
]);

/** The activation a node applies last, whether as a param (Dense, Conv2D, Activation) or as its kind (Softmax, ReLU). */
function ownActivation(node: GraphNode): ActivationName | undefined {
  switch (node.kind) {
    case 'Softmax':
      return 'softmax';
    case 'ELU':
      return 'elu';
    case 'ReLU': {
      const { maxValue, negativeSlope, threshold } = node.params;
      if (maxValue !== 0 || threshold !== 0) return undefined; // ReLU6 and thresholded variants are neither
      return negativeSlope === 0 ? 'relu' : 'leaky_relu';
    }
    default:
      return (node.params as { activation?: ActivationName }).activation;
  }
}

/**
 * The activation whose values `node` outputs, looking back through layers that keep them (`through`:
 * 'values' for those that pass values on unchanged, 'range' also for those that keep their range);
 * undefined when the output comes from no activation it can name.
 */
export function outputActivation(
  graph: GraphDoc,
  node: GraphNode,
  through: 'values' | 'range',
): ActivationName | undefined {
  const passes = through === 'values' ? VALUE_PRESERVING : RANGE_PRESERVING;
  let current: GraphNode | undefined = node;
  while (current) {
    const own = ownActivation(current);
    if (own) return own;
    if (!passes.has(current.kind)) return undefined;
    const id: string = current.id;
    const edge = graph.edges.find((e) => e.target === id);
    current = edge && graph.nodes.find((n) => n.id === edge.source);
  }
  return undefined;
}
