/**
 * Import, the other way round from export: a TF.js `model.json` (+ its weight
 * shards), a Deepwire Keras export folder (`model.json` + `weights.json` +
 * `.npy` files) or a bare Keras JSON becomes an untitled Deepwire project.
 * The graph comes from the shared Keras reader; the weights, when present,
 * are checked against the model the engine compiles from that graph (every
 * weight by name and shape, DW307) and stored in the project's weights blob,
 * so designer → Python → designer keeps the model and what it learned.
 */
import { withReadProblems } from '../../shared/keras/read/states.js';
import type { Diagnostic } from '../../shared/shape/types.js';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError, ERRORS } from '../../shared/errors.js';
import type { GraphDoc, Group } from '../../shared/graph/types.js';
import { readKerasModel } from '../../shared/keras/index.js';
import { projectKindOf } from '../../shared/keras/read/kind.js';
import { encodeWeights, newProject, type NamedTensor, type Project } from '../../shared/project/index.js';
import { inferShapes } from '../../shared/shape/infer.js';
import type { ProjectKind } from '../../shared/training/config.js';

export { projectKindOf };
import { compileGraph } from '../engine/compile/compile.js';
import { isOnnxPath, readOnnxFile } from '../engine/import/onnx/file.js';
import { GAN_HALVES, mergeGanHalves } from './import/gan.js';
import { adaptWeights } from './import/channels-weights.js';
import { ARCHIVE_WEIGHTS_WARNING, isZip, kerasArchiveConfig } from './import/keras-archive.js';
import { fitDataset, knownSampleShape, unsetDatasetText } from '../../shared/project/dataset-fit.js';
import {
  isNpyManifest,
  NPY_MANIFEST,
  readNpyWeights,
  readTfjsWeights,
  shardsAllMissing,
} from './import/weights-read.js';

export interface ImportedModel {
  project: Project;
  /** What was read: TF.js with shards, a Keras export folder with .npy weights, or a topology alone. */
  source: 'tfjs' | 'keras-npy' | 'keras-json' | 'onnx';
  /** The model.json that was read. */
  modelPath: string;
  /** Number of weight tensors imported (0 for a topology alone). */
  tensors: number;
  /** Things the reader approximated or ignored, each naming its layer. */
  warnings: string[];
  /** The sample shape the model's input takes; with no `project.dataset`, the dataset to choose must have it. */
  needs?: readonly (number | null)[];
  /** Why the project has no dataset and which to choose (a classifier/GAN whose input fits no built-in one). */
  unsetDataset?: string;
}

async function readJson(path: string, code: 'DW301' | 'DW306'): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new DeepwireError('DW205', `could not read ${path}: ${(e as Error).message}`, path);
  }
  // A Keras 3 .keras archive holds the model's JSON as config.json.
  const text = code === 'DW301' && isZip(bytes) ? kerasArchiveConfig(bytes, path) : new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new DeepwireError(code, `${path} is not valid JSON: ${(e as Error).message}`, path);
  }
}

/** A folder means its model.json. */
async function modelJsonPath(path: string): Promise<string> {
  const info = await stat(path).catch((e: Error) => {
    throw new DeepwireError('DW205', `could not read ${path}: ${e.message}`, path);
  });
  return info.isDirectory() ? join(path, 'model.json') : path;
}

type Variable = tf.LayerVariable & { originalName: string };

/** Above this many parameters a model is built only when the weights hold as many values (200 MB of float32). */
const BUILD_CHECK_PARAMS = 50_000_000;

/**
 * Refuses weights far too few for the model before the engine builds it:
 * building allocates every parameter, and a damaged or hostile model.json can
 * ask for billions (an input of 2^32 features) and crash the allocation.
 * Smaller mismatches are left to `matchWeights`, which names the weight.
 */
function checkParameterCount(graph: GraphDoc, kind: ProjectKind, tensors: readonly NamedTensor[]): void {
  const report = inferShapes(graph, { projectKind: kind });
  const model = report.totals.total;
  const held = tensors.reduce((n, t) => n + t.values.length, 0);
  if (model > held && model > BUILD_CHECK_PARAMS) {
    throw new DeepwireError(
      'DW307',
      `the model has ${model.toLocaleString('en-US')} parameters but the weights hold ${held.toLocaleString('en-US')} values`,
    );
  }
}

/**
 * Compiling needs a TF.js backend. A process that has not chosen one yet, where the wasm backend is
 * registered but not initialised (the studio's first import), would throw: it gets the cpu backend.
 */
async function ensureBackend(): Promise<void> {
  if (!tf.getBackend()) await tf.setBackend('cpu');
}

/** The weights the engine's model(s) of `graph` have, by name, in model order. */
function expectedWeights(graph: GraphDoc, kind: ProjectKind): { name: string; shape: number[] }[] {
  const groups: (Group | undefined)[] = kind === 'gan' ? ['generator', 'discriminator'] : [undefined];
  const out: { name: string; shape: number[] }[] = [];
  for (const group of groups) {
    const { model } = compileGraph(graph, { projectKind: kind, group });
    for (const w of model.weights as Variable[]) out.push({ name: w.originalName, shape: [...w.shape] as number[] });
    model.dispose();
  }
  return out;
}

/**
 * A weight name as Deepwire compares it: without TensorFlow's `:0` output
 * suffix and without the cell scope Keras 2 and its converters put in
 * recurrent names (`lstm/lstm_cell/kernel:0` is TF.js's `lstm/kernel`).
 */
export const weightKey = (name: string): string =>
  name
    .replace(/:\d+$/, '')
    .split('/')
    .filter((part, i, all) => i === 0 || i === all.length - 1 || !/(^|_)cell(_\d+)?$/.test(part))
    .join('/');

/**
 * The key of a file's weight among the model's: as it is, or without the scopes before it (Keras 3's TF.js
 * files name a model's variables by their path, `sequential/conv2d/kernel`, where Keras 2's say `conv2d/kernel`).
 */
function keyAmong(name: string, wanted: ReadonlySet<string>): string {
  const key = weightKey(name);
  const parts = key.split('/');
  for (let i = 0; i + 2 <= parts.length; i++) {
    const scoped = parts.slice(i).join('/');
    if (wanted.has(scoped)) return scoped;
  }
  return key;
}

/**
 * The imported tensors in the model's order, renamed to the engine's names;
 * DW307 names the first weight that is missing, extra, doubled or misshapen.
 */
export function matchWeights(
  tensors: readonly NamedTensor[],
  expected: readonly { name: string; shape: number[] }[],
): NamedTensor[] {
  const wanted = new Set(expected.map((e) => weightKey(e.name)));
  const byKey = new Map<string, NamedTensor>();
  for (const t of tensors) {
    const key = keyAmong(t.name, wanted);
    if (byKey.has(key)) throw new DeepwireError('DW307', `the weights hold "${t.name}" twice`, t.name);
    byKey.set(key, t);
  }
  const extra = tensors.find((t) => !wanted.has(keyAmong(t.name, wanted)));
  if (extra)
    throw new DeepwireError(
      'DW307',
      `the weights hold "${extra.name}", which the model has no weight of that name for`,
      extra.name,
    );
  return expected.map((e) => {
    const t = byKey.get(weightKey(e.name));
    if (!t) throw new DeepwireError('DW307', `the weights have no "${e.name}" (shape [${e.shape.join(', ')}])`, e.name);
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      throw new DeepwireError(
        'DW307',
        `"${t.name}" is [${t.shape.join(', ')}] in the file but the model needs [${e.shape.join(', ')}]`,
        t.name,
      );
    }
    return { ...t, name: e.name };
  });
}

interface ReadModel {
  graph: GraphDoc;
  name: string;
  source: ImportedModel['source'];
  modelPath: string;
  tensors?: NamedTensor[];
  warnings: string[];
  /** What no project can hold (DW319), refused as DW312 like shape inference's errors. */
  problems?: Diagnostic[];
}

/** One model.json and the weights that come with it. */
async function readModel(modelPath: string): Promise<ReadModel> {
  if (isOnnxPath(modelPath)) {
    const onnx = await readOnnxFile(modelPath);
    return { ...onnx, source: 'onnx', modelPath, tensors: onnx.tensors.length ? onnx.tensors : undefined };
  }
  const json = await readJson(modelPath, 'DW301');
  const imported = readKerasModel(json);
  const base = {
    graph: imported.graph,
    name: imported.name,
    modelPath,
    warnings: imported.warnings,
    problems: imported.problems,
  };
  if (modelPath.toLowerCase().endsWith('.keras')) {
    base.warnings.push(ARCHIVE_WEIGHTS_WARNING);
    return { ...base, source: 'keras-json' };
  }
  const shards = (json as { weightsManifest?: unknown }).weightsManifest;
  if (imported.file === 'tfjs' && shards !== undefined && (await shardsAllMissing(shards, modelPath))) {
    base.warnings.push(
      'none of the weight files the weightsManifest names is beside model.json: the architecture is imported, untrained',
    );
    return { ...base, source: 'keras-json' };
  }
  if (imported.file === 'tfjs' && shards !== undefined)
    return {
      ...base,
      source: 'tfjs',
      tensors: adaptWeights(await readTfjsWeights(shards, modelPath), imported),
    };
  const dir = dirname(modelPath);
  const manifestPath = join(dir, NPY_MANIFEST);
  const manifest = await stat(manifestPath).then(
    () => readJson(manifestPath, 'DW306'),
    () => undefined,
  );
  if (manifest !== undefined && isNpyManifest(manifest))
    return {
      ...base,
      source: 'keras-npy',
      tensors: adaptWeights(await readNpyWeights(manifest, dir), imported),
    };
  return { ...base, source: 'keras-json' };
}

/** A GAN export folder: `generator/` and `discriminator/`, each with a model.json; null for anything else. */
async function readGanFolder(path: string): Promise<ReadModel | null> {
  const isFolder = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const halves = GAN_HALVES.map((h) => join(path, h, 'model.json'));
  const present = await Promise.all(
    [join(path, 'model.json'), ...halves].map((p) =>
      stat(p).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (!isFolder || present[0] || !present[1] || !present[2]) return null;
  const [gen, disc] = await Promise.all(halves.map(readModel));
  if ((gen.tensors === undefined) !== (disc.tensors === undefined)) {
    throw new DeepwireError(
      'DW306',
      'only one half of the GAN comes with weights',
      gen.tensors ? disc.modelPath : gen.modelPath,
    );
  }
  const warnings = [...gen.warnings, ...disc.warnings];
  const graph = mergeGanHalves(gen.graph, disc.graph, warnings);
  const tensors = gen.tensors && disc.tensors ? [...gen.tensors, ...disc.tensors] : undefined;
  return { graph, name: basename(path), source: gen.source, modelPath: path, tensors, warnings };
}

/**
 * Import never writes an invalid project: the first error shape inference finds in the project as it would
 * be written (e.g. DW117, a model with several outputs) is refused as DW312, naming it. `deepwire summary`
 * checks Keras files as the same kind of project, so it reports the same problem.
 */
function refuseInvalid(project: Project, problems?: readonly Diagnostic[]): void {
  const sampleShape = knownSampleShape(project.dataset);
  const report = withReadProblems(
    inferShapes(project.graph, { projectKind: project.kind, ...(sampleShape ? { sampleShape } : {}) }),
    problems,
  );
  const error = report.diagnostics.find((d) => d.severity === 'error');
  if (!error) return;
  const node = project.graph.nodes.find((n) => n.id === error.nodeId);
  throw new DeepwireError(
    'DW312',
    `as a ${project.kind} project the model has an error: ${error.code} ${ERRORS[error.code].title}: ${error.message}`,
    node ? `layer '${node.name}'` : undefined,
  );
}

/** Refuses a graph holding one half of a GAN: its weights and training need the other. */
function checkGanHalves(graph: GraphDoc, where: string): void {
  const groups = new Set(graph.nodes.map((n) => n.group).filter((g) => g !== undefined));
  if (groups.size === 1) {
    const [half] = groups;
    throw new DeepwireError(
      'DW304',
      `this is only the ${half} of a GAN; import the export folder that holds both generator/ and discriminator/`,
      where,
    );
  }
}

/**
 * Reads a model (file or folder) into an untitled project, with its weights
 * when they come along. A folder means its model.json, or both halves of an
 * exported GAN.
 */
export async function importModel(path: string): Promise<ImportedModel> {
  const read = (await readGanFolder(path)) ?? (await readModel(await modelJsonPath(path)));
  checkGanHalves(read.graph, read.modelPath);
  const kind = projectKindOf(read.graph);
  const ganFolder = read.modelPath === path && !read.modelPath.endsWith('.json') && !isOnnxPath(read.modelPath);
  const fileName = basename(read.modelPath, extname(read.modelPath));
  const dir = dirname(read.modelPath);
  const name = ganFolder ? read.name : fileName === 'model' ? basename(dir) || read.name : fileName;
  const from = ganFolder
    ? `${basename(path)}/{generator,discriminator}`
    : `${basename(dir)}/${basename(read.modelPath)}`;
  const fit = fitDataset(read.graph, kind);
  const unset = !fit.dataset && fit.needs && kind !== 'regressor';
  const project = newProject(kind, name, {
    graph: read.graph,
    description:
      `Imported from ${from} (${read.tensors ? 'with weights' : 'topology only'}).` +
      (unset ? ` Its dataset is unset: ${unsetDatasetText(fit.needs!)}.` : ''),
    ...(fit.dataset ? { dataset: fit.dataset } : {}),
  });
  // No MNIST by default: a dataset that does not fit the input would make the project invalid.
  if (!fit.dataset) delete project.dataset;
  refuseInvalid(project, read.problems);
  if (read.tensors) checkParameterCount(read.graph, kind, read.tensors);
  if (read.tensors) await ensureBackend();
  if (read.tensors)
    project.weights = encodeWeights(matchWeights(read.tensors, expectedWeights(read.graph, kind)), read.graph);
  return {
    project,
    source: read.source,
    modelPath: read.modelPath,
    tensors: read.tensors?.length ?? 0,
    warnings: read.warnings,
    ...(fit.needs ? { needs: fit.needs } : {}),
    ...(unset ? { unsetDataset: unsetDatasetText(fit.needs!) } : {}),
  };
}
