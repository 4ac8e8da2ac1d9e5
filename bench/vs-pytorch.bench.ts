/**
 * Deepwire against PyTorch on this CPU (issue #16): every template trains on
 * Deepwire (wasm + kernel pack) and on /usr/bin/python3's PyTorch running the
 * model Deepwire's own PyTorch code generator writes, interleaved, several
 * rounds, at the same thread count (torch.set_num_threads(1) against one
 * thread, 2 against the data-parallel trainer), same batch size (the
 * template's) and data shape (random data: throughput only). Prints each
 * ratio Deepwire/PyTorch as median [min–max] over the rounds, for training
 * steps/s (GANs: step pairs/s) and classifier inference, and writes
 * bench/results/vs-pytorch.json with the machine's load average.
 * Run: `npm run bench -- vs-pytorch`.
 * Env: BENCH_ROUNDS (default 5), BENCH_SECONDS per measurement (default 1),
 * BENCH_THREADS (default "1,2"), BENCH_TEMPLATES (comma-separated ids), BENCH_PYTHON.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/main/engine/backend/select.js';
import { machine, measureFreeCores, roundsHeader, writeResult } from './lib/report.js';
import { compare, templates, TorchChild, type Comparison, type Spread } from './lib/vs-pytorch.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const THREADS = (process.env.BENCH_THREADS ?? '1,2').split(',').map(Number);
const only = process.env.BENCH_TEMPLATES?.split(',');

const backend = await initBackend('wasm');
const child = new TorchChild(process.env.BENCH_PYTHON);
const torch = await child.ask<{ torch: string; blas: string }>({ cmd: 'hello' });
const loadBefore = machine().load;
const freeCores = await measureFreeCores();
const fmt = (s: Spread) => `${s.median.toFixed(2)}× [${s.min.toFixed(2)}–${s.max.toFixed(2)}]`;
const rows: Comparison[] = [];
for (const threads of THREADS) {
  for (const t of templates().filter((x) => !only || only.includes(x.id))) {
    const c = await compare(t, threads, child, { rounds: ROUNDS, secondsPerMeasure: SECONDS, warmupSteps: 3 });
    rows.push(c);
    const dwThreads = c.deepwireThreads !== threads ? ` (Deepwire on ${c.deepwireThreads})` : '';
    const infer = c.infer ? `  infer ${fmt(c.infer.ratio)}` : '';
    console.log(
      `${threads} thread${threads > 1 ? 's' : ' '} ${t.id.padEnd(16)} ${c.error ? `failed: ${c.error}` : `train ${fmt(c.train.ratio)}${infer}`}${dwThreads}`,
    );
  }
}
await child.close();

const header = roundsHeader(loadBefore, freeCores, ROUNDS, SECONDS);
console.log(
  'Ratios are Deepwire ÷ PyTorch (> 1: Deepwire faster), median [min–max] of interleaved rounds; a shared machine makes them noisy.',
);
const round = (xs: number[]) => xs.map((x) => Number(x.toPrecision(4)));
const out = writeResult('vs-pytorch', {
  name: 'vs-pytorch',
  what: "Deepwire (wasm + kernel pack; 2 threads = data-parallel, every step split) ÷ PyTorch (model from Deepwire's PyTorch code generator), training steps/s (GAN: step pairs/s) and classifier inference batches/s, same batch and data shape (random data), interleaved rounds",
  ...header,
  deepwire: { backend: backend.chosen, kernelPack: backend.kernelPack, tfjs: tf.version.tfjs },
  pytorch: {
    version: torch.torch,
    python: process.env.BENCH_PYTHON ?? '/usr/bin/python3',
    blas: /BLAS_INFO=(\w+)/.exec(torch.blas)?.[1] ?? 'unknown',
  },
  results: rows.map((r) => ({
    ...r,
    train: { deepwire: round(r.train.deepwire), pytorch: round(r.train.pytorch), ratio: r.train.ratio },
    ...(r.infer
      ? { infer: { deepwire: round(r.infer.deepwire), pytorch: round(r.infer.pytorch), ratio: r.infer.ratio } }
      : {}),
  })),
});
console.log(`wrote ${out}`);
