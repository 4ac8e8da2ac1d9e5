/** GAN editing: "Make conditional" adds class-label inputs to both models of a GAN (one undo step). */
import { makeConditional } from '../../shared/graph/make-conditional.js';
import { isConditionalGan } from '../../shared/shape/conditional.js';
import { defineAction } from './types.js';

/** The built-in image datasets (MNIST, Fashion-MNIST) have 10 classes; other datasets: set the Embeddings after. */
const DEFAULT_CLASSES = 10;

export const makeGanConditional = defineAction<{ classes?: number } | void, boolean>({
  name: 'makeGanConditional',
  label: 'Make conditional',
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
    ctx.ui
      .getState()
      .notify('info', `Added class-label inputs for ${classes} classes to the generator and the discriminator; set the Embeddings' vocabulary size if your dataset has another number of classes.`);
    return true;
  },
});
