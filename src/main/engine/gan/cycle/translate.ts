/**
 * Applies a trained CycleGAN generator to image files: each PNG/JPEG is
 * decoded, resized to the generator's input (bilinear; grey or RGB as the
 * model takes), scaled into its range, translated, and written as a PNG of
 * the generator's output size (`<name>.png` in the output folder). The
 * direction picks G (a2b) or F (b2a).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../../shared/errors.js';
import type { Project } from '../../../../shared/project/schema.js';
import { isCycleGraph } from '../../../../shared/shape/cycle-contracts.js';
import { subgraph } from '../../../../shared/shape/split.js';
import { compileGraph } from '../../compile/compile.js';
import { imageSample } from '../../datasets/images.js';
import { writePng } from '../../images/png.js';
import { applyWeightsBlob } from '../../weights.js';
import { outputActivation } from '../../../../shared/graph/output-activation.js';
import { rangeOf } from '../models.js';

export const DIRECTIONS = ['a2b', 'b2a'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Translated {
  input: string;
  output: string;
}

export async function translateImages(
  project: Project,
  files: readonly string[],
  direction: Direction,
  out: string,
): Promise<Translated[]> {
  if (project.kind !== 'gan' || !isCycleGraph(project.graph)) {
    throw new DeepwireError(
      'DW126',
      `project '${project.name}' is not a CycleGAN (it has no generator_ab / generator_ba groups)`,
      project.name,
    );
  }
  if (!project.weights)
    throw new DeepwireError(
      'DW508',
      `project '${project.name}' has no trained weights; train it first (deepwire train)`,
      project.name,
    );
  const group = direction === 'a2b' ? 'generator_ab' : 'generator_ba';
  const { model, outputs } = compileGraph(project.graph, { projectKind: 'gan', group, seed: project.training.seed });
  try {
    applyWeightsBlob([model], project.weights, project.graph);
    const [lo, hi] = rangeOf(outputActivation(subgraph(project.graph, group), outputs[0], 'range'));
    const [h, w, c] = model.inputs[0].shape.slice(1) as number[];
    if (c !== 1 && c !== 3)
      throw new DeepwireError(
        'DW129',
        `the generator takes ${c} channels; translate reads grey (1) or RGB (3) images`,
        group,
      );
    const done: Translated[] = [];
    const names = new Set<string>();
    for (const file of files) {
      const bytes = new Uint8Array(
        await readFile(file).catch(() => {
          throw new DeepwireError('DW401', `${file} does not exist or cannot be read`, file);
        }),
      );
      const { pixels } = imageSample(bytes, file, [h, w, c]);
      const y = tf.tidy(() => {
        const x = tf.tensor4d(
          Float32Array.from(pixels, (v) => (v / 255) * (hi - lo) + lo),
          [1, h, w, c],
        );
        const made = model.predict(x) as tf.Tensor;
        return tf.clipByValue(tf.mul(tf.div(tf.sub(made, lo), hi - lo), 255), 0, 255).round();
      });
      const [, oh, ow, oc] = y.shape;
      const data = Array.from(y.dataSync());
      y.dispose();
      // Two inputs with one stem (a.png, a.jpg) get distinct outputs.
      let name = `${basename(file, extname(file))}.png`;
      for (let i = 2; names.has(name); i++) name = `${basename(file, extname(file))}-${i}.png`;
      names.add(name);
      const output = join(out, name);
      await writePng(output, { width: ow!, height: oh!, channels: oc as 1 | 3, data });
      done.push({ input: file, output });
    }
    return done;
  } finally {
    model.dispose();
  }
}
