/**
 * Import, the other way round from export: a TF.js `model.json` (+ its weight
 * shards), a Deepwire Keras export folder (`model.json` + `weights.json` +
 * `.npy` files) or a bare Keras JSON becomes an untitled Deepwire project.
 * The graph comes from the shared Keras reader; the weights, when present,
 * are checked against the model the engine compiles from that graph (every
 * weight by name and shape, DW307) and stored in the project's weights blob,
 * so designer → Python → designer keeps the model and what it learned.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../shared/errors.js';
import type { GraphDoc, Group } from '../../shared/graph/types.js';
import { readKerasModel } from '../../shared/keras/index.js';
import { encodeWeights, newProject, type NamedTensor, type Project } from '../../shared/project/index.js';
import type { ProjectKind } from '../../shared/training/config.js';
import { compileGraph } from '../engine/compile/compile.js';
import { isNpyManifest, NPY_MANIFEST, readNpyWeights, readTfjsWeights } from './import/weights-read.js';

export interface ImportedModel {
  project: Project;
  /** What was read: TF.js with shards, a Keras export folder with .npy weights, or a topology alone. */
  source: 'tfjs' | 'keras-npy' | 'keras-json';
  /** The model.json that was read. */
  modelPath: string;
  /** Number of weight tensors imported (0 for a topology alone). */
  tensors: number;
  /** Things the reader approximated or ignored, each naming its layer. */
  warnings: string[];
}

async function readJson(path: string, code: 'DW301' | 'DW306'): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new DeepwireError('DW205', `could not read ${path}: ${(e as Error).message}`, path);
  }
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

/** Classifier unless the graph says otherwise: GAN groups, or one linear unit out (a regressor). */
export function projectKindOf(graph: GraphDoc): ProjectKind {
  if (graph.nodes.some((n) => n.group !== undefined)) return 'gan';
  const sources = new Set(graph.edges.map((e) => e.source));
  const outputs = graph.nodes.filter((n) => !sources.has(n.id));
  const last = outputs.length === 1 ? outputs[0] : undefined;
  if (last?.kind === 'Dense' && last.params.units === 1 && last.params.activation === 'linear') return 'regressor';
  return 'classifier';
}

type Variable = tf.LayerVariable & { originalName: string };

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

/** The imported tensors in the model's order; DW307 names the first weight that is missing, extra or misshapen. */
export function matchWeights(tensors: readonly NamedTensor[], expected: readonly { name: string; shape: number[] }[]): NamedTensor[] {
  const byName = new Map<string, NamedTensor>();
  for (const t of tensors) {
    if (byName.has(t.name)) throw new DeepwireError('DW307', `the weights hold "${t.name}" twice`, t.name);
    byName.set(t.name, t);
  }
  const wanted = new Set(expected.map((e) => e.name));
  const extra = tensors.find((t) => !wanted.has(t.name));
  if (extra) throw new DeepwireError('DW307', `the weights hold "${extra.name}", which the model has no weight of that name for`, extra.name);
  return expected.map((e) => {
    const t = byName.get(e.name);
    if (!t) throw new DeepwireError('DW307', `the weights have no "${e.name}" (shape [${e.shape.join(', ')}])`, e.name);
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      throw new DeepwireError('DW307', `"${e.name}" is [${t.shape.join(', ')}] in the file but the model needs [${e.shape.join(', ')}]`, e.name);
    }
    return t;
  });
}

/** Reads a model (file or folder) into an untitled project, with its weights when they come along. */
export async function importModel(path: string): Promise<ImportedModel> {
  const modelPath = await modelJsonPath(path);
  const json = await readJson(modelPath, 'DW301');
  const imported = readKerasModel(json);
  const kind = projectKindOf(imported.graph);
  const dir = dirname(modelPath);
  let source: ImportedModel['source'] = 'keras-json';
  let tensors: NamedTensor[] | undefined;
  if (imported.file === 'tfjs' && (json as { weightsManifest?: unknown }).weightsManifest !== undefined) {
    source = 'tfjs';
    tensors = await readTfjsWeights((json as { weightsManifest: unknown }).weightsManifest, modelPath);
  } else {
    const manifestPath = join(dir, NPY_MANIFEST);
    const manifest = await stat(manifestPath).then(
      () => readJson(manifestPath, 'DW306'),
      () => undefined,
    );
    if (manifest !== undefined && isNpyManifest(manifest)) {
      source = 'keras-npy';
      tensors = await readNpyWeights(manifest, dir);
    }
  }
  const fileName = basename(modelPath, extname(modelPath));
  const name = fileName === 'model' ? basename(dir) || imported.name : fileName;
  const project = newProject(kind, name, {
    graph: imported.graph,
    description: `Imported from ${basename(dir)}/${basename(modelPath)} (${source === 'keras-json' ? 'topology only' : 'with weights'}).`,
  });
  if (tensors) project.weights = encodeWeights(matchWeights(tensors, expectedWeights(imported.graph, kind)), imported.graph);
  return { project, source, modelPath, tensors: tensors?.length ?? 0, warnings: imported.warnings };
}
