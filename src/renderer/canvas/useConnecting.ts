/** Wiring on the canvas: a valid drop connects, a refused one still runs the action so its reason is shown. */
import type { Connection, FinalConnectionState } from '@xyflow/react';
import { useCallback } from 'react';
import { ACTIONS } from '../actions/index.js';
import type { ActionContext } from '../actions/types.js';
import type { useExecute } from '../app/EditorContext.js';
import { checkConnection } from '../graph/checkConnection.js';
import { portOfHandle } from '../graph/ports.js';
import type { ShapeFlowEdge } from './toFlow.js';

function toConnection(c: Connection | ShapeFlowEdge) {
  return { source: c.source, target: c.target, targetPort: portOfHandle(c.targetHandle) };
}

export function useConnecting(ctx: ActionContext, run: ReturnType<typeof useExecute>) {
  const onConnect = useCallback((c: Connection) => run(ACTIONS.connect, toConnection(c)), [run]);

  const isValidConnection = useCallback(
    (c: Connection | ShapeFlowEdge) => {
      const g = ctx.graph.getState();
      return checkConnection(g.doc, toConnection(c), {
        projectKind: g.projectKind,
        ...(g.sampleShape ? { sampleShape: g.sampleShape } : {}),
      }).ok;
    },
    [ctx],
  );

  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.toHandle || !state.fromHandle || !state.fromNode || !state.toNode) return;
      const [from, to] =
        state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      if (from.type !== 'source' || to.type !== 'target') return;
      run(ACTIONS.connect, { source: from.nodeId, target: to.nodeId, targetPort: portOfHandle(to.id) });
    },
    [run],
  );

  return { onConnect, isValidConnection, onConnectEnd };
}
