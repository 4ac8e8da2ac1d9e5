/**
 * The PyTorch backend beside wasm + kernel pack, and the bridge's overhead
 * (issue #12; bench/lib/pytorch-backend.ts says how each is measured).
 * Run: `npm run bench -- pytorch`. Env: BENCH_ROUNDS (default 5),
 * BENCH_LIMIT (training samples per run, default 3200 = 50 batches of 64).
 * Skips itself (exit 0) where no Python with torch is found.
 */
import { besideWasm, benchPython, bridgeOverhead, type RunSize } from './lib/pytorch-backend.js';
import { machine, measureFreeCores, writeResult } from './lib/report.js';
import { convHeavy, templates, type Spread } from './lib/vs-pytorch.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const size: RunSize = { limit: Number(process.env.BENCH_LIMIT ?? 3200), epochs: 1 };

let python: string;
try {
  python = await benchPython();
} catch (e) {
  console.log(`skipped: ${(e as Error).message}`);
  process.exit(0);
}

const fmt = (s: Spread, digits = 2) =>
  `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
const loadBefore = machine().load;
const freeCores = await measureFreeCores();
const source = templates().find((t) => t.id === 'mnist-cnn')!;

const beside = [];
for (const t of [source, convHeavy()]) {
  const b = await besideWasm(t, size, ROUNDS, python);
  beside.push(b);
  const rates = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
  console.log(`${t.id.padEnd(10)} wasm + pack ${rates(b.wasm)} samples/s; pytorch ${rates(b.pytorch)} samples/s`);
  console.log(`${''.padEnd(10)} pytorch ÷ wasm ${fmt(b.ratio)}`);
}

const bridge = await bridgeOverhead(source, size, ROUNDS, python);
const overhead = (s: Spread) => ({ median: 1 - s.median, best: 1 - s.max, worst: 1 - s.min });
const o = overhead(bridge.rateRatio);
console.log(
  `bridge (${source.id}, same bundle): supervised ÷ standalone samples/s ${fmt(bridge.rateRatio, 3)}, ` +
    `wall ${fmt(bridge.wallRatio, 3)}; overhead ${(o.median * 100).toFixed(1)} % ` +
    `[${(o.best * 100).toFixed(1)}–${(o.worst * 100).toFixed(1)} %] (goal ≤ 5 %)`,
);

const m = machine();
console.log(
  `CPU: ${m.cpu} × ${m.cores} cores (${freeCores} free when measured), Node ${m.node}, ` +
    `load average ${loadBefore.join(' / ')} → ${m.load.join(' / ')}; Python ${python}`,
);
const out = writeResult('pytorch', {
  name: 'pytorch',
  what:
    'engine runs (train()) of the same template on wasm + kernel pack and on pytorch (cpu), alternating, ' +
    'training samples/s from the done event; and the same bundle trained by plain python3 train.py against ' +
    "the runner supervised through Deepwire's pipe (startRunner), alternating: the runner's samples/s and wall seconds",
  rounds: ROUNDS,
  size,
  date: new Date().toISOString(),
  ...m,
  loadBefore,
  freeCores,
  python,
  besideWasm: beside.map((b) => ({
    ...b,
    wasm: b.wasm.map(Math.round),
    pytorch: b.pytorch.map(Math.round),
  })),
  bridge: {
    ...bridge,
    standalone: bridge.standalone.map((r) => ({
      samplesPerSecond: Math.round(r.samplesPerSecond),
      wallSeconds: +r.wallSeconds.toFixed(2),
    })),
    supervised: bridge.supervised.map((r) => ({
      samplesPerSecond: Math.round(r.samplesPerSecond),
      wallSeconds: +r.wallSeconds.toFixed(2),
    })),
    overheadPercent: {
      median: +(o.median * 100).toFixed(1),
      best: +(o.best * 100).toFixed(1),
      worst: +(o.worst * 100).toFixed(1),
    },
  },
});
console.log(`wrote ${out}`);
