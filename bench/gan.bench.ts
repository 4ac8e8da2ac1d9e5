/**
 * GAN throughput: step pairs/s (one discriminator + one generator update) at
 * batch 64 on real MNIST, for the DCGAN and the MLP GAN examples, on the
 * fastest backend available (here wasm + the kernel pack). Median of several
 * timed runs after warm-up, plus a kernel profile of one DCGAN step pair.
 *
 * With GAN_BENCH_MINUTES=N it also trains the DCGAN for N minutes on MNIST,
 * writing the fixed-noise grid and the Fréchet score every GAN_BENCH_EVERY
 * steps (default 50) to bench/results/gan-samples/ — the "does it make
 * digits" check. Reference: PyTorch's CPU build does about 4–5 DCGAN step
 * pairs/s on this 2-core machine.
 * Run: `node --import tsx bench/gan.bench.ts` (or `npm run bench -- gan`).
 * Env: BENCH_RUNS (default 5), GAN_BENCH_MINUTES (default 0), GAN_BENCH_EVERY.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/main/engine/backend/select.js';
import { loadDataset } from '../src/main/engine/datasets/load.js';
import { compileGan } from '../src/main/engine/gan/models.js';
import { RealBatches } from '../src/main/engine/gan/real-batches.js';
import { FixedNoiseSamples, toUnitRange } from '../src/main/engine/gan/samples.js';
import { sampleLatent } from '../src/main/engine/gan/noise.js';
import { AdversarialSteps } from '../src/main/engine/gan/step.js';
import { writePng } from '../src/main/engine/images/png.js';
import { createScorer } from '../src/main/engine/quality/score.js';
import { ganConfigSchema } from '../src/shared/training/config.js';
import type { GraphDoc } from '../src/shared/graph/types.js';
import { machine, median, writeResult } from './lib/report.js';

const BATCH = 64;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MINUTES = Number(process.env.GAN_BENCH_MINUTES ?? 0);
const EVERY = Number(process.env.GAN_BENCH_EVERY ?? 50);
const here = dirname(fileURLToPath(import.meta.url));
const example = (id: string) =>
  JSON.parse(readFileSync(join(here, '..', 'resources', 'examples', `${id}.deepwire`), 'utf8')) as {
    graph: GraphDoc;
    gan: unknown;
  };

const backend = await initBackend('auto');
const ds = await loadDataset(
  { source: 'mnist', validationSplit: 0.1, seed: 42 },
  { kind: 'gan', cacheDir: join(here, '..', '.deepwire-cache') },
);

function setup(id: string) {
  const project = example(id);
  const gan = ganConfigSchema.parse(project.gan);
  const models = compileGan(project.graph, gan.loss, { seed: 42, sampleShape: [28, 28, 1] });
  return { models, gan, steps: new AdversarialSteps(models, gan), real: new RealBatches(ds, models.range, BATCH, 42) };
}

/** Step pairs per second over `pairs` consecutive pairs. */
function timePairs(s: ReturnType<typeof setup>, pairs: number, offset: number): number {
  const t0 = performance.now();
  for (let i = 0; i < pairs; i++) {
    const x = s.real.next();
    s.steps.stepPair([x], offset + 2 * i);
    x.dispose();
  }
  return (pairs * 1000) / (performance.now() - t0);
}

async function kernelProfile(s: ReturnType<typeof setup>): Promise<{ kernel: string; ms: number; calls: number }[]> {
  const info = await tf.profile(() => {
    timePairs(s, 1, 99_999);
  });
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of info.kernels) {
    const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    e.ms += Number(k.kernelTimeMs) || 0;
    e.calls += 1;
    byKernel.set(k.name, e);
  }
  return [...byKernel]
    .map(([kernel, e]) => ({ kernel, ms: Math.round(e.ms), calls: e.calls }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12);
}

const results: Record<string, { pairsPerSec: number; runs: number[]; pairsPerRun: number }> = {};
let profile: { kernel: string; ms: number; calls: number }[] = [];
for (const [id, pairsPerRun] of [
  ['dcgan-mnist', 3],
  ['mlp-gan', 40],
] as const) {
  const s = setup(id);
  timePairs(s, 2, 0); // warm-up: kernels, wasm memory growth
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(timePairs(s, pairsPerRun, 1000 * (r + 1)));
  results[id] = {
    pairsPerSec: Number(median(runs).toFixed(3)),
    runs: runs.map((v) => Number(v.toFixed(3))),
    pairsPerRun,
  };
  console.log(
    `${id.padEnd(12)} ${results[id].pairsPerSec.toFixed(2).padStart(7)} step pairs/s  (runs: ${results[id].runs.join(', ')})`,
  );
  if (id === 'dcgan-mnist') {
    profile = await kernelProfile(s);
    console.log('DCGAN step pair, slowest kernels (ms, calls):');
    for (const p of profile) console.log(`  ${p.kernel.padEnd(24)} ${String(p.ms).padStart(6)} ms  ${p.calls}×`);
  }
  s.steps.dispose();
  s.models.generator.dispose();
  s.models.discriminator.dispose();
}

/** The long run: does the DCGAN make digits, and does the score fall? */
async function qualityRun(minutes: number) {
  const s = setup('dcgan-mnist');
  const scorer = await createScorer(ds, {
    cacheDir: join(here, '..', '.deepwire-cache'),
    datasetKey: { source: 'mnist' },
    splitSeed: 42,
    validationSplit: 0.1,
  });
  const grid = new FixedNoiseSamples(s.models, 7, [28, 28, 1]);
  const zScore = sampleLatent(s.models.latent, scorer.sampleSize, 11);
  const outDir = join(here, 'results', 'gan-samples');
  const score = () => {
    const images = tf.tidy(() => toUnitRange(s.steps.sample(zScore), s.models.range)) as tf.Tensor4D;
    const v = scorer.score(images);
    images.dispose();
    return Number(v.toFixed(2));
  };
  const timeline: {
    step: number;
    seconds: number;
    frechet: number;
    dLoss: number;
    gLoss: number;
    dReal: number;
    dFake: number;
    diversity: number;
  }[] = [];
  const started = performance.now();
  let step = 0;
  let last = { dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };
  const checkpoint = async () => {
    const snap = grid.snapshot(s.steps);
    await writePng(join(outDir, `dcgan-step-${String(step).padStart(5, '0')}.png`), snap.pixels);
    const row = {
      step,
      seconds: Math.round((performance.now() - started) / 1000),
      frechet: score(),
      ...last,
      diversity: Number(snap.diversity.toFixed(3)),
    };
    timeline.push(row);
    console.log(JSON.stringify(row));
  };
  await checkpoint();
  while (performance.now() - started < minutes * 60_000) {
    const x = s.real.next();
    const { d, g } = s.steps.stepPair([x], 2 * step);
    x.dispose();
    step++;
    last = { dLoss: d.loss, gLoss: g.loss, dReal: d.real, dFake: g.fake };
    if (step % EVERY === 0) await checkpoint();
  }
  if (step % EVERY !== 0) await checkpoint();
  return {
    minutes,
    steps: step,
    realFloor: Number(scorer.realFloor.toFixed(2)),
    featureNetAccuracy: scorer.net.accuracy,
    timeline,
  };
}

/** A quality run takes minutes: a throughput-only run keeps the last one recorded. */
function previousQuality(): unknown {
  try {
    const old = JSON.parse(readFileSync(join(here, 'results', 'gan.json'), 'utf8')) as {
      quality?: unknown;
      date?: string;
    };
    return old.quality
      ? { ...(old.quality as object), recorded: (old.quality as { recorded?: string }).recorded ?? old.date }
      : undefined;
  } catch {
    return undefined;
  }
}

const quality =
  MINUTES > 0
    ? { ...(await qualityRun(MINUTES)), recorded: new Date().toISOString(), load: machine().load }
    : previousQuality();
const m = machine();
const file = writeResult('gan', {
  name: 'gan',
  what: 'GAN step pairs/s (1 D + 1 G update), batch 64, real MNIST, models compiled from resources/examples; median of runs after 2 warm-up pairs',
  batchSize: BATCH,
  runs: RUNS,
  reference: { 'pytorch-cpu dcgan step pairs/s': '4-5' },
  date: new Date().toISOString(),
  ...m,
  tfjs: tf.version.tfjs,
  backend: backend.chosen,
  kernelPack: backend.kernelPack,
  results,
  dcganProfile: profile,
  ...(quality ? { quality } : {}),
});
console.table(
  Object.fromEntries(
    Object.entries(results).map(([k, v]) => [k, { 'step pairs/s': v.pairsPerSec, backend: backend.chosen }]),
  ),
);
console.log(`${m.cpu}, ${m.cores} cores, load ${m.load.join(' ')} → ${file}`);
