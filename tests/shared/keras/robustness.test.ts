/**
 * Issue #17: Keras/TF.js JSON that used to crash the reader with a raw stack
 * trace: very long models, class names and layer names that are
 * Object.prototype properties, JSON nested absurdly deep.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { MAX_JSON_DEPTH } from '../../../src/shared/json-depth.js';
import type { GraphDoc } from '../../../src/shared/graph/types.js';
import { readKerasModel, writeKerasModel } from '../../../src/shared/keras/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { summarizeGraph } from '../../../src/shared/summary/index.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../fixtures/keras/${name}`, import.meta.url), 'utf8'));
const PROTO_NAMES = ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

function failure(json: unknown): DeepwireError {
  let thrown: unknown;
  try {
    readKerasModel(json);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'readKerasModel should refuse the model').toBeInstanceOf(DeepwireError);
  return thrown as DeepwireError;
}

/** A Sequential of `n` Dense layers after an InputLayer (Keras 2 spelling). */
function sequentialChain(n: number): Json {
  const layers: Json[] = [
    { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 8], dtype: 'float32' } },
  ];
  for (let i = 0; i < n; i++)
    layers.push({ class_name: 'Dense', config: { name: `dense_${i}`, units: 8, activation: 'relu' } });
  return { class_name: 'Sequential', config: { name: 'long', layers }, keras_version: '2.15.0', backend: 'tensorflow' };
}

/** The same chain as a Functional model (Keras 3 inbound nodes). */
function functionalChain(n: number): Json {
  const tensor = (name: string) => ({
    class_name: '__keras_tensor__',
    config: { shape: [null, 8], dtype: 'float32', keras_history: [name, 0, 0] },
  });
  const layers: Json[] = [
    {
      module: 'keras.layers',
      class_name: 'InputLayer',
      name: 'in',
      config: { name: 'in', batch_shape: [null, 8] },
      inbound_nodes: [],
    },
  ];
  for (let i = 0; i < n; i++) {
    const prev = i === 0 ? 'in' : `dense_${i - 1}`;
    layers.push({
      module: 'keras.layers',
      class_name: 'Dense',
      name: `dense_${i}`,
      config: { name: `dense_${i}`, units: 8 },
      inbound_nodes: [{ args: [tensor(prev)], kwargs: {} }],
    });
  }
  const last = `dense_${n - 1}`;
  return {
    module: 'keras',
    class_name: 'Functional',
    config: { name: 'long', layers, input_layers: [['in', 0, 0]], output_layers: [[last, 0, 0]] },
  };
}

describe('long models load (iterative topological sort, layout, shape inference, summary)', () => {
  for (const n of [2_000, 5_000, 20_000]) {
    it(`a Sequential chain of ${n} Dense layers`, () => {
      const started = performance.now();
      const read = readKerasModel(sequentialChain(n));
      expect(read.graph.nodes).toHaveLength(n + 1);
      const report = inferShapes(read.graph);
      expect(report.ok).toBe(true);
      expect(report.totals.total).toBe(n * (8 * 8 + 8));
      const summary = summarizeGraph(read.graph, report, { name: read.name });
      expect(summary.models[0].rows).toHaveLength(n + 1);
      // Laid out top to bottom: each layer below the one feeding it.
      const y = read.graph.nodes.map((node) => node.position.y);
      expect(y.every((v, i) => i === 0 || v > y[i - 1])).toBe(true);
      expect(performance.now() - started).toBeLessThan(20_000);
    });
  }

  it('a model of 50,000 layers or more → DW309 at once, naming the count', () => {
    const started = performance.now();
    const layers = Array.from({ length: 60_000 }, (_, i) => ({
      class_name: 'Dense',
      config: { name: `d${i}`, units: 1 },
    }));
    const e = failure({ class_name: 'Sequential', config: { name: 'huge', layers } });
    expect([e.code, e.where]).toEqual(['DW309', 'config.layers']);
    expect(e.detail).toContain('60000');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a Functional chain of 5,000 layers (Keras 3 inbound nodes)', () => {
    const read = readKerasModel(functionalChain(5_000));
    expect(read.graph.edges).toHaveLength(5_000);
    expect(inferShapes(read.graph).ok).toBe(true);
  });
});

describe('class names that are Object.prototype properties → DW302 naming them', () => {
  for (const name of PROTO_NAMES) {
    it(`Sequential layer of class ${name}`, () => {
      const json = sequentialChain(1);
      json.config.layers[1].class_name = name;
      const e = failure(JSON.parse(JSON.stringify(json)));
      expect(e.code).toBe('DW302');
      expect(e.detail).toContain(`(${name})`);
      expect(e.where).toBe('config.layers[1]');
    });

    it(`Functional layer of class ${name}`, () => {
      const json = functionalChain(2);
      json.config.layers[2].class_name = name;
      const e = failure(JSON.parse(JSON.stringify(json)));
      expect(e.code).toBe('DW302');
      expect(e.detail).toContain(name);
    });

    it(`activation ${name} → DW303`, () => {
      const json = sequentialChain(1);
      json.config.layers[1].config.activation = name;
      expect(failure(json).code).toBe('DW303');
      json.config.layers[1].config.activation = { module: 'keras.activations', class_name: name, config: name };
      expect(failure(json).code).toBe('DW303');
    });

    it(`top-level class ${name} → DW301`, () => {
      expect(failure({ class_name: name, config: { layers: [] } }).code).toBe('DW301');
    });
  }

  it('a layer config key named __proto__ is ignored and pollutes nothing', () => {
    const text = JSON.stringify(sequentialChain(1)).replace(
      '"units":8',
      '"units":8,"__proto__":{"activation":"softmax","polluted":true}',
    );
    const read = readKerasModel(JSON.parse(text));
    const dense = read.graph.nodes[1];
    expect(dense.kind === 'Dense' && dense.params.activation).toBe('relu');
    expect(({} as Json).polluted).toBeUndefined();
    expect((Object.prototype as Json).activation).toBeUndefined();
  });

  it('Deepwire metadata keyed by prototype names changes no layer', () => {
    const json = fixture('gan-generator.keras3.json');
    const text = JSON.stringify({
      ...json,
      deepwire: { format: 1, layers: { __proto__: { noise: 'uniform' }, toString: { group: 'discriminator' } } },
    });
    const read = readKerasModel(JSON.parse(text));
    expect(read.graph.nodes.some((n) => n.group === 'discriminator')).toBe(false);
    expect(read.graph.nodes.some((n) => n.kind === 'Noise' && n.params.distribution === 'uniform')).toBe(false);
  });

  it('layers named like Object.prototype properties read normally', () => {
    const json = sequentialChain(3);
    json.config.layers[1].config.name = 'toString';
    json.config.layers[2].config.name = '__proto__';
    json.config.layers[3].config.name = 'constructor';
    const read = readKerasModel(JSON.parse(JSON.stringify(json)));
    expect(read.graph.nodes.map((n) => n.name)).toEqual(['in', 'toString', '__proto__', 'constructor']);
    const report = inferShapes(read.graph);
    // Read and shaped normally; only TF.js's naming rule (no leading '_') flags the one layer (DW122).
    expect(report.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([['DW122', '__proto__']]);
    expect(Object.keys(report.nodes)).toContain('__proto__');
  });
});

describe('writing layers named like Object.prototype properties', () => {
  it('Deepwire metadata of a layer named __proto__ survives a Keras 3 round trip', () => {
    const graph = {
      nodes: [
        { id: 'in', name: 'in', kind: 'Input', position: { x: 0, y: 0 }, params: { shape: [4], dtype: 'float32' } },
        {
          id: 'act',
          name: '__proto__',
          kind: 'Activation',
          position: { x: 0, y: 100 },
          params: { activation: 'relu', alpha: 0.3 },
        },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'act', targetPort: 0 }],
    } as GraphDoc;
    const text = JSON.stringify(writeKerasModel(graph, { style: 'keras3' }));
    expect(text).toContain('"__proto__":{"alpha":0.3}');
    const back = readKerasModel(JSON.parse(text));
    expect(back.graph.nodes.find((n) => n.name === '__proto__')?.params).toMatchObject({ alpha: 0.3 });
  });
});

describe('deeply nested model JSON → DW308, never a RangeError', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const cases: [string, (text: string) => string][] = [
    ['a layer option', (t) => t.replace('"units":8', `"units":${deep(100_000)}`)],
    ['an unknown top-level key', (t) => t.replace('{', `{"extra":${deep(100_000)},`)],
    ['inbound_nodes', (t) => t.replace('"inbound_nodes":[]', `"inbound_nodes":${deep(100_000)}`)],
  ];
  for (const [what, change] of cases) {
    it(`100,000 levels in ${what}`, () => {
      const e = failure(JSON.parse(change(JSON.stringify(functionalChain(2)))));
      expect(e.code).toBe('DW308');
      expect(e.detail).toContain(`${MAX_JSON_DEPTH}`);
      expect(e.where).toBeTruthy();
    });
  }

  it('a TF.js model.json with a deep weightsManifest → DW308', () => {
    const json = { modelTopology: sequentialChain(1), weightsManifest: JSON.parse(deep(10_000)) };
    expect(failure(json).code).toBe('DW308');
  });
});
