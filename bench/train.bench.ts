/**
 * Training and inference throughput (samples/s, batch 64, real MNIST) on every
 * backend available here, for the source CNN and the convolution-heavy CNN.
 * Median of several timed runs after warm-up. The pure-JS `cpu` backend gets
 * one timed batch only (tens of seconds each); stock `wasm` (without the
 * kernel pack) is tried to show why the pack exists, and on a machine with
 * two cores or more the pack also runs data-parallel on two threads (every
 * step split, and the adaptive schedule that splits only while it pays).
 * Run: `node --import tsx bench/train.bench.ts` (or `npm run bench -- train`).
 * Env: BENCH_SKIP_CPU=1 skips the cpu backend; BENCH_RUNS (default 7).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../src/shared/training/backend.js';
import { DataParallelTrainer, type Policy } from '../src/main/engine/backend/parallel/trainer.js';
import { initBackend, probeBackends, trainingThreads } from '../src/main/engine/backend/select.js';
import { loadMnist } from './lib/mnist.js';
import { buildNet, NETS, type NetName } from './lib/models.js';
import { machine, measureFreeCores, median, writeResult } from './lib/report.js';

const BATCH = 64;
const POOL_BATCHES = 16;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGETS: Record<NetName, number> = { 'source-cnn': 2000, 'conv-heavy': 1000 };

/** parallel: data-parallel on two threads, every step split or by the adaptive schedule. */
type Variant = {
  label: string;
  backend: BackendName;
  kernelPack: boolean;
  quick: boolean;
  threads: number;
  parallel?: Policy;
};
interface Row {
  backend: string;
  threads: number;
  net: NetName;
  builtBy?: string;
  trainSamplesPerSec: number | null;
  trainRuns: number[];
  inferSamplesPerSec: number | null;
  inferRuns: number[];
  note?: string;
}

const { train } = loadMnist(BATCH * POOL_BATCHES);
const batches = Array.from({ length: POOL_BATCHES }, (_, i) => ({
  x: train.images.subarray(i * BATCH * 784, (i + 1) * BATCH * 784),
  y: train.labels.subarray(i * BATCH * 10, (i + 1) * BATCH * 10),
}));

/** samples/s of `steps` consecutive calls of `step` (each one batch). */
async function timeSteps(steps: number, step: (i: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await step(i);
  return (steps * BATCH * 1000) / (performance.now() - t0);
}

async function measure(v: Variant, net: NetName): Promise<Row> {
  const { model, builtBy } = await buildNet(net);
  const tensors = batches.map((b) => ({ x: tf.tensor4d(b.x, [BATCH, 28, 28, 1]), y: tf.tensor2d(b.y, [BATCH, 10]) }));
  const parallel = v.parallel ? await DataParallelTrainer.start(model, v.backend, v.parallel) : null;
  const trainStep = async (i: number) => {
    const b = tensors[i % tensors.length];
    if (parallel) await parallel.trainOnBatch(b.x, b.y);
    else await model.trainOnBatch(b.x, b.y);
  };
  const inferStep = async (i: number) => {
    const out = model.predict(tensors[i % tensors.length].x) as tf.Tensor;
    await out.data();
    out.dispose();
  };
  const row: Row = {
    backend: v.label,
    threads: v.threads,
    net,
    builtBy,
    trainSamplesPerSec: null,
    trainRuns: [],
    inferSamplesPerSec: null,
    inferRuns: [],
  };
  try {
    const [warm, runs, steps] = v.quick ? [0, 1, 1] : [3, RUNS, 8];
    for (let i = 0; i < warm; i++) await trainStep(i);
    for (let r = 0; r < runs; r++) row.trainRuns.push(await timeSteps(steps, trainStep));
    row.trainSamplesPerSec = median(row.trainRuns);
  } catch (e) {
    row.note = `training fails: ${(e as Error).message.split('\n')[0]}`;
  }
  const [warm, runs, steps] = v.quick ? [1, 3, 1] : [3, RUNS, 16];
  for (let i = 0; i < warm; i++) await inferStep(i);
  for (let r = 0; r < runs; r++) row.inferRuns.push(await timeSteps(steps, inferStep));
  row.inferSamplesPerSec = median(row.inferRuns);
  if (parallel && v.parallel === 'adaptive')
    row.note = `adaptive schedule settled on ${parallel.threadsInUse} thread${parallel.threadsInUse > 1 ? 's' : ''}`;
  await parallel?.close();
  tensors.forEach((t) => tf.dispose([t.x, t.y]));
  model.dispose();
  return row;
}

const probes = await probeBackends();
const variants: Variant[] = [];
for (const p of probes.filter((p) => p.available)) {
  if (p.name === 'wasm') {
    variants.push({ label: 'wasm (stock)', backend: 'wasm', kernelPack: false, quick: true, threads: 1 });
    variants.push({ label: 'wasm + kernel pack', backend: 'wasm', kernelPack: true, quick: false, threads: 1 });
    const threads = trainingThreads('wasm', 'auto');
    if (threads > 1) {
      variants.push({
        label: `wasm + pack, ${threads} threads`,
        backend: 'wasm',
        kernelPack: true,
        quick: false,
        threads,
        parallel: 'always-split',
      });
      variants.push({
        label: 'wasm + pack, adaptive',
        backend: 'wasm',
        kernelPack: true,
        quick: false,
        threads,
        parallel: 'adaptive',
      });
    }
  } else if (p.name === 'cpu') {
    if (process.env.BENCH_SKIP_CPU !== '1')
      variants.push({ label: 'cpu', backend: 'cpu', kernelPack: false, quick: true, threads: 1 });
  } else {
    variants.push({ label: p.name, backend: p.name, kernelPack: false, quick: false, threads: 1 });
  }
}

const freeCores = await measureFreeCores();
const rows: Row[] = [];
for (const v of variants) {
  const report = await initBackend(v.backend, { kernelPack: v.kernelPack });
  for (const net of NETS) {
    // Stock wasm cannot train a CNN (Conv2DBackpropFilter missing): record the failure, skip its timing runs.
    const row = await measure(v, net);
    rows.push(row);
    const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(0));
    console.log(
      `${v.label.padEnd(20)} ${net.padEnd(11)} train ${fmt(row.trainSamplesPerSec).padStart(6)}/s  infer ${fmt(row.inferSamplesPerSec).padStart(6)}/s${row.note ? `  (${row.note})` : ''}`,
    );
    if (report.chosen !== v.backend) throw new Error(`asked for ${v.backend}, got ${report.chosen}`);
  }
}

const m = machine();
const table: Record<string, Record<string, string | number>> = {};
for (const r of rows) {
  table[`${r.backend} · ${r.net}`] = {
    'train samples/s': r.trainSamplesPerSec === null ? '—' : Math.round(r.trainSamplesPerSec),
    'infer samples/s': r.inferSamplesPerSec === null ? '—' : Math.round(r.inferSamplesPerSec),
    target: r.backend.startsWith('wasm +') ? `≥ ${TARGETS[r.net]}` : '',
    runs: r.trainRuns.length,
  };
}
console.table(table);
console.log(
  `CPU: ${m.cpu} × ${m.cores} cores (${freeCores} free when measured), Node ${m.node}, load average ${m.load.join(' / ')} (a shared machine: numbers are medians and noisy)`,
);
console.log(
  `Backends: ${probes.map((p) => `${p.name} ${p.available ? 'available' : `unavailable (${p.detail})`}`).join('; ')}`,
);
const out = writeResult('train', {
  name: 'train',
  what: 'training and inference samples/s, batch 64, real MNIST, adam(1e-3); threads > 1 = data-parallel (inference always one thread)',
  batchSize: BATCH,
  runs: RUNS,
  targets: { wasm: TARGETS },
  date: new Date().toISOString(),
  ...m,
  freeCores,
  tfjs: tf.version.tfjs,
  probes,
  results: rows.map((r) => ({
    ...r,
    trainSamplesPerSec: r.trainSamplesPerSec && Math.round(r.trainSamplesPerSec),
    inferSamplesPerSec: r.inferSamplesPerSec && Math.round(r.inferSamplesPerSec),
    trainRuns: r.trainRuns.map(Math.round),
    inferRuns: r.inferRuns.map(Math.round),
  })),
});
console.log(`wrote ${out}`);
