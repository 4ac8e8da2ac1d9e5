import { describe, expect, it } from 'vitest';
import { GraphBuilder, layer } from '../../../src/shared/project/builder.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';

/** An (8, 8, 4) image merged by `kind` with a branch reshaped to `shape`. */
function merged(kind: 'Add' | 'Multiply' | 'Maximum', shape: number[]) {
  const b = new GraphBuilder();
  const x = b.chain(null, layer('Input', { shape: [8, 8, 4] }));
  const branch = b.chain(x, layer('GlobalAveragePooling2D'), layer('Reshape', { targetShape: shape }));
  const out = b.add(layer(kind), [x, branch]);
  const report = inferShapes(b.build());
  return { shape: report.nodes[out].shape, codes: report.diagnostics.map((d) => d.code) };
}

describe('element-wise merges broadcast a size-1 axis, as Keras does', () => {
  it('an (H, W, C) image times (1, 1, C) channel weights keeps the image shape (squeeze-and-excitation)', () => {
    expect(merged('Multiply', [1, 1, 4])).toEqual({ shape: [null, 8, 8, 4], codes: [] });
    expect(merged('Add', [1, 1, 4])).toEqual({ shape: [null, 8, 8, 4], codes: [] });
  });

  it('sizes that differ and are not 1 are DW105, as are different ranks', () => {
    expect(merged('Maximum', [2, 2, 1]).codes).toContain('DW105');
    expect(merged('Multiply', [4]).codes).toContain('DW105');
  });
});
