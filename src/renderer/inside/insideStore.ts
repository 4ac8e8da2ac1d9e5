/**
 * The Inside panel's state (issue #15): the test sample (or the user's image
 * file) and embedding asked for, the engine's last answer to `inspect.run` as sent, the layer shown.
 * One store per editor, like the Sweep panel's.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EmbeddingMethod, InspectImage, InspectResult } from '../../shared/api/inspect.js';
import type { ActionContext } from '../actions/types.js';

export interface InsideState {
  sample: number;
  /** The user's image file (its bytes base64) when that, not the test sample, is inspected. */
  image: InspectImage | null;
  method: EmbeddingMethod;
  /** Test samples in the embedding. */
  samples: number;
  result: InspectResult | null;
  /** The layer whose output is shown (a TF.js layer name, which is the node's name). */
  layer: string | null;
  busy: boolean;
  /** The last refusal or failure, as its numbered message. */
  error: string | null;
}

export type InsideStore = StoreApi<InsideState>;

const stores = new WeakMap<object, InsideStore>();

export function insideStoreFor(ctx: ActionContext): InsideStore {
  const existing = stores.get(ctx.project);
  if (existing) return existing;
  const created = createStore<InsideState>()(() => ({
    sample: 0,
    image: null,
    method: 'pca',
    samples: 500,
    result: null,
    layer: null,
    busy: false,
    error: null,
  }));
  stores.set(ctx.project, created);
  return created;
}
