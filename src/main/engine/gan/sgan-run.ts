/**
 * A semi-supervised GAN run's two extra parts (sgan.ts has the losses):
 * before training, the checks and the head over the first L labels; after
 * it, the discriminator's test accuracy and that of the supervised baseline,
 * the same network from the same initial weights trained on the L labels
 * alone for as many updates as the SGAN's discriminator made.
 */
import { DeepwireError } from '../../../shared/errors.js';
import type { GraphDoc } from '../../../shared/graph/types.js';
import type { GanConfig } from '../../../shared/training/config.js';
import type { FinalMetrics } from '../../../shared/training/protocol.js';
import type { PreparedDataset } from '../datasets/prepare.js';
import { compileGan, type GanModels } from './models.js';
import { ganOptimizer } from './optimizers.js';
import { LabelledBatches, semiSupervisedSetup, testAccuracy, trainSupervised } from './sgan.js';
import type { SemiSupervisedSetup } from './sgan.js';

export interface SemiSupervisedRun extends SemiSupervisedSetup {
  note: string;
}

export function prepareSemiSupervised(
  models: GanModels,
  ds: PreparedDataset,
  labelledLimit: number | undefined,
  batchSize: number,
  seed: number,
): SemiSupervisedRun {
  const classes = ds.raw.classes?.length ?? 0;
  if (classes < 2) {
    const has = classes === 0 ? 'none' : 'one';
    throw new DeepwireError('DW134', `a semi-supervised GAN learns classes, but ${ds.raw.name} has ${has}`, 'dataset');
  }
  if (models.scoreUnits !== classes + 1) {
    const why =
      `the discriminator outputs ${models.scoreUnits} scores; for ${ds.raw.name}'s ${classes} classes ` +
      `a semi-supervised one needs ${classes + 1} (classes + fake)`;
    throw new DeepwireError('DW134', why, 'graph');
  }
  if (models.conditional) {
    const why =
      'a semi-supervised GAN learns the labels itself: remove the class-label inputs (or turn semiSupervised off)';
    throw new DeepwireError('DW134', why, 'graph');
  }
  const setup = semiSupervisedSetup(ds, models.range, labelledLimit, batchSize, seed);
  const note =
    `Semi-supervised GAN: the discriminator learns ${classes} classes + fake from the first ` +
    `${setup.labelled.count} labels and all ${ds.train.index.length} training images (labels unused); ` +
    'the loss setting is replaced by the SGAN losses.';
  return { ...setup, note };
}

export interface SemiSupervisedResults {
  testAccuracy: number;
  supervisedBaselineAccuracy: number;
  baselineSeconds: number;
}

/** Puts the two accuracies into the done event's metrics; the log line that compares them. */
export function reportSemiSupervised(metrics: FinalMetrics, labelledCount: number, r: SemiSupervisedResults): string {
  Object.assign(metrics, { testAccuracy: r.testAccuracy, supervised_baseline_accuracy: r.supervisedBaselineAccuracy });
  const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
  return (
    `Test accuracy from ${labelledCount} labels: semi-supervised GAN ${percent(r.testAccuracy)}, ` +
    `the same network trained on the labels alone ${percent(r.supervisedBaselineAccuracy)} ` +
    `(baseline trained in ${r.baselineSeconds.toFixed(1)} s).`
  );
}

export function finishSemiSupervised(
  run: SemiSupervisedRun,
  models: GanModels,
  graph: GraphDoc,
  gan: GanConfig,
  ds: PreparedDataset,
  opts: { updates: number; batchSize: number; seed: number },
): SemiSupervisedResults {
  const accuracy = testAccuracy(models.discriminator, ds, models.range, run.classes);
  const started = performance.now();
  const twin = compileGan(graph, gan.loss, { seed: opts.seed, sampleShape: ds.raw.sampleShape, semiSupervised: true });
  const optimizer = ganOptimizer(gan.discriminatorOptimizer);
  try {
    const batches = new LabelledBatches(run.labelled, opts.batchSize, opts.seed + 17);
    trainSupervised(twin.discriminator, optimizer, batches, opts.updates);
    const baseline = testAccuracy(twin.discriminator, ds, models.range, run.classes);
    const baselineSeconds = (performance.now() - started) / 1000;
    return { testAccuracy: accuracy, supervisedBaselineAccuracy: baseline, baselineSeconds };
  } finally {
    optimizer.dispose();
    twin.generator.dispose();
    twin.discriminator.dispose();
  }
}
