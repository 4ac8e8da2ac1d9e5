/**
 * The wasm backend in Node. Its .wasm binaries sit beside the package's Node
 * entry (`dist/`); we point `setWasmPaths` there explicitly so bundling the
 * engine (electron-vite) cannot break the lookup. In Node the package always
 * picks the SIMD (or plain) single-threaded binary: its
 * WASM_HAS_MULTITHREAD_SUPPORT flag is hard-wired to false under Node
 * (tfjs issue 3830), so both cores are used by running two engine workers.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendProbe } from '../../../shared/training/backend.js';

// Not named `require`: the Electron build's ESM shim declares that name in the same bundle.
const nodeRequire = createRequire(import.meta.url);
let pathsSet = false;

/** The folder holding tfjs-backend-wasm*.wasm, with a trailing separator. */
export function wasmDistFolder(): string {
  return join(dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm')), '/');
}

/** Initialise the wasm backend; unavailable + why if it fails. */
export async function probeWasm(): Promise<BackendProbe> {
  try {
    const folder = wasmDistFolder();
    if (!existsSync(join(folder, 'tfjs-backend-wasm.wasm')))
      return { name: 'wasm', available: false, detail: `wasm binaries not found in ${folder}` };
    if (!pathsSet) {
      setWasmPaths(folder);
      pathsSet = true;
    }
    // Initialising makes it current; initBackend sets the chosen backend afterwards.
    if (!tf.findBackend('wasm') && !(await tf.setBackend('wasm')))
      return { name: 'wasm', available: false, detail: 'the wasm module failed to initialise' };
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return { name: 'wasm', available: true, detail: `WebAssembly${simd ? ' + SIMD' : ''}, XNNPACK` };
  } catch (e) {
    return { name: 'wasm', available: false, detail: `failed to initialise: ${(e as Error).message}` };
  }
}
