/**
 * Probes for the native TensorFlow backends (`@tensorflow/tfjs-node-gpu`,
 * `@tensorflow/tfjs-node`). Both are optional dependencies whose install
 * downloads libtensorflow, so each can be: not installed, installed but its
 * native binding fails to load (download skipped, CUDA libraries missing), or
 * working. They are imported dynamically so nothing breaks when they are absent.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BackendProbe } from '../../../shared/training/backend.js';

// Not named `require`: the Electron build's ESM shim declares that name in the same bundle.
const nodeRequire = createRequire(import.meta.url);

export const NATIVE_PACKAGES = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
} as const;
type NativeName = keyof typeof NATIVE_PACKAGES;

/** Both packages register the same tf backend, 'tensorflow': only one may load per process. */
let loaded: NativeName | null = null;

function installedVersion(pkg: string): string | null {
  try {
    return (nodeRequire(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return null;
  }
}

/** A CUDA driver is visible (Linux device nodes / driver proc file, or Windows' nvcuda). */
export function cudaDriverPresent(): boolean {
  if (process.platform === 'linux') return existsSync('/proc/driver/nvidia/version') || existsSync('/dev/nvidiactl');
  if (process.platform === 'win32') return existsSync('C:\\Windows\\System32\\nvcuda.dll');
  return false; // macOS has no CUDA
}

/** Turn a binding load failure into something a user can act on. */
export function explainLoadError(pkg: string, message: string): string {
  const first = message.split('\n')[0];
  const lib = /(lib(?:cudart|cudnn|cublas|cufft|curand|cusolver|cusparse)[\w.-]*)/.exec(message);
  if (lib) return `CUDA library missing: ${lib[1]} (install CUDA 11.2 + cuDNN 8.1 and add them to the library path)`;
  if (/tfjs_binding\.node|napi-v\d|libtensorflow/.test(message))
    return `native binding missing: libtensorflow was not downloaded (run \`npm rebuild ${pkg}\` with network access): ${first}`;
  return `native binding failed to load: ${first}`;
}

/** Probe one native backend; on success its tf backend 'tensorflow' is registered. */
export async function probeNative(name: NativeName): Promise<BackendProbe> {
  const pkg = NATIVE_PACKAGES[name];
  const version = installedVersion(pkg);
  if (!version) return { name, available: false, detail: `package not installed (npm install ${pkg})` };
  if (name === 'tensorflow-gpu' && !cudaDriverPresent())
    return { name, available: false, detail: `${pkg}@${version} installed, but no NVIDIA driver/GPU found` };
  if (loaded && loaded !== name)
    return {
      name,
      available: false,
      detail: `${pkg}@${version} installed, not loaded: ${NATIVE_PACKAGES[loaded]} already provides the tensorflow backend`,
    };
  try {
    const spec: string = pkg; // a variable specifier: TypeScript must not require the optional package
    await import(spec);
    loaded = name;
    return {
      name,
      available: true,
      detail: `${pkg}@${version} (libtensorflow${name === 'tensorflow-gpu' ? ', CUDA' : ', native CPU'})`,
    };
  } catch (e) {
    return {
      name,
      available: false,
      detail: `${pkg}@${version} installed, ${explainLoadError(pkg, (e as Error).message ?? String(e))}`,
    };
  }
}
