/** The project's training settings as Python constants, shared by the Keras and Lightning scripts. */
import type { Project } from '../../../../shared/project/schema.js';
import type { DatasetConfig } from '../../../../shared/training/config.js';
import type { CodeModel, GanFacts } from './model-code.js';
import { pyStr } from '../escape.js';
import { py, pyFloat } from './pyfmt.js';
import { cycleConfigSchema } from '../../../../shared/training/cycle.js';

/** The output's last dimension: classes of a classifier, targets of a regressor. */
export const outputUnits = (m: CodeModel): number => Number(m.outputs[0].shape[m.outputs[0].shape.length - 1]);

export function datasetLiteral(dataset: DatasetConfig | undefined): string {
  return py(dataset ?? { source: 'mnist', validationSplit: 0.1, seed: 42 });
}

const runConstants = (project: Project): string[] => [
  `PROJECT = ${pyStr(project.name)}`,
  `KIND = ${py(project.kind)}`,
  `EPOCHS = ${project.training.epochs}`,
  `BATCH_SIZE = ${project.training.batchSize}`,
  `SEED = ${project.training.seed}`,
];

/** Constants every generated training script starts with. */
export function trainingConstants(project: Project, model: CodeModel | undefined): string {
  const t = project.training;
  const lines = [
    ...runConstants(project),
    `DATASET = ${datasetLiteral(project.dataset)}`,
    `VALIDATION_SPLIT = ${pyFloat(project.dataset?.validationSplit ?? 0.1)}`,
  ];
  if (project.kind === 'gan' && project.gan) {
    const g = project.gan;
    lines.push(
      `GAN_LOSS = ${py(g.loss)}`,
      `G_OPTIMIZER = (${py(g.generatorOptimizer.name)}, ${pyFloat(g.generatorOptimizer.learningRate)})`,
      `D_OPTIMIZER = (${py(g.discriminatorOptimizer.name)}, ${pyFloat(g.discriminatorOptimizer.learningRate)})`,
      `D_STEPS = ${g.discriminatorSteps}`,
      `LABEL_SMOOTHING = ${pyFloat(g.labelSmoothing)}`,
      `CLIP_VALUE = ${pyFloat(g.clipValue)}`,
      `GRADIENT_PENALTY = ${pyFloat((g as { gradientPenalty?: number }).gradientPenalty ?? 10)}`,
    );
  } else {
    const s = t.schedule;
    lines.push(
      `OPTIMIZER = (${py(t.optimizer.name)}, ${pyFloat(t.optimizer.learningRate)})`,
      `LOSS = ${py(t.loss)}`,
      `METRICS = [${t.metrics.map(py).join(', ')}]`,
      `SCHEDULE = ${py(s)}`,
      `EARLY_STOPPING = ${t.earlyStopping ? py(t.earlyStopping) : 'None'}`,
      `CLASSIFICATION = ${py(project.kind === 'classifier')}`,
      `OUTPUT_UNITS = ${model ? outputUnits(model) : 1}`,
    );
  }
  return lines.join('\n');
}

/**
 * A CycleGAN project's constants (gan.cycle, Zhu et al. 2017 defaults where unset): the domains, the loss
 * weights, the history size, when the rates start to decay, the generators' output range and which
 * discriminators end in a sigmoid (trained on the raw score, as the engine does).
 */
export function cycleConstants(project: Project, range: readonly [number, number], logitHeads: string[]): string {
  const gan = project.gan;
  const cycle = cycleConfigSchema.parse(gan?.cycle ?? {});
  return [
    ...runConstants(project),
    `DOMAINS = ${py(cycle.domains)}`,
    `G_RATE = ${pyFloat(gan?.generatorOptimizer.learningRate ?? 2e-4)}`,
    `D_RATE = ${pyFloat(gan?.discriminatorOptimizer.learningRate ?? 2e-4)}`,
    `CYCLE_WEIGHT = ${pyFloat(cycle.cycleWeight)}`,
    `IDENTITY_WEIGHT = ${pyFloat(cycle.identityWeight)}  # a fraction of CYCLE_WEIGHT`,
    `HISTORY_SIZE = ${cycle.historySize}`,
    `DECAY_START = ${pyFloat(cycle.decayStart)}  # the rates fall linearly to 0 after this fraction of the steps`,
    `REAL_RANGE = ${py([...range])}`,
    `LOGIT_HEADS = ${py(logitHeads)}`,
  ].join('\n');
}

/** A GAN's latent vector and the range of its real samples, as the Keras and Lightning GAN loops read them. */
export const ganConstants = (facts: GanFacts): string[] => [
  `LATENT_SIZE = ${facts.latentSize}`,
  `LATENT_DISTRIBUTION = ${py(facts.latentDistribution)}`,
  `REAL_RANGE = ${py([...facts.range])}`,
];

/** Python: the learning rate of 1-based `epoch`, as the engine schedules it (per epoch). */
export const SCHEDULE_PY = `def scheduled_rate(base, epoch, epochs):
    """The learning rate of 1-based epoch, as Deepwire schedules it."""
    kind = SCHEDULE["kind"]
    if kind == "step":
        return base * SCHEDULE["factor"] ** ((epoch - 1) // SCHEDULE["every"])
    if kind == "cosine":
        progress = (epoch - 1) / (epochs - 1) if epochs > 1 else 0.0
        low = SCHEDULE["minLearningRate"]
        return low + (base - low) * 0.5 * (1 + math.cos(math.pi * progress))
    return base
`;
