/**
 * GRU's resetAfter param (Keras's default true for new layers): a project written before the param existed
 * keeps reset_after=False, its count and its weights' revision.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../src/shared/layers/params.js';
import { graphRevision, newProject, parseProject, serializeProject } from '../../../src/shared/project/index.js';
import { sha256Hex, utf8 } from '../../../src/shared/project/checksums.js';
import { canonicalJson } from '../../../src/shared/project/revision.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import type { GraphDoc } from '../../../src/shared/graph/types.js';

function gruGraph(gruParams: Record<string, unknown>): GraphDoc {
  return {
    nodes: [
      { id: 'a', name: 'seq', kind: 'Input', position: { x: 0, y: 0 }, params: { shape: [5, 16], dtype: 'float32' } },
      { id: 'b', name: 'gru', kind: 'GRU', position: { x: 0, y: 100 }, params: { units: 32, ...gruParams } },
    ],
    edges: [{ id: 'e1', source: 'a', target: 'b', targetPort: 0 }],
  } as unknown as GraphDoc;
}

const total = (graph: GraphDoc) => inferShapes(graph, {}).totals.trainable;

describe('GRU resetAfter in project files', () => {
  it('a new GRU is reset_after=True, as in Keras', () => {
    expect(defaultParams('GRU').resetAfter).toBe(true);
  });

  it('a file without the param (written before it existed) opens as reset_after=False with its old count', () => {
    const text = JSON.stringify({ ...newProject('classifier', 'old'), graph: gruGraph({}) });
    const { project } = parseProject(text, 'old.deepwire');
    const gru = project.graph.nodes.find((n) => n.kind === 'GRU')!;
    expect(gru.params).toMatchObject({ units: 32, resetAfter: false });
    expect(total(project.graph)).toBe(4704);
    expect(parseProject(serializeProject(project)).project.graph.nodes[1].params).toMatchObject({ resetAfter: false });
  });

  it('a file that says reset_after=True keeps it and counts 3 × units more', () => {
    const text = JSON.stringify({ ...newProject('classifier', 'new'), graph: gruGraph({ resetAfter: true }) });
    const { project } = parseProject(text);
    expect(total(project.graph)).toBe(4800);
  });

  it("the legacy value hashes as before the param existed, so an old file's weights stay valid", () => {
    const explicitFalse = graphRevision(gruGraph({ resetAfter: false }));
    expect(graphRevision(gruGraph({ resetAfter: true }))).not.toBe(explicitFalse);
    // Before the param, the revision hashed the GRU's other params (defaults filled in) and nothing more.
    const { resetAfter: _dropped, recurrentActivation: _gate, ...oldDefaults } = defaultParams('GRU');
    const layers = [
      { name: 'gru', kind: 'GRU', group: null, params: { ...oldDefaults, units: 32 } },
      { name: 'seq', kind: 'Input', group: null, params: { shape: [5, 16], dtype: 'float32' } },
    ];
    const before = `sha256:${sha256Hex(utf8(canonicalJson({ layers, links: ['seq->gru:0'] })))}`;
    expect(explicitFalse).toBe(before);
  });

  it('a Bidirectional GRU without the param opens as reset_after=False (both directions one bias vector less)', () => {
    const graph = gruGraph({});
    const bi = { ...graph.nodes[1], kind: 'Bidirectional', params: { cell: 'GRU', units: 32 } };
    const text = JSON.stringify({
      ...newProject('classifier', 'old'),
      graph: { ...graph, nodes: [graph.nodes[0], bi] },
    });
    const { project } = parseProject(text, 'old.deepwire');
    expect(project.graph.nodes[1].params).toMatchObject({ cell: 'GRU', resetAfter: false });
    expect(total(project.graph)).toBe(2 * 4704);
    const fresh = { ...project.graph.nodes[1], params: { ...project.graph.nodes[1].params, resetAfter: true } };
    expect(total({ ...project.graph, nodes: [project.graph.nodes[0], fresh] } as GraphDoc)).toBe(2 * 4800);
    expect(defaultParams('Bidirectional').resetAfter).toBe(true);
  });
});
