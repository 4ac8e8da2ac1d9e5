/**
 * runExport, the one export path of the CLI and the studio: every example
 * project exports to every format it supports; TF.js exports reload with
 * identical predictions; untrained projects export their initial weights
 * with a warning (or DW508 when trained weights are required); a failing
 * export writes nothing; trained weights stored in a project are the ones
 * exported.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExportModels } from '../../../src/main/engine/export/models.js';
import { loadTfjsModel } from '../../../src/main/engine/export/tfjs.js';
import { modelWeightsBlob } from '../../../src/main/engine/weights.js';
import {
  EXPORT_FORMATS,
  runExport,
  type ExportFormatName,
  type ExportProgress,
} from '../../../src/main/services/exports.js';
import { DeepwireError } from '../../../src/shared/errors.js';
import { isCycleGraph } from '../../../src/shared/shape/cycle-contracts.js';
import type { Project } from '../../../src/shared/project/schema.js';
import { exampleProjects, predictTf, randomInputs, randomizeWeights } from '../engine/export/helpers.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-exports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const examples = exampleProjects();
const byFile = (f: string) => examples.find((e) => e.file === f)!.project;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** The models a project exports as sub-folders: none for one model, two for a GAN, four for a CycleGAN. */
function modelNames(project: Project): string[] {
  if (project.kind !== 'gan') return [];
  return isCycleGraph(project.graph)
    ? ['generator_ab', 'generator_ba', 'discriminator_a', 'discriminator_b']
    : ['generator', 'discriminator'];
}

/** What each format must contain. CycleGANs have no training scripts (those know one model or a GAN pair). */
function expectedFiles(format: ExportFormatName, project: Project): string[] {
  const models = modelNames(project);
  const cycle = models.length === 4;
  const perModel = (files: string[]) => (models.length ? models.flatMap((m) => files.map((f) => `${m}/${f}`)) : files);
  switch (format) {
    case 'tfjs':
      return perModel(['model.json', 'weights.bin']);
    case 'keras':
      return [...perModel(['model.json', 'weights.json']), 'load_weights.py', 'README.md'];
    case 'onnx':
      return models.length ? models.map((m) => `${m}.onnx`) : ['model.onnx'];
    case 'pytorch':
      return [
        ...perModel(['weights.json']),
        'model.py',
        ...(cycle ? [] : ['train_lightning.py']),
        'deepwire_data.py',
        'README.md',
      ];
    case 'keras-py':
      return [
        ...perModel(['weights.json']),
        ...(cycle ? [] : ['train_keras.py']),
        'load_weights.py',
        'deepwire_data.py',
        'README.md',
      ];
    case 'history':
      return ['history.json', 'history.csv'];
    case 'card':
      return models.length === 2 ? ['MODEL_CARD.md', 'samples.png'] : ['MODEL_CARD.md'];
    case 'samples':
      return ['samples.png'];
    case 'tensorboard':
      // Examples have no runs: nothing to write (the event files are tested in engine/export/tensorboard.test.ts).
      return [];
  }
}

describe('runExport', () => {
  it.each(examples.map((e) => [e.file, e.project] as const))('%s exports to every format', async (file, project) => {
    // Sample grids are a noise GAN's (DW703 elsewhere, tested below).
    for (const format of EXPORT_FORMATS.filter((f) => f !== 'samples' || modelNames(project).length === 2)) {
      const out = join(root, file, format);
      const progress: ExportProgress[] = [];
      const outcome = await runExport(project, { format, outDir: out, options: { version: 'test' } }, (p) =>
        progress.push(p),
      );
      const files = listFiles(out);
      for (const f of expectedFiles(format, project)) expect(files).toContain(f);
      expect(outcome.files.map((f) => relative(out, f)).sort()).toEqual(
        files.filter((f) => outcome.files.includes(join(out, f))),
      );
      expect(outcome.trained).toBe(false);
      if (format !== 'history' && format !== 'tensorboard' && !(format === 'card' && project.kind !== 'gan'))
        expect(outcome.warnings.join('\n')).toContain('has no trained weights');
      expect(progress[progress.length - 1]).toEqual({ fraction: 1, message: 'done' });
      expect(progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1].fraction)).toBe(true);
    }
  });

  it('writes the model card with curves, and GAN samples', async () => {
    const project: Project = {
      ...byFile('mlp-gan.deepwire'),
      runs: [
        {
          id: 'run-1',
          startedAt: '2026-11-23T10:00:00.000Z',
          status: 'completed',
          backend: 'cpu',
          config: {
            dataset: { source: 'mnist', validationSplit: 0.1, seed: 42 },
            training: byFile('mlp-gan.deepwire').training,
          },
          epochsCompleted: 3,
          history: { d_loss: [1.2, 0.9, 0.8], g_loss: [0.7, 1.1, null] },
          metrics: { d_loss: 0.8 },
        },
      ],
    };
    const card = await runExport(project, {
      format: 'card',
      outDir: join(root, 'card'),
      options: { version: 'test', now: new Date('2026-11-23T00:00:00Z') },
    });
    expect(listFiles(join(root, 'card'))).toEqual([
      'MODEL_CARD.md',
      'curves/d_loss.png',
      'curves/g_loss.png',
      'samples.png',
    ]);
    const text = readFileSync(join(root, 'card', 'MODEL_CARD.md'), 'utf8');
    for (const s of [
      '# Model card: MLP GAN',
      '## Architecture',
      'Model: "Generator"',
      '## Dataset',
      '## Training',
      '| run-1 |',
      'd_loss: 0.8',
      '![d_loss](curves/d_loss.png)',
      '![25 samples](samples.png)',
      'on 2026-11-23',
    ]) {
      expect(text).toContain(s);
    }
    expect(card.files.length).toBe(4);
    await runExport(project, { format: 'samples', outDir: join(root, 'samples'), options: { version: 'test' } });
    expect(listFiles(join(root, 'samples'))).toEqual(['samples.png']);
  });

  it('TF.js exports reload with identical predictions', async () => {
    for (const file of ['residual-cnn.deepwire', 'lstm-mnist-rows.deepwire', 'mlp-gan.deepwire']) {
      const project = byFile(file);
      const out = join(root, 'reload', file);
      await runExport(project, { format: 'tfjs', outDir: out, options: { version: 'test' } });
      const models = loadExportModels(project);
      for (const m of models.models) {
        const reloaded = await loadTfjsModel(join(models.models.length > 1 ? join(out, m.name) : out, 'model.json'));
        const sample = randomInputs(m.snap.inputs, 4);
        expect(predictTf(reloaded, sample)).toEqual(predictTf(m.model, sample));
        reloaded.dispose();
        m.model.dispose();
      }
    }
  });

  it('exports the trained weights stored in a project, without a warning', async () => {
    const base = byFile('mnist-cnn.deepwire');
    const trained = loadExportModels(base);
    randomizeWeights(trained.models[0].model, 99);
    const project: Project = { ...base, weights: modelWeightsBlob([trained.models[0].model], base.graph) };
    const out = join(root, 'trained');
    const outcome = await runExport(project, {
      format: 'tfjs',
      outDir: out,
      options: { version: 'test', requireTrained: true },
    });
    expect(outcome).toMatchObject({ trained: true, warnings: [] });
    const reloaded = await loadTfjsModel(join(out, 'model.json'));
    const sample = randomInputs(trained.models[0].snap.inputs, 2);
    expect(predictTf(reloaded, sample)).toEqual(predictTf(trained.models[0].model, sample));
    tf.dispose([reloaded, trained.models[0].model] as unknown as tf.Tensor[]);
  });

  it('refuses an untrained project with requireTrained (DW508), and a GAN-only format elsewhere (DW703), writing nothing', async () => {
    const out = join(root, 'refused');
    await expect(
      runExport(byFile('lenet5.deepwire'), { format: 'onnx', outDir: out, options: { requireTrained: true } }),
    ).rejects.toMatchObject({ code: 'DW508' });
    await expect(runExport(byFile('lenet5.deepwire'), { format: 'samples', outDir: out })).rejects.toMatchObject({
      code: 'DW703',
    });
    await expect(
      runExport(byFile('lenet5.deepwire'), { format: 'zip' as ExportFormatName, outDir: out }),
    ).rejects.toBeInstanceOf(DeepwireError);
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing when a layer cannot be exported (DW701)', async () => {
    const base = byFile('lstm-mnist-rows.deepwire');
    const graph = {
      ...base.graph,
      nodes: base.graph.nodes.map((n) =>
        n.kind === 'LSTM' ? { ...n, params: { ...n.params, activation: 'swish' as const } } : n,
      ),
    };
    const out = join(root, 'dw701');
    await expect(runExport({ ...base, graph }, { format: 'onnx', outDir: out })).rejects.toMatchObject({
      code: 'DW701',
      where: 'lstm',
    });
    expect(existsSync(out)).toBe(false);
  });

  it('history lists every run and epoch', async () => {
    const base = byFile('mnist-cnn.deepwire');
    const run = (id: string, loss: (number | null)[]) => ({
      id,
      startedAt: '2026-11-23T10:00:00.000Z',
      status: 'completed' as const,
      backend: 'wasm' as const,
      config: { dataset: base.dataset!, training: base.training },
      epochsCompleted: loss.length,
      history: { loss, accuracy: loss.map((l) => (l === null ? null : 1 - l)), val_loss: loss },
      metrics: { testAccuracy: 0.97 },
    });
    const project: Project = { ...base, runs: [run('a', [0.5, 0.25]), run('b', [0.4, null, 0.1])] };
    const out = join(root, 'history');
    const outcome = await runExport(project, { format: 'history', outDir: out });
    expect(outcome.warnings).toEqual([]);
    const csv = readFileSync(join(out, 'history.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('run,started_at,status,epoch,loss,val_loss,accuracy');
    expect(csv.slice(1)).toEqual([
      'a,2026-11-23T10:00:00.000Z,completed,1,0.5,0.5,0.5',
      'a,2026-11-23T10:00:00.000Z,completed,2,0.25,0.25,0.75',
      'b,2026-11-23T10:00:00.000Z,completed,1,0.4,0.4,0.6',
      'b,2026-11-23T10:00:00.000Z,completed,2,,,',
      'b,2026-11-23T10:00:00.000Z,completed,3,0.1,0.1,0.9',
    ]);
    const json = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8'));
    expect(json).toMatchObject({
      format: 'deepwire-history',
      version: 1,
      project: 'MNIST CNN',
      runs: [{ id: 'a' }, { id: 'b' }],
    });
  });
});
