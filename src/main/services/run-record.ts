/**
 * A run's record for the project file, from its events: what `deepwire
 * train` writes and what each sweep trial records (the studio's sweeps
 * included, which therefore need nothing of the CLI's training code).
 */
import type { Project, RunRecord } from '../../shared/project/index.js';
import { type BatchCurveRecorder, startedDetails, trainedGraph } from '../../shared/runs/record.js';
import type { EventOf, RunOverrides, TrainingEvent } from '../../shared/training/protocol.js';

export function runRecord(
  project: Project,
  runId: string,
  startedAt: Date,
  args: { overrides: RunOverrides },
  started: EventOf<'started'>,
  epochs: EventOf<'epoch'>[],
  end: TrainingEvent,
  batches: BatchCurveRecorder,
): RunRecord {
  const history: Record<string, number[]> = {};
  for (const e of epochs) {
    for (const [k, v] of Object.entries(e.logs)) if (v !== undefined) (history[k] ??= []).push(v);
  }
  const lr = args.overrides.learningRate;
  const optimizer = lr === undefined ? project.training.optimizer : { ...project.training.optimizer, learningRate: lr };
  const training = { ...project.training, optimizer, epochs: started.epochs, batchSize: started.batchSize };
  const batchHistory = batches.curvesOrUndefined();
  const dataset = { ...project.dataset!, ...(args.overrides.limit ? { limit: args.overrides.limit } : {}) };
  const base = {
    id: runId,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    backend: started.backend.chosen,
    ...startedDetails(started),
    ...trainedGraph(project.graph),
    config: { dataset, training, ...(project.gan ? { gan: project.gan } : {}) },
    epochsCompleted: epochs.length,
    history,
    ...(batchHistory ? { batchHistory } : {}),
  };
  if (end.type === 'done') {
    const metrics: Record<string, number> = { samplesPerSecond: end.samplesPerSecond };
    for (const [k, v] of Object.entries(end.metrics)) if (v !== undefined) metrics[k] = v;
    return {
      ...base,
      status: end.reason === 'stopped' ? 'stopped' : 'completed',
      epochsCompleted: end.epochsCompleted,
      metrics,
    };
  }
  if (end.type !== 'error') throw new Error('a run ends with done or error');
  return { ...base, status: 'failed', metrics: {}, error: { code: end.code, message: end.message } };
}
