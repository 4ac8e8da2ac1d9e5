/** zod schemas of the document, derived from the layer param specs; strict, so a misspelled key is refused. */
import { z } from 'zod';
import { LAYER_KINDS, PARAM_SPECS, type LayerKind } from '../layers/params.js';
import { paramProblem } from '../layers/param-problem.js';
import type { ParamSpec } from '../layers/types.js';
import { GROUPS, type GraphDoc, type GraphEdge, type GraphNode } from './types.js';

function paramSchema(p: ParamSpec): z.ZodType {
  return z.unknown().superRefine((value, ctx) => {
    const problem = paramProblem(p, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** Schema of the params of one kind; missing params take their defaults. */
export function paramsSchema(kind: LayerKind): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const p of PARAM_SPECS[kind] as readonly ParamSpec[]) {
    shape[p.name] = paramSchema(p).default(p.default as never);
  }
  return z.strictObject(shape);
}

/** The most layers a document may hold: far beyond any real model, well within what inference and layout handle in seconds. */
export const MAX_GRAPH_NODES = 50_000;

const xySchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

const nodeBase = {
  id: z.string().min(1),
  name: z.string().min(1).max(128),
  position: xySchema,
  group: z.enum(GROUPS).optional(),
  /** The submodel an imported layer came from (`outer/inner`), drawn as a named frame. */
  frame: z.string().min(1).max(512).optional(),
};

export const graphNodeSchema = z.discriminatedUnion(
  'kind',
  LAYER_KINDS.map((kind) =>
    z.strictObject({ ...nodeBase, kind: z.literal(kind), params: paramsSchema(kind).default({}) }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<GraphNode>;

export const graphEdgeSchema: z.ZodType<GraphEdge> = z.strictObject({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.number().int().min(0).default(0),
});

export const graphDocSchema: z.ZodType<GraphDoc> = z.strictObject({
  nodes: z.array(graphNodeSchema).max(MAX_GRAPH_NODES),
  edges: z.array(graphEdgeSchema).max(4 * MAX_GRAPH_NODES),
});
