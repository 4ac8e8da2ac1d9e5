/**
 * Deepwire's activations as ONNX nodes, with TF.js's definitions:
 * leaky_relu slope 0.2 (or the Activation layer's alpha), selu's standard
 * constants, softmax over Keras's last axis, gelu exact (erf), swish x·σ(x),
 * hard_sigmoid clip(0.2·x + 0.5, 0, 1), relu6 clip(x, 0, 6).
 * Opset 17 has no Gelu op, so gelu is spelled out.
 */
import type { ActivationName } from '../../../../shared/layers/types.js';
import type { ConvertContext } from './context.js';
import { attr, type AttributeProto } from './proto.js';

export interface ActivationOptions {
  /** leaky_relu slope (default 0.2). */
  alpha?: number;
  /** Rank of the tensor, for softmax's axis (rank-4 values are stored NCHW: Keras's last axis is 1). */
  rank: number;
}

/** Applies `activation` to value `x`; returns the result's name (x itself for linear). */
export function applyActivation(
  ctx: ConvertContext,
  x: string,
  activation: ActivationName,
  base: string,
  opts: ActivationOptions,
): string {
  const b = ctx.b;
  const unary = (op: string, attrs: AttributeProto[] = []) => b.node(op, [x], `${base}/${activation}`, { attrs });
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return unary('Relu');
    case 'relu6': {
      // Clip's bounds are inputs since opset 11.
      const lo = b.float(`${base}/relu6_min`, [], Float32Array.of(0));
      const hi = b.float(`${base}/relu6_max`, [], Float32Array.of(6));
      return b.node('Clip', [x, lo, hi], `${base}/relu6`);
    }
    case 'leaky_relu':
      return unary('LeakyRelu', [attr.f('alpha', opts.alpha ?? 0.2)]);
    case 'elu':
      return unary('Elu', [attr.f('alpha', 1)]);
    case 'selu':
      return unary('Selu', [attr.f('alpha', 1.6732632423543772), attr.f('gamma', 1.0507009873554805)]);
    case 'sigmoid':
      return unary('Sigmoid');
    case 'tanh':
      return unary('Tanh');
    case 'softmax':
      return unary('Softmax', [attr.i('axis', ctx.channelAxis(opts.rank))]);
    case 'softplus':
      return unary('Softplus');
    case 'softsign':
      return unary('Softsign');
    case 'hard_sigmoid':
      // Keras 2's and TF.js's clip(0.2·x + 0.5, 0, 1) (ONNX's defaults are the same numbers).
      return unary('HardSigmoid', [attr.f('alpha', 0.2), attr.f('beta', 0.5)]);
    case 'swish': {
      const s = b.node('Sigmoid', [x], `${base}/swish_sigmoid`);
      return b.node('Mul', [x, s], `${base}/swish`);
    }
    case 'gelu': {
      // 0.5 · x · (1 + erf(x / √2))
      const scaled = b.node('Div', [x, b.float(`${base}/sqrt2`, [], Float32Array.of(Math.SQRT2))], `${base}/gelu_div`);
      const erf = b.node('Erf', [scaled], `${base}/gelu_erf`);
      const onePlus = b.node('Add', [erf, b.float(`${base}/one`, [], Float32Array.of(1))], `${base}/gelu_add`);
      const half = b.node('Mul', [x, b.float(`${base}/half`, [], Float32Array.of(0.5))], `${base}/gelu_half`);
      return b.node('Mul', [half, onePlus], `${base}/gelu`);
    }
  }
}
