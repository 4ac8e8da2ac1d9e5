/** Editing the graph: add, connect, delete, params, names, moves, groups. */
import type { Group, XY } from '../../shared/graph/types.js';
import type { LayerKind } from '../../shared/layers/params.js';
import { checkConnection } from '../graph/checkConnection.js';
import * as ops from '../graph/ops.js';
import { defineAction, type ActionContext } from './types.js';

/**
 * Where click-to-add puts a layer: below the one selected layer (in its GAN
 * network), or at the centre of the view, stepping so repeated adds stay visible.
 */
function placeNear(ctx: ActionContext): { position: XY; group?: Group } {
  const g = ctx.graph.getState();
  const selected = g.selection.nodes.length === 1 ? g.doc.nodes.find((n) => n.id === g.selection.nodes[0]) : undefined;
  if (selected) {
    const below = { x: selected.position.x, y: selected.position.y + 140 };
    return selected.group ? { position: below, group: selected.group } : { position: below };
  }
  const centre = ctx.view?.center() ?? { x: 0, y: 0 };
  const n = g.doc.nodes.length % 8;
  return { position: { x: Math.round(centre.x - 120 + n * 24), y: Math.round(centre.y - 40 + n * 24) } };
}

export const addNode = defineAction<{ kind: LayerKind; position?: XY; group?: Group }, string>({
  name: 'addNode',
  undoable: true,
  perform(ctx, { kind, position, group }) {
    const g = ctx.graph.getState();
    const place = position ? { position, ...(group ? { group } : {}) } : placeNear(ctx);
    const inGroup = group ?? place.group;
    let id = '';
    g.commit(
      `Add ${kind}`,
      (doc) => {
        const added = ops.addNode(doc, kind, place.position, inGroup);
        id = added.id;
        return added.doc;
      },
      { selection: { nodes: [], edges: [] } },
    );
    ctx.graph.getState().select({ nodes: [id], edges: [] });
    return id;
  },
});

/** Connects two layers, or refuses with the reason (shown in the notice line); returns whether it connected. */
export const connect = defineAction<ops.Connection, boolean>({
  name: 'connect',
  undoable: true,
  perform(ctx, c) {
    const g = ctx.graph.getState();
    const verdict = checkConnection(g.doc, c, {
      projectKind: g.projectKind,
      ...(g.sampleShape ? { sampleShape: g.sampleShape } : {}),
    });
    if (!verdict.ok) {
      ctx.ui.getState().notify('error', `Connection refused — ${verdict.reason}`);
      return false;
    }
    g.commit('Connect', (doc) => ops.connect(doc, c).doc);
    // A refusal shown earlier no longer applies once a connection is made.
    if (ctx.ui.getState().notice?.text.startsWith('Connection refused')) ctx.ui.getState().dismissNotice();
    return true;
  },
});

export const deleteSelection = defineAction({
  name: 'deleteSelection',
  undoable: true,
  enabled: (ctx) => {
    const s = ctx.graph.getState().selection;
    return s.nodes.length + s.edges.length > 0;
  },
  perform(ctx) {
    const g = ctx.graph.getState();
    const { nodes, edges } = g.selection;
    const what = nodes.length > 0 ? `Delete ${nodes.length} layer${nodes.length > 1 ? 's' : ''}` : 'Delete connection';
    g.commit(what, (doc) => ops.removeElements(doc, nodes, edges), { selection: { nodes: [], edges: [] } });
  },
});

/** Removes one connection (the inspector's "disconnect"), leaving the selection alone. */
export const disconnect = defineAction<{ edgeId: string }>({
  name: 'disconnect',
  undoable: true,
  perform(ctx, { edgeId }) {
    ctx.graph.getState().commit('Disconnect', (doc) => ops.removeElements(doc, [], [edgeId]));
  },
});

export const updateParam = defineAction<{ nodeId: string; name: string; value: unknown }>({
  name: 'updateParam',
  undoable: true,
  perform(ctx, { nodeId, name, value }) {
    ctx.graph.getState().commit(`Change ${name}`, (doc) => ops.setParam(doc, nodeId, name, value), {
      coalesceKey: `param:${nodeId}:${name}`,
    });
  },
});

export const renameNode = defineAction<{ nodeId: string; name: string }, boolean>({
  name: 'renameNode',
  undoable: true,
  perform(ctx, { nodeId, name }) {
    const g = ctx.graph.getState();
    const clean = name.trim();
    if (!/^[A-Za-z_][\w.-]*$/.test(clean) || g.doc.nodes.some((n) => n.id !== nodeId && n.name === clean)) return false;
    g.commit('Rename layer', (doc) => ops.renameNode(doc, nodeId, clean), { coalesceKey: `name:${nodeId}` });
    return true;
  },
});

/** The end of a drag (or a keyboard nudge): one undo step for the whole move. */
export const moveNodes = defineAction<{ positions: Record<string, XY> }>({
  name: 'moveNodes',
  undoable: true,
  perform(ctx, { positions }) {
    ctx.graph.getState().commit('Move', (doc) => ops.moveNodes(doc, positions), { layoutOnly: true });
  },
});

export const setGroup = defineAction<{ nodeIds: string[]; group: Group | undefined }>({
  name: 'setGroup',
  undoable: true,
  perform(ctx, { nodeIds, group }) {
    ctx.graph.getState().commit('Set network', (doc) => ops.setGroup(doc, nodeIds, group));
  },
});
