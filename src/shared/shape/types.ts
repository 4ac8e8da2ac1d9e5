/** What shape inference tells the canvas, the summary and the compiler. */
import type { ErrorCode } from '../errors.js';
import type { ParamCount, Shape } from '../layers/types.js';

export interface Diagnostic {
  code: ErrorCode;
  severity: 'error' | 'warning';
  /** The node the problem sits on (absent for graph-wide problems). */
  nodeId?: string;
  edgeId?: string;
  /** What is wrong, naming the layer (e.g. "dense_1 expects rank 2, got (null, 26, 26, 32)"). */
  message: string;
}

export interface NodeInfo {
  /** Output shape, batch first; undefined where it cannot be inferred. */
  shape?: Shape;
  params: ParamCount;
  flops: number;
}

export interface ShapeReport {
  nodes: Record<string, NodeInfo>;
  /** Edge id -> the tensor shape it carries. */
  edges: Record<string, Shape | undefined>;
  diagnostics: Diagnostic[];
  /** Topological order of the nodes (cycle members omitted). */
  order: string[];
  totals: { trainable: number; nonTrainable: number; total: number; flops: number };
  ok: boolean;
}
