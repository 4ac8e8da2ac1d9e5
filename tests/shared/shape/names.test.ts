import { describe, expect, it } from 'vitest';
import { layerNameProblem } from '../../../src/shared/shape/structure.js';
import { inferShapes } from '../../../src/shared/shape/index.js';
import { GraphBuilder, layer } from '../../../src/shared/project/index.js';

describe('layer names TF.js and the export folders accept (DW122)', () => {
  it.each(['dense', 'conv2d_1', 'block1/conv', 'a-b.c', '9lives'])('accepts %s', (name) => {
    expect(layerNameProblem(name)).toBeNull();
  });

  it.each(['', 'my layer', '_private', '/abs', 'a/../../x', 'a//b', 'a/./b', 'x/', 'name:0', 'é', 'a\nb', '"""'])(
    'refuses %j',
    (name) => {
      expect(layerNameProblem(name)).not.toBeNull();
    },
  );

  it('a graph with such a name gets DW122 on that node, naming the name', () => {
    const b = new GraphBuilder();
    const last = b.chain(null, layer('Input', { shape: [4] }), layer('Dense', { units: 2 }));
    const graph = b.build();
    const dense = graph.nodes.find((n) => n.id === last)!;
    dense.name = 'w/../../escape';
    const report = inferShapes(graph);
    const d = report.diagnostics.find((x) => x.code === 'DW122');
    expect(d?.nodeId).toBe(dense.id);
    expect(d?.message).toContain('w/../../escape');
    expect(report.diagnostics.filter((x) => x.code === 'DW122')).toHaveLength(1);
  });
});
