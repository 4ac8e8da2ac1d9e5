/**
 * The document as React Flow sees it: layer nodes with their shape info and
 * diagnostics, edges labelled with tensor shapes, and one framing node per
 * GAN network or imported submodel drawn behind its layers.
 */
import type { Edge, Node } from '@xyflow/react';
import { GROUPS, type GraphDoc, type GraphNode, type Group } from '../../shared/graph/types.js';
import { formatShape } from '../../shared/layers/index.js';
import type { Shape } from '../../shared/layers/types.js';
import type { Diagnostic, NodeInfo, ShapeReport } from '../../shared/shape/types.js';
import { NODE_SIZE } from '../graph/nodeBox.js';
import { inputHandle, inputHandleCount, OUTPUT_HANDLE } from '../graph/ports.js';
import type { Selection } from '../stores/graphStore.js';

export interface LayerNodeData extends Record<string, unknown> {
  node: GraphNode;
  info: NodeInfo | undefined;
  diagnostics: Diagnostic[];
  /** Input handles to draw (merges grow one as inputs are connected). */
  inputs: number;
  /** The tensor arriving at each input port (undefined: not connected or unknown). */
  inputShapes: (Shape | undefined)[];
}

export interface FrameNodeData extends Record<string, unknown> {
  /** The GAN network framed; absent for an imported submodel's frame. */
  group?: Group;
  look: string;
  label: string;
  errors: number;
}

export interface ShapeEdgeData extends Record<string, unknown> {
  shape: Shape | undefined;
  label: string;
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
export type FrameFlowNode = Node<FrameNodeData, 'frame'>;
export type FlowNode = LayerFlowNode | FrameFlowNode;
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

export interface Size {
  width: number;
  height: number;
}

const DEFAULT_SIZE: Size = NODE_SIZE;
const FRAME_PAD = 36;
const FRAME_LABELS: Record<Group, string> = {
  generator: 'Generator',
  discriminator: 'Discriminator',
  generator_ab: 'Generator G: A → B',
  generator_ba: 'Generator F: B → A',
  discriminator_a: 'Discriminator D_A',
  discriminator_b: 'Discriminator D_B',
};

export function diagnosticsByNode(report: ShapeReport): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) if (d.nodeId) out.set(d.nodeId, [...(out.get(d.nodeId) ?? []), d]);
  return out;
}

/** A frame to draw: its members, label and depth (submodels nest inside their parent). */
interface FrameSpec {
  id: string;
  members: GraphNode[];
  label: string;
  /** CSS class: the GAN network's colours, or a submodel's. */
  look: string;
  /** The GAN network a drop into this frame joins; none for a submodel frame. */
  group?: Group;
  depth: number;
}

/** Every GAN network (two, or four in a CycleGAN) and every imported submodel (`frame`, nested by `/`). */
function frameSpecs(doc: GraphDoc): FrameSpec[] {
  const specs: FrameSpec[] = [];
  for (const group of GROUPS) {
    const members = doc.nodes.filter((n) => n.group === group);
    if (members.length > 0)
      specs.push({
        id: `frame:${group}`,
        members,
        label: FRAME_LABELS[group],
        look: `frame-${group}`,
        group,
        depth: 0,
      });
  }
  const paths = new Set<string>();
  for (const n of doc.nodes) {
    const parts = n.frame?.split('/') ?? [];
    for (let k = 1; k <= parts.length; k++) paths.add(parts.slice(0, k).join('/'));
  }
  for (const path of [...paths].sort()) {
    const members = doc.nodes.filter((n) => n.frame === path || n.frame?.startsWith(`${path}/`));
    const depth = path.split('/').length - 1;
    specs.push({
      id: `frame:model:${path}`,
      members,
      label: path.split('/').pop() ?? path,
      look: 'frame-submodel',
      depth,
    });
  }
  return specs;
}

/** Frames around each GAN network and imported submodel, sized from the layers' measured boxes. */
export function frameNodes(
  doc: GraphDoc,
  sizes: Readonly<Record<string, Size>>,
  diags: Map<string, Diagnostic[]>,
): FrameFlowNode[] {
  return frameSpecs(doc).map((f) => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const n of f.members) {
      const s = sizes[n.id] ?? DEFAULT_SIZE;
      x0 = Math.min(x0, n.position.x);
      y0 = Math.min(y0, n.position.y);
      x1 = Math.max(x1, n.position.x + s.width);
      y1 = Math.max(y1, n.position.y + s.height);
    }
    const errors = f.members.reduce(
      (k, n) => k + (diags.get(n.id) ?? []).filter((d) => d.severity === 'error').length,
      0,
    );
    // A nested submodel's frame sits inside its parent's: less padding, drawn above it.
    const pad = Math.max(12, FRAME_PAD - 12 * f.depth);
    return {
      id: f.id,
      type: 'frame',
      position: { x: x0 - pad, y: y0 - pad - 14 },
      data: { ...(f.group ? { group: f.group } : {}), look: f.look, label: f.label, errors },
      style: { width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad + 14 },
      selectable: false,
      draggable: false,
      focusable: false,
      connectable: false,
      zIndex: -10 + f.depth,
      ariaLabel: f.group ? `${f.label} network` : `${f.label} submodel`,
      ariaRole: 'group',
    };
  });
}

interface Cached {
  report: ShapeReport;
  edges: GraphDoc['edges'];
  selected: boolean;
  size: Size | undefined;
  node: LayerFlowNode;
}

/**
 * React Flow re-renders a node whenever its object changes. Documents are
 * immutable, so a layer whose node, report, edges, selection and size are the
 * same objects as last time gets the same flow node back: dragging one layer
 * re-renders that one, not the whole graph.
 */
const cache = new WeakMap<GraphNode, Cached>();

export function layerNodes(
  doc: GraphDoc,
  report: ShapeReport,
  selection: Selection,
  sizes: Readonly<Record<string, Size>>,
  diags: Map<string, Diagnostic[]>,
): LayerFlowNode[] {
  const selected = new Set(selection.nodes);
  let incoming: Map<string, (Shape | undefined)[]> | undefined;
  const incomingOf = (id: string) => {
    if (!incoming) {
      incoming = new Map();
      for (const e of doc.edges) {
        const list = incoming.get(e.target) ?? [];
        list[e.targetPort] = report.edges[e.id];
        incoming.set(e.target, list);
      }
    }
    return incoming.get(id) ?? [];
  };
  return doc.nodes.map((n) => {
    const size = sizes[n.id];
    const isSelected = selected.has(n.id);
    const hit = cache.get(n);
    if (hit && hit.report === report && hit.edges === doc.edges && hit.selected === isSelected && hit.size === size)
      return hit.node;
    const node: LayerFlowNode = {
      id: n.id,
      type: 'layer',
      position: n.position,
      selected: isSelected,
      data: {
        node: n,
        info: report.nodes[n.id],
        diagnostics: diags.get(n.id) ?? [],
        inputs: inputHandleCount(doc, n.id, n.kind),
        inputShapes: incomingOf(n.id),
      },
      ariaLabel: `${n.name} (${n.kind})`,
      ...(size ? { measured: size } : {}),
    };
    cache.set(n, { report, edges: doc.edges, selected: isSelected, size, node });
    return node;
  });
}

export function flowEdges(doc: GraphDoc, report: ShapeReport, selection: Selection): ShapeFlowEdge[] {
  const selected = new Set(selection.edges);
  const names = new Map(doc.nodes.map((n) => [n.id, n.name]));
  return doc.edges.map((e) => {
    const shape = report.edges[e.id];
    const label = shape ? formatShape(shape) : '?';
    return {
      id: e.id,
      type: 'shape',
      source: e.source,
      target: e.target,
      sourceHandle: OUTPUT_HANDLE,
      targetHandle: inputHandle(e.targetPort),
      selected: selected.has(e.id),
      data: { shape, label },
      ariaLabel: `Connection from ${names.get(e.source)} to ${names.get(e.target)}, shape ${label}`,
    };
  });
}
