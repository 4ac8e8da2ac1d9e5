/**
 * ONNX import: Deepwire's own ONNX export of catalog models (random weights)
 * imported back predicts, in TF.js, what ONNX Runtime predicts from the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { disposeExportModels, loadExportModels } from '../../../../src/main/engine/export/models.js';
import { onnxFiles } from '../../../../src/main/engine/export/onnx/index.js';
import { importModel } from '../../../../src/main/services/import-model.js';
import { GraphBuilder, layer } from '../../../../src/shared/project/builder.js';
import type { Project } from '../../../../src/shared/project/index.js';
import { inferShapes } from '../../../../src/shared/shape/infer.js';
import {
  exampleProjects,
  maxAbsDiff,
  predictOrt,
  predictTf,
  randomInputs,
  randomizeExportModels,
} from '../export/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-onnx-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLES = new Map(exampleProjects().map((e) => [e.file, e.project]));

/** A BatchNorm CNN with 'same' padding, strides, average pooling, a BatchNorm on vectors and leaky_relu. */
function batchNormCnn(): Project {
  const b = new GraphBuilder();
  b.chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Conv2D', { filters: 6, kernelSize: [3, 3], padding: 'same', activation: 'linear' }),
    layer('BatchNormalization', {}),
    layer('Activation', { activation: 'relu' }),
    layer('Conv2D', { filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'leaky_relu' }),
    layer('AveragePooling2D', { poolSize: [2, 2], strides: [2, 2] }),
    layer('Flatten', {}),
    layer('Dense', { units: 16, activation: 'linear' }),
    layer('BatchNormalization', {}),
    layer('Dense', { units: 10, activation: 'softmax' }),
  );
  return { ...EXAMPLES.get('mnist-cnn.deepwire')!, name: 'bn-cnn', graph: b.build() };
}
EXAMPLES.set('bn-cnn', batchNormCnn());

/** Stacked recurrent layers: a GRU giving every step (ONNX Y) into an LSTM giving the last (Y_h). */
function recurrentStack(resetAfter = true, recurrentActivation: 'sigmoid' | 'hard_sigmoid' = 'sigmoid'): Project {
  const b = new GraphBuilder();
  b.chain(
    null,
    layer('Input', { shape: [28, 28] }),
    layer('GRU', { units: 8, returnSequences: true, resetAfter, recurrentActivation }),
    layer('LSTM', { units: 6, activation: 'relu', recurrentActivation }),
    layer('Dense', { units: 10, activation: 'softmax' }),
  );
  return { ...EXAMPLES.get('lstm-mnist-rows.deepwire')!, name: 'rnn-stack', graph: b.build() };
}
EXAMPLES.set('rnn-stack', recurrentStack());
// TF.js's GRU variant: ONNX linear_before_reset 0, one summed bias.
EXAMPLES.set('rnn-stack-reset-before', recurrentStack(false));
// Keras 2's and TF.js's hard_sigmoid gates: ONNX HardSigmoid (alpha 0.2, beta 0.5).
EXAMPLES.set('rnn-stack-hard-sigmoid', recurrentStack(true, 'hard_sigmoid'));

/** Exports `file`'s model `index` to ONNX, imports it, and returns the max abs difference of the predictions. */
async function roundTrip(file: string, index = 0): Promise<{ error: number; layers: number; params: number[] }> {
  const project = EXAMPLES.get(file)!;
  const models = randomizeExportModels(loadExportModels(project));
  const files = onnxFiles(models.models, { producerVersion: 'test', projectName: project.name, trained: true });
  const path = join(dir, `${file}-${index}.onnx`);
  writeFileSync(path, files[index].data as Uint8Array);
  const source = models.models[index];
  const imported = await importModel(path);
  expect(imported.source).toBe('onnx');
  // Recurrent layers come back with the gates they were exported with.
  const gates = (p: Project) =>
    p.graph.nodes.map((n) => (n.params as { recurrentActivation?: string }).recurrentActivation).filter(Boolean);
  expect(gates(imported.project)).toEqual(gates(project));
  const back = loadExportModels(imported.project);
  try {
    const sample = randomInputs(source.snap.inputs, 3, 21);
    const expected = await predictOrt(
      files[index].data as Uint8Array,
      sample,
      source.snap.outputs.map((n) => n.name),
    );
    const actual = predictTf(back.models[0].model, sample);
    const total = (p: Project) => inferShapes(p.graph, { projectKind: p.kind }).totals.total;
    return {
      error: Math.max(...expected.map((e, k) => maxAbsDiff(e, actual[k]))),
      layers: imported.project.graph.nodes.length,
      params: [back.models[0].model.countParams(), source.model.countParams(), total(imported.project)],
    };
  } finally {
    disposeExportModels(back);
    disposeExportModels(models);
  }
}

describe('ONNX import of Deepwire ONNX exports', () => {
  it.each([
    ['mnist-cnn.deepwire', 0],
    ['bn-cnn', 0],
    ['lstm-mnist-rows.deepwire', 0],
    ['rnn-stack', 0],
    ['rnn-stack-reset-before', 0],
    ['rnn-stack-hard-sigmoid', 0],
    ['lenet5.deepwire', 0],
    ['simple-rnn.deepwire', 0],
    ['residual-cnn.deepwire', 0],
    ['dcgan-mnist.deepwire', 0],
    ['dcgan-mnist.deepwire', 1],
  ] as const)('%s (model %i) predicts what ONNX Runtime does within 1e-4', async (file, index) => {
    const { error, layers, params } = await roundTrip(file, index);
    // The imported model has exactly the parameters of the exported one, and its summary says so.
    expect(params[0]).toBe(params[1]);
    expect(params[2]).toBe(params[1]);
    console.log(`ONNX round trip ${file}#${index}: ${layers} layers, max abs diff ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-4);
  });
});
