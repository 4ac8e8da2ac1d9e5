/**
 * Where a training step's time goes (issue #16): each template of
 * vs-pytorch.bench.ts trains on Deepwire (wasm + kernel pack, one thread,
 * random data of its shape); one step (GANs: one step pair) under
 * `tf.profile` (the least loaded of three) gives every kernel call with its time, summed by kernel name,
 * beside the step's wall time (median of BENCH_STEPS-step measurements), so
 * wall − kernels is TF.js's own per-op work (tape, dispatch, bookkeeping).
 * Writes bench/results/profile.json with the machine's load average.
 * Run: `npm run bench -- profile`. Env: BENCH_TEMPLATES (comma-separated ids), BENCH_STEPS (default 20).
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/main/engine/backend/select.js';
import { machine, median, writeResult } from './lib/report.js';
import { deepwireSide, templates } from './lib/vs-pytorch.js';

type Profile = Awaited<ReturnType<typeof tf.profile>>;

const STEPS = Number(process.env.BENCH_STEPS ?? 20);
const only = process.env.BENCH_TEMPLATES?.split(',');

await initBackend('wasm');
const loadBefore = machine().load;
const rows = [];
for (const t of templates().filter((x) => !only || only.includes(x.id))) {
  const side = await deepwireSide(t, t.project.training.batchSize, 1);
  await side.train(3);
  // Of three profiled steps the one with the least kernel time (a burst of load elsewhere inflates single steps).
  let prof: Profile | null = null;
  const kernelTime = (p: Profile) => p.kernels.reduce((s, k) => s + (k.kernelTimeMs as number), 0);
  for (let i = 0; i < 3; i++) {
    const p = await tf.profile(async () => void (await side.train(1)));
    if (!prof || kernelTime(p) < kernelTime(prof)) prof = p;
  }
  const byName = new Map<string, { calls: number; ms: number }>();
  for (const k of prof!.kernels) {
    const e = byName.get(k.name) ?? { calls: 0, ms: 0 };
    e.calls += 1;
    e.ms += k.kernelTimeMs as number;
    byName.set(k.name, e);
  }
  const stepMs: number[] = [];
  for (let r = 0; r < 5; r++) stepMs.push(((await side.train(STEPS)) / STEPS) * 1000);
  await side.close();
  // tf.profile counts an op and the kernel it runs (fusedMatMul__op and _FusedMatMul) both: keep kernels only.
  const kernels = [...byName]
    .filter(([name]) => !name.endsWith('__op') && name !== 'unnamed scope')
    .sort((a, b) => b[1].ms - a[1].ms);
  const kernelMs = kernels.reduce((s, [, v]) => s + v.ms, 0);
  const row = {
    template: t.id,
    batch: t.project.training.batchSize,
    stepMs: Number(median(stepMs).toFixed(2)),
    kernelCalls: kernels.reduce((s, [, v]) => s + v.calls, 0),
    kernelMs: Number(kernelMs.toFixed(2)),
    top: kernels.slice(0, 8).map(([name, v]) => ({ name, calls: v.calls, ms: Number(v.ms.toFixed(2)) })),
  };
  rows.push(row);
  console.log(
    `${t.id.padEnd(16)} step ${row.stepMs} ms, ${row.kernelCalls} kernel calls, ${row.kernelMs} ms in kernels (profiled step):`,
  );
  for (const k of row.top) console.log(`    ${k.name.padEnd(22)} ${String(k.calls).padStart(4)} × ${k.ms} ms`);
}
const m = machine();
console.log(`load average ${loadBefore.join(' / ')} → ${m.load.join(' / ')}`);
const out = writeResult('profile', {
  name: 'profile',
  what: 'one training step (GAN: step pair) per template on wasm + kernel pack, one thread: kernel time by kernel name (tf.profile, one step) and the median wall time per step',
  date: new Date().toISOString(),
  ...m,
  loadBefore,
  steps: STEPS,
  tfjs: tf.version.tfjs,
  results: rows,
});
console.log(`wrote ${out}`);
