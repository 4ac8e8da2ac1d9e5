/**
 * The PyTorch backend beside wasm + kernel pack, and the bridge's overhead
 * (issue #12; bench/lib/pytorch-backend.ts says how each is measured).
 * Run: `npm run bench -- pytorch-backend`. Env: BENCH_ROUNDS (default 5),
 * BENCH_LIMIT (training samples per run, default 3200 = 50 batches of 64),
 * BENCH_PARTS (`beside,bridge`; a part left out keeps its last recorded result).
 * Skips itself (exit 0) where no Python with torch is found.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { besideWasm, benchPython, bridgeOverhead, type RunSize } from './lib/pytorch-backend.js';
import { machine, measureFreeCores, writeResult } from './lib/report.js';
import { convHeavy, templates, type Spread } from './lib/vs-pytorch.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PARTS = (process.env.BENCH_PARTS ?? 'beside,bridge').split(',');
const size: RunSize = { limit: Number(process.env.BENCH_LIMIT ?? 3200), epochs: 1 };
const resultFile = fileURLToPath(new URL('./results/pytorch-backend.json', import.meta.url));

let python: string;
try {
  python = await benchPython();
} catch (e) {
  console.log(`skipped: ${(e as Error).message}`);
  process.exit(0);
}

const fmt = (s: Spread, digits = 2) =>
  `${s.median.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
const round = (xs: number[]) => xs.map((x) => Math.round(x));
const source = templates().find((t) => t.id === 'mnist-cnn')!;

/** Where and under what load a part ran (the machine is shared: the load decides how far to trust it). */
async function conditions() {
  const freeCores = await measureFreeCores();
  return { date: new Date().toISOString(), ...machine(), freeCores, python, rounds: ROUNDS, size };
}

async function runBeside() {
  const before = await conditions();
  const results = [];
  for (const t of [source, convHeavy()]) {
    const b = await besideWasm(t, size, ROUNDS, python);
    results.push({ ...b, wasm: round(b.wasm), pytorch: round(b.pytorch) });
    console.log(
      `${t.id.padEnd(10)} wasm + pack ${round(b.wasm).join(', ')} samples/s; pytorch ${round(b.pytorch).join(', ')}`,
    );
    console.log(`${''.padEnd(10)} pytorch ÷ wasm ${fmt(b.ratio)}`);
  }
  return { ...before, loadAfter: machine().load, results };
}

async function runBridge() {
  const before = await conditions();
  const b = await bridgeOverhead(source, size, ROUNDS, python);
  const pct = (r: number) => +((1 - r) * 100).toFixed(1);
  const overheadPercent = { median: pct(b.rateRatio.median), best: pct(b.rateRatio.max), worst: pct(b.rateRatio.min) };
  console.log(
    `bridge (${source.id}, one bundle): supervised ÷ standalone samples/s ${fmt(b.rateRatio, 3)}, ` +
      `wall ${fmt(b.wallRatio, 3)}; overhead ${overheadPercent.median} % ` +
      `[${overheadPercent.best} … ${overheadPercent.worst} %] (goal ≤ 5 %)`,
  );
  const timings = (xs: typeof b.standalone) =>
    xs.map((r) => ({ samplesPerSecond: Math.round(r.samplesPerSecond), wallSeconds: +r.wallSeconds.toFixed(2) }));
  return {
    ...before,
    loadAfter: machine().load,
    ...b,
    standalone: timings(b.standalone),
    supervised: timings(b.supervised),
    overheadPercent,
  };
}

const previous = existsSync(resultFile)
  ? (JSON.parse(readFileSync(resultFile, 'utf8')) as Record<string, unknown>)
  : {};
const besideResult = PARTS.includes('beside') ? await runBeside() : previous.besideWasm;
const bridgeResult = PARTS.includes('bridge') ? await runBridge() : previous.bridge;
const m = machine();
console.log(
  `CPU: ${m.cpu} × ${m.cores} cores, Node ${m.node}, load average now ${m.load.join(' / ')}; Python ${python}`,
);
const out = writeResult('pytorch-backend', {
  name: 'pytorch-backend',
  what:
    'besideWasm: engine runs (train()) of the same template on wasm + kernel pack and on pytorch (cpu), alternating, ' +
    'training samples/s from the done event. bridge: one bundle trained by plain python3 train.py against the ' +
    "runner supervised through Deepwire's pipe (startRunner), alternating: the runner's samples/s and wall seconds",
  besideWasm: besideResult,
  bridge: bridgeResult,
});
console.log(`wrote ${join(out)}`);
