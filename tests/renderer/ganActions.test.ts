import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { GraphBuilder, layer } from '../../src/shared/project/index.js';
import { freshEditor } from './helpers.js';

/** The sources' MLP GAN (Noise 100 → Dense 128 → Dense 784 → Reshape; Input → Flatten → Dense 128 → Dense 1). */
function mlpGan() {
  const b = new GraphBuilder().inGroup('generator');
  b.chain(
    null,
    layer('Noise', { size: 100 }),
    layer('Dense', { units: 128, activation: 'relu' }),
    layer('Dense', { units: 784, activation: 'sigmoid' }),
    layer('Reshape', { targetShape: [28, 28, 1] }),
  );
  b.inGroup('discriminator');
  b.chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Flatten'),
    layer('Dense', { units: 128, activation: 'relu' }),
    layer('Dense', { units: 1, activation: 'sigmoid' }),
  );
  return b.build();
}

describe('Make conditional', () => {
  it('adds label inputs to both models of a GAN in one undo step, with no diagnostics, and undoes/redoes', () => {
    const ed = freshEditor();
    const g = () => ed.ctx.graph.getState();
    g().load(mlpGan(), 'gan');
    const before = g().doc;
    const params = g().report.totals.total;
    expect(ACTIONS.makeGanConditional.enabled!(ed.ctx)).toBe(true);
    expect(ed.registry.execute(ACTIONS.makeGanConditional, ed.ctx, undefined)).toBe(true);
    const labels = g().doc.nodes.filter((n) => n.kind === 'Input' && n.params.dtype === 'int32');
    expect(labels.map((n) => [n.name, n.group])).toEqual([
      ['label', 'generator'],
      ['image_label', 'discriminator'],
    ]);
    expect(g().report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Embeddings (10×50, 10×784), 50 more inputs to G's first Dense, a second image channel (784 more) to D's.
    expect(g().report.totals.total).toBe(params + 500 + 7840 + 50 * 128 + 784 * 128);
    expect(ACTIONS.makeGanConditional.enabled!(ed.ctx)).toBe(false);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(g().doc).toEqual(before);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(g().doc.nodes.filter((n) => n.kind === 'Input' && n.params.dtype === 'int32')).toHaveLength(2);
  });

  it('is not offered for a classifier', () => {
    const ed = freshEditor();
    expect(ACTIONS.makeGanConditional.enabled!(ed.ctx)).toBe(false);
  });
});
