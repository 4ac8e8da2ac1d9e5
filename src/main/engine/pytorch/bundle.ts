/**
 * `deepwire bundle`: a PyTorch run as a folder for a machine without
 * Deepwire (a GPU box, a cluster): the run folder a live run trains from
 * (model.py, initial weights, prepared .npy data, config.json), the runner
 * scripts, `train.py`, a README with the `python3 train.py`, torchrun and
 * Slurm lines, and `out/model.json` so that the trained `out/` is a Keras
 * export folder `deepwire import` reads back.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeKerasModel } from '../../../shared/keras/index.js';
import type { ParsedRunRequest } from '../../../shared/training/protocol.js';
import { mdText } from '../export/escape.js';
import { prepareRun } from './prepare-run.js';
import { PYTHON_DIR } from './python.js';

const SCRIPTS: [string, string][] = [
  ['deepwire_runner.py', 'deepwire_runner.py'],
  ['deepwire_probe.py', 'deepwire_probe.py'],
  ['deepwire_torchrun.py', 'deepwire_torchrun.py'],
  ['deepwire_bundle_train.py', 'train.py'],
  ['deepwire_gpu_check.py', 'gpu_check.py'],
];

export interface BundleSummary {
  folder: string;
  trainSize: number;
  testSize: number;
  epochs: number;
  batchSize: number;
}

function readme(name: string, s: BundleSummary): string {
  return [
    `# ${mdText(name)} — Deepwire run bundle`,
    '',
    `${s.trainSize.toLocaleString('en-US')} training and ${s.testSize.toLocaleString('en-US')} test samples (prepared and normalised as Deepwire does, in \`data/\`),`,
    `${s.epochs} epoch(s) of batches of ${s.batchSize}; the model is \`model.py\` with its initial weights in \`weights/\`.`,
    'Needs Python 3 with torch >= 1.12 and numpy; no Node, no Deepwire.',
    '',
    '```sh',
    'python3 train.py                  # the first GPU, else the CPU',
    'python3 train.py --device cuda:1  # or cpu, cuda, mps; --json prints the engine events',
    '```',
    '',
    'GPU smoke check (trains on `cuda`, prints the device, samples/s and the test accuracy as one JSON line; `--device cpu` to compare):',
    '',
    '```sh',
    'python3 gpu_check.py',
    '```',
    '',
    'Several GPUs of one machine (DistributedDataParallel; nccl on CUDA, gloo on the CPU); the batch above is the global batch:',
    '',
    '```sh',
    'python3 deepwire_torchrun.py --standalone --nproc_per_node=4 deepwire_runner.py .',
    '# torch >= 2: torchrun --standalone --nproc_per_node=4 deepwire_runner.py .',
    '```',
    '',
    'Several machines: the same line on each node, with `--nnodes 2 --node_rank R --rdzv_backend c10d --rdzv_endpoint HOST:29500` instead of `--standalone`. With Slurm:',
    '',
    '```sh',
    '#!/bin/bash',
    '#SBATCH --nodes=2 --ntasks-per-node=1 --gpus-per-node=4 --time=01:00:00',
    'head=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)',
    'srun python3 deepwire_torchrun.py --nnodes "$SLURM_NNODES" --nproc_per_node 4 \\',
    '  --rdzv_backend c10d --rdzv_endpoint "$head:29500" --rdzv_id "$SLURM_JOB_ID" deepwire_runner.py .',
    '```',
    '',
    'Afterwards `out/` holds `model.json`, `weights.json` and `weights/*.npy` (the trained weights in Keras layout) and',
    '`predictions_test.npy`. Bring them back into Deepwire:',
    '',
    '```sh',
    'deepwire import out --out trained.deepwire',
    '```',
    '',
  ].join('\n');
}

/** Writes the bundle of `req` (a PyTorch run request) into `folder`. */
export async function writeBundle(req: ParsedRunRequest, folder: string): Promise<BundleSummary> {
  await mkdir(folder, { recursive: true });
  const prepared = await prepareRun(req, folder);
  try {
    for (const [from, to] of SCRIPTS) await copyFile(join(PYTHON_DIR, from), join(folder, to));
    await mkdir(join(folder, 'out'), { recursive: true });
    const json = writeKerasModel(prepared.exportModel.snap.graph, { style: 'keras3', name: 'model' });
    await writeFile(join(folder, 'out', 'model.json'), JSON.stringify(json, null, 1) + '\n');
    const summary: BundleSummary = {
      folder,
      trainSize: prepared.ds.train.index.length,
      testSize: prepared.ds.test.index.length,
      epochs: prepared.settings.epochs,
      batchSize: prepared.settings.batchSize,
    };
    await writeFile(join(folder, 'README.md'), readme(req.project.name ?? 'Deepwire project', summary));
    return summary;
  } finally {
    prepared.model.dispose();
  }
}
