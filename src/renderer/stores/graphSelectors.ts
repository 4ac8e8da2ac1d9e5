/** Selectors over the graph store: components read through these, never the whole state. */
import type { GraphNode } from '../../shared/graph/types.js';
import type { Diagnostic } from '../../shared/shape/types.js';
import type { GraphState } from './graphStore.js';

export const selectDoc = (s: GraphState) => s.doc;
export const selectReport = (s: GraphState) => s.report;
export const selectSelection = (s: GraphState) => s.selection;
export const selectCanUndo = (s: GraphState) => s.past.length > 0;
export const selectCanRedo = (s: GraphState) => s.future.length > 0;
export const selectIsDirty = (s: GraphState) => s.doc !== s.savedDoc;
export const selectTotals = (s: GraphState) => s.report.totals;
export const selectProjectKind = (s: GraphState) => s.projectKind;
export const selectUndoLabel = (s: GraphState) => s.past[s.past.length - 1]?.label;
export const selectRedoLabel = (s: GraphState) => s.future[s.future.length - 1]?.label;

export function selectNode(id: string | undefined) {
  return (s: GraphState): GraphNode | undefined => (id === undefined ? undefined : s.doc.nodes.find((n) => n.id === id));
}

/** The one selected node, when exactly one node is selected. */
export const selectSingleSelectedNode = (s: GraphState): GraphNode | undefined =>
  s.selection.nodes.length === 1 ? s.doc.nodes.find((n) => n.id === s.selection.nodes[0]) : undefined;

/** Diagnostics that sit on no node (e.g. "No Input layer"), shown in the status area. */
export const selectGraphDiagnostics = (s: GraphState): Diagnostic[] => s.report.diagnostics.filter((d) => d.nodeId === undefined);
