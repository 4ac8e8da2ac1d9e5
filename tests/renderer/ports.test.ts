import { describe, expect, it } from 'vitest';
import { arityOf, inputHandleCount } from '../../src/renderer/graph/ports.js';
import { EMPTY_DOC } from '../../src/renderer/stores/graphStore.js';
import { LAYER_KINDS, LAYER_SPECS } from '../../src/shared/layers/index.js';

describe('input handles follow each kind’s declaration', () => {
  it('every merge shows at least two input handles, sources none, other layers one', () => {
    const byArity = { none: 0, one: 1, many: 2 } as const;
    for (const kind of LAYER_KINDS) {
      expect(arityOf(kind), kind).toBe(LAYER_SPECS[kind].arity);
      expect(inputHandleCount(EMPTY_DOC, 'n', kind), kind).toBe(byArity[LAYER_SPECS[kind].arity]);
    }
    // The merges added after Add and Concatenate (a hand list once gave them one handle).
    for (const kind of ['Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'] as const)
      expect(inputHandleCount(EMPTY_DOC, 'n', kind), kind).toBe(2);
  });

  it('MultiHeadAttention shows two handles (query, value) however many are connected', () => {
    const edges = ['a', 'b'].map((source, i) => ({ id: `e${i}`, source, target: 'n', targetPort: i }));
    expect(inputHandleCount({ ...EMPTY_DOC, edges }, 'n', 'MultiHeadAttention')).toBe(2);
    expect(inputHandleCount({ ...EMPTY_DOC, edges }, 'n', 'Add')).toBe(3);
  });
});
