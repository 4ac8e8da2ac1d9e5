/**
 * A GAN run on PyTorch (vanilla, DCGAN, least-squares, WGAN, WGAN-GP, their
 * conditional forms, and semi-supervised GANs). Node does what the TF.js GAN run does before its
 * loop — loads the images, compiles generator and discriminator with their
 * seeded initial weights, draws the fixed latent batches, measures the real
 * images' spread, prepares the quality scorer — writes the run folder
 * (gan-run-folder.ts) and supervises resources/python/deepwire_gan.py, which
 * runs the TF.js engine's steps. Its per-step statistics, grids and score
 * images come back and go through the TF.js loop's own reporter, grid and
 * score code (src/main/engine/gan/loop.ts), so the events are the same; the
 * trained weights of both models come back in Keras's layout; a
 * semi-supervised GAN's two test accuracies come back in the result. CycleGAN
 * documents go to train-cycle-pytorch.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import { isCycleGraph } from '../../../shared/shape/cycle-contracts.js';
import type { EpochLogs, ParsedRunRequest } from '../../../shared/training/protocol.js';
import { loadDataset } from '../datasets/load.js';
import { checkDatasetClasses } from '../gan/conditional.js';
import { GanReporter, GRID_SEED_OFFSET, SCORE_SEED_OFFSET, scoreGenerated, scoreLabels } from '../gan/loop.js';
import { compileGan } from '../gan/models.js';
import { emitDone, logNotes, startedFields } from '../gan/run-events.js';
import { sampleLatent } from '../gan/noise.js';
import { RealBatches } from '../gan/real-batches.js';
import { fixedNoise, snapshotOf } from '../gan/samples.js';
import { prepareSemiSupervised, reportSemiSupervised, type SemiSupervisedResults } from '../gan/sgan-run.js';
import type { DiscriminatorStats, GeneratorStats } from '../gan/step.js';
import { checkImages, ganMetrics, ganSettings, makeScorer, realDiversity, type Emit } from '../gan/train-gan.js';
import type { QualityScorer } from '../quality/score.js';
import { chooseBackend } from '../train/backend.js';
import { applyNamedWeights, applyWeightsBlob } from '../weights.js';
import { ganExportModels, writeGanRunFolder } from './gan-run-folder.js';
import { appVersion } from './prepare-run.js';
import { runPytorchCycle } from './train-cycle-pytorch.js';
import { findPython } from './python.js';
import { announce, readTrained, superviseRunner, takeNpy, type Ready } from './supervise.js';
import type { PytorchRunner } from './train-pytorch.js';

interface GanResult {
  type: 'result';
  reason: 'completed' | 'stopped';
  epochsCompleted: number;
  steps: number;
  semiSupervised?: SemiSupervisedResults;
}

interface StepMessage {
  type: 'gan-step';
  epoch: number;
  batch: number;
  step: number;
  d: DiscriminatorStats;
  g: GeneratorStats;
  seconds: number;
}

/** Refusals before anything is loaded: the launches the PyTorch GAN loops do not run. */
function checkSupported(req: ParsedRunRequest): void {
  if (req.nprocPerNode > 1 || req.multiNode)
    throw new DeepwireError(
      'DW533',
      `a GAN run on PyTorch trains in one process; ${req.multiNode ? `${req.multiNode.nnodes} node(s)` : `--nproc-per-node ${req.nprocPerNode}`} was asked`,
      req.multiNode ? '--nnodes' : '--nproc-per-node',
    );
}

export const runPytorchGan: PytorchRunner = async (req, emit, signal, opts = {}) => {
  const { project, overrides } = req;
  const gan = ganSettings(req);
  checkSupported(req);
  // CycleGAN documents (four groups) have their own loop, as on TF.js.
  if (isCycleGraph(project.graph)) return runPytorchCycle(req, emit, signal, opts);
  const python = await findPython(req.python);
  // Node's own tensors: the grids, the quality score and its feature network.
  await chooseBackend('auto');
  const ds = await loadDataset(project.dataset, { kind: 'gan', cacheDir: req.cacheDir, limit: overrides.limit });
  const image = checkImages(ds);
  const seed = project.training.seed;
  const models = compileGan(project.graph, gan.loss, {
    seed,
    sampleShape: ds.summary.sampleShape,
    semiSupervised: gan.semiSupervised,
  });
  const folder = await mkdtemp(join(tmpdir(), 'deepwire-torch-gan-'));
  const grid = fixedNoise(models, seed + GRID_SEED_OFFSET);
  let scorer: QualityScorer | undefined;
  let scoreZ: tf.Tensor | undefined;
  let scoreY: tf.Tensor2D | undefined;
  try {
    if (models.conditional) checkDatasetClasses(models.conditional, ds.raw.classes, ds.raw.name);
    const batchSize = overrides.batchSize ?? project.training.batchSize;
    const sgan = gan.semiSupervised
      ? prepareSemiSupervised(models, ds, project.dataset.labelledLimit, batchSize, seed)
      : undefined;
    if (req.initialWeights)
      applyWeightsBlob([models.generator, models.discriminator], req.initialWeights, project.graph);
    const epochs = overrides.epochs ?? project.training.epochs;
    const real = new RealBatches(ds, models.range, batchSize, seed);
    const stepsPerEpoch = Math.max(1, Math.floor(real.perPass / gan.discriminatorSteps));
    // The TF.js run measures the spread on its first real batch; the runner skips that batch too.
    const diversity = realDiversity(real, models.range);
    const scorerLogs: Parameters<Emit>[0][] = [];
    scorer = await makeScorer(req, ds, opts, (e) => scorerLogs.push(e));
    if (scorer) {
      scoreZ = sampleLatent(models.latent, scorer.sampleSize, seed + SCORE_SEED_OFFSET);
      scoreY = scoreLabels(models, scorer);
    }
    await writeGanRunFolder(folder, {
      project: { name: project.name ?? 'Deepwire GAN', kind: 'gan', graph: project.graph },
      models,
      gan,
      ds,
      grid,
      score: scoreZ && { z: scoreZ, labels: scoreY },
      // The labelled batches' seed is the TF.js run's (sgan.ts semiSupervisedSetup).
      ...(sgan ? { semiSupervised: { classes: sgan.classes, labelled: sgan.labelled.count, seed: seed + 17 } } : {}),
      settings: { epochs, stepsPerEpoch, batchSize: real.batchSize, seed, device: req.device },
      appVersion: appVersion(),
    });

    const shape = { epochs, stepsPerEpoch, batchSize: real.batchSize };
    const reporter = new GanReporter(
      { ...shape, loss: gan.loss, learningRate: gan.generatorOptimizer.learningRate, realDiversity: diversity },
      emit,
    );
    let last: EpochLogs | undefined;
    const done = await superviseRunner<GanResult>(python, folder, signal, emit, (m, pid) => {
      if (m.type === 'ready') {
        const started = startedFields(req.runId, ds.summary, [models.generator, models.discriminator], shape);
        announce(emit, m as unknown as Ready, pid, opts.probes ?? [], started);
        logNotes(emit, [...ds.raw.notes, ...models.notes, ...(sgan ? [sgan.note] : [])]);
        for (const e of scorerLogs) emit(e);
      } else if (m.type === 'gan-step') {
        const s = m as unknown as StepMessage;
        reporter.step(s.epoch, s.batch, s.step, s.d, s.g, s.seconds);
      } else if (m.type === 'gan-samples') {
        const generated = takeNpy(folder, m.file as string);
        try {
          const snap = snapshotOf(generated, models.range, image, grid.count, grid.columns);
          reporter.samples(m.epoch as number, m.step as number, snap);
        } finally {
          generated.dispose();
        }
      } else if (m.type === 'gan-epoch') {
        let quality: Partial<EpochLogs> = {};
        if (scorer && typeof m.file === 'string') {
          const generated = takeNpy(folder, m.file);
          try {
            quality = {
              ...scoreGenerated(scorer, generated, models.range, image, scoreY),
              frechet_floor: scorer.realFloor,
            };
          } finally {
            generated.dispose();
          }
        }
        last = reporter.endEpoch(m.epoch as number, m.seconds as number, quality);
      }
    });

    const [generator, discriminator] = ganExportModels(models, project.graph);
    applyNamedWeights(
      [models.generator, models.discriminator],
      [
        ...(await readTrained(join(folder, 'out', 'generator'), generator)),
        ...(await readTrained(join(folder, 'out', 'discriminator'), discriminator)),
      ],
    );
    const metrics = ganMetrics(last);
    if (sgan && done.semiSupervised)
      emit({
        type: 'log',
        level: 'info',
        message: reportSemiSupervised(metrics, sgan.labelled.count, done.semiSupervised),
      });
    const end = { reason: done.reason, backend: 'pytorch' as const, epochsCompleted: done.epochsCompleted, metrics };
    emitDone(emit, reporter.events, end, [models.generator, models.discriminator], project.graph, models.range);
  } finally {
    scorer?.net.classifier.dispose();
    tf.dispose([
      grid.z,
      ...(grid.labels ? [grid.labels] : []),
      ...(scoreZ ? [scoreZ] : []),
      ...(scoreY ? [scoreY] : []),
    ]);
    models.generator.dispose();
    models.discriminator.dispose();
    await rm(folder, { recursive: true, force: true });
  }
};
