/**
 * A last-resort bridge for real-valued kernels that only the cpu backend has
 * (the depthwise-convolution gradients, Einsum): copy the inputs off the wasm
 * heap, run the cpu kernel, copy the outputs back. Slow, but a model that
 * trains on `cpu` never fails on `wasm` for want of a kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend } from './wasm-backend.js';

export const BRIDGED = ['DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'Einsum'];

type DataId = object;

export function bridged(
  kernelName: string,
): (args: { inputs: Record<string, Info> | Info[]; backend: WasmBackend; attrs: object }) => Info | Info[] {
  return ({ inputs, backend, attrs }) => {
    const cpu = tf.findBackend('cpu');
    const kernel = tf.getKernel(kernelName, 'cpu');
    if (!cpu || !kernel) throw new Error(`Kernel '${kernelName}' is not available for backend 'wasm'`);
    const moved: DataId[] = [];
    const toCpu = (t: Info): Info => {
      const dataId = cpu.write(backend.readSync(t.dataId) as tf.backend_util.BackendValues, t.shape, t.dtype);
      moved.push(dataId);
      return { dataId, shape: t.shape, dtype: t.dtype };
    };
    const cpuInputs = Array.isArray(inputs)
      ? inputs.map(toCpu)
      : Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, toCpu(t)]));
    const result = kernel.kernelFunc({
      inputs: cpuInputs as tf.NamedTensorInfoMap,
      attrs: attrs as tf.NamedAttrMap,
      backend: cpu,
    });
    const toWasm = (t: Info): Info => {
      const values = cpu.readSync(t.dataId) as Float32Array | Int32Array;
      const out = backend.makeOutput(t.shape, t.dtype);
      const at = backend.dataIdMap.get(out.dataId).memoryOffset;
      new Uint8Array(backend.wasm.HEAPU8.buffer, at, values.byteLength).set(
        new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
      );
      cpu.disposeData(t.dataId);
      return out;
    };
    const outs = Array.isArray(result) ? result.map(toWasm) : toWasm(result);
    for (const id of moved) cpu.disposeData(id);
    return outs;
  };
}
