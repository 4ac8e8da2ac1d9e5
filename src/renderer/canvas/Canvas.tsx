/**
 * The canvas: React Flow driven by the graph store. Every change a user makes
 * here becomes a registered action (one undo step); React Flow only previews
 * drags between frames. The handlers live in one hook per purpose.
 */
import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { useEditor, useExecute, useGraph, useUi } from '../app/EditorContext.js';
import { selectDoc, selectReport, selectSelection } from '../stores/graphSelectors.js';
import { ContextMenu, type MenuRequest } from './ContextMenu.js';
import { FrameNode } from './FrameNode.js';
import { LayerNode } from './LayerNode.js';
import { ShapeEdge } from './ShapeEdge.js';
import {
  diagnosticsByNode,
  flowEdges,
  frameNodes,
  layerNodes,
  type FlowNode,
  type ShapeFlowEdge,
  type Size,
} from './toFlow.js';
import { useCanvasView } from './useCanvasView.js';
import { useConnecting } from './useConnecting.js';
import { useFlowChanges } from './useFlowChanges.js';
import { useLayerDrop } from './useLayerDrop.js';

const nodeTypes = { layer: LayerNode, frame: FrameNode };
const edgeTypes = { shape: ShapeEdge };

const minimapColor = (n: FlowNode) =>
  n.type === 'frame' ? 'transparent' : n.data.diagnostics.some((d) => d.severity === 'error') ? '#e5484d' : '#5aa9ff';

export function Canvas() {
  const { ctx } = useEditor();
  const run = useExecute();
  const wrapper = useRef<HTMLDivElement>(null);
  const doc = useGraph(selectDoc);
  const report = useGraph(selectReport);
  const selection = useGraph(selectSelection);
  const projectKind = useGraph((s) => s.projectKind);
  const theme = useUi((s) => s.theme);
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  const diags = useMemo(() => diagnosticsByNode(report), [report]);
  const frames = useMemo(() => frameNodes(doc, sizes, diags), [doc, sizes, diags]);
  const nodes = useMemo<FlowNode[]>(
    () => [...frames, ...layerNodes(doc, report, selection, sizes, diags)],
    [frames, doc, report, selection, sizes, diags],
  );
  const edges = useMemo(() => flowEdges(doc, report, selection), [doc, report, selection]);

  useCanvasView(ctx, wrapper, sizes);
  const { onNodesChange, onEdgesChange } = useFlowChanges(ctx, run, setSizes);
  const { onConnect, isValidConnection, onConnectEnd } = useConnecting(ctx, run);
  const { onDragOver, onDrop } = useLayerDrop(run, frames, projectKind);

  // Right-click selects what is under the pointer (unless it is already part of the selection), then opens the menu.
  const openMenu = useCallback(
    (e: ReactMouseEvent | MouseEvent, target: MenuRequest['target'], id?: string) => {
      e.preventDefault();
      const g = ctx.graph.getState();
      if (target === 'node' && id && !g.selection.nodes.includes(id)) g.select({ nodes: [id], edges: [] });
      if (target === 'edge' && id && !g.selection.edges.includes(id)) g.select({ nodes: [], edges: [id] });
      const r = wrapper.current?.getBoundingClientRect();
      setMenu({ x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0), target });
    },
    [ctx],
  );

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} role="region" aria-label="Canvas">
      <ReactFlow<FlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeContextMenu={(e, n) => n.type === 'layer' && openMenu(e, 'node', n.id)}
        onEdgeContextMenu={(e, edge) => openMenu(e, 'edge', edge.id)}
        onPaneContextMenu={(e) => openMenu(e, 'pane')}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={minimapColor} nodeStrokeWidth={2} />
        <Controls aria-label="Canvas controls" />
      </ReactFlow>
      {menu && <ContextMenu request={menu} onClose={closeMenu} />}
      {doc.nodes.length === 0 && (
        <div className="canvas-empty" aria-hidden="true">
          Drag layers here from the palette, or click one to add it.
        </div>
      )}
    </div>
  );
}
