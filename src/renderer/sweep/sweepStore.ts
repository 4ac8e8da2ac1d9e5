/**
 * The Sweep panel's state: the latest snapshot main sent (sweep.event /
 * sweep.status), as sent; and the one subscription that keeps finished
 * trials' run records in the open document even while the panel is closed.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SweepSnapshot } from '../../shared/sweep/config.js';
import type { ActionContext } from '../actions/types.js';

export interface SweepPanelState {
  snapshot: SweepSnapshot | null;
  /** The last refusal or failure, as its numbered message. */
  error: string | null;
  notice: string | null;
}

export type SweepPanelStore = StoreApi<SweepPanelState>;

const stores = new WeakMap<object, SweepPanelStore>();

/** One store per editor; subscribed to sweep.event once its client is there. */
export function sweepStoreFor(ctx: ActionContext): SweepPanelStore {
  const key = ctx.project;
  const existing = stores.get(key);
  if (existing) return existing;
  const created = createStore<SweepPanelState>()(() => ({ snapshot: null, error: null, notice: null }));
  stores.set(key, created);
  const client = ctx.client;
  if (client) {
    client.on('sweep.event', ({ event, snapshot, run }) => {
      created.setState({ snapshot });
      // The trial's run belongs to the document, as a training run does.
      if (event.type === 'trial-finished' && run) ctx.project.getState().recordRun(run, null);
    });
    void client
      .call('sweep.status', {})
      .then((snapshot) => created.setState({ snapshot }))
      .catch(() => undefined);
  }
  return created;
}
