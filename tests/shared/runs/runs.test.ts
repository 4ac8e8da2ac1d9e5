import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import {
  graphRevision,
  parseProject,
  serializeProject,
  type Project,
  type RunRecord,
} from '../../../src/shared/project/index.js';
import {
  compactRun,
  diffRuns,
  downsampleSeries,
  findRun,
  formatRunDiff,
  formatRunTable,
  lttbIndices,
  MAX_CURVE_POINTS,
  overlayCurves,
  overlayMetrics,
  restoreRun,
  runTable,
} from '../../../src/shared/runs/index.js';

const example = (): Project => parseProject(readFileSync('resources/examples/mnist-cnn.deepwire', 'utf8')).project;

function run(project: Project, i: number, over: Partial<RunRecord> = {}, batches = 0): RunRecord {
  const steps = Array.from({ length: batches }, (_, k) => k + 1);
  return {
    id: `${i.toString(16).padStart(4, '0')}aaaa-run-${i}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 0, 1, 0, i, 30)).toISOString(),
    status: 'completed',
    backend: 'wasm',
    device: 'cpu, 1 thread',
    datasetSizes: { train: 300, validation: 33, test: 10000 },
    graphRevision: graphRevision(project.graph),
    graph: project.graph,
    config: { dataset: { ...project.dataset!, limit: 300 }, training: project.training },
    epochsCompleted: 1,
    history: { loss: [0.5], accuracy: [0.8] },
    metrics: { testLoss: 0.4, testAccuracy: 0.9, samplesPerSecond: 1200 },
    ...(batches > 0
      ? { batchHistory: { loss: { step: steps, value: steps.map((s) => Math.exp(-s / 5000) + 0.1 * Math.sin(s)) } } }
      : {}),
    ...over,
  };
}

describe('curve downsampling', () => {
  it('keeps short series whole and cuts long ones to the cap with both ends and the spike', () => {
    const xs = Array.from({ length: 50_000 }, (_, i) => i + 1);
    const ys = xs.map((x) => (x === 31_337 ? 100 : Math.sin(x / 100)));
    const idx = lttbIndices(xs, ys, MAX_CURVE_POINTS);
    expect(idx.length).toBe(MAX_CURVE_POINTS);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(xs.length - 1);
    expect(idx).toContain(31_336);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(lttbIndices([1, 2, 3], [1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('compactRun caps every per-batch series at 1,000 points and is idempotent', () => {
    const p = example();
    const r = compactRun(run(p, 1, {}, 20_000));
    expect(r.batchHistory!.loss.step).toHaveLength(MAX_CURVE_POINTS);
    expect(r.batchHistory!.loss.value).toHaveLength(MAX_CURVE_POINTS);
    expect(compactRun(r)).toEqual(r);
    const withGap = downsampleSeries({ step: [1, 2, 3, 4, 5, 6], value: [1, null, 3, 4, 5, 6] }, 4);
    expect(withGap.step.length).toBeLessThanOrEqual(4);
    expect(withGap.value).toContain(null);
  });
});

describe('stored per-batch curves', () => {
  it('keep 6 significant digits and store a diverged value as null', () => {
    const p = example();
    const r = compactRun(
      run(p, 1, { batchHistory: { loss: { step: [1, 2, 3], value: [0.123456789, Number.NaN, 2 / 3] } } }),
    );
    expect(r.batchHistory!.loss.value).toEqual([0.123457, null, 0.666667]);
  });

  it('a damaged series is DW203 naming where, not a crash', () => {
    const p = example();
    const bad = (series: unknown) => {
      const doc = JSON.parse(serializeProject({ ...p, runs: [run(p, 1)] })) as { runs: Record<string, unknown>[] };
      doc.runs[0].batchHistory = { loss: series };
      return () => parseProject(JSON.stringify(doc));
    };
    expect(bad({ step: [1, 2], value: [1, 'x'] })).toThrow(
      /DW203.*array of numbers.*at runs\[0\]\.batchHistory\.loss\.value/,
    );
    expect(bad({ step: [1, 2.5], value: [1, 2] })).toThrow(/DW203.*batchHistory\.loss\.step/);
    expect(bad({ step: [1, 2, 3], value: [1, 2] })).toThrow(/DW203.*same length/);
  });
});

describe('run table', () => {
  it('has one row per run with settings, device, size, duration, speed, final metrics and outcome', () => {
    const p = example();
    const rows = runTable({ runs: [run(p, 1), run(p, 2, { status: 'failed', metrics: {} })] });
    expect(rows[0]).toMatchObject({
      index: 1,
      backend: 'wasm',
      device: 'cpu, 1 thread',
      dataset: 'mnist',
      datasetSize: 300,
      durationSeconds: 30,
      samplesPerSecond: 1200,
      metrics: { testLoss: 0.4, testAccuracy: 0.9 },
      outcome: 'completed',
    });
    expect(rows[0].hyperparameters['training.optimizer.learningRate']).toBe(0.001);
    const text = formatRunTable(rows);
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain('adam lr=0.001');
    expect(text).toContain('failed');
  });
});

describe('finding a run', () => {
  const p = example();
  const runs = [run(p, 1), run(p, 2), run(p, 0x12)];
  it('by 1-based index or by id prefix', () => {
    expect(findRun(runs, '2').run.id).toBe(runs[1].id);
    expect(findRun(runs, '0012').index).toBe(3);
  });
  it('DW220 for an unknown or ambiguous reference', () => {
    expect(() => findRun(runs, '9')).toThrow(DeepwireError);
    expect(() => findRun(runs, '00')).toThrow(/start of 3 run ids/);
    expect(() => findRun(runs, 'zz')).toThrow(/DW220.*runs 1–3/);
  });
});

describe('run diff', () => {
  it('names a changed learning rate and layers added, removed and changed with their params', () => {
    const p = example();
    const a = run(p, 1);
    const nodes = p.graph.nodes
      .filter((n) => n.kind !== 'MaxPooling2D')
      .map((n) => (n.kind === 'Conv2D' ? { ...n, params: { ...n.params, filters: 16 } } : n));
    const graph = {
      nodes: [
        ...nodes,
        { id: 'x', name: 'extra_dropout', kind: 'Dropout', position: { x: 0, y: 0 }, params: { rate: 0.25 } },
      ],
      edges: p.graph.edges,
    } as Project['graph'];
    const b = run(p, 2, {
      graph,
      graphRevision: graphRevision(graph),
      config: { ...a.config, training: { ...a.config.training, optimizer: { name: 'adam', learningRate: 0.01 } } },
      metrics: { testAccuracy: 0.95 },
    });
    const d = diffRuns(a, b);
    expect(d.hyperparameters).toEqual([{ key: 'training.optimizer.learningRate', a: 0.001, b: 0.01 }]);
    expect(d.graph.added.map((l) => l.name)).toEqual(['extra_dropout']);
    expect(d.graph.removed.map((l) => l.kind)).toEqual(['MaxPooling2D']);
    const conv = d.graph.changed.find((c) => c.kindA === 'Conv2D')!;
    expect(conv.params).toEqual([{ key: 'filters', a: expect.any(Number), b: 16 }]);
    expect(d.metrics.find((m) => m.key === 'testAccuracy')).toEqual({ key: 'testAccuracy', a: 0.9, b: 0.95 });
    const text = formatRunDiff(d, '1', '2').join('\n');
    expect(text).toContain('training.optimizer.learningRate: 0.001 -> 0.01');
    expect(text).toContain('+ extra_dropout (Dropout: rate=0.25');
    expect(text).toMatch(/~ \S+ \(Conv2D\): filters \d+ -> 16/);
  });
});

const fakeWeights = {
  format: 'deepwire-weights',
  encoding: 'base64',
  byteLength: 0,
  crc32: '00000000',
  graphRevision: '',
  specs: [],
  data: '',
} as unknown as NonNullable<Project['weights']>;

describe('restoring a run', () => {
  it('brings back the graph a run trained and moves weights that no longer fit aside', () => {
    const p = example();
    const old = run(p, 1);
    const changed = { ...p, graph: { ...p.graph, nodes: p.graph.nodes.filter((n) => n.kind !== 'Dropout') } };
    const r = restoreRun({ ...changed, graph: { nodes: changed.graph.nodes.slice(0, -1), edges: [] } }, old);
    expect(r.graphChanged).toBe(true);
    expect(graphRevision(r.project.graph)).toBe(old.graphRevision);
    expect(r.weights).toBe('none');
  });
  it('keeps stored weights that fit the run while putting its graph back (model edited after training)', () => {
    const p = example();
    const weights = { ...fakeWeights, graphRevision: graphRevision(p.graph) };
    const edited = { ...p, graph: { nodes: p.graph.nodes.slice(0, 2), edges: [] }, weights };
    const r = restoreRun(edited, run(p, 1));
    expect(r).toMatchObject({ graphChanged: true, weights: 'kept', displaced: null });
    expect(graphRevision(r.project.graph)).toBe(graphRevision(p.graph));
    expect(r.project.weights).toBe(weights);
  });

  it('DW221 when an old record kept no graph and the model changed', () => {
    const p = example();
    const { graph: _g, ...old } = run(p, 1);
    expect(() =>
      restoreRun({ ...p, graph: { nodes: p.graph.nodes.slice(0, 2), edges: [] } }, old as RunRecord),
    ).toThrow(/DW221/);
  });
});

describe('a project with 200 runs', () => {
  it('stores per-batch curves compactly and reads back with every run and its curves', () => {
    const p = example();
    const runs = Array.from({ length: 200 }, (_, i) => compactRun(run(p, i + 1, {}, 2_000)));
    const text = serializeProject({ ...p, runs });
    const started = performance.now();
    const parsed = parseProject(text).project;
    const rows = runTable(parsed);
    const ms = performance.now() - started;
    expect(rows).toHaveLength(200);
    for (const r of parsed.runs) expect(r.batchHistory!.loss.value.length).toBe(MAX_CURVE_POINTS);
    // Timing is asserted in bench/runs.bench.ts; here only reported.
    console.info(`200 runs: ${(text.length / 1e6).toFixed(1)} MB, parse + table ${ms.toFixed(0)} ms`);
  });
});

describe('curve overlay', () => {
  const p = example();
  it('lists losses first and picks the first recorded metric when none or an unknown one is asked for', () => {
    const gan = run(p, 1, { history: { g_loss: [1, 0.9], d_loss: [0.7, 0.6], frechet: [30, 20] } });
    const cls = run(p, 2, { history: { accuracy: [0.8], val_loss: [0.4], loss: [0.5] } });
    const runs = [
      { run: gan, index: 1 },
      { run: cls, index: 2 },
    ];
    expect(overlayMetrics(runs, 'epoch')).toEqual(['loss', 'val_loss', 'accuracy', 'd_loss', 'g_loss', 'frechet']);
    const o = overlayCurves(runs, 'epoch', 'no_such_metric');
    expect(o).toMatchObject({ metric: 'loss', x: [1] });
    // A run without the metric is a series of nulls, so the legend still lists it.
    expect(o.series.map((s) => s.values)).toEqual([[null], [0.5]]);
    expect(overlayCurves(runs, 'epoch', 'g_loss').series[0].values).toEqual([1, 0.9]);
  });

  it('per batch: each series cut to the points asked for, aligned on the union of steps; nothing recorded is null', () => {
    const long = run(p, 1, {}, 5000);
    const short = run(p, 2, {}, 30);
    const o = overlayCurves(
      [
        { run: long, index: 1 },
        { run: short, index: 2 },
      ],
      'batch',
      undefined,
      100,
    );
    expect(o.metric).toBe('loss');
    expect(o.series[0].values.filter((v) => v !== null)).toHaveLength(100);
    expect(o.series[1].values.filter((v) => v !== null)).toHaveLength(30);
    expect(o.x).toEqual([...o.x].sort((a, b) => a - b));
    expect(overlayCurves([{ run: run(p, 3), index: 1 }], 'batch')).toMatchObject({ metric: null, x: [], series: [] });
  });
});
