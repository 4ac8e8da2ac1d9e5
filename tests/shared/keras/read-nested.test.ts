/**
 * Reader features for real models (issue #14): nested models flattened into framed layers with their names,
 * shared layers and submodels refused with DW311, variable-length sequence inputs read at a default length
 * and stateful recurrent layers read as stateless, each change with a warning naming the layer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { readKerasModel } from '../../../src/shared/keras/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../fixtures/keras/${name}`, import.meta.url), 'utf8'));

const dense = (name: string, units: number, inbound?: unknown[]): Json => ({
  class_name: 'Dense',
  config: { name, units, activation: 'relu', use_bias: true },
  ...(inbound ? { inbound_nodes: inbound } : {}),
});
const input = (name: string, shape: (number | null)[]): Json => ({
  class_name: 'InputLayer',
  config: { name, batch_input_shape: shape, dtype: 'float32' },
  ...{ inbound_nodes: [] },
});

/** Keras 2: Functional(image -> encoder(Sequential: d1, d2) -> head), the encoder called once. */
function nestedFunctional(encoderCalls = 1): Json {
  const encoder = {
    class_name: 'Sequential',
    name: 'encoder',
    config: { name: 'encoder', layers: [dense('d1', 8), dense('d2', 4)] },
    inbound_nodes: Array.from({ length: encoderCalls }, () => [['image', 0, 0, {}]]),
  };
  return {
    class_name: 'Functional',
    config: {
      name: 'outer',
      layers: [input('image', [null, 16]), encoder, dense('head', 2, [[['encoder', 0, 0, {}]]])],
      input_layers: [['image', 0, 0]],
      output_layers: [['head', 0, 0]],
    },
    keras_version: '2.15.0',
  };
}

/** The numbered error `run` throws. */
function failure(run: () => unknown): DeepwireError {
  const caught = (() => {
    try {
      return run();
    } catch (e) {
      return e;
    }
  })();
  expect(caught).toBeInstanceOf(DeepwireError);
  return caught as DeepwireError;
}

describe('nested models', () => {
  it('flattens a Sequential used as a layer: names kept, framed, wired to the outer tensors', () => {
    const { graph } = readKerasModel(nestedFunctional());
    const byName = new Map(graph.nodes.map((n) => [n.name, n]));
    expect([...byName.keys()].sort()).toEqual(['d1', 'd2', 'head', 'image']);
    expect(byName.get('d1')!.frame).toBe('encoder');
    expect(byName.get('d2')!.frame).toBe('encoder');
    expect(byName.get('head')!.frame).toBeUndefined();
    const wires = graph.edges.map((e) => `${e.source}->${e.target}`).sort();
    expect(wires).toEqual(['d1->d2', 'd2->head', 'image->d1']);
    expect(inferShapes(graph).totals.total).toBe(16 * 8 + 8 + 8 * 4 + 4 + 4 * 2 + 2);
  });

  it('frames a model nested two deep as outer/inner, keeping the inner InputLayer of a leading submodel', () => {
    const inner = {
      class_name: 'Functional',
      name: 'backbone',
      config: {
        name: 'backbone',
        layers: [input('pixels', [null, 6]), dense('b1', 3, [[['pixels', 0, 0, {}]]])],
        input_layers: [['pixels', 0, 0]],
        output_layers: [['b1', 0, 0]],
      },
    };
    const json = {
      class_name: 'Sequential',
      config: {
        name: 'tm',
        layers: [
          { class_name: 'Sequential', config: { name: 'features', layers: [inner] } },
          { class_name: 'Sequential', config: { name: 'top', layers: [dense('out', 2)] } },
        ],
      },
    };
    const { graph } = readKerasModel(json);
    const frames = Object.fromEntries(graph.nodes.map((n) => [n.name, n.frame ?? null]));
    expect(frames).toEqual({ pixels: null, b1: 'features/backbone', out: 'top' });
    expect(graph.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(['b1->out', 'pixels->b1']);
  });

  it('refuses a submodel applied twice (shared weights) with DW311', () => {
    const e = failure(() => readKerasModel(nestedFunctional(2)));
    expect(e.code).toBe('DW311');
    expect(e.message).toContain("'encoder'");
    expect(e.message).toContain('applied 2 times');
  });
});

describe('changed on the way in, with a warning', () => {
  it('reads a time dimension of None as None, without a warning (issue #14)', () => {
    const json = fixture('rnn.keras2.json');
    const layers = (json.config as { layers: Json[] }).layers;
    (layers[0].config as Json).batch_input_shape = [null, null, 1];
    const { graph, warnings } = readKerasModel(json);
    const first = graph.nodes.find((n) => n.kind === 'Input')!;
    expect(first.params).toMatchObject({ shape: [null, 1] });
    expect(warnings.join('\n')).not.toMatch(/None/);
    expect(inferShapes(graph).nodes[first.id].shape).toEqual([null, null, 1]);
  });

  it('reads an image of unknown height and width; Flatten over it is DW170', () => {
    const json = fixture('cnn.keras2.json');
    const layers = (json.config as { layers: Json[] }).layers;
    (layers[0].config as Json).batch_input_shape = [null, null, null, 1];
    const { graph } = readKerasModel(json);
    const report = inferShapes(graph);
    const flatten = graph.nodes.find((n) => n.kind === 'Flatten')!;
    expect(report.diagnostics.find((d) => d.nodeId === flatten.id)?.code).toBe('DW170');
  });

  it('reads a stateful RNN as stateless', () => {
    const json = fixture('rnn.keras2.json');
    ((json.config as { layers: Json[] }).layers[1].config as Json).stateful = true;
    const { warnings } = readKerasModel(json);
    expect(warnings.join('\n')).toMatch(/'simple_rnn' \(SimpleRNN\) is stateful/);
  });
});
