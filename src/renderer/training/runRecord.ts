/**
 * When a run ends, the project remembers it: a run record (settings, per-epoch
 * curves keyed like Keras's History, per-batch curves downsampled, the graph
 * it trained, final metrics) and the trained weights, so saving keeps them,
 * export can use them and the History panel can compare and restore them.
 * Per-batch curves and the graph are recorded as `deepwire train` records them.
 */
import { compactRun } from '../../shared/runs/downsample.js';
import { BatchCurveRecorder, runDevice, trainedGraph } from '../../shared/runs/record.js';
import type { TrainingEvent } from '../../shared/training/protocol.js';
import type { ProjectStore } from '../stores/projectStore.js';
import { EPOCH_METRICS, type TrainingState } from '../stores/trainingStore.js';

type Ending = Extract<TrainingEvent, { type: 'done' | 'error' }>;

export function runRecord(
  t: TrainingState,
  runId: string,
  end: Ending,
  batches?: BatchCurveRecorder,
): Record<string, unknown> | null {
  // A run that failed before the engine chose a backend never trained: nothing to remember.
  if (!t.config || !t.startedAt || (end.type === 'error' && !t.backend)) return null;
  const history: Record<string, (number | null)[]> = {};
  for (const metric of EPOCH_METRICS) {
    if (!t.epochs.hasValues(metric)) continue;
    history[metric] = Array.from(t.epochs.view(metric), (v) => (Number.isFinite(v) ? v : null));
  }
  const metrics: Record<string, number> = {};
  if (end.type === 'done') {
    for (const [k, v] of Object.entries(end.metrics)) if (typeof v === 'number') metrics[k] = v;
    metrics.samplesPerSecond = end.samplesPerSecond;
  }
  const batchHistory = batches?.curvesOrUndefined();
  const record = {
    id: runId,
    startedAt: t.startedAt,
    endedAt: new Date().toISOString(),
    status: end.type === 'error' ? 'failed' : end.reason === 'stopped' ? 'stopped' : 'completed',
    backend: end.type === 'done' ? end.backend : t.backend?.chosen,
    ...(t.backend ? { device: runDevice(t.backend) } : {}),
    ...(t.dataset
      ? { datasetSizes: { train: t.dataset.trainSize, validation: t.dataset.validationSize, test: t.dataset.testSize } }
      : {}),
    ...(t.graph ? trainedGraph(t.graph) : {}),
    config: t.config,
    epochsCompleted: end.type === 'done' ? end.epochsCompleted : t.epochs.length,
    history,
    metrics,
    ...(batchHistory ? { batchHistory } : {}),
    ...(end.type === 'error' ? { error: { code: end.code, message: end.message } } : {}),
  };
  // Stored as the CLI stores its runs: long per-batch curves downsampled, values rounded.
  return batchHistory ? (compactRun(record as Parameters<typeof compactRun>[0]) as Record<string, unknown>) : record;
}

/** Per-batch curves of the runs under way, by run id (dropped when the run ends). */
const recorders = new Map<string, BatchCurveRecorder>();

/** Call with each event after the training store took it; records the run when it ends. */
export function recordRunEnd(project: ProjectStore, t: TrainingState, runId: string, event: TrainingEvent): void {
  if (t.runId !== runId) return;
  if (event.type !== 'done' && event.type !== 'error') {
    if (event.type === 'batch' || event.type === 'gan-batch') {
      if (!recorders.has(runId)) recorders.set(runId, new BatchCurveRecorder());
      recorders.get(runId)!.add(event);
    }
    return;
  }
  const batches = recorders.get(runId);
  recorders.delete(runId);
  const record = runRecord(t, runId, event, batches);
  if (record) project.getState().recordRun(record, event.type === 'done' ? event.weights : null);
}
