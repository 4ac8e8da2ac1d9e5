/**
 * Dense (Gemm, MatMul + Add), BatchNormalization, the merges and the
 * activations. An activation right after a Dense or convolution that nothing
 * else reads becomes that layer's activation, as Keras writes it.
 */
import type { ActivationName } from '../../../../shared/layers/types.js';
import { ConvertContext } from '../../export/onnx/context.js';
import type { OpContext } from './context.js';
import { identity, permute, samePerm, type ConstValue, type TensorValue, type Value } from './values.js';

/** Dense layers made from a MatMul that an Add may still give a bias. */
const biasable = new WeakMap<OpContext['g'], Set<string>>();

/** A Dense kernel [K, units]: rows reordered from ONNX's C,H,W flatten order to Keras's H,W,C. */
function denseKernel(x: TensorValue, kernel: Float32Array, units: number): Float32Array {
  if (!x.chw) return kernel;
  const [ch, h, w] = x.chw;
  return permute(kernel, [ch, h, w, units], [1, 2, 0, 3]);
}

function denseInput(c: OpContext): TensorValue {
  const x = c.tensor(0);
  if (x.pooled || !samePerm(x.perm, identity(x.perm.length)))
    throw c.fail(`multiplies a tensor laid out [${x.perm.join(', ')}]; Dense acts on Keras's last axis`);
  return x;
}

export function readGemm(c: OpContext): Value[] {
  const x = denseInput(c);
  const b = c.constant(1, 'the weights');
  const bias = c.optionalConstant(2, 'the bias');
  if (x.shape.length !== 1 || b.dims.length !== 2) throw c.fail('needs a batch of vectors and a 2-D weight matrix');
  if (c.attrs.int('transA', 0) || c.attrs.float('alpha', 1) !== 1 || (bias && c.attrs.float('beta', 1) !== 1))
    throw c.fail('uses transA, alpha or beta, which Dense does not have');
  const transB = c.attrs.int('transB', 0) === 1;
  const [k, units] = transB ? [b.dims[1], b.dims[0]] : b.dims;
  if (bias && bias.values.length !== units)
    throw c.fail(`has a bias of ${bias.values.length} values for ${units} units`);
  const kernel = transB ? ConvertContext.transpose2d(b.values, units, k) : b.values;
  const y = c.g.add('Dense', { units, activation: 'linear', useBias: !!bias }, [x], [units]);
  c.g.weight(y.node, 'kernel', [k, units], denseKernel(x, kernel, units));
  if (bias) c.g.weight(y.node, 'bias', [units], bias.values);
  return [y];
}

export function readMatMul(c: OpContext): Value[] {
  const x = denseInput(c);
  const b = c.constant(1, 'the weights');
  if (b.dims.length !== 2) throw c.fail('multiplies by a non-2-D constant; only Dense-style MatMul is read');
  const [k, units] = b.dims;
  const y = c.g.add('Dense', { units, activation: 'linear', useBias: false }, [x], [...x.shape.slice(0, -1), units]);
  c.g.weight(y.node, 'kernel', [k, units], denseKernel(x, b.values, units));
  if (!biasable.has(c.g)) biasable.set(c.g, new Set());
  biasable.get(c.g)!.add(y.node);
  return [y];
}

/** Add: a MatMul's bias, or a Keras Add of two equal tensors. */
export function readAdd(c: OpContext): Value[] {
  const [a, b] = [c.value(0), c.value(1)];
  const pending = biasable.get(c.g);
  const withBias = (x: TensorValue, bias: ConstValue, sole: boolean) => {
    if (!pending?.has(x.node) || !sole) return undefined;
    const units = x.shape[x.shape.length - 1];
    if (bias.values.length !== units) return undefined;
    pending.delete(x.node);
    const node = c.g.node(x.node);
    if (node.kind === 'Dense') node.params.useBias = true;
    c.g.weight(x.node, 'bias', [units], bias.values);
    return x;
  };
  if (a?.kind === 'tensor' && b?.kind === 'const') {
    const y = withBias(a, b, c.soleReader(0));
    if (y) return [y];
  }
  if (b?.kind === 'tensor' && a?.kind === 'const') {
    const y = withBias(b, a, c.soleReader(1));
    if (y) return [y];
  }
  return readSum(c);
}

export function readSum(c: OpContext): Value[] {
  const xs = (c.node.input ?? []).map((_, i) => c.tensor(i));
  const [first] = xs;
  if (xs.some((x) => !samePerm(x.perm, first.perm) || x.shape.join() !== first.shape.join() || x.chw || x.pooled))
    throw c.fail('adds tensors of different shapes or layouts (or a constant); Keras Add takes equal shapes');
  return [c.g.add('Add', {}, xs, [...first.shape], first.perm)];
}

export function readConcat(c: OpContext): Value[] {
  const xs = (c.node.input ?? []).map((_, i) => c.tensor(i));
  const [first] = xs;
  const rank = first.perm.length;
  const axis = (c.attrs.int('axis', 1) + rank) % rank;
  if (xs.some((x) => !samePerm(x.perm, first.perm) || x.chw || x.pooled) || first.perm[axis] !== rank - 1)
    throw c.fail(`joins on axis ${axis}, which is not Keras's last axis in Deepwire's layout`);
  const last = xs.reduce((n, x) => n + x.shape[x.shape.length - 1], 0);
  return [c.g.add('Concatenate', {}, xs, [...first.shape.slice(0, -1), last], first.perm)];
}

const FUSES_ACTIVATION = new Set(['Dense', 'Conv2D', 'Conv2DTranspose', 'DepthwiseConv2D']);

/** Keras's leaky_relu inside a layer has slope 0.2; another slope needs an Activation layer. */
const LAYER_LEAKY_SLOPE = 0.2;

function applyActivation(c: OpContext, activation: ActivationName, alpha?: number): Value[] {
  const x = c.tensor(0);
  const owner = c.g.node(x.node);
  const inLayer = activation !== 'leaky_relu' || Math.abs((alpha ?? 0) - LAYER_LEAKY_SLOPE) < 1e-6;
  if (
    FUSES_ACTIVATION.has(owner.kind) &&
    'activation' in owner.params &&
    owner.params.activation === 'linear' &&
    c.soleReader(0) &&
    inLayer
  ) {
    (owner.params as { activation: ActivationName }).activation = activation;
    biasable.get(c.g)?.delete(x.node);
    return [x];
  }
  const params = alpha === undefined ? { activation } : { activation, alpha };
  const y = c.g.add('Activation', params, [x], [...x.shape], x.perm);
  return [{ ...y, ...(x.chw ? { chw: x.chw } : {}), ...(x.pooled ? { pooled: true } : {}) }];
}

export const readRelu = (c: OpContext) => applyActivation(c, 'relu');
export const readSigmoid = (c: OpContext) => applyActivation(c, 'sigmoid');
export const readTanh = (c: OpContext) => applyActivation(c, 'tanh');
export const readLeakyRelu = (c: OpContext) => applyActivation(c, 'leaky_relu', c.attrs.float('alpha', 0.01));

export function readElu(c: OpContext): Value[] {
  const alpha = c.attrs.float('alpha', 1);
  if (Math.abs(alpha - 1) > 1e-6) throw c.fail(`has alpha ${alpha}; Keras's elu uses 1`);
  return applyActivation(c, 'elu');
}

export function readSelu(c: OpContext): Value[] {
  const alpha = c.attrs.float('alpha', 1.67326319217681884765625);
  const gamma = c.attrs.float('gamma', 1.05070102214813232421875);
  if (Math.abs(alpha - 1.6732632) > 1e-5 || Math.abs(gamma - 1.050701) > 1e-5)
    throw c.fail(`has alpha ${alpha}, gamma ${gamma}; Keras's selu uses the standard constants`);
  return applyActivation(c, 'selu');
}

/** Softmax over Keras's last axis (opsets before 13 flatten from `axis`, which is the same for that axis). */
export function readSoftmax(c: OpContext): Value[] {
  const x = c.tensor(0);
  const rank = x.perm.length;
  const axis = (c.attrs.int('axis', c.opset >= 13 ? -1 : 1) + rank) % rank;
  const lastAxis = c.opset >= 13 || axis === rank - 1;
  if (x.perm[axis] !== rank - 1 || !lastAxis || x.chw || x.pooled)
    throw c.fail(`normalises over axis ${axis}, which is not Keras's last axis in Deepwire's layout`);
  return applyActivation(c, 'softmax');
}

/** Inference BatchNormalization on the channel axis (ONNX axis 1, Keras's last). */
export function readBatchNormalization(c: OpContext): Value[] {
  const x = c.tensor(0);
  const rank = x.perm.length;
  if (x.perm[1] !== rank - 1 || x.chw || x.pooled)
    throw c.fail("normalises ONNX axis 1, which is not Keras's channel axis in Deepwire's layout");
  if (c.attrs.int('training_mode', 0) !== 0) throw c.fail('is in training mode; export the model in eval mode');
  const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((i) => c.constant(i, 'the statistics'));
  const epsilon = c.attrs.float('epsilon', 1e-5);
  const y = c.g.add('BatchNormalization', { epsilon, center: true, scale: true }, [x], [...x.shape], x.perm);
  const ch = x.shape[x.shape.length - 1];
  c.g.weight(y.node, 'gamma', [ch], gamma.values);
  c.g.weight(y.node, 'beta', [ch], beta.values);
  c.g.weight(y.node, 'moving_mean', [ch], mean.values);
  c.g.weight(y.node, 'moving_variance', [ch], variance.values);
  return [y];
}
