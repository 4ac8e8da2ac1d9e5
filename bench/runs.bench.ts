/**
 * Opening a project with 200 runs (issue #15): each run keeps its graph,
 * per-epoch curves and two per-batch curves of 1,000 points (a 50,000-batch
 * run after downsampling). Times parseProject (JSON + schema) plus the run
 * table, median of 10 after 2 warm-ups. Target: well under a second.
 * Run: `node --import tsx bench/runs.bench.ts` (or `npm run bench -- runs`).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/main/files/atomic-write.js';
import { graphRevision, parseProject, serializeProject, type RunRecord } from '../src/shared/project/index.js';
import { compactRun, runTable } from '../src/shared/runs/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 200;
const BATCHES = 50_000;
const TARGET_MS = 1000;

const base = parseProject(readFileSync(join(here, '../resources/examples/mnist-cnn.deepwire'), 'utf8')).project;
const steps = Array.from({ length: BATCHES }, (_, i) => i + 1);
const runs: RunRecord[] = Array.from({ length: RUNS }, (_, r) =>
  compactRun({
    id: `bench-run-${r}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, r)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 0, 1, 0, r, 40)).toISOString(),
    status: 'completed',
    backend: 'wasm',
    device: 'cpu, 2 threads',
    datasetSizes: { train: 54000, validation: 6000, test: 10000 },
    graphRevision: graphRevision(base.graph),
    graph: base.graph,
    config: {
      dataset: base.dataset!,
      training: { ...base.training, optimizer: { name: 'adam', learningRate: 1e-4 * (1 + r) } },
    },
    epochsCompleted: 20,
    history: Object.fromEntries(
      ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr'].map((k) => [
        k,
        Array.from({ length: 20 }, (_, e) => 1 / (e + 1)),
      ]),
    ),
    metrics: { testLoss: 0.05, testAccuracy: 0.98, samplesPerSecond: 3000 },
    batchHistory: {
      loss: { step: steps, value: steps.map((s) => Math.exp(-s / 9000) + 0.05 * Math.sin(s * (r + 1))) },
      accuracy: { step: steps, value: steps.map((s) => 1 - Math.exp(-s / 9000) * 0.9) },
    },
  }),
);
const text = serializeProject({ ...base, runs });

const open = () => runTable(parseProject(text).project);
for (let i = 0; i < 2; i++) open();
const times: number[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  if (open().length !== RUNS) throw new Error('runs lost');
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const result = {
  name: 'runs',
  what: `parseProject + runTable of a project with ${RUNS} runs (graph, epoch curves, 2 per-batch curves of ≤1,000 points each)`,
  runs: RUNS,
  fileMB: Number((text.length / 1e6).toFixed(2)),
  medianMs: Number(times[5].toFixed(1)),
  maxMs: Number(times.at(-1)!.toFixed(1)),
  targetMs: TARGET_MS,
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
};
console.table({ open: { runs: RUNS, MB: result.fileMB, 'median ms': result.medianMs, 'max ms': result.maxMs } });
await writeFileAtomic(join(here, 'results', 'runs.json'), `${JSON.stringify(result, null, 2)}\n`);
if (result.medianMs > TARGET_MS) {
  console.error(`slower than the ${TARGET_MS} ms target`);
  process.exitCode = 1;
}
