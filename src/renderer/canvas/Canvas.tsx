/**
 * The canvas: React Flow driven by the graph store. Every change a user makes
 * here becomes a registered action (one undo step); React Flow only previews
 * drags between frames.
 */
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import type { Group } from '../../shared/graph/types.js';
import { isLayerKind } from '../../shared/layers/params.js';
import { ACTIONS } from '../actions/index.js';
import { useEditor, useGraph, useExecute, useUi } from '../app/EditorContext.js';
import { lendView } from '../app/editor.js';
import { checkConnection } from '../graph/checkConnection.js';
import { moveNodes } from '../graph/ops.js';
import { portOfHandle } from '../graph/ports.js';
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

export const LAYER_MIME = 'application/deepwire-layer';

const nodeTypes = { layer: LayerNode, frame: FrameNode };
const edgeTypes = { shape: ShapeEdge };

const minimapColor = (n: FlowNode) =>
  n.type === 'frame' ? 'transparent' : n.data.diagnostics.some((d) => d.severity === 'error') ? '#e5484d' : '#5aa9ff';

function toConnection(c: Connection | ShapeFlowEdge) {
  return { source: c.source, target: c.target, targetPort: portOfHandle(c.targetHandle) };
}

export function Canvas() {
  const { ctx } = useEditor();
  const run = useExecute();
  const rf = useReactFlow<FlowNode, ShapeFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const doc = useGraph(selectDoc);
  const report = useGraph(selectReport);
  const selection = useGraph(selectSelection);
  const projectKind = useGraph((s) => s.projectKind);
  const fitRequest = useUi((s) => s.fitRequest);
  const theme = useUi((s) => s.theme);
  const [sizes, setSizes] = useState<Record<string, Size>>({});
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  // The latest measured sizes, for auto-layout (read when the action runs, not during render).
  const sizesRef = useRef(sizes);
  useEffect(() => {
    sizesRef.current = sizes;
  }, [sizes]);

  const diags = useMemo(() => diagnosticsByNode(report), [report]);
  const frames = useMemo(() => frameNodes(doc, sizes, diags), [doc, sizes, diags]);
  const nodes = useMemo<FlowNode[]>(
    () => [...frames, ...layerNodes(doc, report, selection, sizes, diags)],
    [frames, doc, report, selection, sizes, diags],
  );
  const edges = useMemo(() => flowEdges(doc, report, selection), [doc, report, selection]);

  // Lend the actions a view port while the canvas is mounted.
  useEffect(
    () =>
      lendView(ctx, {
        fitView: () => {
          if (ctx.graph.getState().doc.nodes.length > 0) void rf.fitView({ padding: 0.15, maxZoom: 1.2 });
        },
        center: () => {
          const r = wrapper.current?.getBoundingClientRect();
          return r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
        },
        sizeOf: (id) => sizesRef.current[id],
      }),
    [ctx, rf],
  );

  useEffect(() => {
    // React Flow queues a fit of an empty canvas until the first node appears, which would
    // jump the view under the user's first drop: only fit what is there.
    if (fitRequest === 0 || ctx.graph.getState().doc.nodes.length === 0) return;
    void rf.fitView({ padding: 0.15, maxZoom: 1.2 });
  }, [fitRequest, rf, ctx]);

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
    [ctx, run],
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

  // A drop on a handle that was refused: run the connect action anyway so the reason is shown.
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

  const groupAt = useCallback(
    (p: XYPosition): Group | undefined => {
      if (ctx.graph.getState().projectKind !== 'gan') return undefined;
      let best: { group: Group; d: number } | undefined;
      for (const f of frames) {
        const w = Number(f.style?.width ?? 0);
        const h = Number(f.style?.height ?? 0);
        const dx = Math.max(f.position.x - p.x, 0, p.x - (f.position.x + w));
        const dy = Math.max(f.position.y - p.y, 0, p.y - (f.position.y + h));
        const d = Math.hypot(dx, dy);
        if (!best || d < best.d) best = { group: f.data.group, d };
      }
      return best?.group;
    },
    [ctx, frames],
  );

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

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(LAYER_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(LAYER_MIME);
      if (!isLayerKind(kind)) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const position = { x: Math.round(p.x - 100), y: Math.round(p.y - 30) };
      const group = kind === 'Noise' && projectKind === 'gan' ? 'generator' : groupAt(p);
      run(ACTIONS.addNode, { kind, position, ...(group ? { group } : {}) });
    },
    [rf, run, groupAt, projectKind],
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
