/**
 * The recurrentActivation param of LSTM, GRU and Bidirectional (sigmoid, Keras's default, or Keras 2's and
 * TF.js's hard_sigmoid): a project written before the param existed had sigmoid gates and keeps its revision,
 * so its trained weights stay valid; hard_sigmoid gates are another model.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../src/shared/layers/params.js';
import { graphRevision, newProject, parseProject } from '../../../src/shared/project/index.js';
import { sha256Hex, utf8 } from '../../../src/shared/project/checksums.js';
import { canonicalJson } from '../../../src/shared/project/revision.js';
import type { GraphDoc } from '../../../src/shared/graph/types.js';

type Kind = 'LSTM' | 'GRU' | 'Bidirectional';

function graph(kind: Kind, params: Record<string, unknown>): GraphDoc {
  return {
    nodes: [
      { id: 'a', name: 'seq', kind: 'Input', position: { x: 0, y: 0 }, params: { shape: [5, 16], dtype: 'float32' } },
      { id: 'b', name: 'rnn', kind, position: { x: 0, y: 100 }, params: { units: 8, ...params } },
    ],
    edges: [{ id: 'e1', source: 'a', target: 'b', targetPort: 0 }],
  } as unknown as GraphDoc;
}

describe.each(['LSTM', 'GRU', 'Bidirectional'] as const)('%s recurrentActivation in project files', (kind) => {
  it('defaults to sigmoid gates, as in Keras', () => {
    expect(defaultParams(kind).recurrentActivation).toBe('sigmoid');
  });

  it('a file written before the param existed opens with sigmoid gates and its old revision', () => {
    // GRU and Bidirectional also predate resetAfter: such files were reset_after=False.
    const legacy = kind === 'LSTM' ? {} : { resetAfter: false };
    const { project } = parseProject(
      JSON.stringify({ ...newProject('classifier', 'old'), graph: graph(kind, legacy) }),
    );
    expect(project.graph.nodes[1].params).toMatchObject({ recurrentActivation: 'sigmoid' });
    const { recurrentActivation: _gate, ...oldDefaults } = defaultParams(kind) as Record<string, unknown>;
    if (kind !== 'LSTM') delete oldDefaults.resetAfter;
    const layers = [
      { name: 'rnn', kind, group: null, params: { ...oldDefaults, units: 8 } },
      { name: 'seq', kind: 'Input', group: null, params: { shape: [5, 16], dtype: 'float32' } },
    ];
    const before = `sha256:${sha256Hex(utf8(canonicalJson({ layers, links: ['seq->rnn:0'] })))}`;
    expect(graphRevision(project.graph)).toBe(before);
    expect(graphRevision(graph(kind, { ...legacy, recurrentActivation: 'hard_sigmoid' }))).not.toBe(before);
  });
});
