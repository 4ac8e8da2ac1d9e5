/**
 * The runner's pieces that must equal the TF.js engine's bit for bit: the
 * weights come back in Keras's layout exactly as they went in (every layer
 * case of the export tests: generated load_deepwire_weights, then
 * deepwire_weights), and epochs shuffle in the same order (mulberry32 +
 * Fisher-Yates), so both engines see the same batches.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { npyWeightFiles } from '../../../../src/main/engine/export/npy-weights.js';
import { torchModelPy } from '../../../../src/main/engine/export/python/torch-model.js';
import { PYTHON_DIR } from '../../../../src/main/engine/pytorch/python.js';
import { range, seededRandom, shuffleInPlace } from '../../../../src/main/engine/datasets/rng.js';
import { CASES } from '../export/cases.js';
import { compileRandom } from '../export/helpers.js';
import { runPython } from '../export/python.js';
import { NO_TORCH, TORCH_PYTHON } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-runner-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(() => initBackend('cpu'));

const ROUND_TRIP = `
import importlib.util, json, os, sys
import numpy as np
results = []
for i, folder in enumerate(json.load(open(sys.argv[1]))):
    spec = importlib.util.spec_from_file_location(f"model_{i}", os.path.join(folder, "model.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    back = mod.Model().load_deepwire_weights(folder).deepwire_weights()
    sent = mod.load_arrays(folder)
    worst = max([float(np.abs(back[k] - sent[k]).max()) if back[k].shape == sent[k].shape else float("inf") for k in sent] or [0.0])
    results.append(dict(names=sorted(back) == sorted(sent), error=worst))
print(json.dumps(results))
`;

const SHUFFLE = `
import json, sys
sys.path.insert(0, sys.argv[1])
from deepwire_runner import seeded_random, shuffled
out = []
for seed, n in json.loads(sys.argv[2]):
    random = seeded_random(seed)
    out.append([shuffled(n, random).tolist() for _ in range(2)])
print(json.dumps(out))
`;

describe.skipIf(!TORCH_PYTHON)(`the PyTorch runner's parts${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('deepwire_weights() gives back the weights of every layer case in Keras layout, exactly', () => {
    const folders = CASES.map(([, graph], i) => {
      const { model, snap } = compileRandom(graph);
      const folder = join(root, `case_${i}`);
      const files = [
        {
          path: 'model.py',
          data: torchModelPy({ name: `case ${i}`, kind: 'classifier' }, [{ name: 'model', model, snap }], 'test'),
        },
        ...npyWeightFiles({ name: 'model', model, snap }, false).files,
      ];
      for (const f of files) {
        const path = join(folder, ...f.path.split('/'));
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, f.data);
      }
      model.dispose();
      return folder;
    });
    const list = join(root, 'folders.json');
    writeFileSync(list, JSON.stringify(folders));
    const results = JSON.parse(runPython(TORCH_PYTHON!, ROUND_TRIP, [list])) as { names: boolean; error: number }[];
    expect(results.map((r, i) => ({ label: CASES[i][0], ...r }))).toEqual(
      CASES.map(([label]) => ({ label, names: true, error: 0 })),
    );
  }, 240_000);

  it('shuffles each epoch as the TF.js loop does (same seed, same order)', () => {
    const runs = [
      [42, 1000],
      [-7, 33],
    ] as const;
    const js = runs.map(([seed, n]) => {
      const random = seededRandom(seed);
      return [0, 1].map(() => Array.from(shuffleInPlace(range(n), random)));
    });
    expect(JSON.parse(runPython(TORCH_PYTHON!, SHUFFLE, [PYTHON_DIR, JSON.stringify(runs)]))).toEqual(js);
  }, 60_000);
});
