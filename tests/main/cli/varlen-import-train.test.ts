/**
 * A researcher's text model of variable length, end to end through the CLI (issue #14): a Keras JSON with
 * `batch_input_shape: [null, null]` imports with its Input as None and the dataset unset; given a
 * csv-tokens dataset of rows of different lengths, `deepwire train` trains it, and exporting to Keras
 * writes `[null, null]` again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { readProjectFile, writeProjectFile } from '../../../src/main/services/project-files.js';
import { tempDir } from '../../fixtures/datasets/make.js';

const keras = {
  class_name: 'Sequential',
  config: {
    name: 'sentiment',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, null], dtype: 'int32', name: 'tokens' } },
      { class_name: 'Embedding', config: { name: 'embed', input_dim: 20, output_dim: 8 } },
      { class_name: 'LSTM', config: { name: 'reader', units: 8 } },
      { class_name: 'Dense', config: { name: 'score', units: 2, activation: 'softmax' } },
    ],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
};

describe('a variable-length text model: import, train, export', () => {
  it('keeps None from Keras to the project to a trained run and back to Keras', async () => {
    const dir = tempDir();
    const model = join(dir, 'sentiment.json');
    writeFileSync(model, JSON.stringify(keras));
    const project = join(dir, 'sentiment.deepwire');
    const imported = memoryIo();
    expect(await main(['import', model, '--out', project], imported)).toBe(0);
    expect(imported.stdout.join('\n')).toContain('choose a dataset with samples of shape None');

    // Rows of 1 to 9 ids; the class is whether id 5 occurs.
    const lines = ['label,tokens'];
    for (let r = 0; r < 120; r++) {
      const ids = Array.from({ length: 1 + (r % 9) }, (_, i) => 1 + ((r * 7 + i * 3) % 19));
      lines.push(`${ids.includes(5) ? 'five' : 'none'},${ids.join(' ')}`);
    }
    writeFileSync(join(dir, 'reviews.csv'), lines.join('\n'));
    const { project: read } = await readProjectFile(project);
    expect(read.graph.nodes.find((n) => n.kind === 'Input')!.params).toMatchObject({ shape: [null], dtype: 'int32' });
    await writeProjectFile(project, {
      ...read,
      dataset: {
        source: 'csv-tokens',
        path: 'reviews.csv',
        labelColumn: 'label',
        tokensColumn: 'tokens',
        validationSplit: 0.1,
        seed: 1,
      },
      training: { ...read.training, loss: 'categoricalCrossentropy', epochs: 2, batchSize: 16 },
    });

    const trained = memoryIo();
    expect(await main(['train', project, '--json', '--cache-dir', join(dir, 'cache')], trained)).toBe(0);
    const done = JSON.parse(trained.stdout.at(-1)!) as Record<string, unknown>;
    expect(done).toMatchObject({ event: 'done' });
    expect(typeof done.test_accuracy).toBe('number');

    const exported = memoryIo();
    expect(await main(['export', project, '--format', 'keras', '--out', join(dir, 'keras')], exported)).toBe(0);
    const json = readFileSync(join(dir, 'keras', 'model.json'), 'utf8');
    expect(json.replace(/\s/g, '')).toMatch(/"batch_(input_)?shape":\[null,null\]/);
  }, 300_000);
});
