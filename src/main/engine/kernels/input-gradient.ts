/**
 * No gradient for the training data. While training, TF.js runs Conv2D and
 * Dense as one fused op (convolution or matmul + bias) whenever their
 * activation is not relu or elu (linear, tanh, sigmoid, softmax …), and the
 * fused op's gradient is a customGrad that computes every input's gradient at
 * once — also its input's when the input is the data: for LeNet-5 a
 * Conv2DBackpropInput onto the images every step that nothing reads. The plain
 * ops' gradients are lazy per input, and TF.js prunes those that lead to no
 * weight. So on wasm, while a gradient is being taped and a layer's input
 * depends on no trainable weight, the pack runs that layer as the plain ops
 * (the same values); everywhere else, inference included, the original call
 * runs. Asked for the input's gradient (saliency), the plain ops still give it.
 */
import * as tf from '@tensorflow/tfjs';
import { wrapLayerCall } from './layer-call.js';

interface TapeNode {
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
}

interface ConvLayer {
  rank: number;
  dataFormat: string;
  padding: string;
  strides: [number, number];
  dilationRate: number | [number, number];
}
interface WeightedLayer {
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { apply(x: tf.Tensor): tf.Tensor };
}

const one = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0] : inputs);

/** The tape being recorded (a gradient is being taken), or null. */
function activeTape(): TapeNode[] | null {
  const state = tf.engine().state as unknown as { activeTape: TapeNode[] | null; gradientDepth: number };
  return state.gradientDepth > 0 ? state.activeTape : null;
}

/** Whether `x` was computed, on `tape`, from a trainable variable. */
export function dependsOnTrainable(x: tf.Tensor, tape: TapeNode[]): boolean {
  const producer = new Map<number, TapeNode>();
  for (const node of tape) for (const out of node.outputs) producer.set(out.id, node);
  const seen = new Set<number>();
  const stack = [x];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    if (t instanceof tf.Variable && t.trainable) return true;
    const node = producer.get(t.id);
    if (node) stack.push(...Object.values(node.inputs));
  }
  return false;
}

/** The layer's plain ops on `x`: `product` (convolution or matmul) + bias, then its activation. */
function plain(layer: WeightedLayer, x: tf.Tensor, product: (x: tf.Tensor, kernel: tf.Tensor) => tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let y = product(x, layer.kernel.read());
    if (layer.bias) y = tf.add(y, layer.bias.read());
    return layer.activation.apply(y);
  });
}

const conv2d = (layer: ConvLayer) => (x: tf.Tensor, kernel: tf.Tensor) =>
  tf.conv2d(
    x as tf.Tensor4D,
    kernel as tf.Tensor4D,
    layer.strides,
    layer.padding as 'same' | 'valid',
    'NHWC',
    layer.dilationRate,
  );

/** x·kernel over the last axis, for inputs of any rank ≥ 2 (Dense on sequences too). */
function dense(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
  if (x.rank === 2) return tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
  const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]]) as tf.Tensor2D;
  return tf.reshape(tf.matMul(flat, kernel as tf.Tensor2D), [...x.shape.slice(0, -1), kernel.shape[1] as number]);
}

/**
 * The plain ops on the layer's input when `usable(layer, x)`, on wasm, while a
 * gradient is taped and the input depends on no trainable weight; else null.
 */
const onUntrainedInput =
  <L>(usable: (layer: L, x: tf.Tensor) => boolean, product: (layer: L) => (x: tf.Tensor, k: tf.Tensor) => tf.Tensor) =>
  (layer: L, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | null => {
    const x = one(inputs);
    const tape = tf.getBackend() === 'wasm' ? activeTape() : null;
    if (!tape || !usable(layer, x) || dependsOnTrainable(x, tape)) return null;
    return plain(layer as unknown as WeightedLayer, x, product(layer));
  };

let installed = false;

/** Install once per process (Conv2D and Dense; other layers keep TF.js's call). */
export function installInputGradientSkip(): void {
  if (installed) return;
  wrapLayerCall<ConvLayer>(
    'Conv2D',
    onUntrainedInput(
      (layer, x) => layer.rank === 2 && layer.dataFormat === 'channelsLast' && x.rank === 4,
      (layer) => conv2d(layer),
    ),
  );
  wrapLayerCall<unknown>(
    'Dense',
    onUntrainedInput(
      (_layer, x) => x.rank >= 2,
      () => dense,
    ),
  );
  installed = true;
}
