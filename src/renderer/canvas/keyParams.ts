/** The one-line parameter summary a node shows under its name. */
import type { GraphNode } from '../../shared/graph/types.js';
import { PARAM_SPECS } from '../../shared/layers/params.js';
import type { ParamSpec } from '../../shared/layers/types.js';
import { shapeText } from '../../shared/project/dataset-fit.js';

const dims = (v: readonly (number | null)[]) => shapeText(v);

function formatValue(spec: ParamSpec, value: unknown): string {
  if (Array.isArray(value)) return dims(value as number[]);
  if (typeof value === 'number')
    return spec.type === 'float' ? String(Number(value.toPrecision(4))) : value.toLocaleString('en-US');
  return String(value);
}

/** Hand-picked summaries for the common kinds; other kinds list their first non-default params. */
export function keyParams(node: GraphNode): string {
  switch (node.kind) {
    case 'Input':
      return `${dims(node.params.shape)}${node.params.dtype === 'int32' ? ' · int32' : ''}`;
    case 'Noise':
      return `z: ${node.params.size} · ${node.params.distribution}`;
    case 'Dense':
      return `${node.params.units} units · ${node.params.activation}`;
    case 'Conv2D':
    case 'Conv2DTranspose': {
      const p = node.params;
      const stride = p.strides[0] !== 1 || p.strides[1] !== 1 ? ` · stride ${dims(p.strides)}` : '';
      return `${p.filters} filters · ${dims(p.kernelSize)}${stride} · ${p.padding} · ${p.activation}`;
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      return `${dims(node.params.poolSize)} · stride ${dims(node.params.strides)} · ${node.params.padding}`;
    case 'Dropout':
      return `rate ${node.params.rate}`;
    case 'Activation':
      return node.params.activation;
    case 'Reshape':
      return `→ ${dims(node.params.targetShape)}`;
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      return `${node.params.units} units${node.params.returnSequences ? ' · sequences' : ''}`;
    case 'Bidirectional':
      return `${node.params.cell} ${node.params.units} · ${node.params.mergeMode}`;
    case 'Embedding':
      return `${node.params.inputDim.toLocaleString('en-US')} → ${node.params.outputDim}`;
    default: {
      const specs = PARAM_SPECS[node.kind] as readonly ParamSpec[];
      const params = node.params as Record<string, unknown>;
      return specs
        .filter((s) => s.type !== 'bool')
        .slice(0, 3)
        .map((s) => `${s.label.toLowerCase()} ${formatValue(s, params[s.name])}`)
        .join(' · ');
    }
  }
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
