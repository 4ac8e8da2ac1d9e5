/**
 * A sweep over a project file, for the CLI and the studio alike: trials train
 * in this thread or in engine workers (the training supervisor), each trial
 * is recorded as a run in the file (the same record `deepwire train` writes,
 * tagged with the sweep id and the trial's values, merged under the file's
 * lock), and the best trial can be promoted: its graph, training settings
 * and weights written into the file in one atomic save.
 */
import { DeepwireError } from '../../../shared/errors.js';
import { graphRevision, type Project, type RunRecord } from '../../../shared/project/index.js';
import type { SweepEvent, SweepOptions, SweepSnapshot, TrialSummary } from '../../../shared/sweep/config.js';
import type { BackendPreference } from '../../../shared/training/backend.js';
import type { TrialRunner } from '../../engine/sweep/runner.js';
import { Sweep, type FinishedTrial } from '../../engine/sweep/sweep.js';
import type { TrialSettings } from '../../../shared/sweep/apply.js';
import type { WeightsBlob } from '../../../shared/project/weights-schema.js';
import { resolveDatasetPaths } from '../project-files.js';
import { runRecord } from '../run-record.js';
import { saveRunIntoProject, updateProjectFile } from '../project-update.js';
import { TrainingSupervisor } from '../training-supervisor.js';

/** Each trial in a fresh engine worker: what the studio uses, and parallel sweeps. */
export const workerRunner: TrialRunner = (request, onEvent) => {
  const supervisor = new TrainingSupervisor();
  supervisor.onEvent((_id, e) => {
    if (e.type !== 'done' && e.type !== 'error') onEvent(e);
  });
  const finished = supervisor.start(request).finished.finally(() => supervisor.dispose());
  const whileRunning = (act: () => void) => () => {
    if (supervisor.status().state !== 'idle') act();
  };
  return {
    finished,
    stop: whileRunning(() => supervisor.stop()),
    pause: whileRunning(() => supervisor.pause()),
    resume: whileRunning(() => supervisor.resume()),
  };
};

export interface SweepSessionOptions {
  /** The project file (absolute): trials are recorded into it. Without one, dataset paths must be absolute. */
  projectPath?: string;
  /** The project as read when the sweep starts. */
  project: Project;
  options: SweepOptions;
  backend: BackendPreference;
  cacheDir?: string;
  /** PyTorch backend: device and Python, as for `deepwire train`. */
  device?: string;
  python?: string;
  /** Default: a training worker per trial (the CLI passes the in-process runner for one trial at a time). */
  runner?: TrialRunner;
  onEvent?(e: SweepEvent): void;
  /** Each trial's run record, once recorded (the studio adds it to the open document). */
  onRecord?(record: RunRecord): void;
}

export interface Promoted {
  trial: TrialSummary;
  projectPath: string;
}

export class SweepSession {
  readonly sweep: Sweep;
  private readonly baseRevision: string;

  constructor(private readonly o: SweepSessionOptions) {
    const { project } = o;
    if (!project.dataset)
      throw new DeepwireError(
        'DW825',
        `${project.name} has no dataset: pick one in Training → Dataset first`,
        'dataset',
      );
    this.baseRevision = graphRevision(project.graph);
    const runner = o.runner ?? workerRunner;
    this.sweep = new Sweep(
      {
        project: {
          kind: project.kind,
          name: project.name,
          graph: project.graph,
          dataset: o.projectPath ? resolveDatasetPaths(project.dataset, o.projectPath) : project.dataset,
          training: project.training,
        },
        backend: o.backend,
        ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}),
        ...(o.device ? { device: o.device } : {}),
        ...(o.python ? { python: o.python } : {}),
      },
      o.options,
      { runner, onEvent: o.onEvent, onTrialEnd: (t) => this.record(t) },
    );
  }

  run(): Promise<SweepSnapshot> {
    return this.sweep.run();
  }

  /** The trial's run record, as `deepwire train` writes it, with the sweep's tag; weights stay out of the file. */
  private async record(t: FinishedTrial): Promise<void> {
    if (!t.started) return; // refused before training (bad input): nothing ran, as with `deepwire train`
    const trained: Project = { ...this.o.project, graph: t.settings.graph, training: t.settings.training };
    const args = { overrides: t.request.overrides ?? {} };
    const record = runRecord(trained, t.summary.runId, t.startedAt, args, t.started, t.epochs, t.end, t.batches);
    const tagged: RunRecord = { ...record, sweep: t.tag };
    if (this.o.projectPath) await saveRunIntoProject(this.o.projectPath, { trained, record: tagged });
    this.o.onRecord?.(tagged);
  }

  /** The best trial's settings and weights (DW545 when none finished, DW546 when it kept no weights). */
  best(): { trial: TrialSummary; settings: TrialSettings; weights: WeightsBlob } {
    const best = this.sweep.best();
    if (!best) throw new DeepwireError('DW545', 'no trial finished with a value of the metric', this.o.project.name);
    if (!best.weights)
      throw new DeepwireError('DW546', `trial ${best.trial.trial} kept no weights`, `trial ${best.trial.trial}`);
    return { trial: best.trial, settings: best.settings, weights: best.weights };
  }

  /** Writes the best trial's graph, training settings and weights into the file, atomically (DW545, DW546). */
  async promote(): Promise<Promoted> {
    const path = this.o.projectPath;
    if (!path) throw new DeepwireError('DW549', 'the project has no file to promote the best trial into', 'promote');
    const best = this.best();
    const weights = best.weights;
    await updateProjectFile(path, (current) => {
      const now = current ?? this.o.project;
      if (graphRevision(now.graph) !== this.baseRevision)
        throw new DeepwireError(
          'DW546',
          `the model in ${path} changed while the sweep ran; nothing was promoted`,
          path,
        );
      return { ...now, graph: best.settings.graph, training: best.settings.training, weights };
    });
    return { trial: best.trial, projectPath: path };
  }
}
