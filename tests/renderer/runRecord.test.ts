import { describe, expect, it } from 'vitest';
import { createProjectStore } from '../../src/renderer/stores/projectStore.js';
import { createTrainingStore } from '../../src/renderer/stores/trainingStore.js';
import { applyTrainingEvent } from '../../src/renderer/training/ingest.js';
import { recordRunEnd } from '../../src/renderer/training/runRecord.js';
import type { GraphDoc } from '../../src/shared/graph/types.js';
import { graphRevision } from '../../src/shared/project/revision.js';
import { runRecordSchema } from '../../src/shared/project/runs-schema.js';
import { MAX_CURVE_POINTS } from '../../src/shared/runs/downsample.js';
import { encodeWeights } from '../../src/shared/project/weights.js';
import { trainingConfigSchema } from '../../src/shared/training/config.js';
import { trainingEventSchema, type TrainingEvent } from '../../src/shared/training/protocol.js';

const ev = (e: unknown): TrainingEvent => trainingEventSchema.parse(e);
const config = {
  dataset: { source: 'mnist' as const, validationSplit: 0.1, seed: 42 },
  training: trainingConfigSchema.parse({}),
};
const started = ev({
  type: 'started',
  runId: 'r1',
  backend: { chosen: 'wasm', kernelPack: true, threads: 1, probes: [] },
  dataset: {
    name: 'mnist',
    task: 'classification',
    sampleShape: [28, 28, 1],
    classes: null,
    trainSize: 100,
    validationSize: 10,
    testSize: 10,
    fromCache: false,
    loadSeconds: 1,
  },
  model: { params: 10, layers: 2 },
  epochs: 2,
  batchSize: 50,
  batchesPerEpoch: 2,
});

function feed(events: TrainingEvent[], graph?: GraphDoc) {
  const training = createTrainingStore();
  const project = createProjectStore();
  training.getState().begin('r1', config, graph);
  for (const e of events) {
    applyTrainingEvent(training, 'r1', e);
    recordRunEnd(project, training.getState(), 'r1', e);
  }
  return { training, project };
}

describe('run records', () => {
  it('a finished run is remembered in the project with its curves, metrics and weights', () => {
    const graph = { nodes: [], edges: [] };
    const weights = encodeWeights([{ name: 'dense/bias', shape: [2], values: new Float32Array([0.5, -1]) }], graph);
    const { project } = feed([
      started,
      ev({
        type: 'epoch',
        epoch: 1,
        epochs: 2,
        logs: { loss: 0.5, accuracy: 0.8, val_loss: 0.6, val_accuracy: 0.75, lr: 0.001 },
        samplesPerSecond: 100,
        seconds: 1,
      }),
      ev({
        type: 'epoch',
        epoch: 2,
        epochs: 2,
        logs: { loss: 0.3, accuracy: 0.9, val_loss: 0.4, val_accuracy: 0.85, lr: 0.001 },
        samplesPerSecond: 100,
        seconds: 1,
      }),
      ev({
        type: 'done',
        reason: 'completed',
        backend: 'wasm',
        epochsCompleted: 2,
        metrics: { testAccuracy: 0.88 },
        samplesPerSecond: 100,
        seconds: 2,
        weights,
      }),
    ]);
    const p = project.getState();
    expect(p.revision).toBe(1);
    expect(p.extra.weights).toEqual(weights);
    const runs = p.extra.runs as unknown[];
    expect(runs).toHaveLength(1);
    const run = runRecordSchema.parse(runs[0]);
    expect(run.status).toBe('completed');
    expect(run.history).toEqual({
      loss: [0.5, 0.3],
      accuracy: [0.8, 0.9],
      val_loss: [0.6, 0.4],
      val_accuracy: [0.75, 0.85],
    });
    expect(run.metrics).toMatchObject({ testAccuracy: 0.88, samplesPerSecond: 100 });
    // Where it ran and on how many samples, for the run table (issue #15).
    expect(run).toMatchObject({ device: 'cpu, 1 thread', datasetSizes: { train: 100, validation: 10, test: 10 } });
  });

  it('a studio run keeps the graph it trained and its per-batch curves (downsampled), as a CLI run does', () => {
    const graph: GraphDoc = {
      nodes: [
        { id: 'n1', kind: 'Input', name: 'input', position: { x: 0, y: 0 }, params: { shape: [28, 28, 1] } },
        { id: 'n2', kind: 'Flatten', name: 'flatten', position: { x: 0, y: 80 }, params: {} },
        { id: 'n3', kind: 'Dense', name: 'out', position: { x: 0, y: 160 }, params: { units: 10 } },
      ],
      edges: [
        { id: 'e1', source: 'n1', target: 'n2', targetPort: 0 },
        { id: 'e2', source: 'n2', target: 'n3', targetPort: 0 },
      ],
    } as GraphDoc;
    const batches = Array.from({ length: 3000 }, (_, i) =>
      ev({
        type: 'batch',
        epoch: 1,
        batch: i + 1,
        batchesPerEpoch: 3000,
        loss: 2 / (i + 1),
        accuracy: i / 3000,
        samplesPerSecond: 100,
        etaSeconds: 1,
        memoryMB: 10,
      }),
    );
    const done = ev({
      type: 'done',
      reason: 'completed',
      backend: 'wasm',
      epochsCompleted: 1,
      metrics: {},
      samplesPerSecond: 100,
      seconds: 2,
      weights: null,
    });
    const { project } = feed([started, ...batches, done], graph);
    const run = runRecordSchema.parse((project.getState().extra.runs as unknown[])[0]);
    expect(run.graph?.nodes.map((n) => n.name)).toEqual(['input', 'flatten', 'out']);
    expect(graphRevision(run.graph!)).toBe(graphRevision(graph));
    expect(run.graphRevision).toBe(graphRevision(graph));
    expect(run.batchHistory?.loss.step).toHaveLength(MAX_CURVE_POINTS);
    expect(run.batchHistory?.loss.step[0]).toBe(1);
    expect(run.batchHistory?.loss.step.at(-1)).toBe(3000);
    expect(run.batchHistory?.accuracy.value.at(-1)).toBeCloseTo(2999 / 3000, 5);
  });

  it('a stopped run is recorded as stopped; a run that failed before starting is not recorded', () => {
    const stopped = feed([
      started,
      ev({
        type: 'done',
        reason: 'stopped',
        backend: 'wasm',
        epochsCompleted: 0,
        metrics: {},
        samplesPerSecond: 1,
        seconds: 1,
        weights: null,
      }),
    ]);
    expect(runRecordSchema.parse((stopped.project.getState().extra.runs as unknown[])[0]).status).toBe('stopped');
    expect(stopped.project.getState().extra.weights).toBeUndefined();
    const failed = feed([ev({ type: 'error', code: 'DW504', message: 'the model cannot be compiled' })]);
    expect(failed.project.getState().extra.runs).toBeUndefined();
  });
});
