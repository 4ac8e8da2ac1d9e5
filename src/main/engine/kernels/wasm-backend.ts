/**
 * The slice of the wasm backend's internals the kernel pack uses: tensor
 * storage on the wasm heap and the stock (XNNPACK-backed) kernels, which we
 * call directly as building blocks. Calling kernel functions (not tf ops)
 * keeps everything off the gradient tape and out of the engine's bookkeeping.
 */
import * as tf from '@tensorflow/tfjs';

type DataId = object;
export type Info = tf.TensorInfo;

export interface WasmModule {
  HEAPF32: Float32Array;
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  asm: { memory: WebAssembly.Memory };
}

export interface WasmBackend extends tf.KernelBackend {
  wasm: WasmModule;
  dataIdMap: {
    get(dataId: DataId): { id: number; memoryOffset: number; shape: number[]; dtype: string };
    has(dataId: DataId): boolean;
  };
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number): Info;
  disposeData(dataId: DataId, force?: boolean): boolean;
  /** A view of the tensor's data on the heap, typed by its dtype (invalid once the heap grows). */
  typedArrayFromHeap(t: Info): Float32Array | Int32Array | Uint8Array;
}

/** The stock wasm kernels, captured before the pack overrides any of them. */
const stock = new Map<string, tf.KernelFunc>();

export function captureStockKernels(names: string[]): void {
  for (const name of names) {
    if (stock.has(name)) continue;
    const k = tf.getKernel(name, 'wasm');
    if (k) stock.set(name, k.kernelFunc);
  }
}

/** Run a stock wasm kernel (its setup ran when the backend initialised). */
export function runStock(backend: WasmBackend, name: string, inputs: Record<string, Info>, attrs: object = {}): Info {
  const f = stock.get(name) ?? tf.getKernel(name, 'wasm')?.kernelFunc;
  if (!f) throw new Error(`wasm kernel ${name} is not registered`);
  return f({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as Info;
}

/** The same data seen with another shape (a free reshape; shares storage). */
export function view(t: Info, shape: number[]): Info {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

export function dispose(backend: WasmBackend, ...infos: Info[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

/** The byte offset of the tensor's data on the wasm heap. */
export const byteOffset = (backend: WasmBackend, t: Info): number => backend.dataIdMap.get(t.dataId).memoryOffset;

/** The index of the tensor's first element in HEAPF32 (its byte offset / 4). */
export const f32Index = (backend: WasmBackend, t: Info): number => byteOffset(backend, t) / 4;

/** Attributes of Conv2D's two gradient kernels besides the shape of what they compute. */
export interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** A Float32Array over the tensor's bytes on the wasm heap (re-take it after any allocation: the heap may grow). */
export function heapF32(backend: WasmBackend, t: Info): Float32Array {
  return new Float32Array(backend.wasm.HEAPF32.buffer, byteOffset(backend, t), tf.util.sizeFromShape(t.shape));
}

export function transpose(backend: WasmBackend, x: Info, perm: number[]): Info {
  return runStock(backend, 'Transpose', { x }, { perm });
}

/** A conv2d on XNNPACK with explicit paddings [top, bottom, left, right]. */
export function conv2d(
  backend: WasmBackend,
  x: Info,
  filter: Info,
  strides: [number, number],
  pads: [number, number, number, number],
  dilations: [number, number] = [1, 1],
): Info {
  const pad = [
    [0, 0],
    [pads[0], pads[1]],
    [pads[2], pads[3]],
    [0, 0],
  ];
  return runStock(
    backend,
    'Conv2D',
    { x, filter },
    { strides, pad, dilations, dataFormat: 'NHWC', dimRoundingMode: undefined },
  );
}
