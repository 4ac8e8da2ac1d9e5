/**
 * The state of one conversion and the layout rule that keeps it simple:
 * every rank-4 tensor (an image batch) lives in ONNX as NCHW, the layout
 * ONNX's Conv/Pool/BatchNormalization/Resize expect. Graph inputs and outputs
 * keep Keras's NHWC, with a Transpose at each end; layers whose meaning is
 * tied to NHWC order (Flatten, Reshape, Dense and LayerNormalization on
 * images) transpose locally. Runtimes fold the back-to-back transposes.
 */
import type { GraphNode } from '../../../../shared/graph/types.js';
import type { Shape } from '../../../../shared/layers/types.js';
import type { ModelSnapshot, WeightArray } from '../snapshot.js';
import { layerWeights } from '../snapshot.js';
import type { OnnxBuilder } from './builder.js';
import { attr } from './proto.js';

export interface Value {
  /** ONNX value name. */
  name: string;
  /** Keras (NHWC) shape, batch first. */
  shape: Shape;
}

export const NHWC_TO_NCHW = [0, 3, 1, 2];
export const NCHW_TO_NHWC = [0, 2, 3, 1];

export class ConvertContext {
  constructor(
    readonly b: OnnxBuilder,
    readonly snap: ModelSnapshot,
  ) {}

  /** Output shape of a node (from shape inference). */
  shapeOf(node: GraphNode): Shape {
    const shape = this.snap.report.nodes[node.id]?.shape;
    if (!shape) throw new Error(`no inferred shape for ${node.name}`);
    return shape;
  }

  weights(node: GraphNode, count: number): WeightArray[] {
    return layerWeights(this.snap, node.name, count);
  }

  /** A rank-4 value as stored (NCHW) seen in NHWC order, e.g. before Flatten; other ranks pass through. */
  toNhwc(v: Value, base: string): string {
    return v.shape.length === 4
      ? this.b.node('Transpose', [v.name], `${base}/to_nhwc`, { attrs: [attr.ints('perm', NCHW_TO_NHWC)] })
      : v.name;
  }

  /** An NHWC rank-4 result brought back to the stored NCHW layout; other ranks pass through. */
  fromNhwc(name: string, rank: number, base: string): string {
    return rank === 4
      ? this.b.node('Transpose', [name], `${base}/to_nchw`, { attrs: [attr.ints('perm', NHWC_TO_NCHW)] })
      : name;
  }

  /** Keras's last (channel) axis in the stored layout. */
  channelAxis(rank: number): number {
    return rank === 4 ? 1 : rank - 1;
  }

  /** Transposes a row-major matrix [rows, cols] -> [cols, rows]. */
  static transpose2d(values: Float32Array, rows: number, cols: number): Float32Array {
    const out = new Float32Array(values.length);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
    return out;
  }

  /** Permutes a row-major tensor of `dims` by `perm` (output dim i = input dim perm[i]). */
  static permute(values: Float32Array, dims: readonly number[], perm: readonly number[]): Float32Array {
    const rank = dims.length;
    const outDims = perm.map((p) => dims[p]);
    const inStrides = new Array<number>(rank);
    for (let i = rank - 1, s = 1; i >= 0; i--) {
      inStrides[i] = s;
      s *= dims[i];
    }
    const strideOfOut = perm.map((p) => inStrides[p]);
    const out = new Float32Array(values.length);
    const idx = new Array<number>(rank).fill(0);
    for (let o = 0; o < out.length; o++) {
      let src = 0;
      for (let i = 0; i < rank; i++) src += idx[i] * strideOfOut[i];
      out[o] = values[src];
      for (let i = rank - 1; i >= 0; i--) {
        if (++idx[i] < outDims[i]) break;
        idx[i] = 0;
      }
    }
    return out;
  }
}
