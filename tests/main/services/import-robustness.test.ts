/** Issue #17: model.json files that crashed `deepwire import` with a raw exception give numbered errors. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { importModel } from '../../../src/main/services/import-model.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-import-robust-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A TF.js folder: InputLayer(inputs) → Dense(3) with a manifest for a 4×3 kernel and a bias of 3 (15 floats). */
function folder(name: string, inputs: number, className = 'Dense'): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const json = {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name,
        layers: [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, inputs], dtype: 'float32' } },
          { class_name: className, config: { name: 'dense', units: 3 } },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: ['w.bin'],
        weights: [
          { name: 'dense/kernel', shape: [4, 3], dtype: 'float32' },
          { name: 'dense/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ],
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(join(dir, 'w.bin'), new Uint8Array(15 * 4));
  return dir;
}

async function failure(dir: string): Promise<DeepwireError> {
  const e: unknown = await importModel(dir).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'importModel should refuse the model').toBeInstanceOf(DeepwireError);
  return e as DeepwireError;
}

describe('importModel refuses hostile model.json files with numbered errors', () => {
  it('an input of 2^32 + 1 features with small weights → DW307 before the engine allocates the kernel', async () => {
    const e = await failure(folder('huge', 2 ** 32 + 1));
    expect(e.code).toBe('DW307');
    expect(e.detail).toMatch(/parameters but the weights hold 15 values/);
  });

  it('a layer class named toString → DW302', async () => {
    const e = await failure(folder('proto', 4, 'toString'));
    expect(e.code).toBe('DW302');
  });

  it('the same folder with sane units imports', async () => {
    const imported = await importModel(folder('fine', 4));
    expect(imported.tensors).toBe(2);
  });
});
