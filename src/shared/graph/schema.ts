/** zod schemas of the document, derived from the layer param specs; strict, so a misspelled key is refused. */
import { z } from 'zod';
import { LAYER_KINDS, PARAM_SPECS, type LayerKind } from '../layers/params.js';
import type { ParamSpec } from '../layers/types.js';
import { GROUPS, type GraphDoc, type GraphEdge, type GraphNode } from './types.js';

function paramSchema(p: ParamSpec): z.ZodType {
  switch (p.type) {
    case 'int': {
      let s = z.number().int();
      if (p.min !== undefined) s = s.min(p.min);
      if (p.max !== undefined) s = s.max(p.max);
      return s;
    }
    case 'float': {
      let s = z.number();
      if (p.min !== undefined) s = s.min(p.min);
      if (p.max !== undefined) s = s.max(p.max);
      return s;
    }
    case 'bool':
      return z.boolean();
    case 'enum':
      return z.enum(p.choices as [string, ...string[]]);
    case 'ints':
      return z
        .array(
          z
            .number()
            .int()
            .min(p.min ?? 0),
        )
        .length(p.length);
    case 'shape':
      return z
        .array(
          z
            .number()
            .int()
            .refine((n) => n >= 1 || (p.allowInfer === true && n === -1), 'must be ≥ 1 (or -1 once)'),
        )
        .min(p.minLength)
        .max(p.maxLength)
        .refine((dims) => dims.filter((d) => d === -1).length <= 1, 'at most one dimension may be -1');
  }
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
