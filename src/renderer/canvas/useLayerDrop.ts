/** A layer dragged from the palette lands where it is dropped, inside the nearest GAN frame. */
import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import type { Group } from '../../shared/graph/types.js';
import type { ProjectKind } from '../../shared/training/config.js';
import { isLayerKind } from '../../shared/layers/params.js';
import { ACTIONS } from '../actions/index.js';
import type { useExecute } from '../app/EditorContext.js';
import type { FlowNode, ShapeFlowEdge, frameNodes } from './toFlow.js';

export const LAYER_MIME = 'application/deepwire-layer';

/** The frame nearest to a point (0 inside it), for a drop into a GAN. */
function nearestGroup(frames: ReturnType<typeof frameNodes>, p: XYPosition): Group | undefined {
  let best: { group: Group; d: number } | undefined;
  for (const f of frames) {
    if (!f.data.group) continue;
    const w = Number(f.style?.width ?? 0);
    const h = Number(f.style?.height ?? 0);
    const dx = Math.max(f.position.x - p.x, 0, p.x - (f.position.x + w));
    const dy = Math.max(f.position.y - p.y, 0, p.y - (f.position.y + h));
    const d = Math.hypot(dx, dy);
    if (!best || d < best.d) best = { group: f.data.group, d };
  }
  return best?.group;
}

export function useLayerDrop(
  run: ReturnType<typeof useExecute>,
  frames: ReturnType<typeof frameNodes>,
  projectKind: ProjectKind,
) {
  const rf = useReactFlow<FlowNode, ShapeFlowEdge>();

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
      const group = projectKind !== 'gan' ? undefined : kind === 'Noise' ? 'generator' : nearestGroup(frames, p);
      run(ACTIONS.addNode, { kind, position, ...(group ? { group } : {}) });
    },
    [rf, run, frames, projectKind],
  );

  return { onDragOver, onDrop };
}
