/**
 * Run history (issue #15): open the History panel, put back a past run's
 * graph and weights (one undo step for the graph), delete runs. The studio
 * does the work (runs.*); these apply its answer to the document.
 */
import { documentRuns, historySource } from '../history/source.js';
import { toProjectDoc } from '../stores/projectStore.js';
import { isActive } from '../stores/trainingStore.js';
import { defineAction, type ActionContext } from './types.js';

const idle = (ctx: ActionContext) => ctx.client !== null && !isActive(ctx.training.getState().phase);

export const showHistory = defineAction({
  name: 'showHistory',
  undoable: false,
  perform(ctx) {
    ctx.ui.getState().setPanel('history');
  },
});

export const restoreRun = defineAction<{ id: string }, Promise<boolean>>({
  name: 'restoreRun',
  // The graph goes back as one undo step; the weights are the document's, outside the undo history.
  undoable: true,
  enabled: idle,
  async perform(ctx, { id }) {
    const client = ctx.client;
    if (!client) return false;
    const p = ctx.project.getState();
    const r = await client.call('runs.restore', {
      project: toProjectDoc(p, ctx.graph.getState().doc),
      run: id,
      ...(p.path ? { projectPath: p.path } : {}),
    });
    if (r.graphChanged) ctx.graph.getState().commit(`Restore run ${r.index}`, () => r.graph);
    if (r.weightsState === 'restored' && r.weights) {
      const weights = r.weights;
      ctx.project.setState((s) => ({ extra: { ...s.extra, weights }, revision: s.revision + 1 }));
    }
    const graph = r.graphChanged
      ? `The graph of run ${r.index} is back (Undo reverts it)`
      : `Run ${r.index} trained this graph`;
    const weights = {
      kept: 'its weights are the ones stored',
      restored: 'its weights were restored',
      none: 'no weights of it are stored: train again',
    }[r.weightsState];
    const aside = r.displacedPath ? `; the weights it replaced were saved in ${r.displacedPath}` : '';
    ctx.ui.getState().notify('info', `${graph}; ${weights}${aside}.`);
    return true;
  },
});

export const deleteRuns = defineAction<{ ids: string[] }, Promise<boolean>>({
  name: 'deleteRuns',
  undoable: false,
  enabled: (ctx) => ctx.client !== null,
  async perform(ctx, { ids }) {
    const client = ctx.client;
    if (!client || ids.length === 0) return false;
    const { projectPath } = historySource(ctx.project.getState());
    // From the file first (under its lock), so a later save cannot bring them back from it.
    await client.call('runs.delete', { ids, ...(projectPath ? { projectPath } : {}) });
    const gone = new Set(ids);
    const before = documentRuns(ctx.project.getState());
    const runs = before.filter((r) => !gone.has(r.id));
    if (runs.length !== before.length)
      ctx.project.setState((s) => ({ extra: { ...s.extra, runs }, revision: s.revision + 1 }));
    ctx.ui.getState().notify('info', `Deleted ${ids.length} run${ids.length === 1 ? '' : 's'}.`);
    return true;
  },
});
