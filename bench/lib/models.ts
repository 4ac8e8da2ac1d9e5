/**
 * The two benchmark networks. The source CNN is compiled from
 * resources/examples/mnist-cnn.deepwire by the engine's compiler when both
 * are present in this checkout; otherwise (and always for the
 * convolution-heavy one) it is built with tf.layers directly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

export type NetName = 'source-cnn' | 'conv-heavy';
export const NETS: NetName[] = ['source-cnn', 'conv-heavy'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function layersModel(net: NetName): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  if (net === 'conv-heavy') {
    m.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}

/** The source CNN through the real compiler, when the example and the project parser exist. */
async function compiledSourceCnn(): Promise<tf.LayersModel | null> {
  const file = join(root, 'resources', 'examples', 'mnist-cnn.deepwire');
  const parser = join(root, 'src', 'shared', 'project', 'parse.ts');
  if (!existsSync(file) || !existsSync(parser)) return null;
  try {
    // Variable specifiers: these modules may not exist in every checkout.
    const parse = (await import(parser)) as {
      parseProject(text: string, source?: string): { project?: { graph: unknown }; graph?: unknown };
    };
    const compile = (await import(join(root, 'src', 'main', 'engine', 'compile', 'compile.ts'))) as {
      compileGraph(graph: unknown, opts?: object): { model: tf.LayersModel };
    };
    const parsed = parse.parseProject(readFileSync(file, 'utf8'), file);
    const graph = parsed.project?.graph ?? parsed.graph;
    return graph ? compile.compileGraph(graph, { projectKind: 'classifier' }).model : null;
  } catch {
    return null;
  }
}

/** A fresh model on the current backend, compiled with adam(1e-3) + categorical cross-entropy. */
export async function buildNet(net: NetName): Promise<{ model: tf.LayersModel; builtBy: string }> {
  const compiled = net === 'source-cnn' ? await compiledSourceCnn() : null;
  const model = compiled ?? layersModel(net);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return { model, builtBy: compiled ? 'compiled from resources/examples/mnist-cnn.deepwire' : 'tf.layers' };
}
