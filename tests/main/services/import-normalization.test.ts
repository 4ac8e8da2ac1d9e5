/**
 * A TF.js model.json with a Normalization layer, as the TF.js converter writes Keras's: the weights mean, variance
 * and count (Keras's int64 counter, stored as int32) load, the count is 2C + 1 non-trainable, and the imported
 * model computes (x − mean) / √variance before its Dense layer, checked against the arithmetic by hand. A
 * per-channel Rescaling after it (Keras 2.10+ EfficientNet) is folded into it and computes the same.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeExportModels, loadExportModels } from '../../../src/main/engine/export/models.js';
import { importModel } from '../../../src/main/services/import-model.js';
import { writeKerasModel } from '../../../src/shared/keras/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { Builder } from '../../shared/keras/graphs.js';
import { predictTf } from '../engine/export/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'deepwire-norm-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mean = [1, -2, 0.5];
const variance = [4, 0.25, 1];
const kernel = [0.5, -1, 2];
const sample = { feeds: [{ name: 'features', dims: [1, 3], values: Float32Array.of(3, -1, 2.5) }] };

/** Input(3) -> Normalization 'norm' -> Dense 'out' (1 unit), as Deepwire writes it for Keras 2 (a Sequential). */
function normalizedChain() {
  const b = new Builder();
  const x = b.add('Input', 'features', { shape: [3] });
  b.add('Dense', 'out', { units: 1, activation: 'linear' }, b.add('Normalization', 'norm', {}, x));
  return writeKerasModel(b.doc, { style: 'keras2' }) as {
    class_name: string;
    config: { layers: { config: Record<string, unknown> }[] };
  };
}

/** Writes model.json and its one shard (the chain's weights) into `folder`; returns the model.json path. */
function writeTfjs(folder: string, modelConfig: unknown, kerasVersion: string): string {
  const weights: [string, number[], 'float32' | 'int32', number[]][] = [
    ['norm/mean', [3], 'float32', mean],
    ['norm/variance', [3], 'float32', variance],
    ['norm/count', [], 'int32', [120]],
    ['out/kernel', [3, 1], 'float32', kernel],
    ['out/bias', [1], 'float32', [0.25]],
  ];
  const bytes = Buffer.concat(
    weights.map(([, , dtype, values]) =>
      Buffer.from((dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values)).buffer),
    ),
  );
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'group1-shard1of1.bin'), bytes);
  const modelJson = {
    format: 'layers-model',
    generatedBy: `keras v${kerasVersion}`,
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: { keras_version: kerasVersion, backend: 'tensorflow', model_config: modelConfig },
    weightsManifest: [
      { paths: ['group1-shard1of1.bin'], weights: weights.map(([name, shape, dtype]) => ({ name, shape, dtype })) },
    ],
  };
  const file = join(folder, 'model.json');
  writeFileSync(file, JSON.stringify(modelJson));
  return file;
}

describe('importing a TF.js model.json with Normalization', () => {
  it('loads mean, variance and the int32 count, and standardizes as Keras does', async () => {
    const file = writeTfjs(join(dir, 'plain'), normalizedChain(), '2.15.0');
    const { project, tensors } = await importModel(file);
    expect(tensors).toBe(5);
    expect(inferShapes(project.graph).totals).toMatchObject({ trainable: 4, nonTrainable: 7 });
    const models = loadExportModels(project);
    try {
      const [y] = predictTf(models.models[0].model, sample);
      const byHand = [3, -1, 2.5].reduce((s, v, i) => s + ((v - mean[i]) / Math.sqrt(variance[i])) * kernel[i], 0.25);
      expect(y[0]).toBeCloseTo(byHand, 5);
    } finally {
      disposeExportModels(models);
    }
  });

  it('folds a per-channel Rescaling after it into its variance, computing (x − mean) / √variance · scale', async () => {
    const scale = [2, 0.5, 4];
    const config = normalizedChain();
    expect(config.class_name).toBe('Sequential');
    const layers = config.config.layers;
    layers.splice(
      layers.findIndex((l) => l.config.name === 'out'),
      0,
      {
        class_name: 'Rescaling',
        config: { name: 'per_channel', trainable: true, dtype: 'float32', scale, offset: 0.0 },
      } as { config: Record<string, unknown> },
    );
    const { project, warnings } = await importModel(writeTfjs(join(dir, 'rescaled'), config, '2.13.1'));
    expect(project.graph.nodes.map((n) => n.name)).not.toContain('per_channel');
    expect(warnings.join('\n')).toMatch(
      /'per_channel' \(Rescaling by \[2, 0\.5, 4\].*folded into Normalization 'norm'/,
    );
    expect(inferShapes(project.graph).totals).toMatchObject({ trainable: 4, nonTrainable: 7 });
    const models = loadExportModels(project);
    try {
      const [y] = predictTf(models.models[0].model, sample);
      const byHand = [3, -1, 2.5].reduce(
        (s, v, i) => s + ((v - mean[i]) / Math.sqrt(variance[i])) * scale[i] * kernel[i],
        0.25,
      );
      expect(y[0]).toBeCloseTo(byHand, 5);
    } finally {
      disposeExportModels(models);
    }
  });
});
