/** Undo and redo: each reverses or replays one recorded user action. */
import { defineAction } from './types.js';

export const undo = defineAction({
  name: 'undo',
  undoable: false,
  enabled: (ctx) => ctx.graph.getState().past.length > 0,
  perform(ctx) {
    ctx.graph.getState().undo();
  },
});

export const redo = defineAction({
  name: 'redo',
  undoable: false,
  enabled: (ctx) => ctx.graph.getState().future.length > 0,
  perform(ctx) {
    ctx.graph.getState().redo();
  },
});
