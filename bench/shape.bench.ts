/**
 * Shape inference on a 500-node graph (residual CNN with branches, merges and
 * concatenations): warm-up, then the median and p95 of many timed runs.
 * Target: well under 5 ms, since it runs on every edit.
 * Run: `node --import tsx bench/shape.bench.ts` (or `npm run bench -- shape`).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDoc, GraphNode } from '../src/shared/graph/types.js';
import { defaultParams, type LayerKind, type ParamsOf } from '../src/shared/layers/params.js';
import { inferShapes } from '../src/shared/shape/infer.js';

const TARGET_NODES = 500;
const WARMUP = 30;
const RUNS = 200;

/** A residual CNN grown block by block until it has TARGET_NODES nodes. */
function buildGraph(): GraphDoc {
  const doc: GraphDoc = { nodes: [], edges: [] };
  const add = <K extends LayerKind>(kind: K, params: Partial<ParamsOf<K>>, ...inputs: string[]): string => {
    const id = `n${doc.nodes.length}`;
    doc.nodes.push({
      id,
      name: `${kind.toLowerCase()}_${doc.nodes.length}`,
      kind,
      params: { ...defaultParams(kind), ...params },
      position: { x: 0, y: 0 },
    } as GraphNode);
    inputs.forEach((source, targetPort) =>
      doc.edges.push({ id: `e${doc.edges.length}`, source, target: id, targetPort }),
    );
    return id;
  };
  let x = add('Conv2D', { filters: 16, padding: 'same' }, add('Input', { shape: [64, 64, 3] }));
  let block = 0;
  while (doc.nodes.length < TARGET_NODES - 12) {
    const a = add('Conv2D', { filters: 16, padding: 'same' }, x);
    const b = add('Conv2D', { filters: 16, padding: 'same', activation: 'linear' }, add('BatchNormalization', {}, a));
    const sum = add('Add', {}, x, add('BatchNormalization', {}, b));
    x = add('Activation', { activation: 'relu' }, sum);
    if (++block % 4 === 0) {
      // A wider branch joined by Concatenate, then projected back to 16 channels.
      const side = add('Conv2D', { filters: 8, kernelSize: [1, 1], padding: 'same' }, x);
      x = add('Conv2D', { filters: 16, kernelSize: [1, 1] }, add('Concatenate', {}, x, side));
    }
  }
  // Pad to the exact size, leaving room for the 4-node head.
  while (doc.nodes.length < TARGET_NODES - 4) x = add('Dropout', { rate: 0.1 }, x);
  const head = add('Dense', { units: 64 }, add('GlobalAveragePooling2D', {}, x));
  add('Dense', { units: 10, activation: 'softmax' }, add('Dropout', {}, head));
  return doc;
}

const graph = buildGraph();
const check = inferShapes(graph, { projectKind: 'classifier' });
if (check.diagnostics.length > 0 || graph.nodes.length !== TARGET_NODES)
  throw new Error(`bench graph is invalid: ${check.diagnostics[0]?.message ?? `${graph.nodes.length} nodes`}`);

for (let i = 0; i < WARMUP; i++) inferShapes(graph);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  inferShapes(graph);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const result = {
  name: 'shape',
  what: 'inferShapes on a residual CNN graph with branches and merges',
  nodes: graph.nodes.length,
  edges: graph.edges.length,
  runs: RUNS,
  medianMs: Number(at(0.5).toFixed(3)),
  p95Ms: Number(at(0.95).toFixed(3)),
  minMs: Number(times[0].toFixed(3)),
  targetMs: 5,
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
};

console.table({
  inferShapes: {
    nodes: result.nodes,
    edges: result.edges,
    'median ms': result.medianMs,
    'p95 ms': result.p95Ms,
    'min ms': result.minMs,
  },
});
console.log(`CPU: ${result.cpu}, Node ${result.node}; target < ${result.targetMs} ms`);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'shape.json');
mkdirSync(dirname(out), { recursive: true });
// Atomic write: temp file in the same folder, fsync, rename.
const tmp = `${out}.${process.pid}.tmp`;
const fd = openSync(tmp, 'w');
writeSync(fd, `${JSON.stringify(result, null, 2)}\n`);
fsyncSync(fd);
closeSync(fd);
renameSync(tmp, out);
console.log(`wrote ${out}`);
