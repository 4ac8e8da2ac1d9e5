/**
 * `deepwire import <model.json|folder> --out project.deepwire [--force] [--json]`:
 * a TF.js model.json (+ shards), a Deepwire Keras export folder (+ .npy
 * weights) or a bare Keras JSON becomes a .deepwire project, weights
 * included when they come along. Exit 0 written, 1 a model Deepwire cannot
 * represent or weights that do not fit it, 2 usage errors and unreadable input.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DeepwireError, type ErrorCode } from '../../shared/errors.js';
import { importModel } from '../services/import-model.js';
import { writeProjectFile } from '../services/project-files.js';
import { type CliIo, parseCommand } from './io.js';
import { asNumbered } from './unexpected.js';

export const HELP = `Usage: deepwire import <model.json | model.onnx | folder> --out <project.deepwire> [options]

Reads a model written elsewhere into a new Deepwire project:
  - a TF.js Layers model.json, with the weight files its manifest names
  - a folder from \`deepwire export --format keras\` (model.json, weights.json,
    weights/**.npy), e.g. after training on in Python
  - a bare Keras JSON (model.to_json()): the architecture without weights
  - a Keras 3 .keras archive: its config.json (the HDF5 weights are not read)
  - an ONNX model (*.onnx, opset 11-21, e.g. torch.onnx.export or
    \`deepwire export --format onnx\`) with its weights, NCHW turned to NHWC;
    operators Deepwire has no layer for are refused by name (DW332)
A folder means its model.json. Weights are checked against the model, name by
name and shape by shape (DW306 unreadable, DW307 not matching); a model.json
whose weight files are all absent imports untrained, with a warning.
Nested models are flattened (each submodel a named frame); a layer or submodel
applied twice is refused (DW311), and so is a model that would not be a valid
project, e.g. one with several outputs (DW312). Anything changed on the way in
(a None time dimension, a stateful RNN, ...) is printed as a warning. The
project starts on a built-in dataset only when its samples fit the model's
input; otherwise its dataset is unset and the shape to choose is printed.

Options:
  --out, -o <file>   the project file to write (required)
  --force            overwrite --out if it exists
  --json             print one JSON object describing the result
  -h, --help         show this help

Exit status: 0 written, 1 model or weights not importable, 2 usage error or unreadable input.`;

interface Options {
  input: string;
  out: string;
  force: boolean;
  json: boolean;
}

function parseArgs(args: string[]): Options | 'help' {
  let input: string | undefined;
  let out: string | undefined;
  let force = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--out' || arg === '-o') {
      out = args[++i];
      if (out === undefined || out.startsWith('--')) throw new DeepwireError('DW801', `${arg} needs a value`);
    } else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg === '--force') force = true;
    else if (arg === '--json') json = true;
    else if (arg.startsWith('-'))
      throw new DeepwireError('DW801', `unknown option '${arg}' for import (see deepwire import --help)`);
    else if (input !== undefined)
      throw new DeepwireError('DW801', `import takes one model, got '${input}' and '${arg}'`);
    else input = arg;
  }
  if (input === undefined)
    throw new DeepwireError(
      'DW801',
      'import needs a model: deepwire import <model.json | folder> --out <project.deepwire>',
    );
  if (out === undefined) throw new DeepwireError('DW801', 'import needs --out <project.deepwire>');
  return { input, out, force, json };
}

/** Input that cannot be read at all exits 2; a model or weights Deepwire cannot take exits 1. */
const BAD_INPUT = (code: ErrorCode) =>
  code.startsWith('DW8') || ['DW205', 'DW301', 'DW306', 'DW308', 'DW310', 'DW330'].includes(code);

/** Which dataset the project starts on, or which one to choose (the unset-dataset state). */
function datasetLine(source: string | undefined, unset: string | undefined): string {
  if (source) return `Dataset: ${source} (its samples fit the model's input)`;
  return `Dataset: unset; ${unset ?? 'choose one that fits the model'}`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  const out = resolve(opts.out);
  if (existsSync(out) && !opts.force) {
    io.err(new DeepwireError('DW801', `${out} exists; pass --force to overwrite it`, out).message);
    return 2;
  }
  try {
    const imported = await importModel(resolve(opts.input));
    await writeProjectFile(out, imported.project);
    for (const w of imported.warnings) io.err(`warning: ${w}`);
    const { project } = imported;
    if (opts.json) {
      io.out(
        JSON.stringify({
          event: 'done',
          out,
          source: imported.source,
          kind: project.kind,
          name: project.name,
          layers: project.graph.nodes.length,
          tensors: imported.tensors,
          warnings: imported.warnings,
          dataset: project.dataset?.source ?? null,
          sample_shape: imported.needs ?? null,
        }),
      );
    } else {
      const weights = imported.tensors > 0 ? `${imported.tensors} weight tensors` : 'no weights';
      io.out(
        `Imported ${imported.modelPath} (${imported.source}): ${project.kind} '${project.name}', ${project.graph.nodes.length} layers, ${weights} -> ${out}`,
      );
      io.out(datasetLine(project.dataset?.source, imported.unsetDataset));
    }
    return 0;
  } catch (caught) {
    const e = asNumbered(caught, `importing ${opts.input}`);
    if (opts.json) io.out(JSON.stringify({ event: 'error', code: e.code, message: e.detail, where: e.where ?? null }));
    io.err(e.message);
    return BAD_INPUT(e.code) ? 2 : 1;
  }
}
