/**
 * MultiHeadAttention as ONNX MatMul / Add / Reshape / Transpose / Softmax, with Keras's weights: each of the
 * query, key and value kernels (F, H, d) is a (F, H·d) matrix, the output kernel (H, value, O) an
 * (H·value, O) one. Per head softmax(q·kᵀ / √key) · v, heads side by side, then the output projection.
 * Sequences are (N, T, F) in ONNX as in Keras, so nothing is transposed at the edges.
 */
import type { NodeOfKind } from '../../../../shared/graph/types.js';
import type { WeightArray } from '../snapshot.js';
import type { ConvertContext, Value } from './context.js';
import { attr } from './proto.js';

export function convertMultiHeadAttention(
  ctx: ConvertContext,
  node: NodeOfKind<'MultiHeadAttention'>,
  xs: Value[],
): string {
  const p = node.params;
  const b = ctx.b;
  const name = node.name;
  const [query, value = query] = xs;
  const ws = ctx.weights(node, p.useBias ? 8 : 4);
  const stride = p.useBias ? 2 : 1;
  const kernel = (i: number) => ws[i * stride];
  const bias = (i: number): WeightArray | undefined => (p.useBias ? ws[i * stride + 1] : undefined);
  const h = p.numHeads;
  const kd = p.keyDim;
  const vd = p.valueDim > 0 ? p.valueDim : kd;

  /** x (N, T, F) → (N, H, T, d), or with `keyT` (N, H, d, T) ready to be multiplied from the right. */
  const project = (x: Value, i: number, d: number, tag: string, keyT = false): string => {
    const k = kernel(i);
    let y = b.node(
      'MatMul',
      [x.name, b.float(`${name}/${tag}/kernel`, [k.shape[0], h * d], k.values)],
      `${name}/${tag}`,
    );
    const bi = bias(i);
    if (bi) y = b.node('Add', [y, b.float(`${name}/${tag}/bias`, [h * d], bi.values)], `${name}/${tag}_bias`);
    const split = b.node('Reshape', [y, b.int64(`${name}/${tag}_heads`, [0, -1, h, d])], `${name}/${tag}_split`);
    return b.node('Transpose', [split], `${name}/${tag}_heads_first`, {
      attrs: [attr.ints('perm', keyT ? [0, 2, 3, 1] : [0, 2, 1, 3])],
    });
  };

  const q = b.node(
    'Mul',
    [project(query, 0, kd, 'query'), b.float(`${name}/scale`, [], Float32Array.of(1 / Math.sqrt(kd)))],
    `${name}/query_scaled`,
  );
  const scores = b.node('MatMul', [q, project(value, 1, kd, 'key', true)], `${name}/scores`);
  const weights = b.node('Softmax', [scores], `${name}/softmax`, { attrs: [attr.i('axis', -1)] });
  const heads = b.node('MatMul', [weights, project(value, 2, vd, 'value')], `${name}/attend`);
  const steps = b.node('Transpose', [heads], `${name}/steps_first`, { attrs: [attr.ints('perm', [0, 2, 1, 3])] });
  const merged = b.node('Reshape', [steps, b.int64(`${name}/merge_heads`, [0, -1, h * vd])], `${name}/merged`);
  const ko = kernel(3);
  const o = ko.shape[2];
  let y = b.node('MatMul', [merged, b.float(`${name}/output/kernel`, [h * vd, o], ko.values)], `${name}/output`);
  const bo = bias(3);
  if (bo) y = b.node('Add', [y, b.float(`${name}/output/bias`, [o], bo.values)], `${name}/output_bias`);
  return y;
}
