/**
 * What a run record keeps beyond the per-epoch curves, gathered from the
 * training events as they arrive: per-batch curves (downsampled when the
 * record is saved, see downsample.ts), where the run ran, and split sizes.
 */
import type { GraphDoc } from '../graph/types.js';
import { graphRevision } from '../project/revision.js';
import type { BatchSeries, RunRecord } from '../project/runs-schema.js';
import type { BackendReport } from '../training/backend.js';
import type { GanStepLogs, TrainingEvent } from '../training/protocol.js';

/** The per-step GAN curves a record keeps (the CycleGAN terms are in its epoch curves). */
const GAN_BATCH_CURVES = ['d_loss', 'g_loss', 'd_real', 'd_fake'] as const satisfies readonly (keyof GanStepLogs)[];

/** Collects per-batch values keyed like the epoch curves (`loss`, `accuracy`, `d_loss` …). */
export class BatchCurveRecorder {
  private readonly curves = new Map<string, BatchSeries>();

  private push(key: string, step: number, value: number | undefined): void {
    if (value === undefined) return;
    let s = this.curves.get(key);
    if (!s) this.curves.set(key, (s = { step: [], value: [] }));
    s.step.push(step);
    s.value.push(value);
  }

  add(e: TrainingEvent): void {
    if (e.type === 'batch') {
      const step = (e.epoch - 1) * e.batchesPerEpoch + e.batch;
      this.push('loss', step, e.loss);
      this.push('accuracy', step, e.accuracy);
    } else if (e.type === 'gan-batch') {
      for (const key of GAN_BATCH_CURVES) this.push(key, e.step, e.logs[key]);
    }
  }

  /** The curves so far; undefined when no batch was reported. */
  curvesOrUndefined(): Record<string, BatchSeries> | undefined {
    return this.curves.size === 0 ? undefined : Object.fromEntries(this.curves);
  }
}

/** A short description of where a run ran: the PyTorch device, else the backend's threads. */
export function runDevice(report: BackendReport): string {
  if (report.device) return report.device;
  if (report.chosen === 'tensorflow-gpu') return 'gpu';
  return `cpu, ${report.threads} thread${report.threads === 1 ? '' : 's'}`;
}

/** Fields a run record takes from the run's `started` event. */
export function startedDetails(
  started: Extract<TrainingEvent, { type: 'started' }>,
): Pick<RunRecord, 'device' | 'datasetSizes'> {
  const d = started.dataset;
  return {
    device: runDevice(started.backend),
    datasetSizes: { train: d.trainSize, validation: d.validationSize, test: d.testSize },
  };
}

/** The graph a run trained, as every record keeps it (CLI and studio): diffs compare it, restore puts it back. */
export function trainedGraph(graph: GraphDoc): Pick<RunRecord, 'graph' | 'graphRevision'> {
  return { graphRevision: graphRevision(graph), graph };
}
