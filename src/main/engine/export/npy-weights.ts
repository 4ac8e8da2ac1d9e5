/**
 * The exported weights every Python format shares: one .npy file per tensor,
 * in Keras's own layout (Dense kernel [in, out], Conv2D HWIO, LSTM gates
 * i,f,c,o, …), and `weights.json` listing them per layer in the order
 * `layer.set_weights()` takes them. Keras loads them as they are; the
 * PyTorch script transposes while loading.
 */
import type { ExportFile } from './files.js';
import { encodeNpy } from './keras/npy.js';
import type { ExportModel } from './models.js';
import type { GateActivation } from './snapshot.js';

export const NPY_MANIFEST_FORMAT = 'deepwire-npy-weights';
export const NPY_MANIFEST_FILE = 'weights.json';

export interface NpyWeightEntry {
  /** TF.js / Keras weight name, e.g. `lstm/recurrent_kernel`. */
  name: string;
  /** Path of the .npy file, relative to the manifest. */
  file: string;
  shape: number[];
}

export interface NpyLayerEntry {
  /** Keras layer name (`model.get_layer(name)`). */
  name: string;
  /** Deepwire layer kind (equal to the Keras class name). */
  kind: string;
  /** Recurrent layers: the gate activation the weights were trained with. */
  gate?: GateActivation;
  weights: NpyWeightEntry[];
}

export interface NpyManifest {
  format: typeof NPY_MANIFEST_FORMAT;
  version: 1;
  model: string;
  /** False when the weights are the untrained initial ones. */
  trained: boolean;
  layers: NpyLayerEntry[];
}

/** `conv2d/kernel` -> `weights/conv2d/kernel.npy`; nested names become folders. */
export const npyPath = (weightName: string): string => `weights/${weightName}.npy`;

/** The manifest and the .npy files of one model; `folder` prefixes the paths (e.g. `generator/`). */
export function npyWeightFiles(
  m: ExportModel,
  trained: boolean,
  folder = '',
): { manifest: NpyManifest; files: ExportFile[] } {
  const kinds = new Map(m.snap.graph.nodes.map((n) => [n.name, n.kind]));
  const files: ExportFile[] = [];
  const layers: NpyLayerEntry[] = [];
  for (const [name, weights] of m.snap.weights) {
    if (weights.length === 0) continue;
    const gate = m.snap.gates.get(name);
    layers.push({
      name,
      kind: kinds.get(name) ?? 'unknown',
      ...(gate ? { gate } : {}),
      weights: weights.map((w) => ({ name: w.name, file: npyPath(w.name), shape: w.shape })),
    });
    for (const w of weights) files.push({ path: folder + npyPath(w.name), data: encodeNpy(w.shape, w.values) });
  }
  const manifest: NpyManifest = { format: NPY_MANIFEST_FORMAT, version: 1, model: m.name, trained, layers };
  files.unshift({ path: folder + NPY_MANIFEST_FILE, data: JSON.stringify(manifest, null, 2) + '\n' });
  return { manifest, files };
}
