/**
 * `deepwire generate <trained gan project> --count N --out DIR [--format png|idx] [--seed S] [--json]`:
 * N samples of a trained GAN as a dataset (issue #13): a folder of PNGs per
 * class for a conditional GAN, or IDX files (images, plus labels when
 * conditional). Exit 0 written, 1 generation failed, 2 usage error or a
 * project that cannot generate (not a GAN, untrained, unreadable).
 */
import { DeepwireError, type ErrorCode } from '../../shared/errors.js';
import { GENERATED_FORMATS, type GeneratedFormat } from '../engine/gan/write-generated.js';
import { chooseBackend } from '../engine/train/backend.js';
import { generateDataset } from '../services/generate-dataset.js';
import { type CliIo, commandFailed, parseCommand, projectArg, walkArgs, wholeNumber } from './io.js';

export const HELP = `Usage: deepwire generate <gan.deepwire> --count <N> --out <folder> [options]

Writes N samples of a trained GAN as a dataset any project can train on.
A conditional GAN (class-label inputs) makes N/K samples of each of its K
classes: --format png writes one subfolder per class (an image-folder
dataset), --format idx writes images.idx and labels.idx (an idx dataset).
An unconditional GAN writes the images alone.

Options:
  --count, -n <N>        number of samples (required)
  --out, -o <folder>     a new or empty folder to write (required)
  --format, -f <format>  png (default) or idx
  --seed <S>             seed of the latent vectors (default: the project's)
  --json                 print one JSON object with what was written
  -h, --help             show this help

Exit status: 0 written, 1 failed, 2 usage error or a project that cannot generate.`;

interface Options {
  project: string;
  count: number;
  out: string;
  format: GeneratedFormat;
  seed?: number;
  json: boolean;
}

const MAX_COUNT = 1_000_000;

function parseArgs(args: string[]): Options | 'help' {
  let project: string | undefined;
  let count: number | undefined;
  let out: string | undefined;
  let format: string = 'png';
  let seed: number | undefined;
  let json = false;
  const help = walkArgs(args, (arg, value) => {
    if (arg === '--count' || arg === '-n') count = wholeNumber(arg, value(), 1, MAX_COUNT);
    else if (arg === '--out' || arg === '-o') out = value();
    else if (arg === '--format' || arg === '-f') format = value();
    else if (arg === '--seed') seed = wholeNumber(arg, value(), 0, MAX_COUNT);
    else if (arg === '--json') json = true;
    else project = projectArg('generate', project, arg);
  });
  if (help) return help;
  if (project === undefined)
    throw new DeepwireError(
      'DW801',
      'generate needs a trained GAN project: deepwire generate <gan.deepwire> --count N --out DIR',
    );
  if (count === undefined) throw new DeepwireError('DW801', 'generate needs --count <N>');
  if (out === undefined) throw new DeepwireError('DW801', 'generate needs --out <folder>');
  if (!(GENERATED_FORMATS as readonly string[]).includes(format)) {
    throw new DeepwireError('DW801', `--format must be ${GENERATED_FORMATS.join(' or ')}, got '${format}'`);
  }
  return { project, count, out, format: format as GeneratedFormat, ...(seed !== undefined ? { seed } : {}), json };
}

/** The project or the command line is at fault: exit 2; a failed write: 1. */
const BAD_INPUT = (code: ErrorCode) =>
  code.startsWith('DW2') || code.startsWith('DW8') || ['DW508', 'DW703', 'DW504'].includes(code);

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  try {
    await chooseBackend('auto');
    const r = await generateDataset({
      projectPath: opts.project,
      count: opts.count,
      out: opts.out,
      format: opts.format,
      seed: opts.seed,
    });
    if (opts.json) io.out(JSON.stringify({ event: 'done', ...r }));
    else {
      const [lo, hi] = r.classes ? [Math.floor(r.count / r.classes), Math.ceil(r.count / r.classes)] : [0, 0];
      const per = r.classes ? ` (${lo === hi ? lo : `${lo}–${hi}`} per class, ${r.classes} classes)` : '';
      io.out(`Generated ${r.count} samples${per} as ${r.format} in ${r.seconds.toFixed(1)} s -> ${r.out}`);
      for (const f of r.files.slice(0, 12)) io.out(`  ${f}`);
      if (r.dataset) io.out(`Use it as a dataset: ${JSON.stringify(r.dataset)}`);
    }
    return 0;
  } catch (e) {
    return commandFailed(e, opts.json, io, BAD_INPUT);
  }
}
