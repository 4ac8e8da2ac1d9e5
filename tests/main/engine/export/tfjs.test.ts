import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import { loadTfjsModel, writeTfjsModel } from '../../../../src/main/engine/export/tfjs.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { mixedGraph } from '../helpers/graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('TF.js Layers export', () => {
  it('writes model.json + weights.bin that tf.loadLayersModel reloads with identical predictions', async () => {
    const graph = mixedGraph();
    const { model } = compileGraph(graph, { projectKind: 'classifier', seed: 4 });
    const dir = join(tempDir('dw-export-'), 'out');
    const path = await writeTfjsModel(model, dir);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { format: string; weightsManifest: { paths: string[] }[] };
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);

    const loaded = await loadTfjsModel(path);
    const x = tf.randomUniform([4, 8, 8, 1], 0, 1, 'float32', 3);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
  });

  it('replaces an earlier export in place', async () => {
    const dir = tempDir('dw-export-');
    const first = compileGraph(mixedGraph(), { projectKind: 'classifier', seed: 1 }).model;
    const second = compileGraph(mixedGraph(), { projectKind: 'classifier', seed: 2 }).model;
    await writeTfjsModel(first, dir);
    const path = await writeTfjsModel(second, dir);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const x = tf.randomUniform([2, 8, 8, 1], 0, 1, 'float32', 5);
    const loaded = await loadTfjsModel(path);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((second.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('names the folder when it cannot write (DW702)', async () => {
    const { model } = compileGraph(mixedGraph(), { projectKind: 'classifier' });
    const file = join(tempDir(), 'a-file');
    await writeTfjsModel(model, file); // creates it as a folder
    await expect(writeTfjsModel(model, join(file, 'model.json', 'x'))).rejects.toThrow(/DW702/);
  });
});
