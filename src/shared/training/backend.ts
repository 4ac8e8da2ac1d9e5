/** Training backends, best first, and how the choice is reported. */
export const BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** `auto` picks the best available; a name forces that backend (DW503 if missing). */
export const BACKEND_PREFERENCES = ['auto', ...BACKENDS] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

export interface BackendProbe {
  name: BackendName;
  available: boolean;
  /** Why it is unavailable or skipped (package not installed, CUDA missing, …), or what it is. */
  detail: string;
}

/** Reported with every run and by `deepwire doctor`. */
export interface BackendReport {
  chosen: BackendName;
  /** Deepwire's kernel pack registered (wasm): fast convolution gradients. */
  kernelPack: boolean;
  /** Worker threads used for data-parallel training (1 = single thread). */
  threads: number;
  probes: BackendProbe[];
}
