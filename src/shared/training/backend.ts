/** Training backends, best first, and how the choice is reported. */
import { z } from 'zod';

/** TensorFlow.js backends (in the engine's own process), best first. */
export const TFJS_BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type TfjsBackendName = (typeof TFJS_BACKENDS)[number];

/** Every place Deepwire trains: PyTorch in a Python process (docs/backends.md), then TF.js's backends. */
export const BACKENDS = ['pytorch', ...TFJS_BACKENDS] as const;
export type BackendName = (typeof BACKENDS)[number];

/** `auto` picks the best available; a name forces that backend (DW503 if missing). */
export const BACKEND_PREFERENCES = ['auto', ...BACKENDS] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

/** The PyTorch device of a run: `auto` = the first GPU (CUDA/ROCm, then MPS), else the CPU. */
export const TORCH_DEVICE_PATTERN = /^(auto|cpu|mps|cuda(:\d+)?)$/;
export const TORCH_DEVICES_HELP = 'auto | cpu | cuda | cuda:N | mps';
export type TorchDevice = string;

export const backendProbeSchema = z.object({
  name: z.enum(BACKENDS),
  available: z.boolean(),
  /** Why it is unavailable or skipped (package not installed, CUDA missing, …), or what it is. */
  detail: z.string(),
});
export type BackendProbe = z.infer<typeof backendProbeSchema>;

/** Reported with every run and by `deepwire doctor`. */
export const backendReportSchema = z.object({
  chosen: z.enum(BACKENDS),
  /** Deepwire's kernel pack registered (wasm): fast convolution gradients. */
  kernelPack: z.boolean(),
  /** Worker threads used for data-parallel training (1 = single thread); PyTorch: processes. */
  threads: z.number().int().positive(),
  probes: z.array(backendProbeSchema),
  /** PyTorch runs: the device trained on, e.g. `cuda:0 (NVIDIA H100, 79.1 GiB)` or `cpu`. */
  device: z.string().optional(),
});
export type BackendReport = z.infer<typeof backendReportSchema>;
