/** One editor: its stores, the action context and the registry, built fresh (one per window or test). */
import { createActionRegistry, type ActionContext, type ActionRegistry, type ViewPort } from '../actions/index.js';
import type { StudioClient } from '../actions/types.js';
import { createGraphStore, type GraphStoreOptions } from '../stores/graphStore.js';
import { createProjectStore } from '../stores/projectStore.js';
import { createTrainingStore } from '../stores/trainingStore.js';
import { createUiStore, type UiState } from '../stores/uiStore.js';

export interface Editor {
  ctx: ActionContext;
  registry: ActionRegistry;
}

export function createEditor(
  opts: {
    client?: StudioClient | null;
    graph?: GraphStoreOptions;
    ui?: Partial<Pick<UiState, 'theme' | 'screen' | 'panel'>>;
  } = {},
): Editor {
  const ctx: ActionContext = {
    graph: createGraphStore(opts.graph),
    ui: createUiStore(opts.ui),
    training: createTrainingStore(),
    project: createProjectStore(),
    client: opts.client ?? null,
    view: null,
  };
  return { ctx, registry: createActionRegistry() };
}

/** The canvas lends the actions its view port while mounted; the returned function takes it back. */
export function lendView(ctx: ActionContext, view: ViewPort): () => void {
  ctx.view = view;
  return () => {
    if (ctx.view === view) ctx.view = null;
  };
}
