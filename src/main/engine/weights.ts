/**
 * tf weights ↔ the project's stored-weights form (src/shared/project/weights.ts).
 * Tensors are named as TF.js names them when it saves a model
 * (`LayerVariable.originalName`, e.g. `dense_1/kernel`); the suffix TF.js adds
 * to keep variable names unique within a process (`dense_1/kernel_3`) is not
 * part of a name, so weights move between runs and processes unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../shared/errors.js';
import type { GraphDoc } from '../../shared/graph/types.js';
import { decodeWeights, encodeWeights, type NamedTensor } from '../../shared/project/weights.js';
import type { WeightsBlob } from '../../shared/project/weights-schema.js';

type Variable = tf.LayerVariable & { originalName: string };

/** The model's weights (trainable and not), in the model's order. */
export function readNamedWeights(models: readonly tf.LayersModel[]): NamedTensor[] {
  const out: NamedTensor[] = [];
  for (const model of models) {
    for (const w of model.weights as Variable[]) {
      out.push({ name: w.originalName, shape: w.shape as number[], values: w.read().dataSync() as Float32Array });
    }
  }
  return out;
}

export function modelWeightsBlob(models: readonly tf.LayersModel[], graph: GraphDoc): WeightsBlob {
  return encodeWeights(readNamedWeights(models), graph);
}

/**
 * Loads named tensors into the models, by name. Every weight of the models must
 * be present with its shape (DW207 otherwise).
 */
export function applyNamedWeights(models: readonly tf.LayersModel[], tensors: readonly NamedTensor[]): void {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  for (const model of models) {
    for (const w of model.weights as Variable[]) {
      const t = byName.get(w.originalName);
      if (!t) throw new DeepwireError('DW207', `the stored weights have no tensor "${w.originalName}"`, w.originalName);
      if (t.shape.length !== w.shape.length || t.shape.some((d, i) => d !== w.shape[i])) {
        throw new DeepwireError(
          'DW207',
          `"${w.originalName}" is stored as [${t.shape.join(', ')}] but the model has [${w.shape.join(', ')}]`,
          w.originalName,
        );
      }
      const value = tf.tensor(t.values, t.shape, 'float32');
      w.write(value);
      value.dispose();
    }
  }
}

export function applyWeightsBlob(models: readonly tf.LayersModel[], blob: WeightsBlob, graph: GraphDoc): void {
  applyNamedWeights(models, decodeWeights(blob, graph));
}
