/**
 * Issue #15 end to end through the real CLI: the MNIST CNN example trained
 * three times with different learning rates, then its run history listed,
 * compared, restored and deleted; the same runs exported for TensorBoard and
 * the trained network inspected.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { createWebStudio } from '../../../src/main/server/web-studio.js';
import { readProjectFile, writeProjectFile } from '../../../src/main/services/project-files.js';
import { graphRevision } from '../../../src/shared/project/revision.js';
import type { RunRow } from '../../../src/shared/runs/table.js';
import { tempDir } from '../../fixtures/datasets/make.js';
import { readEvents } from '../../fixtures/tensorboard/read.js';

const ROOT = join(import.meta.dirname, '../../..');
const RATES = ['0.001', '0.003', '0.01'];

let dir = '';
let project = '';

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

beforeAll(async () => {
  dir = tempDir('dw-runs-');
  project = join(dir, 'mnist-cnn.deepwire');
  copyFileSync(join(ROOT, 'resources/examples/mnist-cnn.deepwire'), project);
  for (const lr of RATES) {
    const r = await cli(
      'train',
      project,
      '--limit',
      '300',
      '--epochs',
      '1',
      '--learning-rate',
      lr,
      '--json',
      '--cache-dir',
      join(dir, 'cache'),
    );
    expect(r.code, r.err.join('\n')).toBe(0);
  }
}, 180_000);

describe('deepwire runs', () => {
  it('--json lists the three runs with their learning rates, device, sizes, speed and final metrics', async () => {
    const r = await cli('runs', project, '--json');
    expect(r.code).toBe(0);
    const { runs } = JSON.parse(r.out[0]) as { runs: RunRow[] };
    expect(runs).toHaveLength(3);
    expect(runs.map((row) => row.hyperparameters['training.optimizer.learningRate'])).toEqual(RATES.map(Number));
    for (const row of runs) {
      expect(row).toMatchObject({
        outcome: 'completed',
        dataset: 'mnist',
        datasetSize: expect.any(Number),
        epochsCompleted: 1,
      });
      expect(row.device).toMatch(/\S/);
      expect(row.samplesPerSecond).toBeGreaterThan(0);
      expect(row.durationSeconds).toBeGreaterThan(0);
      expect(row.metrics.testAccuracy).toBeGreaterThan(0);
    }
    const { project: saved } = await readProjectFile(project);
    const loss = saved.runs[0].batchHistory?.loss;
    expect(loss?.step.length).toBeGreaterThan(0);
    expect(loss?.step.length).toBe(loss?.value.length);
    expect(saved.runs[0].graph?.nodes.length).toBe(saved.graph.nodes.length);
  });

  it('prints a table by default', async () => {
    const r = await cli('runs', project);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/^#\s+id\s+date/);
    for (const lr of RATES) expect(text).toContain(`lr=${lr}`);
  });

  it('--compare names the learning rate and shows the metrics side by side; by number or id prefix', async () => {
    const { project: saved } = await readProjectFile(project);
    const r = await cli('runs', project, '--compare', '1', saved.runs[2].id.slice(0, 6));
    expect(r.code, r.err.join('\n')).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('training.optimizer.learningRate: 0.001 -> 0.01');
    expect(text).toMatch(/Model:\n {2}the same/);
    expect(text).toMatch(/testAccuracy\s+0\.\d{4}\s+0\.\d{4}/);
  });

  it('an unknown run is DW220 (exit 2); a bad option DW801', async () => {
    // Not a number and not the start of a (hex) run id: no run, whatever the random ids are.
    const r = await cli('runs', project, '--compare', '1', 'nope');
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/DW220.*no run 'nope'.*runs 1–3/);
    expect((await cli('runs', project, '--frobnicate')).code).toBe(2);
    expect((await cli('runs', '--help')).out.join('\n')).toContain('--compare A B');
  });
});

describe('deepwire runs --restore / --delete', () => {
  it('restores the graph a run trained after the model was edited, keeping the weights that fit it; deletes a run', async () => {
    const copy = join(dir, 'edited.deepwire');
    copyFileSync(project, copy);
    const { project: before } = await readProjectFile(copy);
    const trained = graphRevision(before.graph);
    const graph = {
      ...before.graph,
      nodes: before.graph.nodes.map((n) =>
        n.kind === 'Dense' && n.params.units === 128 ? { ...n, params: { ...n.params, units: 64 } } : n,
      ),
    };
    await writeProjectFile(copy, { ...before, graph } as typeof before);
    const r = await cli('runs', copy, '--restore', '3', '--json');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(JSON.parse(r.out[0])).toMatchObject({
      event: 'restored',
      index: 3,
      graphChanged: true,
      weights: 'kept',
      displaced: null,
    });
    const { project: after, warnings } = await readProjectFile(copy);
    expect(graphRevision(after.graph)).toBe(trained);
    expect(after.weights?.graphRevision).toBe(trained);
    expect(warnings).toEqual([]);

    const d = await cli('runs', copy, '--delete', '2');
    expect(d.code).toBe(0);
    expect((await readProjectFile(copy)).project.runs.map((x) => x.id)).toEqual([before.runs[0].id, before.runs[2].id]);
  });
});

describe('deepwire export --format tensorboard', () => {
  it('writes event files for the three runs that read back with their curves', async () => {
    const out = join(dir, 'tb');
    const r = await cli('export', project, '--format', 'tensorboard', '--out', out, '--json');
    expect(r.code, r.err.join('\n')).toBe(0);
    const files = readEvents(out);
    const trainFiles = Object.keys(files).filter((f) => f.includes('/train/'));
    expect(new Set(trainFiles.map((f) => f.split('/')[0])).size).toBe(3);
    for (const f of trainFiles) {
      const tags = new Set(files[f].map((e) => e.tag));
      for (const tag of ['epoch_loss', 'epoch_accuracy', 'batch_loss', 'test_accuracy']) expect(tags).toContain(tag);
    }
  });
});

describe('deepwire inspect', () => {
  function png(file: string): { width: number; height: number; distinct: number } {
    const img = PNG.sync.read(readFileSync(file));
    const colours = new Set<number>();
    for (let i = 0; i < img.data.length; i += 4) colours.add(img.data.readUInt32BE(i));
    return { width: img.width, height: img.height, distinct: colours.size };
  }

  it('writes feature maps, filters, saliency, Grad-CAM and a PCA embedding as PNGs of the right sizes', async () => {
    const out = join(dir, 'inspect');
    const r = await cli(
      'inspect',
      project,
      '--sample',
      '3',
      '--samples',
      '200',
      '--out',
      out,
      '--cache-dir',
      join(dir, 'cache'),
      '--json',
    );
    expect(r.code, r.err.join('\n')).toBe(0);
    const done = JSON.parse(r.out[0]) as {
      predicted: number;
      probabilities: number[];
      layers: { name: string; view: string; shape: number[] }[];
    };
    expect(done.probabilities).toHaveLength(10);
    expect(done.layers.map((l) => [l.view, l.shape])).toEqual([
      ['feature-maps', [26, 26, 32]],
      ['feature-maps', [13, 13, 32]],
      ['histogram', [5408]],
      ['histogram', [128]],
      ['histogram', [10]],
    ]);
    // 32 maps in a 6×6 grid with a 1-pixel gutter: 6·26 + 7 = 163; 13×13 maps are doubled: (6·13 + 7)·2 = 170.
    const expected: Record<string, [number, number]> = {
      'input.png': [28, 28],
      'layers/01-conv2d.png': [163, 163],
      'layers/02-max_pooling2d.png': [170, 170],
      'layers/04-dense.png': [320, 160],
      'filters-conv2d.png': [(6 * 3 + 7) * 8, (6 * 3 + 7) * 8],
      'saliency.png': [112, 112],
      'gradcam.png': [112, 112],
      'embedding-pca.png': [480, 480],
    };
    for (const [file, [width, height]] of Object.entries(expected)) {
      const p = png(join(out, file));
      expect({ file, width: p.width, height: p.height }).toEqual({ file, width, height });
      expect(p.distinct, file).toBeGreaterThan(2);
    }
    // Ten classes, ten colours (plus white and the axes).
    expect(png(join(out, 'embedding-pca.png')).distinct).toBeGreaterThanOrEqual(11);
  });

  it('--embedding umap writes a seeded UMAP plot (the same twice) and the embedded samples; a bad method is DW801', async () => {
    const args = ['inspect', project, '--samples', '120', '--embedding', 'umap', '--cache-dir', join(dir, 'cache')];
    const runs = [];
    for (const out of ['umap-a', 'umap-b']) {
      const r = await cli(...args, '--out', join(dir, out), '--json');
      expect(r.code, r.err.join('\n')).toBe(0);
      runs.push(JSON.parse(r.out[0]) as { embedding: { method: string; points: number[][]; labels: number[] } });
    }
    expect(runs[0].embedding.method).toBe('umap');
    expect(runs[0].embedding.points).toHaveLength(120);
    expect(runs[1].embedding.points).toEqual(runs[0].embedding.points);
    expect(readFileSync(join(dir, 'umap-b', 'embedding-umap.png'))).toEqual(
      readFileSync(join(dir, 'umap-a', 'embedding-umap.png')),
    );
    // 120 samples of 28×28, 25 a row: 5 rows.
    const sprite = png(join(dir, 'umap-a', 'embedding-samples.png'));
    expect([sprite.width, sprite.height]).toEqual([25 * 28, 5 * 28]);
    const bad = await cli('inspect', project, '--embedding', 'tsne', '--out', join(dir, 'z'));
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/DW801.*--embedding must be one of pca, umap, got 'tsne'/);
  });

  it('a sample outside the test set is DW531 (exit 2); an untrained project DW530 (exit 1)', async () => {
    const r = await cli(
      'inspect',
      project,
      '--sample',
      '10000',
      '--out',
      join(dir, 'x'),
      '--cache-dir',
      join(dir, 'cache'),
    );
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/DW531.*samples 0–9999/);
    const fresh = join(dir, 'fresh.deepwire');
    copyFileSync(join(ROOT, 'resources/examples/mnist-cnn.deepwire'), fresh);
    const u = await cli('inspect', fresh, '--out', join(dir, 'y'), '--cache-dir', join(dir, 'cache'));
    expect(u.code).toBe(1);
    expect(u.err.join('\n')).toMatch(/DW530.*no trained weights/);
  });
});

describe('inspect.run (studio contract)', () => {
  it('returns the same pictures as PNG bytes, checked against the contract', async () => {
    const studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config'), checkResponses: true });
    try {
      await studio.call('settings.set', { datasetCacheDir: join(dir, 'cache') });
      const doc = (await studio.call('project.open', { path: project }))!.project;
      const r = await studio.call('inspect.run', {
        project: doc,
        sample: 3,
        embeddingSamples: 100,
        projectPath: project,
      });
      expect(r.pictures.map((p) => p.file)).toEqual(
        expect.arrayContaining([
          'input.png',
          'layers/01-conv2d.png',
          'saliency.png',
          'gradcam.png',
          'embedding-pca.png',
        ]),
      );
      const gradcam = r.pictures.find((p) => p.file === 'gradcam.png')!;
      const img = PNG.sync.read(Buffer.from(gradcam.png, 'base64'));
      expect([img.width, img.height, gradcam.width, gradcam.height]).toEqual([112, 112, 112, 112]);
      expect(r.probabilities).toHaveLength(10);
      // The scatter's data: one point and label per embedded sample, their images in one picture.
      expect(r.embedding).toMatchObject({ method: 'pca', layer: 'dense', dimensions: 128 });
      expect(r.embedding?.points).toHaveLength(100);
      expect(r.embedding?.labels).toHaveLength(100);
      expect(r.pictures.map((p) => p.file)).toContain(r.embedding?.thumbnails.file);
      // The next sample reuses the loaded model and the embedding: the same points, another prediction's pictures.
      const next = await studio.call('inspect.run', {
        project: doc,
        sample: 4,
        embeddingSamples: 100,
        projectPath: project,
      });
      expect(next.sample).toBe(4);
      expect(next.embedding?.points).toEqual(r.embedding?.points);
      const input = (x: typeof r) => x.pictures.find((p) => p.file === 'input.png')!.png;
      expect(input(next)).not.toBe(input(r));
      const bad = await studio
        .call('inspect.run', { project: doc, sample: 99_999, projectPath: project })
        .catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'DW531' });
    } finally {
      await studio.dispose();
    }
  });
});
