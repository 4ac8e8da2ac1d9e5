/**
 * Keras export and the Keras script: model.json reads back (src/shared/keras)
 * to the same graph and parameter count, every .npy file is well-formed with
 * the manifest's shape and the model's values, the Python files compile, and
 * (where numpy exists) load_weights.py reads every array.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExportFiles } from '../../../../src/main/engine/export/files.js';
import { kerasFiles } from '../../../../src/main/engine/export/keras/index.js';
import { decodeNpy } from '../../../../src/main/engine/export/keras/npy.js';
import { disposeExportModels, loadExportModels } from '../../../../src/main/engine/export/models.js';
import type { NpyManifest } from '../../../../src/main/engine/export/npy-weights.js';
import { kerasPyFiles } from '../../../../src/main/engine/export/python/index.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import { readKerasModel } from '../../../../src/shared/keras/index.js';
import { inferShapes } from '../../../../src/shared/shape/index.js';
import { summarizeGraph } from '../../../../src/shared/summary/index.js';
import { exampleProjects, randomizeExportModels } from './helpers.js';
import { pyCompileErrors, PYTHON, runPython } from './python.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-keras-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The graph as names, kinds, params and named connections (ids and positions are the canvas's business). */
function structure(graph: GraphDoc) {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return {
    nodes: graph.nodes
      .map((n) => ({ name: n.name, kind: n.kind, params: n.params, group: n.group }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    edges: graph.edges.map((e) => `${names.get(e.source)} -> ${names.get(e.target)}:${e.targetPort}`).sort(),
  };
}

const HAS_NUMPY =
  PYTHON !== undefined &&
  (() => {
    try {
      runPython(PYTHON, 'import numpy', []);
      return true;
    } catch {
      return false;
    }
  })();

describe('Keras export', () => {
  it.each(exampleProjects().map((e) => [e.file, e.project] as const))('%s', async (file, project) => {
    const models = randomizeExportModels(loadExportModels(project));
    const dir = join(root, file);
    await writeExportFiles(dir, kerasFiles(models.models, { projectName: project.name, trained: false }));
    const summary = summarizeGraph(project.graph, inferShapes(project.graph, { projectKind: project.kind }));
    let total = 0;
    for (const m of models.models) {
      const folder = models.models.length > 1 ? join(dir, m.name) : dir;
      // Topology: reads back to the same graph, with the same parameter count.
      const back = readKerasModel(JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'))).graph;
      expect(structure(back)).toEqual(structure(m.snap.graph));
      const expected = summary.models.find((s) => (s.group ?? 'model') === m.name)!.totals.total;
      expect(summarizeGraph(back, inferShapes(back, { projectKind: project.kind })).totals.total).toBe(expected);
      // Weights: every listed .npy parses, with the manifest's shape and the model's values.
      const manifest = JSON.parse(readFileSync(join(folder, 'weights.json'), 'utf8')) as NpyManifest;
      expect(manifest).toMatchObject({ format: 'deepwire-npy-weights', version: 1, model: m.name, trained: false });
      let count = 0;
      for (const layer of manifest.layers) {
        const held = m.snap.weights.get(layer.name)!;
        layer.weights.forEach((w, i) => {
          const npy = decodeNpy(new Uint8Array(readFileSync(join(folder, w.file))));
          expect([npy.descr, npy.fortranOrder, npy.shape]).toEqual(['<f4', false, w.shape]);
          expect(npy.values).toEqual(held[i].values);
          count += npy.values.length;
        });
      }
      expect(count).toBe(expected);
      total += count;
    }
    expect(total).toBe(summary.totals.total);
    expect(pyCompileErrors([join(dir, 'load_weights.py')])).toEqual([]);
    disposeExportModels(models);
  });

  it.each(exampleProjects().map((e) => [e.file, e.project] as const))(
    '%s: the Keras script compiles',
    async (file, project) => {
      const models = loadExportModels(project);
      const dir = join(root, `py-${file}`);
      await writeExportFiles(dir, kerasPyFiles(project, models.models, { version: 'test', trained: false }));
      expect(
        pyCompileErrors(['train_keras.py', 'load_weights.py', 'deepwire_data.py'].map((f) => join(dir, f))),
      ).toEqual([]);
      const script = readFileSync(join(dir, 'train_keras.py'), 'utf8');
      for (const n of models.models.flatMap((m) => m.snap.graph.nodes)) expect(script).toContain(`name="${n.name}"`);
      disposeExportModels(models);
    },
  );

  describe.skipIf(!HAS_NUMPY)(`in Python${HAS_NUMPY ? '' : ' (skipped: no python3 with numpy here)'}`, () => {
    it('load_weights.load_arrays reads every exported array', () => {
      const dir = join(root, 'mnist-cnn.deepwire');
      const out = runPython(
        PYTHON!,
        'import sys; sys.path.insert(0, sys.argv[1]); import load_weights as lw; a = lw.load_arrays(sys.argv[1]); print(len(a), sum(v.size for v in a.values()))',
        [dir],
      );
      expect(out.trim()).toBe('6 693962');
    });
  });
});
