/** The hidden state over time of a briefly trained tiny LSTM on MNIST rows: its shape, its last step, the CLI PNG. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../../src/main/cli/io.js';
import { main } from '../../../../src/main/cli/main.js';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import { loadDataset } from '../../../../src/main/engine/datasets/load.js';
import { gather } from '../../../../src/main/engine/datasets/prepare.js';
import { hiddenStates } from '../../../../src/main/engine/inspect/hidden.js';
import { inspectNetwork, releaseInspected } from '../../../../src/main/engine/inspect/index.js';
import { applyWeightsBlob } from '../../../../src/main/engine/weights.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import { newProject, serializeProject, type Project } from '../../../../src/shared/project/index.js';
import { pngBytes, tempDir } from '../../../fixtures/datasets/make.js';
import { GraphBuilder } from '../../../shared/shape/build.js';
import { done, runTraining } from '../train/helpers.js';

const dir = tempDir('dw-hidden-');
const cacheDir = join(dir, 'cache');
const UNITS = 6;
const SAMPLE = 3;
let lstm: Project;

function tinyLstm(): GraphDoc {
  const example = JSON.parse(
    readFileSync(join(__dirname, '../../../../resources/examples/lstm-mnist-rows.deepwire'), 'utf8'),
  ) as { graph: GraphDoc };
  const graph = structuredClone(example.graph);
  const node = graph.nodes.find((n) => n.kind === 'LSTM')!;
  node.params = { ...node.params, units: UNITS };
  return graph;
}

beforeAll(async () => {
  await initBackend('wasm');
  const graph = tinyLstm();
  const dataset = { source: 'mnist-rows', validationSplit: 0.1, seed: 42 } as const;
  const run = await runTraining({
    graph,
    dataset,
    training: { batchSize: 32, epochs: 1, seed: 42 },
    overrides: { limit: 256 },
    cacheDir,
  });
  lstm = { ...newProject('classifier', 'tiny LSTM', { graph, dataset }), weights: done(run).weights } as Project;
  writeFileSync(join(dir, 'lstm.deepwire'), serializeProject(lstm));
}, 90_000);

afterAll(() => releaseInspected());

/** The LSTM layer's usual (last-step) output for the sample, from a model of its own. */
async function lstmOutput(): Promise<number[]> {
  const { model } = compileGraph(lstm.graph, { projectKind: 'classifier', sampleShape: [28, 28] });
  applyWeightsBlob([model], lstm.weights!, lstm.graph);
  const ds = await loadDataset(lstm.dataset!, { kind: 'classifier', cacheDir });
  const batch = gather(ds, ds.test, null, SAMPLE, SAMPLE + 1);
  const layer = model.layers.find((l) => l.getClassName() === 'LSTM')!;
  const probe = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
  const out = probe.predict(tf.tensor(batch.x, [1, 28, 28])) as tf.Tensor;
  const values = Array.from(out.dataSync());
  out.dispose();
  model.dispose();
  return values;
}

describe('hidden state over time', () => {
  it('gives units × 28 finite values whose last step is the LSTM layer output for the sample', async () => {
    const r = await inspectNetwork(lstm, { sample: SAMPLE, cacheDir, embeddingSamples: 40 });
    expect(r.hiddenStates).toHaveLength(1);
    const [h] = r.hiddenStates!;
    expect([h.className, h.units, h.steps]).toEqual(['LSTM', UNITS, 28]);
    expect(h.values).toHaveLength(UNITS);
    for (const row of h.values) {
      expect(row).toHaveLength(28);
      expect(row.every(Number.isFinite)).toBe(true);
    }
    // Not constant over time: the state moves as the rows are read.
    expect(new Set(h.values[0].map((v) => v.toFixed(4))).size).toBeGreaterThan(1);
    const last = await lstmOutput();
    h.values.forEach((row, u) => expect(Math.abs(row[27] - last[u])).toBeLessThan(1e-5));
    const picture = r.pictures.find((p) => p.file === h.file)!;
    expect(h.file).toBe(`hidden-state-${h.layer}.png`);
    expect([picture.pixels.width % 28, picture.pixels.height % UNITS]).toEqual([0, 0]);
  });

  it('deepwire inspect writes hidden-state-<layer>.png for a recurrent model', async () => {
    const io = memoryIo();
    const out = join(dir, 'out');
    const args = ['inspect', join(dir, 'lstm.deepwire'), '--sample', '1', '--samples', '30', '--out', out];
    const code = await main([...args, '--cache-dir', cacheDir], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    const layer = lstm.graph.nodes.find((n) => n.kind === 'LSTM')!.name;
    const png = PNG.sync.read(readFileSync(join(out, `hidden-state-${layer}.png`)));
    expect(png.width).toBeGreaterThanOrEqual(28);
    expect(png.height).toBeGreaterThanOrEqual(UNITS);
    expect(io.stdout.join('\n')).toMatch(/hidden-state-/);
  });

  it('inspect.run gives the studio the hidden states and their PNG, checked against the contract', async () => {
    const studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config'), checkResponses: true });
    try {
      const projectPath = join(dir, 'lstm.deepwire');
      const doc = (await studio.call('project.open', { path: projectPath }))!.project;
      const r = await studio.call('inspect.run', { project: doc, sample: 2, embeddingSamples: 30, projectPath });
      const [h] = r.hiddenStates!;
      expect([h.units, h.steps]).toEqual([UNITS, 28]);
      const picture = r.pictures.find((p) => p.file === h.file)!;
      const png = PNG.sync.read(Buffer.from(picture.png, 'base64'));
      expect([png.width, png.height]).toEqual([picture.width, picture.height]);
    } finally {
      await studio.dispose();
    }
  });

  it('refuses an image file (DW530): its samples are sequences, not images', async () => {
    const bytes = pngBytes(28, 28, (x) => [x * 9, x * 9, x * 9]);
    const r = await inspectNetwork(lstm, { image: { name: 'digit.png', bytes }, cacheDir }).catch((e: unknown) => e);
    expect(r).toMatchObject({ code: 'DW530', message: expect.stringMatching(/\[28, 28\], not images/) });
  });
});

describe('hidden state of a GRU built as Keras does (reset_after, Deepwire’s ResetAfterGRU layer)', () => {
  it('is found, and its last step is the layer’s output', async () => {
    await initBackend('cpu');
    const g = new GraphBuilder();
    const gru = g.add('GRU', { units: 5 }, g.add('Input', { shape: [7, 3] }));
    g.add('Dense', { units: 2, activation: 'softmax' }, gru);
    const { model } = compileGraph(g.doc, { projectKind: 'classifier' });
    const x = tf.randomNormal([1, 7, 3], 0, 1, 'float32', 11);
    const { states } = hiddenStates(model, x);
    expect(states.map((s) => [s.className, s.units, s.steps])).toEqual([['ResetAfterGRU', 5, 7]]);
    const layer = model.layers.find((l) => l.getClassName() === 'ResetAfterGRU')!;
    const out = (
      tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor }).predict(x) as tf.Tensor
    ).dataSync();
    states[0].values.forEach((row, u) => expect(row[6]).toBeCloseTo(out[u], 5));
    model.dispose();
  });
});
