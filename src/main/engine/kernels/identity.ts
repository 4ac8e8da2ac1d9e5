/**
 * Identity for wasm without a copy. TF.js clones every tensor a gradient
 * saves (inputs and outputs its backward pass reads), and the stock wasm
 * Identity copies the data each time: one more pass over every saved
 * activation per step, and 160+ extra buffers per step for a small recurrent
 * net or GAN. Tensors are immutable (a variable's assign points it at new
 * data), so the clone shares its input's buffer under the backend's reference
 * count, as the wasm Reshape and the cpu backend's Identity already do.
 */
import { type Info, type WasmBackend, runStock } from './wasm-backend.js';

export function identity(args: { inputs: { x: Info }; backend: WasmBackend }): Info {
  const { inputs, backend } = args;
  const { x } = inputs;
  if (x.dtype === 'string') return runStock(backend, 'Identity', inputs);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
