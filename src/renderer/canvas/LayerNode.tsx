/** One layer on the canvas: kind, name, key params, output shape, parameter count, diagnostics, typed ports. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ERRORS } from '../../shared/errors.js';
import { LAYER_SPECS, formatShape, type Shape } from '../../shared/layers/index.js';
import { inputHandle, OUTPUT_HANDLE } from '../graph/ports.js';
import { formatCount, keyParams } from './keyParams.js';
import type { LayerFlowNode } from './toFlow.js';

/** Messages name their layer ("dense (Dense) expects…"); on the node itself that prefix is noise. */
function withoutName(message: string, name: string, kind: string): string {
  const prefix = `${name} (${kind}) `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { node, info, diagnostics, inputs, inputShapes } = data;
  const spec = LAYER_SPECS[node.kind];
  const params = info ? info.params.trainable + info.params.nonTrainable : 0;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const state = errors > 0 ? 'error' : diagnostics.length > 0 ? 'warning' : 'ok';
  return (
    <div
      className={`layer-node cat-${spec.category.toLowerCase()} state-${state}${selected ? ' is-selected' : ''}`}
      data-kind={node.kind}
    >
      {Array.from({ length: inputs }, (_, i) => (
        <Handle
          key={i}
          type="target"
          id={inputHandle(i)}
          position={Position.Top}
          style={{ left: `${((i + 1) * 100) / (inputs + 1)}%` }}
          aria-label={inputs > 1 ? `Input ${i + 1} of ${node.name}` : `Input of ${node.name}`}
          title={`${inputs > 1 ? `input ${i + 1}` : 'input'}${inputShapes[i] ? `: ${formatShape(inputShapes[i] as Shape)}` : ' (free)'}`}
        />
      ))}
      <div className="layer-head">
        <span className="layer-kind">{spec.label}</span>
        <span className="layer-name">{node.name}</span>
      </div>
      <div className="layer-params">{keyParams(node)}</div>
      <div className="layer-foot">
        <span className="layer-shape" title="Output shape">
          {info?.shape ? formatShape(info.shape) : '—'}
        </span>
        <span className="layer-count" aria-label={`${formatCount(params)} parameters`}>
          {formatCount(params)} params
        </span>
      </div>
      {diagnostics.length > 0 && (
        <ul className="layer-diags" aria-label={`Problems of ${node.name}`}>
          {diagnostics.map((d, i) => (
            <li key={i} className={`diag diag-${d.severity}`}>
              <span className="diag-code">{d.code}</span> {withoutName(d.message, node.name, node.kind)}
              <div className="diag-fix">Fix: {ERRORS[d.code].fix}</div>
            </li>
          ))}
        </ul>
      )}
      <Handle
        type="source"
        id={OUTPUT_HANDLE}
        position={Position.Bottom}
        aria-label={`Output of ${node.name}`}
        title={`output${info?.shape ? `: ${formatShape(info.shape)}` : ''}`}
      />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
