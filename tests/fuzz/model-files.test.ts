/**
 * Fuzz (issue #17): seeded mutations of the Keras 2/3 fixtures and of TF.js
 * model.json files, read the way `deepwire summary` reads them, and of a
 * TF.js model with its weight shard, imported the way `deepwire import`
 * imports it (manifest shapes, dtypes, offsets, paths and shard bytes
 * damaged). Every case must end in a result or a numbered DeepwireError,
 * never another exception, and quickly.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeepwireError } from '../../src/shared/errors.js';
import { inferShapes } from '../../src/shared/shape/infer.js';
import { readModelDocument } from '../../src/shared/summary/document.js';
import { formatSummary, summarizeGraph } from '../../src/shared/summary/index.js';
import { importModel } from '../../src/main/services/import-model.js';
import { mutateText, mutateValue, rng, tally, toText, type Json, type Rng } from './mutate.js';

const TOPOLOGY_CASES = 1_500;
const IMPORT_CASES = 300;
const SEED = 1717;
const CASE_LIMIT_MS = 5_000;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

const fixturesDir = join(import.meta.dirname, '../fixtures/keras');
const kerasFixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(fixturesDir, f), 'utf8') }));
/** The Keras 2 fixtures as TF.js model.json files (TF.js writes Keras 2 shaped topologies). */
const tfjsFixtures = kerasFixtures
  .filter((f) => f.name.includes('keras2'))
  .map((f) => ({
    name: f.name.replace('keras2', 'tfjs'),
    text: JSON.stringify({
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
      modelTopology: JSON.parse(f.text),
    }),
  }));

const SHARD = 'group1-shard1of1.bin';
const WEIGHTS = [
  { name: 'dense/kernel', shape: [4, 3], dtype: 'float32' },
  { name: 'dense/bias', shape: [3], dtype: 'float32' },
  { name: 'dense_1/kernel', shape: [3, 2], dtype: 'float32' },
  { name: 'dense_1/bias', shape: [2], dtype: 'float32' },
];

/** A small TF.js model.json with its manifest; the shard holds 23 float32 values. */
function tfjsWithWeights(): Doc {
  return {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'small',
        layers: [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4], dtype: 'float32' } },
          { class_name: 'Dense', config: { name: 'dense', units: 3, activation: 'relu' } },
          { class_name: 'Dense', config: { name: 'dense_1', units: 2, activation: 'softmax' } },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [SHARD], weights: WEIGHTS.map((w) => ({ ...w, shape: [...w.shape] })) }],
  };
}

/** Mutations only a model has: unknown or swapped classes, broken and shared inbound refs, name clashes. */
function mutateModel(doc: Doc, r: Rng): string | null {
  const top = (doc.modelTopology ?? doc) as Doc;
  // Earlier mutations may have left anything in place: touch only what is still an object.
  const layers =
    isObject(top) && isObject(top.config) && Array.isArray(top.config.layers)
      ? (top.config.layers as Doc[]).filter(isObject)
      : [];
  if (!layers.length) return null;
  const layer = r.pick(layers);
  switch (r.int(4)) {
    case 0:
      layer.class_name = r.pick([
        'Dense',
        'Conv2D',
        'LSTM',
        'Add',
        'Concatenate',
        'Reshape',
        'Bidirectional',
        'Lambda',
        'Sequential',
        'toString',
        '__proto__',
        'constructor',
      ]);
      return 'class-swap';
    case 1: {
      const nodes = layer.inbound_nodes as unknown;
      if (!Array.isArray(nodes) || !nodes.length) return null;
      const text = JSON.stringify(nodes).replace(/"[^"]+",\s*0,\s*0|"keras_history":\["[^"]+"/, (m) =>
        m.replace(
          /"[^"]+"/,
          r.pick(['"missing"', '"toString"', '"__proto__"', JSON.stringify(layer.config?.name ?? 'self')]),
        ),
      );
      layer.inbound_nodes = JSON.parse(text) as Json;
      return 'inbound-ref';
    }
    case 2:
      if (Array.isArray(layer.inbound_nodes) && layer.inbound_nodes.length)
        layer.inbound_nodes.push(layer.inbound_nodes[0] as Json);
      else return null;
      return 'shared-call';
    default:
      if (isObject(layer.config)) layer.config.name = (r.pick(layers).config as Doc | undefined)?.name ?? 'dup';
      return 'name-clash';
  }
}

/** Damage to the weights: the manifest's shapes, dtypes, order (offsets), paths, and the shard bytes. */
function mutateWeights(
  doc: Doc,
  shard: Uint8Array,
  r: Rng,
): { shard: Uint8Array; op: string; extraFiles: [string, Uint8Array][] } {
  const group =
    Array.isArray(doc.weightsManifest) && isObject(doc.weightsManifest[0])
      ? (doc.weightsManifest[0] as Doc)
      : undefined;
  const weights = group && Array.isArray(group.weights) ? (group.weights as Doc[]).filter(isObject) : [];
  if (!group || !weights.length) return { shard: shard.subarray(1), op: 'shard-truncated', extraFiles: [] };
  const w = r.pick(weights);
  switch (r.int(9)) {
    case 0:
      w.shape = r.pick([[4, 4], [3], [], [0], [1e9, 1e9], [-1, 3], [2.5], ['4', 3], null]);
      return { shard, op: 'weight-shape', extraFiles: [] };
    case 1:
      w.dtype = r.pick(['float16', 'int32', 'uint8', 'complex64', undefined, '__proto__']);
      return { shard, op: 'weight-dtype', extraFiles: [] };
    case 2: {
      const ws = group.weights as Doc[];
      const j = r.int(ws.length);
      const k = r.int(ws.length);
      [ws[j], ws[k]] = [ws[k], ws[j]];
      return { shard, op: 'weight-order', extraFiles: [] };
    }
    case 3:
      return { shard: shard.subarray(0, r.int(shard.length)), op: 'shard-truncated', extraFiles: [] };
    case 4: {
      const longer = new Uint8Array(shard.length + 1 + r.int(16));
      longer.set(shard);
      return { shard: longer, op: 'shard-extended', extraFiles: [] };
    }
    case 5:
      group.paths = r.pick([
        [],
        ['missing.bin'],
        ['../outside.bin'],
        [SHARD, SHARD],
        ['/etc/hostname'],
        [SHARD, 'part2.bin'],
        'group1.bin',
        [7],
      ]);
      return { shard, op: 'shard-paths', extraFiles: [['part2.bin', new Uint8Array(8)]] };
    case 6:
      w.quantization = { dtype: 'uint8', scale: 0.1, min: 0 };
      return { shard, op: 'quantized', extraFiles: [] };
    case 7:
      w.name = r.pick(['dense/kernel', 'other/kernel', 'dense/kernel:0', 'dense/cell/kernel', '', '__proto__']);
      return { shard, op: 'weight-name', extraFiles: [] };
    default:
      doc.weightsManifest = r.pick([null, {}, [], [{}], [{ paths: [SHARD] }], 'weights', [group, group]]);
      return { shard, op: 'manifest-shape', extraFiles: [] };
  }
}

function summarize(text: string, fileName: string): void {
  const doc = readModelDocument(text, fileName);
  const report = inferShapes(doc.graph, doc.projectKind ? { projectKind: doc.projectKind } : {});
  formatSummary(summarizeGraph(doc.graph, report, { name: doc.name }));
}

interface Tally {
  outcomes: Map<string, number>;
  ops: Map<string, number>;
  failures: string[];
  slowest: number;
}

const newTally = (): Tally => ({ outcomes: new Map(), ops: new Map(), failures: [], slowest: 0 });

async function runCase(t: Tally, label: string, ops: string[], run: () => unknown): Promise<void> {
  for (const op of ops) t.ops.set(op, (t.ops.get(op) ?? 0) + 1);
  const started = performance.now();
  let outcome = 'accepted';
  try {
    await run();
  } catch (e) {
    outcome = e instanceof DeepwireError ? e.code : 'CRASH';
    if (!(e instanceof DeepwireError))
      t.failures.push(`${label} (${ops.join(', ')}): ${(e as Error)?.stack ?? String(e)}`);
  }
  const ms = performance.now() - started;
  t.slowest = Math.max(t.slowest, ms);
  if (ms > CASE_LIMIT_MS) t.failures.push(`${label} (${ops.join(', ')}) took ${ms.toFixed(0)} ms`);
  t.outcomes.set(outcome, (t.outcomes.get(outcome) ?? 0) + 1);
}

function report(what: string, t: Tally, cases: number, seconds: number): void {
  console.log(`${what}: ${cases} cases in ${seconds.toFixed(1)} s (slowest ${t.slowest.toFixed(0)} ms)`);
  console.log(`  outcomes: ${tally(t.outcomes, cases)}`);
  console.log(
    `  mutations: ${tally(
      t.ops,
      [...t.ops.values()].reduce((a, b) => a + b, 0),
    )}`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'deepwire-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz: Keras and TF.js model files', () => {
  it(`${TOPOLOGY_CASES} mutated model JSON files through the summary reader`, async () => {
    const bases = [
      ...kerasFixtures,
      ...tfjsFixtures,
      { name: 'small.tfjs.json', text: JSON.stringify(tfjsWithWeights()) },
    ];
    const r = rng(SEED);
    const t = newTally();
    const started = performance.now();
    for (let i = 0; i < TOPOLOGY_CASES; i++) {
      const base = bases[i % bases.length];
      const doc = JSON.parse(base.text) as Doc;
      const ops: string[] = [];
      for (let k = 1 + r.int(3); k > 0; k--)
        ops.push((r.chance(0.3) && mutateModel(doc, r)) || mutateValue(doc as Json, r));
      let text = toText(doc as Json, r);
      if (r.chance(0.15)) {
        const damaged = mutateText(text, r);
        text = damaged.text;
        ops.push(damaged.op);
      }
      await runCase(t, `case ${i} (${base.name})`, ops, () => summarize(text, 'model.json'));
    }
    report('model fuzz (summary reader)', t, TOPOLOGY_CASES, (performance.now() - started) / 1000);
    expect(t.failures.slice(0, 5)).toEqual([]);
    expect(t.outcomes.get('accepted') ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it(`${IMPORT_CASES} TF.js models with damaged manifests and shards through the importer`, async () => {
    const r = rng(SEED + 1);
    const t = newTally();
    const values = Float32Array.from({ length: 23 }, (_, i) => (i - 11) / 10);
    const shard = new Uint8Array(values.buffer);
    // A file beside the case folders, for manifests whose paths try to reach outside their folder.
    writeFileSync(join(dir, 'outside.bin'), new Uint8Array(92));
    const started = performance.now();
    for (let i = 0; i < IMPORT_CASES; i++) {
      const caseDir = join(dir, `case-${i}`);
      const doc = tfjsWithWeights();
      const ops: string[] = [];
      let bytes: Uint8Array = shard;
      const extra: [string, Uint8Array][] = [];
      for (let k = 1 + r.int(2); k > 0; k--) {
        if (r.chance(0.7)) {
          const m = mutateWeights(doc, bytes, r);
          bytes = m.shard;
          extra.push(...m.extraFiles);
          ops.push(m.op);
        } else ops.push((r.chance(0.5) && mutateModel(doc, r)) || mutateValue(doc as Json, r));
      }
      mkdirSync(caseDir);
      writeFileSync(join(caseDir, 'model.json'), toText(doc as Json, r));
      writeFileSync(join(caseDir, SHARD), bytes);
      for (const [name, data] of extra) writeFileSync(join(caseDir, name), data);
      await runCase(t, `import case ${i}`, ops, () => importModel(caseDir));
    }
    report('model fuzz (importer)', t, IMPORT_CASES, (performance.now() - started) / 1000);
    expect(t.failures.slice(0, 5)).toEqual([]);
    expect(t.outcomes.get('accepted') ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
