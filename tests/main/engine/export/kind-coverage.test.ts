/**
 * The guard of the "adding a layer kind" recipe (docs/layers.md): what the type checker cannot force. Every kind
 * has an export case (so ONNX Runtime, torch and the Keras round trips see it), and every Keras class a writer
 * produces, in every dialect, is one the reader accepts.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams, LAYER_KINDS } from '../../../../src/shared/layers/params.js';
import { readerFor, writeLayer } from '../../../../src/shared/keras/layers/registry.js';
import { KERAS_STYLES } from '../../../../src/shared/keras/types.js';
import type { GraphNode } from '../../../../src/shared/graph/types.js';
import { CASES } from './cases.js';

describe('every layer kind is covered', () => {
  const covered = new Set(CASES.flatMap(([, graph]) => graph.nodes.map((n) => n.kind)));
  it.each(LAYER_KINDS.filter((k) => k !== 'Noise'))('%s has an export case', (kind) => {
    expect(covered.has(kind)).toBe(true);
  });

  it.each(LAYER_KINDS)('%s writes Keras classes that read back', (kind) => {
    const node = { id: 'n', name: 'n', kind, params: defaultParams(kind), position: { x: 0, y: 0 } } as GraphNode;
    for (const style of KERAS_STYLES) {
      const { className } = writeLayer(node, { style, name: 'n', input: [null, 8, 8, 3] });
      expect(readerFor(className), `${style} ${className}`).toBeDefined();
    }
  });
});
