/**
 * The real-model corpus through `deepwire import` (issue #14): every file that reads becomes a project that
 * passes the project schema and shape inference (never an invalid project), with the file's own total; a
 * project starts on a built-in dataset only when it fits the input (otherwise the dataset is unset); files
 * that would be invalid are refused with DW312; and where the weights came along, the imported project
 * predicts what TF.js predicts from the same files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { disposeExportModels, loadExportModels } from '../../../src/main/engine/export/models.js';
import { loadTfjsModel } from '../../../src/main/engine/export/tfjs.js';
import { importModel } from '../../../src/main/services/import-model.js';
import { readProjectFile } from '../../../src/main/services/project-files.js';
import { DeepwireError } from '../../../src/shared/errors.js';
import { parseProject, serializeProject } from '../../../src/shared/project/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { knownSampleShape } from '../../../src/shared/project/dataset-fit.js';
import {
  CORPUS,
  CORPUS_DIR,
  KNOWN_FAILING,
  modelPath,
  PREDICTS_APPROXIMATELY,
  REFUSED_ON_IMPORT,
} from '../../shared/keras/real-models-corpus.js';
import { maxAbsDiff, predictTf, randomInputs } from '../engine/export/helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function refusal(path: string): Promise<DeepwireError> {
  const caught = await importModel(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(caught, `${path} imports now: update the corpus lists`).toBeInstanceOf(DeepwireError);
  return caught as DeepwireError;
}

describe('real-model corpus: import', () => {
  for (const model of CORPUS) {
    const failing = KNOWN_FAILING[model.slug];
    const refused = REFUSED_ON_IMPORT[model.slug];
    if (failing) {
      it(`${model.slug}: refused with a numbered error (${failing.reason})`, async () => {
        expect((await refusal(modelPath(model.slug))).code).toMatch(/^DW3\d\d$/);
      });
    } else if (refused) {
      it(`${model.slug}: refused with DW312 naming ${refused.code} (${refused.reason})`, async () => {
        const e = await refusal(modelPath(model.slug));
        expect(e.code).toBe('DW312');
        expect(e.message).toContain(refused.code);
      });
    } else {
      it(`${model.slug}: imports into a valid project of ${model.total.toLocaleString('en-US')} parameters`, async () => {
        const { project, needs, tensors } = await importModel(modelPath(model.slug));
        if (model.weights) expect(tensors).toBeGreaterThan(0);
        const reread = parseProject(serializeProject(project), 'imported.deepwire').project;
        const sampleShape = knownSampleShape(reread.dataset);
        const report = inferShapes(reread.graph, { projectKind: reread.kind, ...(sampleShape ? { sampleShape } : {}) });
        expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(report.totals.total).toBe(model.total);
        // A built-in dataset only where its samples are the input's shape; otherwise unset, with the shape.
        if (reread.dataset) expect(sampleShape).toEqual(needs);
        else if (reread.kind !== 'regressor') expect(needs?.length).toBeGreaterThan(0);
      });
    }
  }

  for (const model of CORPUS.filter((m) => m.weights && !KNOWN_FAILING[m.slug] && !REFUSED_ON_IMPORT[m.slug])) {
    const approximate = PREDICTS_APPROXIMATELY[model.slug];
    const what = approximate ? `differs from TF.js as warned (${approximate.reason})` : 'predicts what TF.js predicts';
    it(`${model.slug}: with its weights, ${what}`, async () => {
      const { project, tensors, warnings } = await importModel(modelPath(model.slug));
      if (approximate) expect(warnings.join('\n')).toMatch(approximate.warning);
      expect(tensors).toBeGreaterThan(0);
      const reference = await loadTfjsModel(modelPath(model.slug));
      const models = loadExportModels(project);
      try {
        const inputs = project.graph.nodes.filter((n) => n.kind === 'Input');
        const sample = randomInputs(inputs, 3, 7);
        const [ours] = predictTf(models.models[0].model, sample);
        const [theirs] = predictTf(reference, sample);
        expect(ours.length).toBe(theirs.length);
        // An approximated file that starts to predict exactly must leave PREDICTS_APPROXIMATELY.
        if (approximate) expect(maxAbsDiff(ours, theirs)).toBeGreaterThan(1e-4);
        else expect(maxAbsDiff(ours, theirs)).toBeLessThan(1e-4);
      } finally {
        disposeExportModels(models);
        reference.dispose();
      }
    });
  }
});

describe('deepwire import of real files: what the user is told', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deepwire-real-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says the dataset is unset and which sample shape to choose, and prints every change as a warning', async () => {
    const io = memoryIo();
    const out = join(dir, 'demo.deepwire');
    expect(await main(['import', modelPath('keras2-cnn-demo'), '--out', out], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('choose a dataset with samples of shape 32×32×3');
    const { project } = await readProjectFile(out);
    expect(project.dataset).toBeUndefined();
    expect(project.description).toContain('32×32×3');

    const text = memoryIo();
    const sentence = modelPath('keras2-embedding-lstm-sentence');
    expect(await main(['import', sentence, '--out', join(dir, 's.deepwire'), '--json'], text)).toBe(0);
    const done = JSON.parse(text.stdout[0]) as {
      dataset: string | null;
      sample_shape: (number | null)[];
      warnings: string[];
    };
    // The time dimension stays None (issue #14): no warning for it, and the shape says None.
    expect(done).toMatchObject({ dataset: null, sample_shape: [null] });
    expect(done.warnings.join('\n')).toMatch(/stateful[\s\S]*architecture is imported/);
    expect(text.stderr.filter((l) => l.startsWith('warning: '))).toHaveLength(2);
  });

  it('the studio opens it with the same explanation (DW313) and the warnings', async () => {
    const { createWebStudio } = await import('../../../src/main/server/web-studio.js');
    const studio = createWebStudio({ roots: [CORPUS_DIR], configDir: join(dir, 'config'), checkResponses: true });
    try {
      const opened = await studio.call('project.importModel', { path: modelPath('keras2-embedding-lstm-sentence') });
      expect(opened.project.dataset).toBeUndefined();
      const codes = opened.warnings.map((w) => w.code);
      expect(codes).toContain('DW313');
      expect(opened.warnings.find((w) => w.code === 'DW313')!.message).toContain('samples of shape None');
    } finally {
      await studio.dispose();
    }
  });

  it('imports an image model of unknown height and width (pix2pix) with the dataset unset, saying None', async () => {
    const io = memoryIo();
    const out = join(dir, 'pix2pix.deepwire');
    expect(await main(['import', modelPath('keras2-pix2pix-generator'), '--out', out], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('samples of shape None×None×3');
    const { project } = await readProjectFile(out);
    expect(project.dataset).toBeUndefined();
    const input = project.graph.nodes.find((n) => n.kind === 'Input')!;
    expect(input.params).toMatchObject({ shape: [null, null, 3] });
  });

  it('starts on MNIST only when the input is MNIST-shaped', async () => {
    const io = memoryIo();
    const out = join(dir, 'digits.deepwire');
    expect(await main(['import', modelPath('keras2-mnist-cnn'), '--out', out], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('Dataset: mnist');
    expect((await readProjectFile(out)).project.dataset?.source).toBe('mnist');
  });

  it('refuses a several-output model with DW312 (exit 1), as summary reports DW117 (exit 1)', async () => {
    const file = modelPath('keras2-connect-four-two-heads');
    const io = memoryIo();
    expect(await main(['import', file, '--out', join(dir, 'c4.deepwire')], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/DW312[\s\S]*DW117/);
    const summary = memoryIo();
    expect(await main(['summary', file], summary)).toBe(1);
    expect(summary.stderr.join('\n')).toContain('DW117');
  });
});
