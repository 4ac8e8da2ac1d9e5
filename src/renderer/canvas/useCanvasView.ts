/** The canvas lends the actions its view port while mounted, and fits the view when asked. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import type { ActionContext } from '../actions/types.js';
import { lendView } from '../app/editor.js';
import { useUi } from '../app/EditorContext.js';
import type { FlowNode, ShapeFlowEdge, Size } from './toFlow.js';

const FIT = { padding: 0.15, maxZoom: 1.2 };

export function useCanvasView(
  ctx: ActionContext,
  wrapper: RefObject<HTMLDivElement | null>,
  sizes: Record<string, Size>,
): void {
  const rf = useReactFlow<FlowNode, ShapeFlowEdge>();
  const fitRequest = useUi((s) => s.fitRequest);
  // The latest measured sizes, for auto-layout (read when the action runs, not during render).
  const sizesRef = useRef(sizes);
  useEffect(() => {
    sizesRef.current = sizes;
  }, [sizes]);

  useEffect(
    () =>
      lendView(ctx, {
        fitView: () => {
          if (ctx.graph.getState().doc.nodes.length > 0) void rf.fitView(FIT);
        },
        center: () => {
          const r = wrapper.current?.getBoundingClientRect();
          return r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
        },
        sizeOf: (id) => sizesRef.current[id],
      }),
    [ctx, rf, wrapper],
  );

  useEffect(() => {
    // React Flow queues a fit of an empty canvas until the first node appears, which would
    // jump the view under the user's first drop: only fit what is there.
    if (fitRequest === 0 || ctx.graph.getState().doc.nodes.length === 0) return;
    void rf.fitView(FIT);
  }, [fitRequest, rf, ctx]);
}
