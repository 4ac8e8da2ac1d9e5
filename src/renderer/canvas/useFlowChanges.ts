/** React Flow's change events turned into store updates: drags preview, a drop is one move action. */
import type { EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import { useCallback, type Dispatch, type SetStateAction } from 'react';
import { ACTIONS } from '../actions/index.js';
import type { ActionContext } from '../actions/types.js';
import type { useExecute } from '../app/EditorContext.js';
import { moveNodes } from '../graph/ops.js';
import type { FlowNode, ShapeFlowEdge, Size } from './toFlow.js';

export function useFlowChanges(
  ctx: ActionContext,
  run: ReturnType<typeof useExecute>,
  setSizes: Dispatch<SetStateAction<Record<string, Size>>>,
) {
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const g = ctx.graph.getState();
      const moving: Record<string, XYPosition> = {};
      let dragEnded = false;
      const sel = new Set(g.selection.nodes);
      let selChanged = false;
      const measured: Record<string, Size> = {};
      for (const c of changes) {
        if ('id' in c && c.id.startsWith('frame:')) continue;
        if (c.type === 'position') {
          if (c.position) moving[c.id] = c.position;
          if (c.dragging === false) dragEnded = true;
        } else if (c.type === 'select') {
          selChanged = true;
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        } else if (c.type === 'dimensions' && c.dimensions) {
          measured[c.id] = c.dimensions;
        }
      }
      if (Object.keys(moving).length > 0) g.preview((d) => moveNodes(d, moving));
      if (dragEnded) {
        const positions = Object.fromEntries(ctx.graph.getState().doc.nodes.map((n) => [n.id, n.position]));
        run(ACTIONS.moveNodes, { positions });
      }
      if (selChanged) ctx.graph.getState().select({ nodes: [...sel], edges: ctx.graph.getState().selection.edges });
      if (Object.keys(measured).length > 0) setSizes((s) => ({ ...s, ...measured }));
    },
    [ctx, run, setSizes],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ShapeFlowEdge>[]) => {
      const g = ctx.graph.getState();
      const sel = new Set(g.selection.edges);
      let changed = false;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        changed = true;
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
      if (changed) g.select({ nodes: g.selection.nodes, edges: [...sel] });
    },
    [ctx],
  );

  return { onNodesChange, onEdgesChange };
}
