/**
 * `deepwire translate <cyclegan.deepwire> <images…> --direction a2b|b2a --out DIR [--json]`:
 * applies a trained CycleGAN generator (G for a2b, F for b2a) to PNG/JPEG
 * files and writes one PNG per input. Exit 0 written, 1 failed, 2 usage error
 * or a project that cannot translate (not a CycleGAN, untrained, unreadable).
 */
import { resolve } from 'node:path';
import { DeepwireError, type ErrorCode } from '../../shared/errors.js';
import { DIRECTIONS, translateImages, type Direction } from '../engine/gan/cycle/translate.js';
import { chooseBackend } from '../engine/train/backend.js';
import { readProjectFile } from '../services/project-files.js';
import { type CliIo, commandFailed, parseCommand, walkArgs } from './io.js';

export const HELP = `Usage: deepwire translate <cyclegan.deepwire> <image>… --out <folder> [options]

Translates image files with a trained CycleGAN: each PNG/JPEG is resized to
the generator's input (grey or RGB as it takes), translated, and written as
<name>.png in the output folder.

Options:
  --direction, -d <a2b|b2a>  a2b: generator G (A → B, default); b2a: generator F (B → A)
  --out, -o <folder>         where the PNGs go (created if missing; required)
  --json                     print one JSON object with what was written
  -h, --help                 show this help

Exit status: 0 written, 1 failed, 2 usage error or a project that cannot translate.`;

interface Options {
  project: string;
  images: string[];
  direction: Direction;
  out: string;
  json: boolean;
}

function parseArgs(args: string[]): Options | 'help' {
  const positional: string[] = [];
  let direction = 'a2b';
  let out: string | undefined;
  let json = false;
  const help = walkArgs(args, (arg, value) => {
    if (arg === '--direction' || arg === '-d') direction = value();
    else if (arg === '--out' || arg === '-o') out = value();
    else if (arg === '--json') json = true;
    else if (arg.startsWith('-'))
      throw new DeepwireError('DW801', `unknown option '${arg}' for translate (see deepwire translate --help)`);
    else positional.push(arg);
  });
  if (help) return help;
  const [project, ...images] = positional;
  if (project === undefined)
    throw new DeepwireError(
      'DW801',
      'translate needs a trained CycleGAN project: deepwire translate <cyclegan.deepwire> <image>… --out DIR',
    );
  if (images.length === 0)
    throw new DeepwireError('DW801', 'translate needs at least one PNG or JPEG image after the project');
  if (!(DIRECTIONS as readonly string[]).includes(direction))
    throw new DeepwireError('DW801', `--direction must be a2b or b2a, got '${direction}'`);
  if (out === undefined) throw new DeepwireError('DW801', 'translate needs --out <folder>');
  return { project, images, direction: direction as Direction, out, json };
}

/** The project, an input or the command line is at fault: exit 2; a failed write: 1. */
const BAD_INPUT = (code: ErrorCode) =>
  code.startsWith('DW2') ||
  code.startsWith('DW4') ||
  code.startsWith('DW8') ||
  ['DW508', 'DW504', 'DW126', 'DW129'].includes(code);

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  try {
    await chooseBackend('auto');
    const started = performance.now();
    const { project } = await readProjectFile(resolve(opts.project));
    const done = await translateImages(
      project,
      opts.images.map((f) => resolve(f)),
      opts.direction,
      resolve(opts.out),
    );
    const seconds = (performance.now() - started) / 1000;
    if (opts.json)
      io.out(JSON.stringify({ event: 'done', direction: opts.direction, count: done.length, files: done, seconds }));
    else {
      io.out(
        `Translated ${done.length} image${done.length === 1 ? '' : 's'} (${opts.direction}) in ${seconds.toFixed(1)} s -> ${resolve(opts.out)}`,
      );
      for (const d of done.slice(0, 12)) io.out(`  ${d.output}`);
    }
    return 0;
  } catch (e) {
    return commandFailed(e, opts.json, io, BAD_INPUT);
  }
}
