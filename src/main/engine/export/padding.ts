/**
 * Keras/TF padding arithmetic, shared by the ONNX writer and the PyTorch code
 * generator (neither ONNX's nor PyTorch's symmetric padding says the same).
 *
 * 'same' pads a total of max((ceil(n/s) − 1)·s + k_eff − n, 0) and puts the
 * odd element at the END (after), where k_eff = (k − 1)·d + 1.
 */
import { DeepwireError } from '../../../shared/errors.js';

export interface Pads {
  before: number;
  after: number;
}

/** Padding of one spatial axis of a Conv2D or pooling window over `size` inputs. */
export function windowPads(
  padding: 'valid' | 'same',
  size: number | null,
  kernel: number,
  stride: number,
  dilation = 1,
): Pads {
  if (padding === 'valid') return { before: 0, after: 0 };
  const effective = (kernel - 1) * dilation + 1;
  // A size of None (issue #14): with stride 1 'same' pads k_eff − 1 whatever the size; with a larger stride
  // the padding depends on the size, which the model leaves open.
  if (size === null) {
    if (stride === 1)
      return { before: Math.floor((effective - 1) / 2), after: effective - 1 - Math.floor((effective - 1) / 2) };
    throw new DeepwireError(
      'DW701',
      `a 'same' window of stride ${stride} over a size of None pads by the size, which the model leaves open: give the Input a fixed size (or use stride 1 or padding 'valid') to export it`,
    );
  }
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + effective - size, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before };
}

export interface TransposePads extends Pads {
  /** Extra zeros appended at the end of the output (when the kernel is smaller than the stride). */
  outputPadding: number;
}

/**
 * Conv2DTranspose along one axis: TF's output is n·s ('same') or
 * n·s + max(k − s, 0) ('valid'), i.e. the full transposed convolution
 * (s·(n − 1) + k) cropped by `before`/`after` or extended by `outputPadding`.
 */
export function transposePads(padding: 'valid' | 'same', kernel: number, stride: number): TransposePads {
  const excess = kernel - stride;
  if (excess < 0) return { before: 0, after: 0, outputPadding: -excess };
  if (padding === 'valid') return { before: 0, after: 0, outputPadding: 0 };
  const before = Math.floor(excess / 2);
  return { before, after: excess - before, outputPadding: 0 };
}
