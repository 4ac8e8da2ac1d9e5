/**
 * The TF.js Layers format: `model.json` (topology + weights manifest) and one
 * `weights.bin`, written through a tf.io handler that writes each file
 * atomically (temp file + fsync + rename), weights first so a model.json never
 * points at a missing or half-written weights file. `loadTfjsModel` reads the
 * pair back through tf.io.fromMemory.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import { writeFileAtomic } from '../fs-atomic.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

function concat(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  return new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
}

/** A tf.io handler that writes model.json + weights.bin into `dir`. */
export function atomicFileHandler(dir: string, generatedBy = 'Deepwire'): tf.io.IOHandler {
  return {
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      try {
        await mkdir(dir, { recursive: true });
        const weights = concat(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
        await writeFileAtomic(join(dir, WEIGHTS_FILE), weights);
        const modelJson = {
          modelTopology: artifacts.modelTopology,
          format: artifacts.format ?? 'layers-model',
          generatedBy,
          convertedBy: null,
          weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
        };
        const text = JSON.stringify(modelJson);
        await writeFileAtomic(join(dir, MODEL_FILE), text);
        return {
          modelArtifactsInfo: {
            dateSaved: new Date(),
            modelTopologyType: 'JSON',
            modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
            weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
            weightDataBytes: weights.byteLength,
          },
        };
      } catch (e) {
        throw new DeepwireError('DW702', `could not write the TF.js model to ${dir}: ${(e as Error).message}`, dir);
      }
    },
  };
}

/** Writes `model` as TF.js Layers files into `dir`; returns the model.json path. */
export async function writeTfjsModel(model: tf.LayersModel, dir: string): Promise<string> {
  await model.save(atomicFileHandler(dir));
  return join(dir, MODEL_FILE);
}

/** Loads a model.json (and the weights files it names) written by any TF.js tool. */
export async function loadTfjsModel(modelJsonPath: string): Promise<tf.LayersModel> {
  const dir = join(modelJsonPath, '..');
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const buffers: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const bytes = await readFile(join(dir, p));
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: tf.io.concatenateArrayBuffers(buffers) }));
}
