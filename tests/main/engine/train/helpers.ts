/** Runs train() in-process and collects its events. */
import { availableParallelism } from 'node:os';
import { afterEach, beforeAll } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import type { DatasetConfig, ProjectKind, TrainingConfig } from '../../../../src/shared/training/config.js';
import type { EventOf, RunRequest, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { train } from '../../../../src/main/engine/train/train.js';

export interface Collected {
  events: TrainingEvent[];
  of<T extends TrainingEvent['type']>(type: T): EventOf<T>[];
  last: TrainingEvent;
}

export function collect(events: TrainingEvent[]): Collected {
  return {
    events,
    of: <T extends TrainingEvent['type']>(type: T) => events.filter((e) => e.type === type) as EventOf<T>[],
    get last() {
      return events[events.length - 1];
    },
  };
}

export interface RunSpec {
  kind?: ProjectKind;
  graph: GraphDoc;
  dataset: Partial<DatasetConfig> & { source: DatasetConfig['source'] };
  training?: Partial<TrainingConfig>;
  backend?: RunRequest['backend'];
  overrides?: RunRequest['overrides'];
  cacheDir?: string;
}

export function request(spec: RunSpec): RunRequest {
  return {
    runId: 'test-run',
    project: {
      kind: spec.kind ?? 'classifier',
      graph: spec.graph,
      dataset: { validationSplit: 0.1, seed: 42, ...spec.dataset } as DatasetConfig,
      training: spec.training as TrainingConfig | undefined,
    },
    backend: spec.backend ?? 'wasm',
    overrides: spec.overrides ?? {},
    cacheDir: spec.cacheDir,
  };
}

export async function runTraining(
  spec: RunSpec,
  control = new RunControl(),
  onEvent?: (e: TrainingEvent, c: RunControl) => void,
): Promise<Collected> {
  const events: TrainingEvent[] = [];
  await train(
    request(spec),
    (e) => {
      events.push(e);
      onEvent?.(e, control);
    },
    control,
  );
  return collect(events);
}

export function done(c: Collected): EventOf<'done'> {
  const last = c.last;
  if (last.type !== 'done') throw new Error(`the run ended with ${JSON.stringify(last).slice(0, 400)}`);
  return last;
}

/**
 * For tests of training threads: wasm set up once, and DEEPWIRE_THREADS put back after each test (the tests
 * set it). Whether this machine has the two cores a split needs.
 */
export function threadTestSetup(): { twoCores: boolean } {
  const saved = process.env.DEEPWIRE_THREADS;
  beforeAll(() => initBackend('wasm'));
  afterEach(() => {
    if (saved === undefined) delete process.env.DEEPWIRE_THREADS;
    else process.env.DEEPWIRE_THREADS = saved;
  });
  return { twoCores: availableParallelism() >= 2 };
}
