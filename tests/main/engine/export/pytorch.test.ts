/**
 * The PyTorch export: generated code compiles for every example; where a
 * python3 with torch exists, the generated modules load the exported weights
 * and reproduce the TF.js outputs within 1e-4 (every example and every layer
 * case), with parameter counts equal to `deepwire summary`'s. Without torch
 * those checks are reported as skipped, with the reason.
 */
import { isCycleGraph } from '../../../../src/shared/shape/cycle-contracts.js';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExportFiles } from '../../../../src/main/engine/export/files.js';
import { encodeNpy } from '../../../../src/main/engine/export/keras/npy.js';
import { disposeExportModels, loadExportModels, type ExportModel } from '../../../../src/main/engine/export/models.js';
import { pytorchFiles } from '../../../../src/main/engine/export/python/index.js';
import { summarizeGraph } from '../../../../src/shared/summary/index.js';
import { inferShapes } from '../../../../src/shared/shape/index.js';
import type { Project } from '../../../../src/shared/project/schema.js';
import { CASES } from './cases.js';
import { compileRandom, exampleProjects, predictTfShaped, randomInputs, randomizeExportModels } from './helpers.js';
import { NO_TORCH_REASON, pyCompileErrors, runPython, TORCH_PYTHON } from './python.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-pytorch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Check {
  label: string;
  dir: string;
  cls: string;
  weights: string;
  inputs: string[];
  expected: string;
  trainable: number;
  total: number;
}

const CLASS = {
  model: 'Model',
  generator: 'Generator',
  discriminator: 'Discriminator',
  generator_ab: 'GeneratorAB',
  generator_ba: 'GeneratorBA',
  discriminator_a: 'DiscriminatorA',
  discriminator_b: 'DiscriminatorB',
} as Record<string, string>;

/** Writes the export plus the inputs and TF.js outputs the Python side compares against. */
async function prepare(label: string, dir: string, project: Project, models: ExportModel[]): Promise<Check[]> {
  await writeExportFiles(dir, pytorchFiles(project, models, { version: 'test', trained: false }));
  const summary = summarizeGraph(project.graph, inferShapes(project.graph, { projectKind: project.kind }));
  return models.map((m, i) => {
    const sample = randomInputs(m.snap.inputs, 3, 50 + i);
    const [{ values: expected, dims }] = predictTfShaped(m.model, sample);
    const inputs = sample.feeds.map((f, k) => {
      const file = join(dir, `check_${m.name}_in${k}.npy`);
      writeFileSync(file, encodeNpy(f.dims, Float32Array.from(f.values)));
      return file;
    });
    const out = join(dir, `check_${m.name}_out.npy`);
    writeFileSync(out, encodeNpy(dims, expected));
    const totals = summary.models.find((s) => (s.group ?? 'model') === m.name)?.totals ?? summary.totals;
    const weights = models.length > 1 ? join(dir, m.name) : dir;
    return {
      label: `${label} ${m.name}`,
      dir,
      cls: CLASS[m.name],
      weights,
      inputs,
      expected: out,
      trainable: totals.trainable,
      total: totals.total,
    };
  });
}

const DRIVER = `
import importlib.util, json, sys
import numpy as np, torch
torch.set_num_threads(1)
results = []
for i, c in enumerate(json.load(open(sys.argv[1]))):
    spec = importlib.util.spec_from_file_location(f"model_{i}", c["dir"] + "/model.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    m = getattr(mod, c["cls"])().load_deepwire_weights(c["weights"]).eval()
    xs = []
    for f in c["inputs"]:
        x = torch.from_numpy(np.load(f))
        xs.append(x.permute(0, 3, 1, 2) if x.dim() == 4 else x)
    with torch.no_grad():
        y = m(*xs)
    if y.dim() == 4:
        y = y.permute(0, 2, 3, 1)
    error = float(np.abs(y.numpy() - np.load(c["expected"])).max())
    trainable = sum(p.numel() for p in m.parameters())
    total = trainable + sum(b.numel() for b in m.buffers())
    results.append(dict(label=c["label"], error=error, trainable=trainable, total=total))
print(json.dumps(results))
`;

const checks: Check[] = [];
const examples = exampleProjects();

describe('PyTorch export', () => {
  it.each(examples.map((e) => [e.file, e.project] as const))('%s: generated code compiles', async (file, project) => {
    const models = randomizeExportModels(loadExportModels(project));
    const dir = join(root, file.replace('.deepwire', ''));
    checks.push(...(await prepare(file, dir, project, models.models)));
    const py = readdirSync(dir).filter((f) => f.endsWith('.py'));
    // A CycleGAN's four models train with a plain PyTorch loop (cycle-scripts.test.ts runs it).
    const scripts = isCycleGraph(project.graph) ? ['train_cyclegan.py'] : ['train_lightning.py'];
    expect(py.sort()).toEqual(['deepwire_data.py', 'model.py', ...scripts]);
    expect(pyCompileErrors(py.map((f) => join(dir, f)))).toEqual([]);
    disposeExportModels(models);
  });

  it('layer cases: generated code compiles', async () => {
    const base = examples.find((e) => e.file === 'mnist-cnn.deepwire')!.project;
    for (const [i, [label, graph]] of CASES.entries()) {
      const { model, snap } = compileRandom(graph);
      const dir = join(root, `case_${i}`);
      checks.push(...(await prepare(label, dir, { ...base, graph }, [{ name: 'model', model, snap }])));
      model.dispose();
    }
    const files = CASES.map((_, i) => join(root, `case_${i}`, 'model.py'));
    expect(pyCompileErrors(files)).toEqual([]);
  });

  describe.skipIf(!TORCH_PYTHON)(`with torch${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH_REASON})`}`, () => {
    it('modules reproduce TF.js within 1e-4 and count the parameters deepwire summary counts', () => {
      const list = join(root, 'checks.json');
      writeFileSync(list, JSON.stringify(checks));
      const results = JSON.parse(runPython(TORCH_PYTHON!, DRIVER, [list])) as {
        label: string;
        error: number;
        trainable: number;
        total: number;
      }[];
      expect(results.length).toBe(checks.length);
      for (const r of results)
        if (r.label.includes('.deepwire '))
          console.log(`PyTorch max abs error ${r.label}: ${r.error.toExponential(2)}, params ${r.total}`);
      const actual = results.map((r) => ({
        label: r.label,
        ok: r.error < 1e-4,
        trainable: r.trainable,
        total: r.total,
      }));
      expect(actual).toEqual(checks.map((c) => ({ label: c.label, ok: true, trainable: c.trainable, total: c.total })));
    });
  });
});
