import { describe, expect, it } from 'vitest';
import { getSpec, isSourceKind, kindsByCategory, nodeSpec } from '../../../src/shared/layers/catalog.js';
import { LAYER_KINDS, defaultParams } from '../../../src/shared/layers/params.js';
import { GraphBuilder } from '../shape/build.js';

describe('layer catalog', () => {
  // One spec per kind, under its own kind, with that kind's params, is the compiler's to check (LAYER_SPECS is a
  // mapped type over LayerKind, defineSpec takes the params from PARAM_SPECS); this checks what it cannot.
  it('documents every kind: label, a real description, a Keras class name and its rules', () => {
    for (const kind of LAYER_KINDS) {
      const spec = getSpec(kind);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.doc.length, kind).toBeGreaterThan(60);
      expect(spec.kerasClass).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      for (const rule of Object.values(spec.rules)) expect(rule.length).toBeGreaterThan(0);
    }
  });

  it('groups kinds by category in palette order, and knows the sources', () => {
    const groups = kindsByCategory();
    expect(Object.values(groups).flat().sort()).toEqual([...LAYER_KINDS].sort());
    expect(groups.Input).toEqual(['Input', 'Noise']);
    expect(LAYER_KINDS.filter(isSourceKind)).toEqual(['Input', 'Noise']);
    expect(getSpec('Add').arity).toBe('many');
    expect(getSpec('Dense').arity).toBe('one');
  });

  it('applies a node’s own params through nodeSpec', () => {
    const g = new GraphBuilder();
    const conv = g.node(g.add('Conv2D', { filters: 8, kernelSize: [5, 5], padding: 'same', strides: [2, 2] }));
    const rule = nodeSpec(conv);
    const out = rule.outputShape([[null, 28, 28, 3]]);
    expect(out).toEqual({ ok: true, shape: [null, 14, 14, 8] });
    if (out.ok)
      expect(rule.paramCount([[null, 28, 28, 3]], out.shape)).toEqual({
        trainable: 5 * 5 * 3 * 8 + 8,
        nonTrainable: 0,
      });
  });

  it('counts leaky_relu on Dense and Conv2D like any activation (no weights)', () => {
    const dense = getSpec('Dense');
    const relu = { ...defaultParams('Dense'), units: 10 };
    const leaky = { ...relu, activation: 'leaky_relu' as const };
    expect(dense.paramCount([[null, 20]], leaky, [null, 10])).toEqual(dense.paramCount([[null, 20]], relu, [null, 10]));
  });

  it('counts GRU as Keras (reset_after true by default: two biases) and Bidirectional as twice its cell', () => {
    const gruSpec = getSpec('GRU');
    const gru = gruSpec.paramCount([[null, 10, 4]], { ...defaultParams('GRU'), units: 8 }, [null, 8]);
    expect(gru.trainable).toBe(3 * (8 * (4 + 8 + 2)));
    const keras = (resetAfter: boolean, useBias = true) =>
      gruSpec.paramCount([[null, 5, 16]], { ...defaultParams('GRU'), units: 32, resetAfter, useBias }, [null, 32])
        .trainable;
    expect([keras(true), keras(false), keras(true, false)]).toEqual([4800, 4704, 3 * 32 * (16 + 32)]);
    const bi = getSpec('Bidirectional');
    const p = { ...defaultParams('Bidirectional'), cell: 'LSTM' as const, units: 8 };
    expect(bi.paramCount([[null, 10, 4]], p, [null, 16]).trainable).toBe(2 * 4 * (8 * (4 + 8) + 8));
    expect(bi.outputShape([[null, 10, 4]], p)).toEqual({ ok: true, shape: [null, 16] });
    expect(bi.outputShape([[null, 10, 4]], { ...p, mergeMode: 'sum' })).toEqual({ ok: true, shape: [null, 8] });
  });
});
