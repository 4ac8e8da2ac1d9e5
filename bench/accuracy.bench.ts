/**
 * The "done when" check of the fast CPU path: the source CNN trained for one
 * epoch on all 60,000 MNIST training images (batch 64, adam 1e-3, shuffled
 * with a fixed seed) on the best backend here — data-parallel on two threads
 * where there are two cores (BENCH_THREADS=1 for one) — then its accuracy on the
 * 10,000 test images. Target ≥ 97%. Also reports the time the epoch took.
 * Run: `node --import tsx bench/accuracy.bench.ts` (or `npm run bench -- accuracy`).
 */
import * as tf from '@tensorflow/tfjs';
import { DataParallelTrainer } from '../src/main/engine/backend/parallel/trainer.js';
import { initBackend } from '../src/main/engine/backend/select.js';
import { loadMnist } from './lib/mnist.js';
import { buildNet } from './lib/models.js';
import { machine, writeResult } from './lib/report.js';

const BATCH = 64;
const TARGET = 0.97;

function shuffled(n: number, seed: number): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

const threadsWanted = process.env.BENCH_THREADS ? Number(process.env.BENCH_THREADS) : 'auto';
const report = await initBackend((process.env.BENCH_BACKEND as never) ?? 'auto', { threads: threadsWanted });
const { train, test } = loadMnist();
tf.util.assert(train.count === 60000 && test.count === 10000, () => 'MNIST should have 60,000 + 10,000 images');
const { model, builtBy } = await buildNet('source-cnn');
const parallel = report.threads > 1 ? await DataParallelTrainer.start(model, report.chosen) : null;

const order = shuffled(train.count, 42);
const xb = new Float32Array(BATCH * 784);
const yb = new Float32Array(BATCH * 10);
const steps = Math.ceil(train.count / BATCH);
const t0 = performance.now();
let lastLoss = NaN;
for (let s = 0; s < steps; s++) {
  const n = Math.min(BATCH, train.count - s * BATCH);
  for (let i = 0; i < n; i++) {
    const k = order[s * BATCH + i];
    xb.set(train.images.subarray(k * 784, (k + 1) * 784), i * 784);
    yb.set(train.labels.subarray(k * 10, (k + 1) * 10), i * 10);
  }
  const x = tf.tensor4d(xb.subarray(0, n * 784), [n, 28, 28, 1]);
  const y = tf.tensor2d(yb.subarray(0, n * 10), [n, 10]);
  const out = parallel ? await parallel.trainOnBatch(x, y) : await model.trainOnBatch(x, y);
  lastLoss = Array.isArray(out) ? out[0] : out;
  tf.dispose([x, y]);
  if (process.stdout.isTTY && s % 50 === 0) process.stdout.write(`\r  step ${s}/${steps} loss ${lastLoss.toFixed(4)}`);
}
const trainSeconds = (performance.now() - t0) / 1000;
await parallel?.close();
if (process.stdout.isTTY) process.stdout.write('\n');

let correct = 0;
for (let start = 0; start < test.count; start += 1000) {
  const n = Math.min(1000, test.count - start);
  const x = tf.tensor4d(test.images.subarray(start * 784, (start + n) * 784), [n, 28, 28, 1]);
  const pred = tf.tidy(() => (model.predict(x) as tf.Tensor).argMax(-1));
  const p = await pred.data();
  for (let i = 0; i < n; i++) if (test.labels[(start + i) * 10 + p[i]] === 1) correct++;
  tf.dispose([x, pred]);
}
const accuracy = correct / test.count;
const m = machine();
console.table({
  'source CNN, 1 epoch': {
    backend: `${report.chosen}${report.kernelPack ? ' + kernel pack' : ''}`,
    threads: report.threads,
    'test accuracy': `${(accuracy * 100).toFixed(2)}%`,
    target: `≥ ${TARGET * 100}%`,
    'train seconds': Number(trainSeconds.toFixed(1)),
    'samples/s': Math.round(train.count / trainSeconds),
    'final batch loss': Number(lastLoss.toFixed(4)),
  },
});
console.log(`CPU: ${m.cpu} × ${m.cores} cores, Node ${m.node}, load average ${m.load.join(' / ')}; model ${builtBy}`);
const out = writeResult('accuracy', {
  name: 'accuracy',
  what: 'source CNN, one epoch on the full 60,000 MNIST training images (batch 64, adam 1e-3), accuracy on the 10,000 test images',
  backend: report.chosen,
  kernelPack: report.kernelPack,
  threads: report.threads,
  builtBy,
  testAccuracy: Number(accuracy.toFixed(4)),
  target: TARGET,
  trainSeconds: Number(trainSeconds.toFixed(1)),
  samplesPerSecond: Math.round(train.count / trainSeconds),
  finalBatchLoss: Number(lastLoss.toFixed(4)),
  date: new Date().toISOString(),
  ...m,
  tfjs: tf.version.tfjs,
});
console.log(`wrote ${out}`);
if (accuracy < TARGET) process.exitCode = 1;
