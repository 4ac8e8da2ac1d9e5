/**
 * Inside the network (issue #15): open the Inside panel and ask the engine
 * (`inspect.run`) what the trained classifier does with a test sample or an
 * image file of the user's (its bytes, base64: the engine decodes them); step
 * to the next or previous sample. The panel only draws the answer.
 */
import type { EmbeddingMethod, InspectImage } from '../../shared/api/inspect.js';
import { insideStoreFor } from '../inside/insideStore.js';
import { toProjectDoc } from '../stores/projectStore.js';
import { defaultDataset } from './trainingActions.js';
import { defineAction, type ActionContext } from './types.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const hasWeights = (ctx: ActionContext) => ctx.client !== null && ctx.project.getState().extra.weights !== undefined;

export const showInside = defineAction({
  name: 'showInside',
  undoable: false,
  perform(ctx) {
    ctx.ui.getState().setPanel('inside');
  },
});

/**
 * A sample or an image names what to inspect; with neither (a new embedding method) the one inspected last
 * is inspected again.
 */
type InspectPayload = { sample?: number; image?: InspectImage; method?: EmbeddingMethod } | void;

export const inspectSample = defineAction<InspectPayload, Promise<boolean>>({
  name: 'inspectSample',
  undoable: false,
  enabled: hasWeights,
  async perform(ctx, payload) {
    const client = ctx.client;
    if (!client) return false;
    const store = insideStoreFor(ctx);
    const sample = Math.max(0, payload?.sample ?? store.getState().sample);
    const image = payload?.image ?? (payload?.sample === undefined ? store.getState().image : null);
    const method = payload?.method ?? store.getState().method;
    store.setState({ sample, image, method, busy: true, error: null });
    try {
      const p = ctx.project.getState();
      const result = await client.call('inspect.run', {
        // The dataset training used when the project names none.
        project: toProjectDoc({ ...p, dataset: p.dataset ?? defaultDataset(p.kind) }, ctx.graph.getState().doc),
        ...(image ? { image } : { sample }),
        embeddingSamples: store.getState().samples,
        embeddingMethod: method,
        ...(p.path ? { projectPath: p.path } : {}),
      });
      // A later request may have been answered first: keep the one for the sample asked for last.
      const now = store.getState();
      if (now.image !== image || (!image && now.sample !== sample) || now.method !== method) return false;
      const layer = store.getState().layer;
      const keep = result.layers.some((l) => l.name === layer);
      store.setState({ result, busy: false, layer: keep ? layer : (result.layers[0]?.name ?? null) });
      return true;
    } catch (e) {
      store.setState({ busy: false, error: message(e) });
      return false;
    }
  },
});

/** The sample keys act only while the Inside panel is open. */
const stepping = (ctx: ActionContext) => hasWeights(ctx) && ctx.ui.getState().panel === 'inside';

const step = (ctx: ActionContext, by: number) =>
  inspectSample.perform(ctx, { sample: Math.max(0, insideStoreFor(ctx).getState().sample + by) });

export const nextSample = defineAction<void, Promise<boolean>>({
  name: 'nextSample',
  undoable: false,
  enabled: stepping,
  perform: (ctx) => step(ctx, 1),
});

export const previousSample = defineAction<void, Promise<boolean>>({
  name: 'previousSample',
  undoable: false,
  enabled: (ctx) => stepping(ctx) && insideStoreFor(ctx).getState().sample > 0,
  perform: (ctx) => step(ctx, -1),
});
