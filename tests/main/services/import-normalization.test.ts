/**
 * A TF.js model.json with a Normalization layer, as the TF.js converter writes Keras's: the weights mean, variance
 * and count (Keras's int64 counter, stored as int32) load, the count is 2C + 1 non-trainable, and the imported
 * model computes (x − mean) / √variance before its Dense layer, checked against the arithmetic by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('importing a TF.js model.json with Normalization', () => {
  it('loads mean, variance and the int32 count, and standardizes as Keras does', async () => {
    const b = new Builder();
    const x = b.add('Input', 'features', { shape: [3] });
    b.add('Dense', 'out', { units: 1, activation: 'linear' }, b.add('Normalization', 'norm', {}, x));
    const mean = [1, -2, 0.5];
    const variance = [4, 0.25, 1];
    const kernel = [0.5, -1, 2];
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
    writeFileSync(join(dir, 'group1-shard1of1.bin'), bytes);
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'keras v2.15.0',
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: {
        keras_version: '2.15.0',
        backend: 'tensorflow',
        model_config: writeKerasModel(b.doc, { style: 'keras2' }),
      },
      weightsManifest: [
        {
          paths: ['group1-shard1of1.bin'],
          weights: weights.map(([name, shape, dtype]) => ({ name, shape, dtype })),
        },
      ],
    };
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify(modelJson));

    const { project, tensors } = await importModel(file);
    expect(tensors).toBe(5);
    expect(inferShapes(project.graph).totals).toMatchObject({ trainable: 4, nonTrainable: 7 });
    const models = loadExportModels(project);
    try {
      const sample = { feeds: [{ name: 'features', dims: [1, 3], values: Float32Array.of(3, -1, 2.5) }] };
      const [y] = predictTf(models.models[0].model, sample);
      const byHand = [3, -1, 2.5].reduce((s, v, i) => s + ((v - mean[i]) / Math.sqrt(variance[i])) * kernel[i], 0.25);
      expect(y[0]).toBeCloseTo(byHand, 5);
    } finally {
      disposeExportModels(models);
    }
  });
});
