/**
 * importModel, the round trip designer → files → designer: example projects
 * with random weights are exported (TF.js, Keras + .npy) by runExport, read
 * back, recompiled with the imported weights, and must predict the same and
 * have the same graph and parameter count. Damaged or mismatched weights get
 * numbered errors naming the weight.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../src/main/engine/compile/compile.js';
import { disposeExportModels, loadExportModels } from '../../../src/main/engine/export/models.js';
import { encodeNpy } from '../../../src/main/engine/export/keras/npy.js';
import { modelWeightsBlob } from '../../../src/main/engine/weights.js';
import { parseNpy } from '../../../src/main/services/import/npy-read.js';
import { importModel, projectKindOf, weightKey } from '../../../src/main/services/import-model.js';
import { runExport } from '../../../src/main/services/exports.js';
import { DeepwireError } from '../../../src/shared/errors.js';
import type { GraphDoc } from '../../../src/shared/graph/types.js';
import { writeKerasModel } from '../../../src/shared/keras/index.js';
import type { Project } from '../../../src/shared/project/schema.js';
import { exampleProjects, maxAbsDiff, predictTf, randomInputs, randomizeWeights } from '../engine/export/helpers.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const examples = exampleProjects();

/** The example with random weights stored in it (so biases and BN statistics count). */
function trainedLike(file: string): Project {
  const project = examples.find((e) => e.file === file)!.project;
  const { model } = compileGraph(project.graph, { projectKind: project.kind, seed: project.training.seed });
  randomizeWeights(model, 5);
  const weights = modelWeightsBlob([model], project.graph);
  model.dispose();
  return { ...project, weights };
}

/** The graph as names: kinds, params, groups, and edges by layer name and port. */
function shapeOf(graph: GraphDoc) {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return {
    nodes: graph.nodes
      .map((n) => ({ name: n.name, kind: n.kind, params: n.params, group: n.group }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    edges: graph.edges.map((e) => `${names.get(e.source)}->${names.get(e.target)}:${e.targetPort}`).sort(),
  };
}

async function expectCode(p: Promise<unknown>, code: string, where?: string): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  expect((e as DeepwireError).code).toBe(code);
  if (where) expect((e as DeepwireError).where).toBe(where);
}

describe('importModel round trip', () => {
  for (const file of ['mnist-cnn.deepwire', 'lstm-mnist-rows.deepwire', 'residual-cnn.deepwire']) {
    for (const format of ['tfjs', 'keras'] as const) {
      it(`${file} through ${format}: same graph, parameters and predictions`, async () => {
        const original = trainedLike(file);
        const dir = join(root, `${file}-${format}`);
        await runExport(original, { format, outDir: dir });
        const imported = await importModel(dir);
        expect(imported.source).toBe(format === 'tfjs' ? 'tfjs' : 'keras-npy');
        expect(imported.project.kind).toBe(original.kind);
        expect(imported.project.weights).toBeDefined();
        expect(shapeOf(imported.project.graph)).toEqual(shapeOf(original.graph));

        const before = loadExportModels(original);
        const after = loadExportModels(imported.project);
        try {
          const [a, b] = [before.models[0], after.models[0]];
          expect(after.trained).toBe(true);
          expect(b.model.countParams()).toBe(a.model.countParams());
          const sample = randomInputs(a.snap.inputs, 4, 13);
          const [pa, pb] = [predictTf(a.model, sample), predictTf(b.model, sample)];
          expect(pb.length).toBe(pa.length);
          pa.forEach((out, i) => expect(maxAbsDiff(out, pb[i])).toBeLessThan(1e-6));
        } finally {
          disposeExportModels(before);
          disposeExportModels(after);
        }
      });
    }
  }
});

/** A GAN example with random weights in both halves. */
function trainedLikeGan(file: string): Project {
  const project = examples.find((e) => e.file === file)!.project;
  const models = (['generator', 'discriminator'] as const).map((group, i) => {
    const { model } = compileGraph(project.graph, { projectKind: 'gan', group, seed: project.training.seed });
    randomizeWeights(model, 5 + i);
    return model;
  });
  const weights = modelWeightsBlob(models, project.graph);
  models.forEach((m) => m.dispose());
  return { ...project, weights };
}

describe('importModel GAN round trip', () => {
  for (const format of ['tfjs', 'keras'] as const) {
    it(`mlp-gan through ${format}: both halves, same graph and predictions`, async () => {
      const original = trainedLikeGan('mlp-gan.deepwire');
      const dir = join(root, `gan-${format}`);
      await runExport(original, { format, outDir: dir });
      const imported = await importModel(dir);
      expect(imported.project.kind).toBe('gan');
      expect(shapeOf(imported.project.graph)).toEqual(shapeOf(original.graph));
      const before = loadExportModels(original);
      const after = loadExportModels(imported.project);
      try {
        expect(after.models.map((m) => m.name)).toEqual(['generator', 'discriminator']);
        before.models.forEach((a, k) => {
          const b = after.models[k];
          expect(b.model.countParams()).toBe(a.model.countParams());
          const sample = randomInputs(a.snap.inputs, 3, 17 + k);
          const [pa, pb] = [predictTf(a.model, sample), predictTf(b.model, sample)];
          pa.forEach((out, i) => expect(maxAbsDiff(out, pb[i])).toBeLessThan(1e-6));
        });
      } finally {
        disposeExportModels(before);
        disposeExportModels(after);
      }
      if (format === 'keras') await expectCode(importModel(join(dir, 'generator')), 'DW304');
    });
  }
});

describe('importModel inputs', () => {
  const cnn = () => trainedLike('mnist-cnn.deepwire');

  it('reads a bare Keras JSON file as a project without weights', async () => {
    const path = join(root, 'bare.json');
    writeFileSync(path, JSON.stringify(writeKerasModel(cnn().graph, { style: 'keras2', name: 'bare' })));
    const imported = await importModel(path);
    expect(imported.source).toBe('keras-json');
    expect(imported.project.weights).toBeUndefined();
    expect(imported.project.name).toBe('bare');
    expect(shapeOf(imported.project.graph)).toEqual(shapeOf(cnn().graph));
  });

  it('tells regressors and GANs from classifiers', () => {
    for (const { project } of examples) expect(projectKindOf(project.graph)).toBe(project.kind);
    // the CNN with one linear unit out is a regressor; with a sigmoid it stays a classifier
    const graph = cnn().graph;
    const sources = new Set(graph.edges.map((e) => e.source));
    const withHead = (activation: string): GraphDoc => ({
      ...graph,
      nodes: graph.nodes.map((n) =>
        sources.has(n.id) || n.kind !== 'Dense' ? n : { ...n, params: { ...n.params, units: 1, activation } },
      ) as GraphDoc['nodes'],
    });
    expect(projectKindOf(withHead('linear'))).toBe('regressor');
    expect(projectKindOf(withHead('sigmoid'))).toBe('classifier');
  });

  it('names a weight whose shape does not fit the model (DW307)', async () => {
    const dir = join(root, 'bad-shape');
    await runExport(cnn(), { format: 'keras', outDir: dir });
    const manifest = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8')) as {
      layers: { weights: { name: string; file: string; shape: number[] }[] }[];
    };
    const w = manifest.layers[0].weights[1];
    w.shape = [w.shape[0] + 1];
    writeFileSync(join(dir, w.file), encodeNpy(w.shape, new Float32Array(w.shape[0])));
    writeFileSync(join(dir, 'weights.json'), JSON.stringify(manifest));
    await expectCode(importModel(dir), 'DW307', w.name);
  });

  it('names a weight the model does not have, and one that is missing (DW307)', async () => {
    const dir = join(root, 'renamed');
    await runExport(cnn(), { format: 'tfjs', outDir: dir });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      weightsManifest: { weights: { name: string }[] }[];
    };
    const first = json.weightsManifest[0].weights[0];
    const original = first.name;
    first.name = 'nowhere/kernel';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    await expectCode(importModel(join(dir, 'model.json')), 'DW307', 'nowhere/kernel');
    // one tensor fewer in the manifest: the shards no longer add up (DW306)
    json.weightsManifest[0].weights.splice(0, 1);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    await expectCode(importModel(dir), 'DW306');

    const kerasDir = join(root, 'missing');
    await runExport(cnn(), { format: 'keras', outDir: kerasDir });
    const manifest = JSON.parse(readFileSync(join(kerasDir, 'weights.json'), 'utf8')) as {
      layers: { weights: { name: string }[] }[];
    };
    manifest.layers[0].weights.splice(0, 1);
    writeFileSync(join(kerasDir, 'weights.json'), JSON.stringify(manifest));
    await expectCode(importModel(kerasDir), 'DW307', original);
  });

  it('reads weights split over several shards and Keras 2 / converter names (lstm/lstm_cell/kernel:0)', async () => {
    const original = trainedLike('lstm-mnist-rows.deepwire');
    const dir = join(root, 'sharded');
    await runExport(original, { format: 'tfjs', outDir: dir });
    const bin = readFileSync(join(dir, 'weights.bin'));
    const cut = 4 * 1001; // mid-tensor: shards are one byte stream
    writeFileSync(join(dir, 'group1-shard1of2.bin'), bin.subarray(0, cut));
    writeFileSync(join(dir, 'group1-shard2of2.bin'), bin.subarray(cut));
    rmSync(join(dir, 'weights.bin'));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      weightsManifest: { paths: string[]; weights: { name: string }[] }[];
    };
    json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
    const renamed = json.weightsManifest[0].weights.filter((w) => /^lstm[^/]*\//.test(w.name));
    expect(renamed.length).toBeGreaterThan(0);
    for (const w of json.weightsManifest[0].weights)
      w.name = w.name.replace(/^(lstm[^/]*)\/(.*)$/, '$1/$1_cell/$2') + ':0';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const imported = await importModel(dir);
    expect(imported.project.weights?.specs.map((s) => s.name)).toEqual(original.weights?.specs.map((s) => s.name));
    expect(imported.project.weights?.crc32).toBe(original.weights?.crc32);
    expect(weightKey('bidirectional/forward_lstm/lstm_cell/kernel:0')).toBe('bidirectional/forward_lstm/kernel');
    expect(weightKey('cell/kernel')).toBe('cell/kernel');
  });

  it("reads Keras 3's TF.js weight paths, scoped by the model's name (sequential/lstm/lstm_cell/kernel)", async () => {
    const original = trainedLike('lstm-mnist-rows.deepwire');
    const dir = join(root, 'keras3-paths');
    await runExport(original, { format: 'tfjs', outDir: dir });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      weightsManifest: { weights: { name: string }[] }[];
    };
    for (const w of json.weightsManifest[0].weights)
      w.name = `sequential/${w.name.replace(/^(lstm[^/]*)\/(.*)$/, '$1/$1_cell/$2')}`;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const imported = await importModel(dir);
    expect(imported.project.weights?.specs.map((s) => s.name)).toEqual(original.weights?.specs.map((s) => s.name));
    expect(imported.project.weights?.crc32).toBe(original.weights?.crc32);
    // A scope does not make an unknown weight known.
    json.weightsManifest[0].weights[0].name = 'sequential/nowhere/kernel';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    await expectCode(importModel(dir), 'DW307', 'sequential/nowhere/kernel');
  });

  it('refuses truncated TF.js shards (DW306)', async () => {
    const dir = join(root, 'truncated');
    await runExport(cnn(), { format: 'tfjs', outDir: dir });
    const bin = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'weights.bin'), bin.subarray(0, bin.length - 8));
    await expectCode(importModel(dir), 'DW306');
  });
});

describe('parseNpy', () => {
  const npy = (header: string, data: Uint8Array, major = 1) => {
    const pre = major === 1 ? 10 : 12;
    let h = header;
    h += ' '.repeat((64 - ((pre + h.length + 1) % 64)) % 64) + '\n';
    const out = new Uint8Array(pre + h.length + data.length);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
    const view = new DataView(out.buffer);
    if (major === 1) view.setUint16(8, h.length, true);
    else view.setUint32(8, h.length, true);
    out.set(new TextEncoder().encode(h), pre);
    out.set(data, pre + h.length);
    return out;
  };
  const floats = new Uint8Array(new Float32Array([1.5, -2, 3, 4.25, 5, 6]).buffer);

  it('reads headers in any key order and version 2', () => {
    const a = parseNpy(npy("{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}", floats, 2), 'a.npy');
    expect(a.shape).toEqual([2, 3]);
    expect([...a.values]).toEqual([1.5, -2, 3, 4.25, 5, 6]);
    expect(parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", floats), 'b.npy').shape).toEqual([
      6,
    ]);
    expect(
      parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", floats.subarray(0, 4)), 'c.npy').shape,
    ).toEqual([]);
  });

  it('refuses other dtypes, Fortran order, bad sizes and non-npy files (DW306)', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DeepwireError).code;
      }
      return 'none';
    };
    expect(code(() => parseNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", floats), 'x'))).toBe(
      'DW306',
    );
    expect(code(() => parseNpy(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (6,), }", floats), 'x'))).toBe(
      'DW306',
    );
    expect(code(() => parseNpy(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", floats), 'x'))).toBe(
      'DW306',
    );
    expect(code(() => parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (7,), }", floats), 'x'))).toBe(
      'DW306',
    );
    expect(code(() => parseNpy(new TextEncoder().encode('not numpy at all'), 'x'))).toBe('DW306');
  });
});

describe('deepwire import', () => {
  it('writes a project with the weights, refuses to overwrite, exits 1 on mismatched weights', async () => {
    const { main } = await import('../../../src/main/cli/main.js');
    const { memoryIo } = await import('../../../src/main/cli/io.js');
    const { readProjectFile } = await import('../../../src/main/services/project-files.js');
    const dir = join(root, 'cli-export');
    const original = trainedLike('mnist-cnn.deepwire');
    await runExport(original, { format: 'tfjs', outDir: dir });
    const out = join(root, 'cli.deepwire');
    const io = memoryIo();
    expect(await main(['import', dir, '--out', out], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/tfjs.*classifier/);
    const { project } = await readProjectFile(out);
    expect(project.weights?.specs.map((s) => s.name)).toEqual(original.weights?.specs.map((s) => s.name));
    expect(project.weights?.crc32).toBe(original.weights?.crc32);
    expect(await main(['import', dir, '--out', out], memoryIo())).toBe(2);
    expect(await main(['import', '--out', out], memoryIo())).toBe(2);

    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      weightsManifest: { weights: { name: string }[] }[];
    };
    json.weightsManifest[0].weights[0].name = 'elsewhere/kernel';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const bad = memoryIo();
    expect(await main(['import', join(dir, 'model.json'), '--out', out, '--force', '--json'], bad)).toBe(1);
    expect(JSON.parse(bad.stdout[0]) as { code: string }).toMatchObject({ code: 'DW307', where: 'elsewhere/kernel' });
  });
});

describe('project.importModel (web studio)', () => {
  it('opens an exported model as an untitled project with its weights; refuses paths outside the roots (DW605)', async () => {
    const { createWebStudio } = await import('../../../src/main/server/web-studio.js');
    const studio = createWebStudio({ roots: [root], configDir: join(root, 'config'), checkResponses: true });
    try {
      const dir = join(root, 'studio-export');
      const original = trainedLike('lstm-mnist-rows.deepwire');
      await runExport(original, { format: 'keras', outDir: dir });
      const opened = await studio.call('project.importModel', { path: dir });
      expect(opened).toMatchObject({ path: null, migratedFrom: null, example: null });
      expect(opened.project.kind).toBe('classifier');
      expect(shapeOf(opened.project.graph)).toEqual(shapeOf(original.graph));
      expect((opened.project as Project).weights?.crc32).toBe(original.weights?.crc32);
      const outside = mkdtempSync(join(tmpdir(), 'deepwire-outside-'));
      try {
        await expectCode(studio.call('project.importModel', { path: outside }), 'DW605');
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    } finally {
      await studio.dispose();
    }
  });
});
