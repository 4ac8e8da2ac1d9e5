/**
 * GAN step pairs/s on one thread against two (the data-parallel GAN trainer,
 * every pair split), for the MLP GAN and DCGAN templates at their batch (64),
 * random data in the generator's range. Both setups live in this process;
 * the rounds alternate between them (who goes first alternates too), so a
 * burst of load elsewhere hits both alike. Then the adaptive policy ('auto')
 * runs long enough to measure and says which it kept. Prints medians [min–max]
 * and writes bench/results/gan-threads.json with the load average and the
 * free cores measured before.
 * Run: `npm run bench -- gan-threads`. Env: BENCH_ROUNDS (default 7),
 * BENCH_SECONDS per measurement (default 2), BENCH_TEMPLATES.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { GanDataParallel } from '../src/main/engine/backend/parallel/gan-trainer.js';
import { initBackend } from '../src/main/engine/backend/select.js';
import { compileGan } from '../src/main/engine/gan/models.js';
import { AdversarialSteps } from '../src/main/engine/gan/step.js';
import { parseProject } from '../src/shared/project/index.js';
import { ganConfigSchema } from '../src/shared/training/config.js';
import { machine, measureFreeCores, median, roundsHeader, writeResult } from './lib/report.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ids = process.env.BENCH_TEMPLATES?.split(',') ?? ['mlp-gan', 'dcgan-mnist'];
const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'examples');

await initBackend('wasm');
const loadBefore = machine().load;
const freeCores = await measureFreeCores();

interface Side {
  pair(seed: number): Promise<unknown>;
  threadsInUse(): number;
  close(): Promise<void>;
}

function setup(id: string, policy: 'one' | 'always-split' | 'adaptive'): Promise<Side> {
  const { project } = parseProject(readFileSync(join(examples, `${id}.deepwire`), 'utf8'));
  const gan = ganConfigSchema.parse(project.gan ?? {});
  const seed = project.training.seed;
  const models = compileGan(project.graph, gan.loss, { seed });
  const steps = new AdversarialSteps(models, gan);
  const [lo, hi] = models.range;
  const real = tf.randomUniform([project.training.batchSize, ...models.sampleShape], lo, hi, 'float32', 1);
  const dispose = () => {
    steps.dispose();
    tf.dispose([real, models.generator, models.discriminator] as unknown as tf.Tensor[]);
  };
  if (policy === 'one')
    return Promise.resolve({
      pair: async (s) => steps.stepPair([real], s),
      threadsInUse: () => 1,
      close: async () => dispose(),
    });
  const run = { models, steps, graph: project.graph, settings: gan, compile: { seed } };
  return GanDataParallel.start(run, 'wasm', policy).then((p) => ({
    pair: (s) => p.stepPair([real], s),
    threadsInUse: () => p.threadsInUse,
    close: async () => {
      await p.close();
      dispose();
    },
  }));
}

/** Step pairs/s over about SECONDS (at least two pairs). */
async function rate(side: Side, seed: { n: number }): Promise<number> {
  const t0 = performance.now();
  let pairs = 0;
  while (pairs < 2 || performance.now() - t0 < SECONDS * 1000) {
    await side.pair((seed.n += 2));
    pairs++;
  }
  return pairs / ((performance.now() - t0) / 1000);
}

const spread = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const fmt = (s: { median: number; min: number; max: number }, d = 2) =>
  `${s.median.toFixed(d)} [${s.min.toFixed(d)}–${s.max.toFixed(d)}]`;
const rows = [];
for (const id of ids) {
  const one = await setup(id, 'one');
  const two = await setup(id, 'always-split');
  const seed = { n: 0 };
  for (let i = 0; i < 3; i++) await Promise.all([one.pair((seed.n += 2)), two.pair((seed.n += 2))]); // warm-up
  const r1: number[] = [];
  const r2: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      r1.push(await rate(one, seed));
      r2.push(await rate(two, seed));
    } else {
      r2.push(await rate(two, seed));
      r1.push(await rate(one, seed));
    }
  }
  await one.close();
  await two.close();
  // 'auto': 3 warm-up pairs, then 5 of each mode alternating; report what it kept.
  const auto = await setup(id, 'adaptive');
  for (let i = 0; i < 14; i++) await auto.pair((seed.n += 2));
  const autoThreads = auto.threadsInUse();
  await auto.close();
  const ratio = spread(r2.map((v, i) => v / r1[i]));
  const row = { template: id, oneThread: spread(r1), twoThreads: spread(r2), ratio, autoThreads, r1, r2 };
  rows.push(row);
  console.log(
    `${id.padEnd(12)} step pairs/s: 1 thread ${fmt(row.oneThread)}, 2 threads ${fmt(row.twoThreads)}, 2 ÷ 1 ${fmt(ratio)}×; auto kept ${autoThreads}`,
  );
}
const header = roundsHeader(loadBefore, freeCores, ROUNDS, SECONDS);
const out = writeResult('gan-threads', {
  name: 'gan-threads',
  what: 'GAN step pairs/s (one D and one G update, batch 64, random data), one thread vs two (data-parallel, every pair split), interleaved rounds; autoThreads: what the adaptive policy kept after measuring',
  ...header,
  rows,
});
console.log(`wrote ${out}`);
