/** Telling model files apart by content. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { knownSampleShape } from '../../../src/shared/project/dataset-fit.js';
import { readModelDocument } from '../../../src/shared/summary/document.js';

const text = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof DeepwireError) return e.code;
    throw e;
  }
  return 'none';
}

describe('readModelDocument', () => {
  it('reads a project whatever its extension', () => {
    const project = text('resources/examples/mnist-cnn.deepwire');
    for (const name of ['cnn.deepwire', 'cnn.json', 'cnn']) {
      const doc = readModelDocument(project, name);
      expect(doc).toMatchObject({ source: 'deepwire', projectKind: 'classifier', sampleShape: [28, 28, 1] });
    }
  });

  it('reads Keras JSON and TF.js model.json whatever their extension', () => {
    const keras = text('tests/fixtures/keras/rnn.keras3.json');
    expect(readModelDocument(keras, 'model.txt')).toMatchObject({
      source: 'keras',
      style: 'keras3',
      name: 'sequential_1',
    });
    const tfjs = JSON.stringify({
      format: 'layers-model',
      modelTopology: {
        keras_version: '2.15.0',
        backend: 'tensorflow',
        model_config: JSON.parse(text('tests/fixtures/keras/cnn.keras2.json')),
      },
      weightsManifest: [],
    });
    expect(readModelDocument(tfjs, 'model.json')).toMatchObject({ source: 'tfjs', style: 'keras2' });
    // A Keras file named .deepwire is still read as Keras: content decides.
    expect(readModelDocument(keras, 'oops.deepwire').source).toBe('keras');
  });

  it('numbers what it cannot read', () => {
    expect(codeOf(() => readModelDocument('{"format": "deepwire-project", "version": 1,', 'broken.deepwire'))).toBe(
      'DW202',
    );
    expect(codeOf(() => readModelDocument('{"a": 1}', 'other.deepwire'))).toBe('DW201');
    expect(codeOf(() => readModelDocument('{"a": 1}', 'data.json'))).toBe('DW802');
    expect(codeOf(() => readModelDocument('not json at all', 'notes.txt'))).toBe('DW802');
    expect(codeOf(() => readModelDocument('', 'empty.json'))).toBe('DW802');
    expect(
      codeOf(() =>
        readModelDocument(
          '{"class_name": "Sequential", "config": {"layers": [{"class_name": "Conv3D", "config": {"name": "c"}}]}}',
          'm.json',
        ),
      ),
    ).toBe('DW304');
  });

  it('knows the sample shapes that follow from dataset settings alone', () => {
    expect(knownSampleShape({ source: 'mnist-rows', validationSplit: 0.1, seed: 1 })).toEqual([28, 28]);
    expect(
      knownSampleShape({
        source: 'image-folder',
        path: 'x',
        size: [32, 24],
        channels: 3,
        validationSplit: 0.1,
        seed: 1,
      }),
    ).toEqual([32, 24, 3]);
    expect(
      knownSampleShape({
        source: 'csv',
        path: 'x.csv',
        labelColumn: 'y',
        normalize: true,
        validationSplit: 0.1,
        seed: 1,
      }),
    ).toBeUndefined();
  });
});
