/** GAN editing: "Make conditional" adds class-label inputs to both models of a GAN (one undo step). */
import { makeConditional } from '../../shared/graph/make-conditional.js';
import { isConditionalGan } from '../../shared/shape/conditional.js';
import { toProjectDoc } from '../stores/projectStore.js';
import { isActive } from '../stores/trainingStore.js';
import { defineAction } from './types.js';

/** The built-in image datasets (MNIST, Fashion-MNIST) have 10 classes; other datasets: set the Embeddings after. */
const DEFAULT_CLASSES = 10;

export const makeGanConditional = defineAction<{ classes?: number } | void, boolean>({
  name: 'makeGanConditional',
  undoable: true,
  enabled: (ctx) => ctx.graph.getState().projectKind === 'gan' && !isConditionalGan(ctx.graph.getState().doc),
  perform(ctx, payload) {
    const g = ctx.graph.getState();
    const classes = (payload && payload.classes) ?? DEFAULT_CLASSES;
    const made = makeConditional(g.doc, classes);
    if (!made.ok) {
      ctx.ui.getState().notify('error', `Cannot make the GAN conditional: ${made.reason}.`);
      return false;
    }
    g.commit('Make conditional', () => made.doc, { selection: { nodes: [], edges: [] } });
    const note =
      `Added class-label inputs for ${classes} classes to the generator and the discriminator; ` +
      "set the Embeddings' vocabulary size if your dataset has another number of classes.";
    ctx.ui.getState().notify('info', note);
    return true;
  },
});

/** Samples per "Generate dataset" (1,000 per class for a 10-class conditional GAN). */
export const GENERATED_COUNT = 10_000;

/**
 * Writes samples of the trained GAN as a dataset into a folder the user picks (the studio's `deepwire generate`):
 * the desktop's native dialog, or in the web studio its own dialog naming a folder inside the served one.
 */
export const generateGanDataset = defineAction<{ destination?: string; count?: number } | void, Promise<boolean>>({
  name: 'generateGanDataset',
  undoable: false,
  enabled: (ctx) => {
    const p = ctx.project.getState();
    const trained = p.kind === 'gan' && p.extra.weights !== undefined;
    return ctx.client !== null && trained && !isActive(ctx.training.getState().phase);
  },
  async perform(ctx, payload) {
    if (!ctx.client) return false;
    if (!(payload && payload.destination) && !ctx.ui.getState().nativeDialogs) {
      ctx.ui.getState().setGenerateDialog(true);
      return false;
    }
    const p = ctx.project.getState();
    const count = (payload && payload.count) ?? GENERATED_COUNT;
    try {
      const r = await ctx.client.call('gan.generate', {
        project: toProjectDoc(p, ctx.graph.getState().doc),
        count,
        format: 'png',
        ...(payload && payload.destination ? { destination: payload.destination } : {}),
        ...(p.path ? { projectPath: p.path } : {}),
      });
      if (!r) return false;
      ctx.ui.getState().setGenerateDialog(false);
      const per = r.classes ? `, ${Math.floor(r.count / r.classes)} per class` : '';
      ctx.ui.getState().notify('info', `Generated ${r.count} samples${per} in ${r.out}.`);
      return true;
    } catch (e) {
      ctx.ui.getState().notify('error', e instanceof Error ? e.message : String(e));
      return false;
    }
  },
});
