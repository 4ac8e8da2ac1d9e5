/**
 * Every example project exports to ONNX, and ONNX Runtime reproduces the
 * TF.js model's outputs within 1e-4 (random weights: no training needed).
 * GAN projects give two models, both checked.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { disposeExportModels, loadExportModels } from '../../../../src/main/engine/export/models.js';
import { decodeModel, IR_VERSION, OPSET, onnxFiles } from '../../../../src/main/engine/export/onnx/index.js';
import { ONNX_SCHEMA } from '../../../../src/main/engine/export/onnx/schema.generated.js';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { CYCLE_GROUPS } from '../../../../src/shared/graph/types.js';
import { isCycleGraph } from '../../../../src/shared/shape/cycle-contracts.js';
import { GraphBuilder, layer } from '../../../../src/shared/project/builder.js';
import { exampleProjects, maxAbsDiff, predictOrt, predictTf, randomInputs, randomizeExportModels } from './helpers.js';

const EXAMPLES = exampleProjects();

describe('ONNX export of the example projects', () => {
  it('covers all eight examples', () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(8));

  it.each(EXAMPLES.map((e) => [e.file, e.project] as const))('%s matches TF.js within 1e-4', async (file, project) => {
    const models = randomizeExportModels(loadExportModels(project));
    const files = onnxFiles(models.models, { producerVersion: 'test', projectName: project.name, trained: false });
    const gan = isCycleGraph(project.graph) ? [...CYCLE_GROUPS] : ['generator', 'discriminator'];
    expect(files.map((f) => f.path)).toEqual(project.kind === 'gan' ? gan.map((g) => `${g}.onnx`) : ['model.onnx']);
    for (const [i, m] of models.models.entries()) {
      const sample = randomInputs(m.snap.inputs, 4, 100 + i);
      const expected = predictTf(m.model, sample);
      const actual = await predictOrt(
        files[i].data as Uint8Array,
        sample,
        m.snap.outputs.map((n) => n.name),
      );
      const error = Math.max(...expected.map((e, k) => maxAbsDiff(e, actual[k])));
      console.log(`ONNX max abs error ${file} ${m.name}: ${error.toExponential(2)}`);
      expect(error).toBeLessThan(1e-4);
    }
    disposeExportModels(models);
  });
});

describe('ONNX files', () => {
  it('declare opset 17, IR version 8, Keras names and NHWC shapes with a symbolic batch', () => {
    const project = EXAMPLES.find((e) => e.file === 'mnist-cnn.deepwire')!.project;
    const models = loadExportModels(project);
    const [file] = onnxFiles(models.models, { producerVersion: '0.1.0', projectName: project.name, trained: false });
    const m = decodeModel(file.data as Uint8Array);
    expect(m.ir_version).toBe(IR_VERSION);
    expect(m.opset_import).toEqual([{ domain: '', version: OPSET }]);
    expect(OPSET).toBe(17);
    expect(m.producer_name).toBe('Deepwire');
    const dims = (v: (typeof m.graph.input)[number]) =>
      v.type.tensor_type.shape.dim.map((d) => ('dim_param' in d ? d.dim_param : d.dim_value));
    expect(m.graph.input.map((v) => [v.name, dims(v)])).toEqual([['input', ['N', 28, 28, 1]]]);
    expect(m.graph.output.map((v) => [v.name, dims(v)])).toEqual([['dense_1', ['N', 10]]]);
    expect(m.metadata_props).toContainEqual({ key: 'deepwire.trained', value: 'false' });
    disposeExportModels(models);
  });

  it('names every layer ONNX cannot express in one DW701, before converting anything', () => {
    const b = new GraphBuilder();
    b.chain(
      null,
      layer('Input', { shape: [5, 3] }),
      layer('GRU', { units: 4, activation: 'selu', returnSequences: true }),
      layer('SimpleRNN', { units: 2, activation: 'gelu' }),
    );
    const graph = b.build();
    const project = { ...EXAMPLES.find((e) => e.file === 'simple-rnn.deepwire')!.project, graph };
    const models = loadExportModels(project);
    let error: unknown;
    try {
      onnxFiles(models.models, { producerVersion: 'test', projectName: 'x', trained: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeepwireError);
    const dw = error as DeepwireError;
    expect(dw.code).toBe('DW701');
    expect(dw.message).toContain("GRU 'gru' uses activation selu");
    expect(dw.message).toContain("SimpleRNN 'simple_rnn' uses activation gelu");
    expect(dw.where).toBe('gru, simple_rnn');
    disposeExportModels(models);
  });

  it('embed a schema compiled from the shipped onnx.proto', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const proto = readFileSync(join(here, '..', '..', '..', '..', 'resources', 'onnx', 'onnx.proto'), 'utf8');
    expect(proto).toContain('Apache License, Version 2.0');
    const { descriptorOf } = await import('../../../../resources/onnx/generate-schema.mjs');
    expect(JSON.parse(JSON.stringify(descriptorOf(proto)))).toEqual(JSON.parse(JSON.stringify(ONNX_SCHEMA)));
  });
});
