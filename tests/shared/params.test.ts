import { describe, expect, it } from 'vitest';
import { LAYER_KINDS, PARAM_SPECS, defaultParams, isLayerKind, type ParamsOf } from '../../src/shared/layers/params.js';
import { graphDocSchema, paramsSchema } from '../../src/shared/graph/schema.js';
import type { ParamSpec } from '../../src/shared/layers/types.js';

describe('layer param specs', () => {
  it('gives every kind defaults that pass its own schema', () => {
    for (const kind of LAYER_KINDS) {
      expect(paramsSchema(kind).parse(defaultParams(kind))).toEqual(defaultParams(kind));
    }
  });

  it('keeps every default inside its declared range and choices', () => {
    for (const kind of LAYER_KINDS) {
      for (const p of PARAM_SPECS[kind] as readonly ParamSpec[]) {
        if (p.type === 'enum') expect(p.choices, `${kind}.${p.name}`).toContain(p.default);
        if ((p.type === 'int' || p.type === 'float') && p.min !== undefined)
          expect(p.default).toBeGreaterThanOrEqual(p.min);
        if ((p.type === 'int' || p.type === 'float') && p.max !== undefined)
          expect(p.default).toBeLessThanOrEqual(p.max);
      }
    }
  });

  it('types params per kind', () => {
    const conv: ParamsOf<'Conv2D'> = defaultParams('Conv2D');
    expect(conv.kernelSize).toEqual([3, 3]);
    expect(isLayerKind('Conv2D')).toBe(true);
    expect(isLayerKind('Conv3D')).toBe(false);
  });

  it('fills missing params with defaults and rejects out-of-range ones', () => {
    const doc = graphDocSchema.parse({
      nodes: [{ id: 'a', name: 'dense', kind: 'Dense', position: { x: 0, y: 0 }, params: { units: 10 } }],
      edges: [],
    });
    expect(doc.nodes[0].params).toEqual({ units: 10, activation: 'relu', useBias: true });
    const bad = graphDocSchema.safeParse({
      nodes: [{ id: 'a', name: 'dense', kind: 'Dense', position: { x: 0, y: 0 }, params: { units: 0 } }],
      edges: [],
    });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0].path).toEqual(['nodes', 0, 'params', 'units']);
  });
});
