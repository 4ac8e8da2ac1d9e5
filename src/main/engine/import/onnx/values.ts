/**
 * What an ONNX value is while the graph is read: a constant (initializer or
 * Constant node), or the output of a Deepwire layer seen through a layout.
 *
 * `perm` relates the two layouts: ONNX axis i holds Deepwire (Keras, NHWC)
 * axis perm[i]. An image that ONNX keeps NCHW has perm [0, 3, 1, 2]; after a
 * Transpose back to NHWC it is the identity. Layers are only created where
 * the layouts agree, so the imported model computes what the file did.
 */
import type { LayerKind } from '../../../../shared/layers/params.js';
import { ConvertContext } from '../../export/onnx/context.js';

export interface ConstValue {
  kind: 'const';
  dims: number[];
  values: Float32Array;
}

export interface TensorValue {
  kind: 'tensor';
  /** The Deepwire node that computes it. */
  node: string;
  /** Deepwire shape without the batch. */
  shape: number[];
  /** ONNX axis i is Deepwire axis perm[i] (batch included). */
  perm: number[];
  /** A vector flattened from an NCHW map: ONNX's order is C,H,W, Deepwire's H,W,C (sizes [c, h, w]). */
  chw?: [number, number, number];
  /** A global pooling's [N, C] that ONNX still holds as [N, C, 1, 1]. */
  pooled?: boolean;
}

/** Y or Y_h of an ONNX recurrent op, before a Squeeze says which one the model uses. */
export interface RecurrentValue {
  kind: 'recurrent';
  output: 'Y' | 'Y_h';
  build: (returnSequences: boolean) => TensorValue;
}

export type Value = ConstValue | TensorValue | RecurrentValue;

export const identity = (rank: number): number[] => Array.from({ length: rank }, (_, i) => i);
export const NCHW = [0, 3, 1, 2];
export const isIdentity = (perm: readonly number[]): boolean => perm.every((p, i) => p === i);
export const samePerm = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((p, i) => p === b[i]);

/** Keras's default layer name for a kind: Conv2DTranspose -> conv2d_transpose. */
export function snakeName(kind: LayerKind): string {
  return kind
    .replace(/([0-9])D/g, '$1d')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The ONNX writer's permutation (output dim i = input dim perm[i]): one copy of the index arithmetic. */
export const permute = ConvertContext.permute;
