/** Shape inference's public surface. */
export { inferShapes, type InferOptions, type ProjectKind } from './infer.js';
export { subgraph, modelNodes, modelInputs, modelOutputs } from './split.js';
export type { Diagnostic, NodeInfo, ShapeReport } from './types.js';
