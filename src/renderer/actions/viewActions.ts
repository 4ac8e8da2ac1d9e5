/** The view: fit, auto-layout, theme, panels. */
import { layoutGraph } from '../../shared/graph/layout.js';
import { LAYOUT_GAPS, NODE_SIZE } from '../graph/nodeBox.js';
import { moveNodes } from '../graph/ops.js';
import { defineAction } from './types.js';

export const fitView = defineAction({
  name: 'fitView',
  undoable: false,
  perform(ctx) {
    if (ctx.view) ctx.view.fitView();
    else ctx.ui.getState().requestFit();
  },
});

export const toggleTheme = defineAction({
  name: 'toggleTheme',
  undoable: false,
  perform(ctx) {
    const ui = ctx.ui.getState();
    ui.setTheme(ui.theme === 'dark' ? 'light' : 'dark');
  },
});

/** Lays the graph out in layers (dagre), inputs at the top; one undo step. */
export const autoLayout = defineAction({
  name: 'autoLayout',
  undoable: true,
  enabled: (ctx) => ctx.graph.getState().doc.nodes.length > 0,
  perform(ctx) {
    const sizeOf = (id: string) => ctx.view?.sizeOf?.(id) ?? NODE_SIZE;
    ctx.graph
      .getState()
      .commit(
        'Auto-layout',
        (doc) => moveNodes(doc, layoutGraph(doc, { nodeSize: (n) => sizeOf(n.id), ...LAYOUT_GAPS })),
        {
          layoutOnly: true,
        },
      );
    ctx.ui.getState().requestFit();
  },
});

export const openSettings = defineAction({
  name: 'settings',
  undoable: false,
  perform(ctx) {
    ctx.ui.getState().setSettingsDialog(true);
  },
});
