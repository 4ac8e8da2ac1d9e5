/** GRU reset_after through Keras 2 / Keras 3 / TF.js JSON: read as written, or as the writer's Keras default. */
import { describe, expect, it } from 'vitest';
import { readKerasModel, writeKerasModel } from '../../../src/shared/keras/index.js';
import type { KerasStyle } from '../../../src/shared/keras/types.js';
import { Builder } from './graphs.js';

type Json = Record<string, unknown>;

function gruJson(style: KerasStyle, resetAfter: boolean) {
  const b = new Builder();
  b.add('GRU', 'gru', { units: 32, resetAfter }, b.add('Input', 'seq', { shape: [5, 16] }));
  const json = writeKerasModel(b.doc, { style }) as Json;
  const layers = (json.config as { layers: { class_name: string; config: Json }[] }).layers;
  const gru = layers.find((l) => l.config.name === 'gru')!;
  // TF.js 4.22's own GRU refuses reset_after=True: its dialect names Deepwire's layer.
  expect(gru.class_name).toBe(style === 'tfjs' && resetAfter ? 'ResetAfterGRU' : 'GRU');
  return { json, gru: gru.config };
}

const readGru = (json: unknown) => readKerasModel(json).graph.nodes.find((n) => n.kind === 'GRU')!.params;

describe('GRU reset_after in Keras files', () => {
  for (const style of ['keras3', 'keras2', 'tfjs'] as const) {
    it(`${style}: written as reset_after and read back (true and false)`, () => {
      for (const resetAfter of [true, false]) {
        const { json, gru } = gruJson(style, resetAfter);
        expect(gru.reset_after).toBe(resetAfter);
        const { warnings } = readKerasModel(json);
        expect(readGru(json)).toMatchObject({ units: 32, resetAfter });
        expect(warnings.filter((w) => w.includes('reset_after'))).toEqual([]);
      }
    });
  }

  it('absent reset_after: true in a Keras 3 config (its default), false in Keras 2 and TF.js ones', () => {
    for (const [style, want] of [
      ['keras3', true],
      ['keras2', false],
      ['tfjs', false],
    ] as const) {
      const { json, gru } = gruJson(style, !want);
      delete gru.reset_after;
      expect(readGru(json), style).toMatchObject({ resetAfter: want });
    }
  });

  for (const style of ['keras3', 'keras2', 'tfjs'] as const) {
    it(`${style}: a Bidirectional GRU keeps reset_after both ways (true and false)`, () => {
      for (const resetAfter of [true, false]) {
        const b = new Builder();
        b.add('Bidirectional', 'bi', { cell: 'GRU', units: 4, resetAfter }, b.add('Input', 'seq', { shape: [5, 3] }));
        const json = writeKerasModel(b.doc, { style }) as { config: { layers: { config: Json }[] } };
        const inner = json.config.layers[1].config.layer as { class_name: string; config: Json };
        expect(inner.class_name).toBe(style === 'tfjs' && resetAfter ? 'ResetAfterGRU' : 'GRU');
        expect(inner.config.reset_after).toBe(resetAfter);
        const { warnings, graph } = readKerasModel(json);
        expect(graph.nodes.find((n) => n.kind === 'Bidirectional')!.params).toMatchObject({ cell: 'GRU', resetAfter });
        expect(warnings.filter((w) => w.includes('reset_after'))).toEqual([]);
      }
    });
  }
});
