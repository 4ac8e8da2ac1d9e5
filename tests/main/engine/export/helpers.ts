/** Shared by the export tests: compile a graph with random weights, run it in TF.js and in ONNX Runtime. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { compileGraph, type CompileOptions } from '../../../../src/main/engine/compile/compile.js';
import { snapshotModel, type ModelSnapshot } from '../../../../src/main/engine/export/snapshot.js';
import type { ExportModels } from '../../../../src/main/engine/export/models.js';
import type { GraphDoc, GraphNode } from '../../../../src/shared/graph/types.js';
import { parseProject } from '../../../../src/shared/project/parse.js';
import type { Project } from '../../../../src/shared/project/schema.js';

import { seededRandom as rng } from '../../../../src/shared/random.js';

export { rng };

/** Random weights everywhere (moving variances positive), so biases, BN statistics and gate orders all matter. */
export function randomizeWeights(model: tf.LayersModel, seed = 7): void {
  const next = rng(seed);
  const values = model.weights.map((w) => {
    const shape = w.shape as number[];
    const n = shape.reduce((a, b) => a * b, 1);
    // Variances stay positive: BatchNormalization's moving variance, Normalization's variance.
    const variance = w.originalName.endsWith('moving_variance') || w.originalName.endsWith('/variance');
    const data = Float32Array.from({ length: n }, () => (variance ? 0.5 + next() : next() - 0.5));
    return tf.tensor(data, shape);
  });
  model.setWeights(values);
  values.forEach((v) => v.dispose());
}

export interface Compiled {
  model: tf.LayersModel;
  snap: ModelSnapshot;
}

export function compileRandom(graph: GraphDoc, opts: CompileOptions = {}, seed = 7): Compiled {
  const compiled = compileGraph(graph, opts);
  randomizeWeights(compiled.model, seed);
  return { model: compiled.model, snap: snapshotModel(compiled, graph, opts.group) };
}

export interface Sample {
  /** Per input layer name: values and NHWC dims (batch first). */
  feeds: { name: string; dims: number[]; values: Float32Array | Int32Array }[];
}

/** The size a None dimension of an Input gets in random inputs. */
const NONE_SIZE = 7;

/** Random inputs for a model's Input/Noise nodes; token ids for int32 inputs below `vocab`. */
export function randomInputs(inputs: GraphNode[], batch: number, seed = 11, vocab = 10): Sample {
  const next = rng(seed);
  return {
    feeds: inputs.map((node) => {
      const dims =
        node.kind === 'Noise'
          ? [batch, node.params.size]
          : node.kind === 'Input'
            ? [batch, ...node.params.shape.map((d) => d ?? NONE_SIZE)]
            : [];
      const n = dims.reduce((a, b) => a * b, 1);
      const int = node.kind === 'Input' && node.params.dtype === 'int32';
      const values = int
        ? Int32Array.from({ length: n }, () => Math.floor(next() * vocab))
        : Float32Array.from({ length: n }, () => next() * 2 - 1);
      return { name: node.name, dims, values };
    }),
  };
}

export function predictTf(model: tf.LayersModel, sample: Sample): Float32Array[] {
  return predictTfShaped(model, sample).map((o) => o.values);
}

/** The model's outputs with their dims (a None size of the model is the size these inputs give it). */
export function predictTfShaped(model: tf.LayersModel, sample: Sample): { values: Float32Array; dims: number[] }[] {
  return tf.tidy(() => {
    const xs = sample.feeds.map((f) =>
      f.values instanceof Int32Array ? tf.tensor(f.values, f.dims, 'int32') : tf.tensor(f.values, f.dims),
    );
    const out = model.predict(xs.length === 1 ? xs[0] : xs);
    return (Array.isArray(out) ? out : [out]).map((t) => ({
      values: new Float32Array(t.dataSync() as Float32Array),
      dims: t.shape,
    }));
  });
}

export async function predictOrt(bytes: Uint8Array, sample: Sample, outputs: string[]): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const f of sample.feeds)
      feeds[f.name] = new ort.Tensor(f.values instanceof Int32Array ? 'int32' : 'float32', f.values, f.dims);
    const result = await session.run(feeds);
    return outputs.map((name) => result[name].data as Float32Array);
  } finally {
    await session.release();
  }
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The example projects shipped in resources/examples, parsed. */
/**
 * GPU-sized examples (12 GFLOPs per image): running them on the cpu backend takes minutes, and their layer
 * kinds are the same as their small siblings' (cyclegan-mnist), which these tests do run.
 */
const GPU_SIZED = new Set(['cyclegan-128.deepwire']);

export function exampleProjects(): { file: string; project: Project }[] {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'resources', 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.deepwire') && !GPU_SIZED.has(f))
    .sort()
    .map((file) => ({ file, project: parseProject(readFileSync(join(dir, file), 'utf8'), file).project }));
}

/** Replaces every model's weights with random ones and snapshots again. */
export function randomizeExportModels(models: ExportModels, seed = 7): ExportModels {
  models.models.forEach((m, i) => {
    randomizeWeights(m.model, seed + i);
    m.snap = snapshotModel(
      { model: m.model, report: m.snap.report, inputs: m.snap.inputs, outputs: m.snap.outputs },
      m.snap.graph,
    );
  });
  return models;
}
