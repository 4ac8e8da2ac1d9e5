/**
 * The TF.js Layers format: `model.json` (topology + weights manifest) and one
 * `weights.bin`. `tfjsFiles` captures them from tf.io in memory; writing goes
 * through the export writer (staging folder, then moved into place, weights
 * before model.json, so a model.json never points at a missing or
 * half-written weights file). `loadTfjsModel` reads the pair back through
 * tf.io.fromMemory.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeExportFiles, type ExportFile } from './files.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

function concat(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  return new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
}

/** weights.bin and model.json of `model`, in that order, under `folder` ('' or 'name/'). */
export async function tfjsFiles(model: tf.LayersModel, folder = '', generatedBy = 'Deepwire'): Promise<ExportFile[]> {
  let files: ExportFile[] = [];
  await model.save({
    save: async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
      const weights = concat(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy,
        convertedBy: null,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      };
      files = [
        { path: `${folder}${WEIGHTS_FILE}`, data: weights },
        { path: `${folder}${MODEL_FILE}`, data: JSON.stringify(modelJson) },
      ];
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },
  });
  return files;
}

/** Writes `model` as TF.js Layers files into `dir` (with `extra` files beside them); returns the model.json path. */
export async function writeTfjsModel(
  model: tf.LayersModel,
  dir: string,
  extra: readonly ExportFile[] = [],
): Promise<string> {
  await writeExportFiles(dir, [...(await tfjsFiles(model)), ...extra]);
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
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs,
      weightData: tf.io.concatenateArrayBuffers(buffers),
    }),
  );
}
