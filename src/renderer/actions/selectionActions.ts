/** Selection and the clipboard: select, select all, copy, cut, paste, duplicate. */
import { copyFragment, pasteFragment, type Fragment } from '../graph/fragment.js';
import { removeElements } from '../graph/ops.js';
import type { Selection } from '../stores/graphStore.js';
import { defineAction, type ActionContext } from './types.js';

const PASTE_STEP = 40;

export const select = defineAction<Selection & { additive?: boolean }>({
  name: 'select',
  undoable: false,
  perform(ctx, { nodes, edges, additive }) {
    const g = ctx.graph.getState();
    if (!additive) return g.select({ nodes, edges });
    const merge = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
    g.select({ nodes: merge(g.selection.nodes, nodes), edges: merge(g.selection.edges, edges) });
  },
});

export const selectAll = defineAction({
  name: 'selectAll',
  undoable: false,
  perform(ctx) {
    const g = ctx.graph.getState();
    g.select({ nodes: g.doc.nodes.map((n) => n.id), edges: g.doc.edges.map((e) => e.id) });
  },
});

const hasNodes = (ctx: ActionContext) => ctx.graph.getState().selection.nodes.length > 0;

/** Puts the selected nodes (and the edges between them) on the clipboard. */
const copySelection = (ctx: ActionContext) => {
  const g = ctx.graph.getState();
  ctx.ui.getState().setClipboard(copyFragment(g.doc, g.selection.nodes));
};

export const copy = defineAction({
  name: 'copy',
  undoable: false,
  enabled: hasNodes,
  perform: copySelection,
});

function insert(ctx: ActionContext, fragment: Fragment, step: number, label: string): string[] {
  let ids: string[] = [];
  ctx.graph.getState().commit(label, (doc) => {
    const pasted = pasteFragment(doc, fragment, { x: PASTE_STEP * step, y: PASTE_STEP * step });
    ids = pasted.nodeIds;
    return pasted.doc;
  });
  const idSet = new Set(ids);
  const edges = ctx.graph
    .getState()
    .doc.edges.filter((e) => idSet.has(e.source) && idSet.has(e.target))
    .map((e) => e.id);
  ctx.graph.getState().select({ nodes: ids, edges });
  return ids;
}

export const paste = defineAction<void, string[]>({
  name: 'paste',
  undoable: true,
  enabled: (ctx) => (ctx.ui.getState().clipboard?.nodes.length ?? 0) > 0,
  perform(ctx) {
    const clip = ctx.ui.getState().clipboard;
    if (!clip) return [];
    return insert(ctx, clip, ctx.ui.getState().bumpPasteCount(), 'Paste');
  },
});

export const cut = defineAction({
  name: 'cut',
  undoable: true,
  enabled: hasNodes,
  perform(ctx) {
    copySelection(ctx);
    const g = ctx.graph.getState();
    g.commit('Cut', (doc) => removeElements(doc, g.selection.nodes, []), { selection: { nodes: [], edges: [] } });
  },
});

/** Copies and pastes the selection in one step, leaving the clipboard alone. */
export const duplicate = defineAction<void, string[]>({
  name: 'duplicate',
  undoable: true,
  enabled: hasNodes,
  perform(ctx) {
    const g = ctx.graph.getState();
    return insert(ctx, copyFragment(g.doc, g.selection.nodes), 1, 'Duplicate');
  },
});
