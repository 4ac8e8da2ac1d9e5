/**
 * Deepwire's kernel pack: training kernels registered on the wasm backend for
 * what it lacks (Conv2DBackpropFilter — tfjs issue 8474 — UnsortedSegmentSum,
 * a cpu bridge for the rest) or does slowly or wrongly (matrix products,
 * Conv2DBackpropInput, pooling and resize gradients, Sum, Tile, bias adds);
 * the table in docs/backends.md says what each does. Each is built from the
 * stock XNNPACK-backed wasm kernels (convolution), the pack's own GEMM
 * (gemm.ts: every matrix product) or is a tight loop over the wasm heap
 * (hand-written wasm SIMD for the memory-bound ones, see simd.ts); each is
 * checked against the cpu backend in tests. Adam has
 * no kernel, so its step is fused separately (adam.ts); the gradient of the
 * training data is skipped at the layer (input-gradient.ts), and SimpleRNN runs
 * as one op with a hand-written gradient (simple-rnn.ts), LSTM as one op on
 * kernels of its own: the sequence's forward and its gradient (lstm.ts), and
 * GRU likewise, both of its reset variants (gru.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { installFusedAdam } from './adam.js';
import { installInputGradientSkip } from './input-gradient.js';
import { add } from './add.js';
import { avgPoolGrad } from './avg-pool-grad.js';
import { batchMatMul, fusedMatMul } from './batch-mat-mul.js';
import { BRIDGED, bridged } from './bridge.js';
import { conv2DBackpropFilter } from './conv2d-backprop-filter.js';
import { conv2DBackpropInput } from './conv2d-backprop-input.js';
import { identity } from './identity.js';
import { installFusedGru } from './gru.js';
import { installFusedLstm } from './lstm.js';
import { maxPoolGrad } from './max-pool-grad.js';
import { resizeNearestNeighborGrad } from './resize-nearest-grad.js';
import { installFusedSimpleRnn } from './simple-rnn.js';
import { slice, splitV, unpack } from './slice.js';
import { sum } from './sum.js';
import { sigmoid, tanh } from './tanh.js';
import { tile } from './tile.js';
import { unsortedSegmentSum } from './unsorted-segment-sum.js';
import { captureStockKernels } from './wasm-backend.js';

type AnyKernel = (args: never) => tf.TensorInfo | tf.TensorInfo[];

/** Kernel name -> the pack's implementation on 'wasm'. */
export const PACK_KERNELS: Record<string, AnyKernel> = {
  Conv2DBackpropFilter: conv2DBackpropFilter,
  Conv2DBackpropInput: conv2DBackpropInput,
  BatchMatMul: batchMatMul,
  _FusedMatMul: fusedMatMul,
  MaxPoolGrad: maxPoolGrad,
  Sum: sum,
  UnsortedSegmentSum: unsortedSegmentSum,
  Tile: tile,
  AvgPoolGrad: avgPoolGrad,
  ResizeNearestNeighborGrad: resizeNearestNeighborGrad,
  Tanh: tanh,
  Add: add,
  Sigmoid: sigmoid,
  Identity: identity,
  Slice: slice,
  SplitV: splitV,
  Unpack: unpack,
  ...Object.fromEntries(BRIDGED.map((name) => [name, bridged(name)])),
};

/** Stock kernels the pack builds on (captured before any override). */
const BUILDING_BLOCKS = [
  'Conv2D',
  'Conv2DBackpropInput',
  'BatchMatMul',
  '_FusedMatMul',
  'Transpose',
  'Slice',
  'MaxPoolGrad',
  'Sum',
  'Tile',
  'Tanh',
  'Add',
  'Sigmoid',
  'Identity',
  'SplitV',
  'Unpack',
];

let installed = false;

/** Register the pack on 'wasm' once per process; true when it is in place. */
export function installKernelPack(): boolean {
  if (installed) return true;
  captureStockKernels(BUILDING_BLOCKS);
  for (const [kernelName, kernelFunc] of Object.entries(PACK_KERNELS)) {
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  installFusedAdam();
  installInputGradientSkip();
  installFusedSimpleRnn();
  installFusedLstm();
  installFusedGru();
  installed = true;
  return true;
}

export function kernelPackInstalled(): boolean {
  return installed;
}
