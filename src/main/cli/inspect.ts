/**
 * `deepwire inspect <project> --sample N | --image FILE --out DIR [--cache-dir DIR] [--json]`:
 * writes what a trained image classifier does with test sample N, or with an
 * image file of one's own, as PNG files: the input, every layer's output, the first convolution's filters,
 * saliency, Grad-CAM, a 2-D PCA or UMAP embedding of the test set and, for
 * recurrent models, each recurrent layer's hidden state over time.
 */
import { basename, join, resolve } from 'node:path';
import { EMBEDDING_METHODS, type EmbeddingMethod } from '../../shared/api/inspect.js';
import { DeepwireError } from '../../shared/errors.js';
import { initBackend } from '../engine/backend/select.js';
import { readImageFile } from '../engine/datasets/image-folder.js';
import { writePng } from '../engine/images/png.js';
import { inspectNetwork, type InspectSubject } from '../engine/inspect/index.js';
import { interpolateLatent } from '../engine/inspect/latent.js';
import type { Project } from '../../shared/project/index.js';
import { readProjectFile, resolveDatasetPaths } from '../services/project-files.js';
import { type CliIo, commandFailed, parseCommand, projectArg, walkArgs, wholeNumber } from './io.js';
import { defaultCacheDir } from './train.js';

export const HELP = `Usage: deepwire inspect <project.deepwire> [--sample N | --image FILE] --out <folder> [options]

Shows inside a trained image classifier for test sample N (0-based), or for
an image file of your own, as PNG files in the folder:
  input.png            the sample, or the image as the model sees it
  layers/NN-<name>.png every layer's output: feature maps as a grid (one tile
                       per channel, each scaled to its own range), other
                       outputs as a histogram of their values
  filters-<conv>.png   the first convolution's learned filters
  saliency.png         |gradient of the predicted class| × |input|, over the input
  gradcam.png          Grad-CAM of the predicted class on the last feature maps
  embedding-<method>.png  500 test samples at the layer before the output,
                       projected to 2-D (PCA or UMAP), coloured by class;
                       with --image and PCA, your image as a black square
  embedding-samples.png  those samples' images, 25 a row
  hidden-state-<layer>.png  recurrent models (samples of steps × features):
                       each SimpleRNN/LSTM/GRU layer's output at every time
                       step, units (rows) × steps (columns), blue negative,
                       red positive

Options:
  --sample N           the test sample (default 0)
  --image FILE         a PNG or JPEG file to inspect instead of a test sample:
                       resized to the model's input (grey or RGB as it takes)
                       and scaled as the dataset's images are for training
  --out, -o <folder>   where to write the PNG files (required)
  --samples N          test samples in the embedding plot (default 500)
  --embedding pca|umap how the embedding is projected to 2-D (default pca;
                       umap is seeded by the project's training seed)
  --cache-dir DIR      where parsed datasets are cached (default ~/.cache/deepwire/datasets)
  --json               print one JSON object (prediction, layers, files)
  -h, --help           show this help

For a trained GAN it writes latent-interpolation.png instead: the
generator's images along the straight line between two seeded noise vectors.
  --steps N            images in the strip, both ends included (default 10)
  --label N            conditional GANs: the class of every image (default 0)

Exit status: 0 written, 1 not a trained image classifier (DW530) or GAN
(DW626), 2 usage error (--sample with --image: DW826), unreadable project, a
sample outside the test set (DW531), or an image file that cannot be read
(DW412), is too large (DW411) or does not decode (DW402).`;

interface Options {
  project: string;
  sample: number;
  /** An image file to inspect instead of a test sample. */
  image?: string;
  out: string;
  embeddingSamples: number;
  embeddingMethod: EmbeddingMethod;
  cacheDir: string;
  json: boolean;
  /** GANs: images in the latent interpolation strip, and the class of a conditional GAN. */
  steps: number;
  label: number;
}

function embeddingMethod(v: string): EmbeddingMethod {
  const m = EMBEDDING_METHODS.find((x) => x === v);
  if (!m) throw new DeepwireError('DW801', `--embedding must be one of ${EMBEDDING_METHODS.join(', ')}, got '${v}'`);
  return m;
}

function parseArgs(args: string[]): Options | 'help' {
  const o: Partial<Options> = {
    sample: 0,
    embeddingSamples: 500,
    embeddingMethod: 'pca',
    json: false,
    steps: 10,
    label: 0,
  };
  let project: string | undefined;
  let sampleGiven = false;
  const help = walkArgs(args, (arg, value) => {
    if (arg === '--sample') {
      o.sample = wholeNumber(arg, value(), 0);
      sampleGiven = true;
    } else if (arg === '--image') o.image = value();
    else if (arg === '--samples') o.embeddingSamples = wholeNumber(arg, value(), 2);
    else if (arg === '--embedding') o.embeddingMethod = embeddingMethod(value());
    else if (arg === '--out' || arg === '-o') o.out = value();
    else if (arg === '--steps') o.steps = wholeNumber(arg, value(), 2, 100);
    else if (arg === '--label') o.label = wholeNumber(arg, value(), 0);
    else if (arg === '--cache-dir') o.cacheDir = value();
    else if (arg === '--json') o.json = true;
    else project = projectArg('inspect', project, arg);
  });
  if (help) return help;
  if (project === undefined)
    throw new DeepwireError(
      'DW801',
      'inspect needs a project: deepwire inspect <project.deepwire> --sample N --out <folder>',
    );
  if (o.out === undefined) throw new DeepwireError('DW801', 'inspect needs --out <folder> for the PNG files');
  if (sampleGiven && o.image !== undefined)
    throw new DeepwireError(
      'DW826',
      `inspect takes --sample N or --image FILE, not both (got --sample ${o.sample} and --image ${o.image})`,
      '--image',
    );
  return { ...o, project, cacheDir: o.cacheDir ?? defaultCacheDir() } as Options;
}

/** A GAN: the generator's images between two noise vectors, as one PNG strip. */
async function writeInterpolation(project: Project, opts: Options, out: string, started: number, io: CliIo) {
  const strip = interpolateLatent(project, { steps: opts.steps, label: opts.label });
  const file = join(out, 'latent-interpolation.png');
  await writePng(file, strip.pixels);
  const seconds = (performance.now() - started) / 1000;
  const { width, height } = strip.pixels;
  if (opts.json)
    io.out(
      JSON.stringify({
        event: 'done',
        steps: strip.steps,
        latentSize: strip.latentSize,
        files: [{ file, width, height }],
        seconds,
      }),
    );
  else
    io.out(
      `latent-interpolation.png ${width}×${height}  ${strip.steps} images between two noise vectors (${strip.latentSize} values) written to ${out} in ${seconds.toFixed(1)} s`,
    );
  return 0;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  const path = resolve(opts.project);
  const out = resolve(opts.out);
  try {
    const { project } = await readProjectFile(path);
    const started = performance.now();
    // The fastest TF.js backend here (wasm with the kernel pack on a CPU), as training picks it.
    await initBackend('auto');
    if (project.kind === 'gan') {
      if (opts.image !== undefined)
        throw new DeepwireError(
          'DW801',
          `--image inspects a classifier; ${basename(path)} is a GAN, whose inspection is the latent interpolation (--steps, --label)`,
          '--image',
        );
      return writeInterpolation(project, opts, out, started, io);
    }
    const dataset = project.dataset ? resolveDatasetPaths(project.dataset, path) : undefined;
    const subject: InspectSubject = opts.image
      ? { image: { name: basename(opts.image), bytes: await readImageFile(resolve(opts.image)) } }
      : { sample: opts.sample };
    const result = await inspectNetwork(
      { ...project, dataset },
      {
        ...subject,
        cacheDir: opts.cacheDir,
        embeddingSamples: opts.embeddingSamples,
        embeddingMethod: opts.embeddingMethod,
      },
    );
    const files: string[] = [];
    for (const p of result.pictures) {
      const file = join(out, p.file);
      await writePng(file, p.pixels);
      files.push(file);
    }
    const seconds = (performance.now() - started) / 1000;
    const name = (i: number) => result.classes[i] ?? String(i);
    if (opts.json) {
      const { pictures, ...rest } = result;
      io.out(
        JSON.stringify({
          event: 'done',
          ...rest,
          files: pictures.map((p, i) => ({
            file: files[i],
            caption: p.caption,
            width: p.pixels.width,
            height: p.pixels.height,
          })),
          seconds,
        }),
      );
      return 0;
    }
    const p = `predicted ${name(result.predicted)} (p = ${result.probabilities[result.predicted].toFixed(3)})`;
    if (result.image) io.out(`Your image ${result.image.name} (${result.image.width}×${result.image.height}): ${p}`);
    else io.out(`Test sample ${result.sample}: label ${result.label === null ? '?' : name(result.label)}, ${p}`);
    for (const p of result.pictures)
      io.out(`  ${p.file.padEnd(28)} ${p.pixels.width}×${p.pixels.height}  ${p.caption}`);
    for (const n of result.notes) io.out(`note: ${n}`);
    io.out(`${files.length} PNG files written to ${out} in ${seconds.toFixed(1)} s`);
    return 0;
  } catch (e) {
    // Bad input (the command line, the project, the dataset, the sample number) is 2; a model that cannot be inspected 1.
    return commandFailed(e, opts.json, io, (code) => code === 'DW531' || code === 'DW627' || /^DW[248]/.test(code));
  }
}
