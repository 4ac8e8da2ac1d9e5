/**
 * When a run ends, the project remembers it: a run record (settings, per-epoch
 * curves keyed like Keras's History, final metrics) and the trained weights,
 * so saving keeps them and export can use them.
 */
import { runDevice } from '../../shared/runs/record.js';
import type { TrainingEvent } from '../../shared/training/protocol.js';
import type { ProjectStore } from '../stores/projectStore.js';
import type { TrainingState } from '../stores/trainingStore.js';

type Ending = Extract<TrainingEvent, { type: 'done' | 'error' }>;

const HISTORY_KEYS = [
  ['loss', 'loss'],
  ['accuracy', 'accuracy'],
  ['valLoss', 'val_loss'],
  ['valAccuracy', 'val_accuracy'],
  ['dLoss', 'd_loss'],
  ['gLoss', 'g_loss'],
  ['frechet', 'frechet'],
] as const;

export function runRecord(t: TrainingState, runId: string, end: Ending): Record<string, unknown> | null {
  // A run that failed before the engine chose a backend never trained: nothing to remember.
  if (!t.config || !t.startedAt || (end.type === 'error' && !t.backend)) return null;
  const history: Record<string, (number | null)[]> = {};
  for (const [column, key] of HISTORY_KEYS) {
    if (!t.epochs.hasValues(column)) continue;
    history[key] = Array.from(t.epochs.view(column), (v) => (Number.isFinite(v) ? v : null));
  }
  const metrics: Record<string, number> = {};
  if (end.type === 'done') {
    for (const [k, v] of Object.entries(end.metrics)) if (typeof v === 'number') metrics[k] = v;
    metrics.samplesPerSecond = end.samplesPerSecond;
  }
  return {
    id: runId,
    startedAt: t.startedAt,
    endedAt: new Date().toISOString(),
    status: end.type === 'error' ? 'failed' : end.reason === 'stopped' ? 'stopped' : 'completed',
    backend: end.type === 'done' ? end.backend : t.backend?.chosen,
    ...(t.backend ? { device: runDevice(t.backend) } : {}),
    ...(t.dataset
      ? { datasetSizes: { train: t.dataset.trainSize, validation: t.dataset.validationSize, test: t.dataset.testSize } }
      : {}),
    config: t.config,
    epochsCompleted: end.type === 'done' ? end.epochsCompleted : t.epochs.length,
    history,
    metrics,
    ...(end.type === 'error' ? { error: { code: end.code, message: end.message } } : {}),
  };
}

/** Call with each event after the training store took it; records the run when it ends. */
export function recordRunEnd(project: ProjectStore, t: TrainingState, runId: string, event: TrainingEvent): void {
  if ((event.type !== 'done' && event.type !== 'error') || t.runId !== runId) return;
  const record = runRecord(t, runId, event);
  if (record) project.getState().recordRun(record, event.type === 'done' ? event.weights : null);
}
