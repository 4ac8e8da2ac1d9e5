/**
 * Opening a project with 200 runs (issue #15): each run keeps its graph,
 * per-epoch curves and two per-batch curves of 1,000 points (a 50,000-batch
 * run after downsampling). Times, median of 10 after 2 warm-ups:
 * - parse: parseProject (JSON + schema) plus the run table, from memory;
 * - open: the real file on disk opened by the studio (`project.open`, with the
 *   path policy and the file read) as the page receives it, then the History
 *   panel's first `runs.list` with the document's 200 runs, each request and
 *   response through JSON as the WebSocket carries them.
 * Target: well under a second each. Run: `node --import tsx bench/runs.bench.ts` (or `npm run bench -- runs`).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/main/files/atomic-write.js';
import { createWebStudio } from '../src/main/server/web-studio.js';
import { writeProjectFile } from '../src/main/services/project-files.js';
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

/**
 * Median and max of 10 timed calls after 2 warm-ups, in ms; also the median CPU time of this process per call,
 * which a machine busy with other work does not inflate as it does the wall-clock time.
 */
async function time(fn: () => unknown): Promise<{ medianMs: number; maxMs: number; cpuMedianMs: number }> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => Number([...xs].sort((a, b) => a - b)[5].toFixed(1));
  return { medianMs: median(times), maxMs: Number(Math.max(...times).toFixed(1)), cpuMedianMs: median(cpu) };
}

const parse = await time(() => {
  if (runTable(parseProject(text).project).length !== RUNS) throw new Error('runs lost');
});

// The same project as a real file, opened by the real studio; JSON in and out as over the WebSocket.
const dir = mkdtempSync(join(tmpdir(), 'deepwire-bench-runs-'));
const file = join(dir, 'runs.deepwire');
await writeProjectFile(file, { ...base, runs });
const studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config') });
const call = async (command: string, request: unknown): Promise<unknown> => {
  const result = await studio.dispatch(command, JSON.parse(JSON.stringify(request)));
  if (!result.ok) throw new Error(`${command}: ${result.problem.code} ${result.problem.message}`);
  return JSON.parse(JSON.stringify(result.response));
};
let docRuns: unknown[] = [];
const open = await time(async () => {
  const opened = (await call('project.open', { path: file })) as { project: { runs: unknown[] } };
  docRuns = opened.project.runs;
  if (docRuns.length !== RUNS) throw new Error('runs lost');
});
const list = await time(async () => {
  const { rows } = (await call('runs.list', { runs: docRuns, projectPath: file })) as { rows: unknown[] };
  if (rows.length !== RUNS) throw new Error('rows lost');
});
const fileMB = Number((statSync(file).size / 1e6).toFixed(2));
await studio.dispose();
rmSync(dir, { recursive: true, force: true });

const result = {
  name: 'runs',
  what: `a project with ${RUNS} runs (graph, epoch curves, 2 per-batch curves of ≤1,000 points each)`,
  runs: RUNS,
  fileMB,
  parse: { what: 'parseProject + runTable, from memory', ...parse },
  open: { what: 'studio project.open of the file, JSON in and out', ...open },
  historyList: { what: "the History panel's runs.list with the document's runs and its file", ...list },
  targetMs: TARGET_MS,
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
};
const row = (t: typeof parse) => ({
  runs: RUNS,
  MB: fileMB,
  'median ms': t.medianMs,
  'max ms': t.maxMs,
  'CPU ms': t.cpuMedianMs,
});
console.table({ parse: row(parse), 'project.open': row(open), 'runs.list': row(list) });
await writeFileAtomic(join(here, 'results', 'runs.json'), `${JSON.stringify(result, null, 2)}\n`);
const slow = [parse, open, list].filter((t) => t.medianMs > TARGET_MS);
if (slow.length > 0) {
  console.error(`slower than the ${TARGET_MS} ms target`);
  process.exitCode = 1;
}
