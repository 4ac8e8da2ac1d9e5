/**
 * `deepwire bundle <project> --out DIR`: a PyTorch run for a machine without
 * Deepwire — the model code, the runner and `train.py`, the prepared dataset
 * as .npy, the config and the initial weights, and a README with the
 * `python3 train.py`, torchrun and Slurm lines (src/main/engine/pytorch/bundle.ts).
 * Exit 0 written, 1 when it could not be prepared, 2 for usage errors and
 * unreadable projects or data.
 */
import { resolve } from 'node:path';
import { DeepwireError } from '../../shared/errors.js';
import { TORCH_DEVICE_PATTERN, TORCH_DEVICES_HELP } from '../../shared/training/backend.js';
import { runRequestSchema, type RunOverrides } from '../../shared/training/protocol.js';
import { writeBundle } from '../engine/pytorch/bundle.js';
import { readProjectFile, resolveDatasetPaths } from '../services/project-files.js';
import { type CliIo, commandFailed, parseCommand, projectArg, walkArgs, wholeNumber } from './io.js';
import { defaultCacheDir } from './train.js';

export const HELP = `Usage: deepwire bundle <project.deepwire> --out <folder> [options]

Writes a folder that trains the project with PyTorch where Deepwire is not
installed (Python 3 + torch + numpy): model.py, the initial weights, the
prepared dataset as .npy, config.json, train.py and a README with the
torchrun and Slurm lines. Its trained out/ folder imports back with
\`deepwire import out --out trained.deepwire\`.

Options:
  --out, -o <folder>   the folder to write into, created if missing (required)
  --epochs N           epochs (default: the project's setting)
  --limit N            train on the first N training samples
  --batch-size N       the global batch (default: the project's setting)
  --device D           ${TORCH_DEVICES_HELP} (default auto: the first GPU, else the CPU)
  --cache-dir DIR      where parsed datasets are cached
  --json               print one JSON object with what was written
  -h, --help           show this help

Exit status: 0 written, 1 failed, 2 usage error or unreadable project or data.`;

interface Options {
  project: string;
  out: string;
  overrides: RunOverrides;
  device: string;
  cacheDir: string;
  json: boolean;
}

function parseArgs(args: string[]): Options | 'help' {
  const o: Partial<Options> & { overrides: RunOverrides } = { overrides: {}, device: 'auto', json: false };
  const help = walkArgs(args, (flag, value) => {
    if (flag === '--out' || flag === '-o') o.out = value();
    else if (flag === '--epochs') o.overrides.epochs = wholeNumber(flag, value(), 1);
    else if (flag === '--limit') o.overrides.limit = wholeNumber(flag, value(), 1);
    else if (flag === '--batch-size') o.overrides.batchSize = wholeNumber(flag, value(), 1);
    else if (flag === '--device') {
      o.device = value();
      if (!TORCH_DEVICE_PATTERN.test(o.device))
        throw new DeepwireError('DW801', `--device must be ${TORCH_DEVICES_HELP}, got '${o.device}'`, 'bundle');
    } else if (flag === '--cache-dir') o.cacheDir = value();
    else if (flag === '--json') o.json = true;
    else o.project = projectArg('bundle', o.project, flag);
  });
  if (help) return help;
  if (o.project === undefined)
    throw new DeepwireError(
      'DW801',
      'bundle needs a project: deepwire bundle <project.deepwire> --out <folder>',
      'bundle',
    );
  if (!o.out) throw new DeepwireError('DW801', 'bundle needs --out <folder>', 'bundle');
  return { ...o, project: o.project, out: o.out, cacheDir: o.cacheDir ?? defaultCacheDir() } as Options;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  const out = resolve(opts.out);
  try {
    const projectPath = resolve(opts.project);
    const { project } = await readProjectFile(projectPath);
    if (!project.dataset)
      throw new DeepwireError(
        'DW401',
        `${opts.project} has no dataset: pick one in the studio (Training → Dataset) first`,
        'dataset',
      );
    const req = runRequestSchema.parse({
      runId: 'bundle',
      project: {
        kind: project.kind,
        name: project.name,
        graph: project.graph,
        dataset: resolveDatasetPaths(project.dataset, projectPath),
        training: project.training,
        gan: project.gan,
      },
      backend: 'pytorch',
      device: opts.device,
      overrides: opts.overrides,
      cacheDir: opts.cacheDir,
    });
    const s = await writeBundle(req, out);
    if (opts.json)
      io.out(
        JSON.stringify({
          event: 'done',
          out,
          trainSize: s.trainSize,
          testSize: s.testSize,
          epochs: s.epochs,
          batchSize: s.batchSize,
        }),
      );
    else {
      io.out(
        `Bundle written to ${out}: ${s.trainSize} training and ${s.testSize} test samples, ${s.epochs} epoch(s) of ${s.batchSize}.`,
      );
      io.out(`Train it with: cd ${out} && python3 train.py   (see README.md for torchrun and Slurm)`);
    }
    return 0;
  } catch (e) {
    return commandFailed(e, opts.json, io, (code) => /^DW[248]/.test(code));
  }
}
