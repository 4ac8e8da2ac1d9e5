/** Selectors over the graph store: components read through these, never the whole state. */
import type { GraphState } from './graphStore.js';

export const selectDoc = (s: GraphState) => s.doc;
export const selectReport = (s: GraphState) => s.report;
export const selectSelection = (s: GraphState) => s.selection;
export const selectCanUndo = (s: GraphState) => s.past.length > 0;
export const selectCanRedo = (s: GraphState) => s.future.length > 0;
export const selectIsDirty = (s: GraphState) => s.doc !== s.savedDoc;
