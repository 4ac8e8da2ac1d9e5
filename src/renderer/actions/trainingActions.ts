/** Train: start, pause, resume, stop — through the contract; progress arrives as `training.event`. */
import type { GraphDoc } from '../../shared/graph/types.js';
import { fitDataset, unsetDatasetText } from '../../shared/project/dataset-fit.js';
import type { DatasetConfig, ProjectKind } from '../../shared/training/config.js';
import { toProjectDoc } from '../stores/projectStore.js';
import { isActive } from '../stores/trainingStore.js';
import { defineAction, type ActionContext } from './types.js';

/** The dataset a new project trains on until the user picks one. */
export function defaultDataset(kind: ProjectKind): DatasetConfig {
  return { source: kind === 'regressor' ? 'mnist-rows' : 'mnist', validationSplit: 0.1, seed: 42 } as DatasetConfig;
}

/**
 * The dataset a project without one trains on: the built-in one its input fits
 * (regressors keep mnist-rows), or none — an imported model whose input fits no
 * built-in dataset (DW313) must not train on MNIST into a shape error.
 */
export function datasetFor(graph: GraphDoc, kind: ProjectKind): DatasetConfig | undefined {
  if (kind === 'regressor') return defaultDataset(kind);
  const fit = fitDataset(graph, kind);
  return fit.dataset ?? (fit.needs ? undefined : defaultDataset(kind));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const trainStart = defineAction<void, Promise<boolean>>({
  name: 'trainStart',
  undoable: false,
  enabled: (ctx) => ctx.client !== null && !isActive(ctx.training.getState().phase),
  async perform(ctx: ActionContext) {
    const client = ctx.client;
    if (!client) return false;
    const g = ctx.graph.getState();
    const p = ctx.project.getState();
    const errors = g.report.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      ctx.ui
        .getState()
        .notify(
          'error',
          `Fix the ${errors.length} problem${errors.length > 1 ? 's' : ''} on the canvas first (${errors[0].code}: ${errors[0].message}).`,
        );
      return false;
    }
    const dataset = p.dataset ?? datasetFor(g.doc, p.kind);
    if (!dataset) {
      const { needs } = fitDataset(g.doc, p.kind);
      ctx.ui
        .getState()
        .notify('error', `DW313 The project's dataset is unset: ${needs ? unsetDatasetText(needs) : 'choose one'}.`);
      ctx.ui.getState().setPanel('training');
      return false;
    }
    const project = toProjectDoc({ ...p, dataset }, g.doc);
    ctx.training.getState().begin(null, { dataset, training: p.training, ...(p.gan ? { gan: p.gan } : {}) }, g.doc);
    try {
      const { runId } = await client.call('training.start', { project, ...(p.path ? { projectPath: p.path } : {}) });
      if (ctx.training.getState().runId === null) ctx.training.getState().setRunId(runId);
      return true;
    } catch (e) {
      ctx.training.getState().fail(message(e));
      return false;
    }
  },
});

async function control(
  ctx: ActionContext,
  command: 'training.pause' | 'training.resume' | 'training.stop',
): Promise<boolean> {
  if (!ctx.client) return false;
  try {
    const status = await ctx.client.call(command, {});
    const t = ctx.training.getState();
    // The engine's own event (paused / resumed / done) is the final word; this only shows the request is under way.
    if (command === 'training.stop' && isActive(t.phase)) t.setPhase('stopping');
    if (command === 'training.pause' && status.state === 'paused') t.setPhase('paused');
    if (command === 'training.resume' && status.state === 'running') t.setPhase('running');
    return true;
  } catch (e) {
    ctx.ui.getState().notify('error', message(e));
    return false;
  }
}

/** Pause a running run; on a paused one the same key (F6) resumes. */
export const trainPause = defineAction<void, Promise<boolean>>({
  name: 'trainPause',
  undoable: false,
  enabled: (ctx) => ['running', 'paused'].includes(ctx.training.getState().phase),
  perform: (ctx) => control(ctx, ctx.training.getState().phase === 'paused' ? 'training.resume' : 'training.pause'),
});

export const trainResume = defineAction<void, Promise<boolean>>({
  name: 'trainResume',
  undoable: false,
  enabled: (ctx) => ctx.training.getState().phase === 'paused',
  perform: (ctx) => control(ctx, 'training.resume'),
});

export const trainStop = defineAction<void, Promise<boolean>>({
  name: 'trainStop',
  undoable: false,
  enabled: (ctx) => ['starting', 'running', 'paused'].includes(ctx.training.getState().phase),
  perform: (ctx) => control(ctx, 'training.stop'),
});
