/**
 * A CycleGAN export's training scripts (issue #13): the PyTorch export's train_cyclegan.py trains the four
 * models of resources/examples/cyclegan-mnist.deepwire for a few steps on tiny unpaired .npy domains with
 * finite losses and writes the weights; deepwire_data.invert_thick is the TF.js engine's built-in transform;
 * the Keras export's train_keras.py compiles and has the CycleGAN loop (Keras is not installed here to run it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExportFiles } from '../../../../src/main/engine/export/files.js';
import { encodeNpy } from '../../../../src/main/engine/export/keras/npy.js';
import { disposeExportModels, loadExportModels } from '../../../../src/main/engine/export/models.js';
import { kerasPyFiles, pytorchFiles } from '../../../../src/main/engine/export/python/index.js';
import { invertThick } from '../../../../src/main/engine/gan/cycle/domains.js';
import { seededRandom } from '../../../../src/shared/random.js';
import { exampleProjects } from './helpers.js';
import { NO_TORCH_REASON, PYTHON, pyCompileErrors, runPython, TORCH_PYTHON } from './python.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-cycle-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const project = exampleProjects().find((e) => e.file === 'cyclegan-mnist.deepwire')!.project;

async function exportTo(dir: string, files: typeof pytorchFiles): Promise<void> {
  const models = loadExportModels(project);
  try {
    await writeExportFiles(dir, files(project, models.models, { version: 'test', trained: false }));
  } finally {
    disposeExportModels(models);
  }
}

/** `count` random 28×28 digits-like byte images, (N, 28, 28) uint8. */
function bytes(count: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length: count * 28 * 28 }, () => (random() < 0.2 ? Math.floor(random() * 256) : 0));
}

function writeDomain(file: string, count: number, seed: number): Uint8Array {
  const x = bytes(count, seed);
  writeFileSync(file, encodeNpy([count, 28, 28], Float32Array.from(x)));
  return x;
}

describe('CycleGAN export: training scripts', () => {
  describe.skipIf(!TORCH_PYTHON)(`PyTorch${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH_REASON})`}`, () => {
    it('train_cyclegan.py trains the four models for 3 steps with finite losses and saves them', async () => {
      const dir = join(root, 'pytorch');
      await exportTo(dir, pytorchFiles);
      expect(existsSync(join(dir, 'train_lightning.py'))).toBe(false);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('train_cyclegan.py');
      writeDomain(join(dir, 'a.npy'), 12, 1);
      writeDomain(join(dir, 'b.npy'), 12, 2);
      const out = join(dir, 'trained');
      const args = ['--domain-a', 'a.npy', '--domain-b', 'b.npy', '--limit', '8', '--batch-size', '4'];
      const log = runPython(
        TORCH_PYTHON!,
        'import os, runpy, sys, torch; torch.set_num_threads(1); os.chdir(sys.argv[1]); sys.argv = sys.argv[1:]; ' +
          'sys.path.insert(0, "."); runpy.run_path("train_cyclegan.py", run_name="__main__")',
        [dir, ...args, '--max-steps', '3', '--out', out],
      );
      expect(log).toContain('8 images in A, 8 in B; 3 of 4 steps of 4');
      const steps = [...log.matchAll(/^step (\d+)\/4: g (\S+) cycle (\S+) identity (\S+) d_a (\S+) d_b (\S+)$/gm)];
      expect(steps.map((s) => s[1])).toEqual(['2', '3']); // each epoch's end, and the last step
      for (const s of steps) {
        const losses = s.slice(2).map(Number);
        expect(losses.every(Number.isFinite)).toBe(true);
        expect(losses[1]).toBeGreaterThan(0); // the cycle L1 of generators that are not yet each other's inverse
      }
      for (const group of ['generator_ab', 'generator_ba', 'discriminator_a', 'discriminator_b']) {
        expect(existsSync(join(out, `${group}.pt`))).toBe(true);
      }
    }, 60_000);
  });

  it.skipIf(!PYTHON)('deepwire_data.invert_thick is the built-in pair transform of the TF.js engine', async () => {
    const dir = join(root, 'transform');
    await exportTo(dir, pytorchFiles);
    const x = writeDomain(join(dir, 'x.npy'), 3, 5);
    const got = runPython(
      PYTHON!,
      'import sys; sys.path.insert(0, sys.argv[1]); import numpy as np; from deepwire_data import invert_thick; ' +
        'print(",".join(str(int(v)) for v in invert_thick(np.load(sys.argv[2]).astype(np.uint8)).ravel()))',
      [dir, join(dir, 'x.npy')],
    );
    expect(got.trim().split(',').map(Number)).toEqual([...invertThick(x, 3)]);
  });

  it.skipIf(!PYTHON)('Keras train_keras.py builds the four models and runs the CycleGAN loop (compiles)', async () => {
    const dir = join(root, 'keras');
    await exportTo(dir, kerasPyFiles);
    const script = readFileSync(join(dir, 'train_keras.py'), 'utf8');
    expect(pyCompileErrors([join(dir, 'train_keras.py'), join(dir, 'deepwire_data.py')])).toEqual([]);
    for (const fn of ['build_generator_ab()', 'build_generator_ba()', 'build_discriminator_a(logits=False)']) {
      expect(script).toContain(`def ${fn}:`);
    }
    for (const group of ['generator_ab', 'generator_ba', 'discriminator_a', 'discriminator_b']) {
      expect(script).toContain(`"${group}"`);
      expect(existsSync(join(dir, group, 'weights.json'))).toBe(true);
    }
    expect(script).toMatch(/CYCLE_WEIGHT = 10\.0\nIDENTITY_WEIGHT = 0\.5 .*\nHISTORY_SIZE = 50\n/);
    expect(script).toContain('tf.GradientTape()');
    expect(script).toContain('--max-steps');
  });
});

describe('CycleGAN export: refusals', () => {
  it('a CycleGAN export without one of its four models is refused with DW711 naming the model', () => {
    const models = loadExportModels(project);
    try {
      const three = models.models.filter((m) => m.name !== 'discriminator_b');
      expect(() => pytorchFiles(project, three, { version: 'test', trained: false })).toThrow(
        /DW711.*discriminator_b/s,
      );
    } finally {
      disposeExportModels(models);
    }
  });
});
