/** Dense (Gemm for vectors, MatMul + Add on the last axis otherwise) and Embedding (Gather). */
import type { NodeOfKind } from '../../../../shared/graph/types.js';
import { applyActivation } from './activation.js';
import type { ConvertContext, Value } from './context.js';

export function convertDense(ctx: ConvertContext, node: NodeOfKind<'Dense'>, [x]: Value[]): string {
  const p = node.params;
  const [kernel, bias] = ctx.weights(node, p.useBias ? 2 : 1);
  const w = ctx.b.float(`${node.name}/kernel`, kernel.shape, kernel.values);
  const b = bias ? ctx.b.float(`${node.name}/bias`, bias.shape, bias.values) : undefined;
  const rank = x.shape.length;
  let y: string;
  if (rank === 2) {
    y = ctx.b.node('Gemm', b ? [x.name, w, b] : [x.name, w], `${node.name}/gemm`);
  } else {
    // Dense acts on Keras's last axis: on an image that is the channel axis of the NHWC view.
    const input = ctx.toNhwc(x, node.name);
    const product = ctx.b.node('MatMul', [input, w], `${node.name}/matmul`);
    y = ctx.fromNhwc(b ? ctx.b.node('Add', [product, b], `${node.name}/bias_add`) : product, rank, node.name);
  }
  return applyActivation(ctx, y, p.activation, node.name, { rank });
}

export function convertEmbedding(ctx: ConvertContext, node: NodeOfKind<'Embedding'>, [x]: Value[]): string {
  const [table] = ctx.weights(node, 1);
  const w = ctx.b.float(`${node.name}/embeddings`, table.shape, table.values);
  return ctx.b.node('Gather', [w, x.name], `${node.name}/gather`);
}
