/** The frame drawn behind a GAN network or an imported submodel. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FrameFlowNode } from './toFlow.js';

function FrameNodeView({ data }: NodeProps<FrameFlowNode>) {
  return (
    <div className={`group-frame ${data.look}`}>
      <span className="frame-label">
        {data.label}
        {data.errors > 0 ? ` · ${data.errors} problem${data.errors > 1 ? 's' : ''}` : ''}
      </span>
    </div>
  );
}

export const FrameNode = memo(FrameNodeView);
