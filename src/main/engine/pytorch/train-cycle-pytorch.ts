/**
 * A CycleGAN run on PyTorch. Node does what the TF.js CycleGAN run does
 * before its loop — loads the two domains, compiles G, F, D_A and D_B with
 * their seeded initial weights, measures the untrained held-out translation
 * error — writes the run folder (cycle-run-folder.ts) and supervises
 * resources/python/deepwire_cycle.py, which runs the TF.js engine's steps.
 * Its losses, grids and held-out translations come back and go through the
 * TF.js trainer's own reporter, grid and error code
 * (src/main/engine/gan/cycle), so the events are the same; the four models'
 * trained weights come back in Keras's layout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochLogs } from '../../../shared/training/protocol.js';
import type { CycleLosses } from '../gan/cycle/step.js';
import {
  cycleDatasetSummary,
  cycleMetrics,
  cycleNotes,
  CycleReporter,
  prepareCycleRun,
} from '../gan/cycle/train-cycle.js';
import {
  heldoutTranslationMae,
  TranslationGrid,
  translationGridOf,
  translationMae,
} from '../gan/cycle/translations.js';
import { emitDone, startedFields } from '../gan/run-events.js';
import { chooseBackend } from '../train/backend.js';
import { applyNamedWeights } from '../weights.js';
import { cycleExportModels, writeCycleRunFolder } from './cycle-run-folder.js';
import { appVersion } from './prepare-run.js';
import { findPython } from './python.js';
import { announce, readTrained, superviseRunner, takeNpy, type Ready } from './supervise.js';
import type { PytorchRunner } from './train-pytorch.js';

interface CycleResult {
  type: 'result';
  reason: 'completed' | 'stopped';
  epochsCompleted: number;
}

export const runPytorchCycle: PytorchRunner = async (req, emit, signal, opts = {}) => {
  const { project } = req;
  const python = await findPython(req.python);
  // Node's own tensors: the grids and the held-out translation error.
  await chooseBackend('auto');
  const { gan, cycle, data, loadSeconds, seed, models, all, rates, epochs, batchSize, stepsPerEpoch } =
    await prepareCycleRun(req);
  const grid = new TranslationGrid(data, models.range);
  const folder = await mkdtemp(join(tmpdir(), 'deepwire-torch-cycle-'));
  try {
    // The same initial weights as the PyTorch run's: the untrained error is the TF.js models'.
    const untrained = heldoutTranslationMae(models, data, models.range);
    await writeCycleRunFolder(folder, {
      project: { name: project.name ?? 'Deepwire CycleGAN', graph: project.graph },
      models,
      cycle,
      data,
      grid,
      settings: { rates, sampleEvery: gan.sampleEvery, epochs, stepsPerEpoch, batchSize, seed, device: req.device },
      appVersion: appVersion(),
    });

    const shape = { epochs, stepsPerEpoch, batchSize };
    const reporter = new CycleReporter(shape, emit);
    let last: EpochLogs | undefined;
    const done = await superviseRunner<CycleResult>(python, folder, signal, emit, (m, pid) => {
      if (m.type === 'ready') {
        const started = startedFields(req.runId, cycleDatasetSummary(data, loadSeconds), all, shape);
        announce(emit, m as unknown as Ready, pid, opts.probes ?? [], started);
        cycleNotes(emit, data, models, untrained);
      } else if (m.type === 'cycle-step') {
        reporter.step(
          m.epoch as number,
          m.batch as number,
          m.step as number,
          m.losses as CycleLosses,
          m.seconds as number,
        );
      } else if (m.type === 'cycle-grid') {
        const cells = takeNpy(folder, m.file as string);
        try {
          const g = translationGridOf(cells, models.range);
          emit({
            type: 'samples',
            epoch: m.epoch as number,
            step: m.step as number,
            grid: g.pixels,
            rows: g.rows,
            columns: g.columns,
          });
        } finally {
          cells.dispose();
        }
      } else if (m.type === 'cycle-epoch') {
        let mae: number | undefined;
        if (typeof m.file === 'string') {
          const made = takeNpy(folder, m.file);
          try {
            mae = translationMae(data, models.range, (idx) => made.slice(idx[0], idx.length));
          } finally {
            made.dispose();
          }
        }
        last = reporter.endEpoch(m.epoch as number, m.seconds as number, m.lr as number, mae);
      }
    });

    const trained = [];
    for (const m of cycleExportModels(models, project.graph))
      trained.push(...(await readTrained(join(folder, 'out', m.name), m)));
    applyNamedWeights(all, trained);
    const metrics = cycleMetrics(last, heldoutTranslationMae(models, data, models.range), untrained);
    const end = { reason: done.reason, backend: 'pytorch' as const, epochsCompleted: done.epochsCompleted, metrics };
    emitDone(emit, reporter.events, end, all, project.graph, models.range);
  } finally {
    grid.dispose();
    for (const m of all) m.dispose();
    await rm(folder, { recursive: true, force: true });
  }
};
