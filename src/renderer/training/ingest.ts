/** Engine events (the worker protocol, via the contract's `training.event`) into the training store. */
import { formatProblem } from '../../shared/errors.js';
import type { TrainingEvent } from '../../shared/training/protocol.js';
import type { TrainingStore } from '../stores/trainingStore.js';

export function applyTrainingEvent(store: TrainingStore, runId: string, event: TrainingEvent): void {
  const s = store.getState();
  // Events of another run (an older one, or another page's) are not ours to show.
  if (s.runId !== null && s.runId !== runId) return;
  if (s.runId === null) s.setRunId(runId);
  switch (event.type) {
    case 'started':
      s.setBackend(event.backend);
      s.setDataset(event.dataset);
      s.setPhase('running');
      s.setProgress({
        epoch: 1,
        epochs: event.epochs,
        batch: 0,
        batchesPerEpoch: event.batchesPerEpoch,
        rate: 0,
        rateUnit: 'samples',
        etaSeconds: null,
      });
      return;
    case 'batch': {
      const epochs = s.progress?.epochs ?? 1;
      s.setProgress({
        epoch: event.epoch,
        epochs,
        batch: event.batch,
        batchesPerEpoch: event.batchesPerEpoch,
        rate: event.samplesPerSecond,
        rateUnit: 'samples',
        etaSeconds: event.etaSeconds,
      });
      if (s.phase === 'starting') s.setPhase('running');
      s.addBatch({
        step: (event.epoch - 1) * event.batchesPerEpoch + event.batch,
        loss: event.loss,
        accuracy: event.accuracy,
      });
      return;
    }
    case 'gan-batch':
      s.setProgress({
        epoch: event.epoch,
        epochs: s.progress?.epochs ?? 1,
        batch: event.batch,
        batchesPerEpoch: event.batchesPerEpoch,
        rate: event.stepsPerSecond,
        rateUnit: 'steps',
        etaSeconds: event.etaSeconds,
      });
      if (s.phase === 'starting') s.setPhase('running');
      s.addGanStep({ step: event.step, ...event.logs });
      return;
    case 'gan-warning':
      s.addWarning(`Step ${event.step}: ${event.message}`);
      return;
    case 'epoch':
      s.addEpoch({ epoch: event.epoch, ...event.logs });
      return;
    case 'paused':
      s.setPhase('paused');
      return;
    case 'resumed':
      s.setPhase('running');
      return;
    case 'evaluation':
      s.setEvaluation(event.evaluation);
      return;
    case 'samples':
      s.addSamples({
        epoch: event.epoch,
        step: event.step,
        grid: event.grid,
        rows: event.rows,
        columns: event.columns,
      });
      return;
    case 'done':
      s.finish({
        reason: event.reason,
        metrics: event.metrics,
        seconds: event.seconds,
        samplesPerSecond: event.samplesPerSecond,
      });
      {
        const p = store.getState().progress;
        if (p && event.reason === 'completed')
          s.setProgress({ ...p, batch: p.batchesPerEpoch, epoch: p.epochs, etaSeconds: 0 });
      }
      return;
    case 'error':
      s.fail(
        formatProblem({ code: event.code, message: event.message, ...(event.where ? { where: event.where } : {}) }),
      );
      return;
    case 'log':
      s.addLog(`${event.level === 'warning' ? 'Warning: ' : ''}${event.message}`);
      return;
  }
}
