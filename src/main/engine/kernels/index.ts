/**
 * Deepwire's kernel pack: fast training kernels registered on the wasm backend
 * for what it lacks (Conv2DBackpropFilter, tfjs issue 8474) or does slowly.
 */
import * as tf from '@tensorflow/tfjs';

/** Kernels the pack registers; filled in by the kernel modules. */
export const PACK_KERNELS: tf.KernelConfig[] = [];
let installed = false;

/** Register the pack on 'wasm' once per process; true when it is in place. */
export function installKernelPack(): boolean {
  if (installed) return true;
  for (const k of PACK_KERNELS) {
    if (tf.getKernel(k.kernelName, 'wasm')) tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel(k);
  }
  installed = true;
  return PACK_KERNELS.length > 0;
}
