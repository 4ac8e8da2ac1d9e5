/**
 * Inside a trained image classifier, for one test sample or an image file
 * (decoded, resized and scaled as the dataset's images are): every layer's
 * output (feature maps as grids, other outputs as histograms), the first
 * convolution's filters, a saliency map (|∂p/∂x| × x) and Grad-CAM for the
 * predicted class, and the test set's penultimate-layer activations in 2-D
 * (PCA) coloured by class; for recurrent models each recurrent layer's hidden
 * state over time (hidden.ts). Pictures come back as pixels; the CLI writes PNGs.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { Project } from '../../../shared/project/schema.js';
import type { Pixels } from '../../../shared/training/protocol.js';
import { compileGraph } from '../compile/compile.js';
import { imageSample } from '../datasets/images.js';
import { loadDataset } from '../datasets/load.js';
import { gather, normalizeInPlace, type PreparedDataset } from '../datasets/prepare.js';
import { tileGrid } from '../images/grid.js';
import { applyWeightsBlob } from '../weights.js';
import { enlarge, heatOverlay, histogram, normalize, scatterPlot, safeName } from './draw.js';
import { graphRevision } from '../../../shared/project/revision.js';
import { type EmbeddingMethod, embed2d } from './embedding.js';
import { type HiddenState, hiddenStates } from './hidden.js';

/** An image file to inspect instead of a test sample: its name (for messages) and bytes (PNG or JPEG). */
export interface ImageFile {
  name: string;
  bytes: Uint8Array;
}

/** What is inspected: a test sample (an index into the test split, 0-based) or an image file. */
export type InspectSubject = { sample: number; image?: undefined } | { image: ImageFile; sample?: undefined };

export type InspectOptions = InspectSubject & {
  cacheDir?: string;
  /** Test samples projected for the embedding plot (default 500). */
  embeddingSamples?: number;
  /** How the embedding is projected to 2-D (default PCA); UMAP is seeded by the project's training seed. */
  embeddingMethod?: EmbeddingMethod;
};

export interface InspectPicture {
  /** Relative file name, e.g. `layers/02-conv2d.png`. */
  file: string;
  /** What the picture shows, for a caption. */
  caption: string;
  pixels: Pixels;
}

export interface LayerView {
  name: string;
  className: string;
  /** Output shape without the batch axis. */
  shape: number[];
  view: 'feature-maps' | 'histogram';
  file: string;
  /** Histograms: the value range on the x axis. */
  range?: [number, number];
}

/** The test set at the layer before the output, in 2-D: what the studio's scatter plot draws. */
export interface InspectEmbedding {
  method: EmbeddingMethod;
  /** The layer whose activations are projected, and how many values it has per sample. */
  layer: string;
  dimensions: number;
  /** One [x, y] per projected test sample (samples 0..n-1 of the test split). */
  points: [number, number][];
  labels: number[];
  /** The projected samples' images tiled in one picture (`pictures[].file`), sample i at column i % columns. */
  thumbnails: { file: string; tileWidth: number; tileHeight: number; columns: number };
  /** An inspected image file's own point in the same plane (PCA only). */
  inspected?: [number, number];
}

export interface InspectResult {
  /** Null for an image file. */
  sample: number | null;
  /** An image file: its name and its own size (before it was resized to the model's input). */
  image?: { name: string; width: number; height: number };
  classes: string[];
  /** The test sample's class; an image file has none (null). */
  label: number | null;
  predicted: number;
  probabilities: number[];
  layers: LayerView[];
  pictures: InspectPicture[];
  embedding?: InspectEmbedding;
  /** Recurrent models: each recurrent layer's output at every time step. */
  hiddenStates?: HiddenState[];
  /** What could not be drawn and why (e.g. Grad-CAM of a branching model). */
  notes: string[];
}

/** Feature maps wider than this many channels show the first ones only. */
const MAX_CHANNELS = 64;
/** Columns of the embedding's thumbnail picture. */
const THUMB_COLUMNS = 25;
/** Small inputs and maps are enlarged to at least this many pixels a side. */
const MIN_SIDE = 112;

type Layer = tf.layers.Layer;

/** The layers feeding `layer` (its first inbound node). */
const inbound = (layer: Layer): Layer[] => (layer.inboundNodes[0]?.inboundLayers ?? []) as Layer[];

/** Channel-major grid of an H×W×C activation, each channel scaled to its own range. */
function featureMapGrid(values: Float32Array, h: number, w: number, c: number): Pixels {
  const shown = Math.min(c, MAX_CHANNELS);
  const data = new Float32Array(shown * h * w);
  for (let ch = 0; ch < shown; ch++) {
    const plane = new Float32Array(h * w);
    for (let i = 0; i < h * w; i++) plane[i] = values[i * c + ch];
    data.set(normalize(plane), ch * h * w);
  }
  const factor = Math.max(1, Math.floor(28 / Math.max(h, w)));
  const grid = tileGrid({ data, count: shown, height: h, width: w, channels: 1 }, { gutter: 1 });
  return enlarge(grid.pixels, factor);
}

/** One image per output filter of a Conv2D kernel [kh, kw, in, out]: RGB for 3 inputs, else the mean over inputs. */
function filterGrid(kernel: Float32Array, [kh, kw, cin, cout]: number[]): Pixels {
  const channels = cin === 3 ? 3 : 1;
  const data = new Float32Array(cout * kh * kw * channels);
  for (let o = 0; o < cout; o++) {
    const one = new Float32Array(kh * kw * channels);
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) {
        for (let i = 0; i < cin; i++) {
          const v = kernel[((y * kw + x) * cin + i) * cout + o];
          if (channels === 3) one[(y * kw + x) * 3 + i] = v;
          else one[y * kw + x] += v / cin;
        }
      }
    }
    data.set(normalize(one), o * one.length);
  }
  const grid = tileGrid({ data, count: cout, height: kh, width: kw, channels }, { gutter: 1, background: 128 });
  return enlarge(grid.pixels, 8);
}

function greyOf(x: Float32Array, h: number, w: number, c: number): Float32Array {
  const grey = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += x[i * c + k];
    grey[i] = s / c;
  }
  return normalize(grey);
}

function inputPicture(x: Float32Array, h: number, w: number, c: number): Pixels {
  const n = normalize(x);
  return {
    width: w,
    height: h,
    channels: c === 3 ? 3 : 1,
    data: Array.from(c === 3 ? n : greyOf(x, h, w, c), (v) => Math.round(v * 255)),
  };
}

/** Layers after `target` when the model is a plain chain from it to the output; null when it branches. */
function chainAfter(model: tf.LayersModel, target: Layer): Layer[] | null {
  const layers = model.layers as Layer[];
  const at = layers.indexOf(target);
  const head = layers.slice(at + 1);
  let previous = target;
  for (const l of head) {
    const from = inbound(l);
    if (from.length !== 1 || from[0] !== previous) return null;
    previous = l;
  }
  return previous === (model.outputLayers[0] as Layer) ? head : null;
}

function checkProject(
  project: Project,
): asserts project is Project & { weights: NonNullable<Project['weights']>; dataset: NonNullable<Project['dataset']> } {
  if (project.kind !== 'classifier') {
    throw new DeepwireError(
      'DW530',
      `'${project.name}' is a ${project.kind}; only classifiers can be inspected`,
      project.name,
    );
  }
  if (!project.weights) throw new DeepwireError('DW530', `'${project.name}' has no trained weights`, project.name);
  if (!project.dataset)
    throw new DeepwireError('DW530', `'${project.name}' has no dataset to take a test sample from`, project.name);
}

/** A sample as an H×W×C picture: a sequence (steps × features) is drawn as a one-channel image. */
function pictureShape(ds: PreparedDataset): [number, number, number] {
  const [h, w, c = 1] = ds.raw.sampleShape;
  return [h, w, c];
}

/** A model with its trained weights and its dataset, kept for the next request on the same project. */
interface Loaded {
  key: string;
  model: tf.LayersModel;
  ds: PreparedDataset;
  /** Embeddings by `method:samples:seed`: stepping through samples reuses them. */
  embeddings: Map<string, Embedded>;
}

/** The last project inspected: the studio asks again and again for the next sample of the same model. */
let loaded: Loaded | null = null;

/** Same graph, same weights, same dataset settings and cache: the same loaded model and data. */
function loadKey(project: Project & { weights: NonNullable<Project['weights']> }, cacheDir?: string): string {
  const w = project.weights;
  return JSON.stringify([graphRevision(project.graph), w.graphRevision, w.crc32, project.dataset, cacheDir ?? null]);
}

async function load(
  project: Project & { weights: NonNullable<Project['weights']>; dataset: NonNullable<Project['dataset']> },
  cacheDir?: string,
): Promise<Loaded> {
  const key = loadKey(project, cacheDir);
  if (loaded?.key === key) return loaded;
  const ds = await loadDataset(project.dataset, { kind: project.kind, cacheDir });
  const shape = ds.raw.sampleShape;
  const image = shape.length === 3 && (shape[2] === 1 || shape[2] === 3);
  if (ds.raw.task !== 'classification' || !(image || shape.length === 2)) {
    throw new DeepwireError(
      'DW530',
      `'${project.name}' takes samples of shape [${shape.join(', ')}]; inspection needs images (H×W×1 or H×W×3) ` +
        'or sequences (steps × features)',
      'dataset',
    );
  }
  // Another request may have loaded it while the dataset was read.
  if (loaded?.key === key) return loaded;
  const { model } = compileGraph(project.graph, {
    projectKind: project.kind,
    seed: project.training.seed,
    sampleShape: shape,
  });
  try {
    applyWeightsBlob([model], project.weights, project.graph);
  } catch (e) {
    model.dispose();
    throw e;
  }
  loaded?.model.dispose();
  loaded = { key, model, ds, embeddings: new Map() };
  return loaded;
}

/** Frees the model kept for the next request (tests, and a studio closing). */
export function releaseInspected(): void {
  loaded?.model.dispose();
  loaded = null;
}

/** The model's input for what is inspected, normalised as training saw it. */
interface Input {
  x: Float32Array;
  caption: string;
  sample: number | null;
  label: number | null;
  image?: { name: string; width: number; height: number };
}

function testSample({ ds }: Loaded, sample: number): Input {
  const testSize = ds.test.index.length;
  if (!Number.isInteger(sample) || sample < 0 || sample >= testSize) {
    throw new DeepwireError(
      'DW531',
      `sample ${sample} is not in the test set (samples 0–${testSize - 1})`,
      String(sample),
    );
  }
  const batch = gather(ds, ds.test, null, sample, sample + 1);
  return { x: batch.x, caption: `test sample ${sample}`, sample, label: batch.y[0] };
}

/** An image file as the dataset pipeline makes a sample of an image folder: decoded, resized, grey or RGB, scaled. */
function imageInput({ ds }: Loaded, file: ImageFile, project: string): Input {
  const [h, w, c] = ds.raw.sampleShape;
  if (ds.raw.sampleShape.length !== 3 || (c !== 1 && c !== 3)) {
    throw new DeepwireError(
      'DW530',
      `'${project}' takes samples of shape [${ds.raw.sampleShape.join(', ')}], not images (H×W×1 or H×W×3): ` +
        'pick a test sample to inspect instead of an image file',
      file.name,
    );
  }
  const { pixels, width, height } = imageSample(file.bytes, file.name, [h, w, c]);
  const x = Float32Array.from(pixels);
  normalizeInPlace(ds.norm, x);
  return {
    x,
    caption: `your image ${file.name} (${width}×${height}, resized to ${w}×${h})`,
    sample: null,
    label: null,
    image: { name: file.name, width, height },
  };
}

/** Inspects `project` (its dataset paths already absolute) for a test sample or an image file. */
export async function inspectNetwork(project: Project, opts: InspectOptions): Promise<InspectResult> {
  checkProject(project);
  const cache = await load(project, opts.cacheDir);
  const input = opts.image ? imageInput(cache, opts.image, project.name) : testSample(cache, opts.sample);
  // A scope rather than tf.tidy: the result is plain data, and every tensor made on the way is freed.
  tf.engine().startScope();
  try {
    return inspectModel(cache, input, { seed: project.training.seed, ...opts });
  } finally {
    tf.engine().endScope();
  }
}

interface Embedded {
  embedding?: InspectEmbedding;
  pictures: InspectPicture[];
  /** The model up to the embedded layer, and where one more activation lands (PCA): for an image file's point. */
  layer?: tf.LayersModel;
  place?: (row: Float32Array) => [number, number];
  /** The scatter's points (n × 2) and classes, to draw it again with an image file's point. */
  points?: Float32Array;
}

function embedTestSet(
  model: tf.LayersModel,
  ds: PreparedDataset,
  n: number,
  method: EmbeddingMethod,
  seed?: number,
): Embedded {
  const [h, w, c] = pictureShape(ds);
  const outputLayer = model.outputLayers[0] as Layer;
  const penultimate = inbound(outputLayer)[0];
  if (!penultimate || penultimate.getClassName() === 'InputLayer') return { pictures: [] };
  const embed = tf.model({ inputs: model.inputs, outputs: penultimate.output as tf.SymbolicTensor });
  const test = gather(ds, ds.test, null, 0, n);
  const e = (embed.predict(tf.tensor(test.x, [n, ...ds.raw.sampleShape])) as tf.Tensor).reshape([n, -1]);
  const d = e.shape[1]!;
  const { points, place } = embed2d(e.dataSync() as Float32Array, n, d, method, seed);
  const sprite = tileGrid(
    { data: normalize(test.x), count: n, height: h, width: w, channels: c === 3 ? 3 : 1 },
    { gutter: 0, columns: THUMB_COLUMNS },
  );
  const thumbnails = 'embedding-samples.png';
  return {
    layer: embed,
    points,
    ...(place ? { place } : {}),
    pictures: [
      {
        file: `embedding-${method}.png`,
        caption: `${n} test samples at ${penultimate.name} (${d} values), ${method.toUpperCase()} to 2-D, coloured by class`,
        pixels: scatterPlot(points, test.y),
      },
      { file: thumbnails, caption: `the ${n} embedded test samples`, pixels: sprite.pixels },
    ],
    embedding: {
      method,
      layer: penultimate.name,
      dimensions: d,
      points: Array.from({ length: n }, (_, i) => [points[i * 2], points[i * 2 + 1]]),
      labels: Array.from(test.y),
      thumbnails: { file: thumbnails, tileWidth: w, tileHeight: h, columns: sprite.columns },
    },
  };
}

function inspectModel(
  cache: Loaded,
  input: Input,
  opts: { embeddingSamples?: number; embeddingMethod?: EmbeddingMethod; seed?: number },
): InspectResult {
  const { model, ds } = cache;
  const [h, w, c] = pictureShape(ds);
  const x = tf.tensor(input.x, [1, ...ds.raw.sampleShape]);
  const pictures: InspectPicture[] = [];
  const notes: string[] = [];
  const enlargeBy = Math.max(1, Math.floor(MIN_SIDE / Math.max(h, w)));
  pictures.push({ file: 'input.png', caption: input.caption, pixels: inputPicture(input.x, h, w, c) });

  // Every layer's output for this sample.
  const layers = (model.layers as Layer[]).filter((l) => l.getClassName() !== 'InputLayer');
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
  const outs = probe.predict(x) as tf.Tensor | tf.Tensor[];
  const outputs = Array.isArray(outs) ? outs : [outs];
  const views: LayerView[] = [];
  layers.forEach((layer, i) => {
    const t = outputs[i];
    const values = t.dataSync() as Float32Array;
    const file = `layers/${String(i + 1).padStart(2, '0')}-${safeName(layer.name)}.png`;
    const base = { name: layer.name, className: layer.getClassName(), shape: t.shape.slice(1), file };
    if (t.rank === 4) {
      const [, lh, lw, lc] = t.shape;
      pictures.push({
        file,
        caption: `${layer.name}: ${Math.min(lc, MAX_CHANNELS)} of ${lc} feature maps (${lh}×${lw})`,
        pixels: featureMapGrid(values, lh, lw, lc),
      });
      views.push({ ...base, view: 'feature-maps' });
    } else {
      const hist = histogram(values);
      pictures.push({ file, caption: `${layer.name}: histogram of ${values.length} activations`, pixels: hist.pixels });
      views.push({ ...base, view: 'histogram', range: hist.range });
    }
  });
  const probabilities = Array.from(outputs.at(-1)!.dataSync());
  const predicted = probabilities.indexOf(Math.max(...probabilities));

  // The first convolution's filters.
  const conv = layers.find((l) => l.getClassName() === 'Conv2D');
  if (conv) {
    const kernel = conv.getWeights()[0];
    pictures.push({
      file: `filters-${safeName(conv.name)}.png`,
      caption: `${conv.name}: ${kernel.shape[3]} learned filters`,
      pixels: filterGrid(kernel.dataSync() as Float32Array, kernel.shape),
    });
  } else notes.push('no Conv2D layer: no filters to show');

  // Saliency: how much each input value moves the predicted class's probability, times the value.
  const score = (input: tf.Tensor) => (model.apply(input) as tf.Tensor).gather([predicted], 1).sum();
  const grad = tf.grad(score)(x);
  const moved = tf.mul(grad.abs(), x.abs());
  const saliency = (x.rank === 4 ? moved.sum(-1) : moved).dataSync() as Float32Array;
  pictures.push({
    file: 'saliency.png',
    caption: `saliency |∂p/∂x|·|x| for class ${predicted}`,
    pixels: enlarge(heatOverlay(normalize(saliency), greyOf(input.x, h, w, c), w, h), enlargeBy),
  });

  // Grad-CAM over the last feature maps before the classifier head.
  const last4d = [...layers]
    .reverse()
    .find((l) => (l.output as tf.SymbolicTensor).shape.length === 4 && l.getClassName() !== 'InputLayer');
  const head = last4d ? chainAfter(model, last4d) : null;
  if (!last4d) notes.push('no layer makes feature maps: no Grad-CAM');
  else if (!head)
    notes.push(
      `the model branches after ${last4d.name}: Grad-CAM needs a plain chain from the last feature maps to the output`,
    );
  else {
    const features = tf
      .model({ inputs: model.inputs, outputs: last4d.output as tf.SymbolicTensor })
      .predict(x) as tf.Tensor4D;
    const headScore = (a: tf.Tensor) =>
      head
        .reduce((t, l) => l.apply(t) as tf.Tensor, a)
        .gather([predicted], 1)
        .sum();
    const g = tf.grad(headScore)(features);
    const alpha = g.mean([1, 2], true);
    const cam = tf.relu(tf.mul(features, alpha).sum(-1, true)) as tf.Tensor4D;
    const resized = tf.image.resizeBilinear(cam, [h, w]).dataSync() as Float32Array;
    pictures.push({
      file: 'gradcam.png',
      caption: `Grad-CAM on ${last4d.name} for class ${predicted}`,
      pixels: enlarge(heatOverlay(normalize(resized), greyOf(input.x, h, w, c), w, h), enlargeBy),
    });
  }

  // The test set's penultimate-layer activations, projected to 2-D (the same for every sample: cached).
  const n = Math.min(opts.embeddingSamples ?? 500, ds.test.index.length);
  const method = opts.embeddingMethod ?? 'pca';
  const key = `${method}:${n}:${opts.seed}`;
  const embedded = cache.embeddings.get(key) ?? embedTestSet(model, ds, n, method, opts.seed);
  cache.embeddings.set(key, embedded);
  const embedding = input.image ? withImagePoint(embedded, x, pictures, notes) : embedded.embedding;
  if (embedded.embedding && !input.image) pictures.push(...embedded.pictures);
  if (!embedded.embedding) notes.push('the output layer takes the input directly: no embedding to show');

  // Recurrent models: the hidden state over time for this sequence.
  const hidden = hiddenStates(model, x);
  pictures.push(...hidden.pictures);

  return {
    sample: input.sample,
    ...(input.image ? { image: input.image } : {}),
    classes: ds.raw.classes ?? [],
    label: input.label,
    predicted,
    probabilities,
    layers: views,
    pictures,
    ...(embedding ? { embedding } : {}),
    ...(hidden.states.length ? { hiddenStates: hidden.states } : {}),
    notes,
  };
}

/**
 * The test set's embedding with an image file's point: placed by the same PCA and marked in a scatter
 * drawn for it; UMAP (fitted to its points, with no projection for new ones) stays as it is, with a note.
 */
function withImagePoint(
  embedded: Embedded,
  x: tf.Tensor,
  pictures: InspectPicture[],
  notes: string[],
): InspectEmbedding | undefined {
  const { embedding, layer, place, points } = embedded;
  if (!embedding) return undefined;
  if (!place || !layer || !points) {
    pictures.push(...embedded.pictures);
    notes.push(`your image is not placed in the ${embedding.method.toUpperCase()} embedding (PCA places it)`);
    return embedding;
  }
  const inspected = place((layer.predict(x) as tf.Tensor).dataSync() as Float32Array);
  const [scatter, ...rest] = embedded.pictures;
  pictures.push(
    {
      ...scatter,
      caption: `${scatter.caption}; your image is the black square`,
      pixels: scatterPlot(points, embedding.labels, { highlight: inspected }),
    },
    ...rest,
  );
  return { ...embedding, inspected };
}
