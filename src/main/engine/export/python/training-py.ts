/** The project's training settings as Python constants, shared by the Keras and Lightning scripts. */
import type { Project } from '../../../../shared/project/schema.js';
import type { DatasetConfig } from '../../../../shared/training/config.js';
import type { CodeModel } from './model-code.js';
import { pyStr } from '../escape.js';
import { py, pyFloat } from './pyfmt.js';

/** The output's last dimension: classes of a classifier, targets of a regressor. */
export const outputUnits = (m: CodeModel): number => Number(m.outputs[0].shape[m.outputs[0].shape.length - 1]);

export function datasetLiteral(dataset: DatasetConfig | undefined): string {
  return py(dataset ?? { source: 'mnist', validationSplit: 0.1, seed: 42 });
}

/** Constants every generated training script starts with. */
export function trainingConstants(project: Project, model: CodeModel | undefined): string {
  const t = project.training;
  const lines = [
    `PROJECT = ${pyStr(project.name)}`,
    `KIND = ${py(project.kind)}`,
    `DATASET = ${datasetLiteral(project.dataset)}`,
    `EPOCHS = ${t.epochs}`,
    `BATCH_SIZE = ${t.batchSize}`,
    `VALIDATION_SPLIT = ${pyFloat(project.dataset?.validationSplit ?? 0.1)}`,
    `SEED = ${t.seed}`,
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
