/** `deepwire summary` through the CLI dispatcher, and once through the real `bin/deepwire.js`. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => join(root, 'tests/fixtures/keras', name);
const example = (name: string) => join(root, 'resources/examples', name);
const scratch = mkdtempSync(join(tmpdir(), 'deepwire-summary-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function summary(...args: string[]) {
  const io = memoryIo();
  const code = await main(['summary', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('deepwire summary of Keras JSON', () => {
  it.each([
    [
      'cnn',
      [
        'Total params: 693,962 (2.65 MB)',
        'Trainable params: 693,962',
        'Non-trainable params: 0 (0.00 B)',
        '│ conv2d (Conv2D)              │ (None, 26, 26, 32) │     320 │',
      ],
    ],
    ['rnn', ['Total params: 10,301', '│ simple_rnn (SimpleRNN) │ (None, 100)  │  10,200 │']],
    ['gan-generator', ['Total params: 114,064']],
    ['gan-discriminator', ['Total params: 100,609']],
    ['residual-cnn', ['Total params: 5,034', 'Non-trainable params: 32', 'Connected to']],
  ])('%s in both dialects', async (name, expected) => {
    for (const style of ['keras2', 'keras3']) {
      const r = await summary(fixture(`${name}.${style}.json`));
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Keras JSON (${style === 'keras2' ? 'Keras 2' : 'Keras 3'})`);
      for (const text of expected) expect(r.out).toContain(text);
      expect(r.out).toMatch(/FLOPs: [\d,]+ per sample/);
      expect(r.err).toBe('');
    }
  });

  it('--json prints one object with the totals', async () => {
    const r = await summary(fixture('cnn.keras3.json'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      kind: 'keras',
      format: 'keras3',
      name: 'sequential',
      valid: true,
      total_params: 693_962,
      trainable_params: 693_962,
      non_trainable_params: 0,
      diagnostics: [],
    });
    expect(json.models[0].layers[1]).toMatchObject({
      name: 'conv2d',
      keras_class: 'Conv2D',
      output_shape: [null, 26, 26, 32],
      params: 320,
      connected_to: ['input_layer'],
    });
    expect(json.models[0].totals.total_params).toBe(693_962);
  });

  it('a TF.js model.json is recognised by content, whatever its name', async () => {
    const file = join(scratch, 'weights-and-all.txt');
    const topology = JSON.parse(readFileSync(fixture('cnn.keras2.json'), 'utf8'));
    writeFileSync(
      file,
      JSON.stringify({
        format: 'layers-model',
        modelTopology: { keras_version: '2.15.0', backend: 'tensorflow', model_config: topology },
        weightsManifest: [],
      }),
    );
    const r = await summary(file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('TF.js model.json (Keras 2)');
    expect(r.out).toContain('Total params: 693,962');
  });
});

describe('deepwire summary notes', () => {
  it('prints what a Keras import read approximately as Note lines, exit 0', async () => {
    const json = JSON.parse(readFileSync(fixture('cnn.keras2.json'), 'utf8'));
    json.config.layers[4].config.kernel_regularizer = { class_name: 'L2', config: { l2: 0.001 } };
    const file = join(scratch, 'regularized.json');
    writeFileSync(file, JSON.stringify(json));
    const r = await summary(file);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "Note: layer 'dense' (Dense): kernel_regularizer is ignored: Deepwire does not apply regularizers or constraints yet",
    );
    expect(JSON.parse((await summary(file, '--json')).out).warnings).toHaveLength(1);
  });
});

describe('deepwire summary of the example projects', () => {
  const EXPECTED: Record<string, string[]> = {
    'mnist-cnn.deepwire': ['Total params: 693,962'],
    'simple-rnn.deepwire': ['Total params: 10,301'],
    'mlp-gan.deepwire': [
      'Model: "Generator"',
      'Total params: 114,064',
      'Model: "Discriminator"',
      'Total params: 100,609',
    ],
  };
  const examples = readdirSync(join(root, 'resources/examples')).filter((f) => f.endsWith('.deepwire'));

  it('has the source models among the examples', () => {
    expect(examples).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });

  for (const file of examples) {
    it(`${file} is a valid model`, async () => {
      const r = await summary(example(file));
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      for (const text of EXPECTED[file] ?? ['Total params: ']) expect(r.out).toContain(text);
    });
  }
});

describe('deepwire summary failures', () => {
  it('a corrupted project: numbered DW202 with line and column, exit 2', async () => {
    const file = join(scratch, 'corrupt.deepwire');
    writeFileSync(file, readFileSync(example('mnist-cnn.deepwire'), 'utf8').slice(0, 300));
    const r = await summary(file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^1\. DW202 Project file is not valid JSON: .*line \d+, column \d+/);
    expect(r.err).toContain('Fix:');
    expect(r.out).toBe('');
    const json = await summary(file, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).error).toMatchObject({ code: 'DW202' });
  });

  it('an invalid graph: exit 1, the table, and numbered diagnostics with fixes', async () => {
    const project = JSON.parse(readFileSync(example('mnist-cnn.deepwire'), 'utf8'));
    const flatten = project.graph.nodes.find((n: { kind: string }) => n.kind === 'Flatten');
    const into = project.graph.edges.find((e: { target: string }) => e.target === flatten.id);
    const out = project.graph.edges.find((e: { source: string }) => e.source === flatten.id);
    project.graph.nodes = project.graph.nodes.filter((n: { id: string }) => n.id !== flatten.id);
    project.graph.edges = project.graph.edges
      .filter((e: { id: string }) => e !== into && e !== out)
      .concat([{ ...out, source: into.source }]);
    const file = join(scratch, 'no-flatten.deepwire');
    writeFileSync(file, JSON.stringify(project));
    const r = await summary(file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Model: "MNIST CNN"');
    expect(r.err).toMatch(
      /The model is not valid: 1 problem:\n1\. DW104 Rank mismatch: .*\(Dense\) expects a 2-D or 3-D input/,
    );
    expect(r.err).toContain('Fix: Insert a layer that changes the rank');
    const json = JSON.parse((await summary(file, '--json')).out);
    expect(json.valid).toBe(false);
    expect(json.diagnostics[0]).toMatchObject({ code: 'DW104', severity: 'error' });
  });

  it('unreadable and unrecognised files exit 2', async () => {
    const missing = await summary(join(scratch, 'nope.deepwire'));
    expect([missing.code, missing.err.slice(0, 8)]).toEqual([2, '1. DW205']);
    const other = join(scratch, 'data.json');
    writeFileSync(other, '{"rows": [1, 2, 3]}');
    const r = await summary(other);
    expect([r.code, r.err.slice(0, 8)]).toEqual([2, '1. DW802']);
    const unsupported = join(scratch, 'conv3d.json');
    const json = JSON.parse(readFileSync(fixture('cnn.keras3.json'), 'utf8'));
    json.config.layers[1].class_name = 'Conv3D';
    writeFileSync(unsupported, JSON.stringify(json));
    const u = await summary(unsupported);
    expect(u.code).toBe(2);
    expect(u.err).toContain("DW302 Keras layer not supported: layer 'conv2d' (Conv3D) is not supported");
  });

  it('usage: no file, two files, unknown option → DW801 exit 2; --help exit 0', async () => {
    for (const args of [[], ['a.json', 'b.json'], ['--verbose', 'a.json']]) {
      const r = await summary(...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('DW801');
    }
    const help = await summary('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: deepwire summary <file> [--json]');
  });
});

describe('the real binary', () => {
  it('node bin/deepwire.js summary prints the totals and exits 0', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(root, 'bin/deepwire.js'), 'summary', fixture('cnn.keras2.json')],
      { cwd: root },
    );
    expect(stdout).toContain('Total params: 693,962 (2.65 MB)');
    expect(stdout).toContain('Trainable params: 693,962 (2.65 MB)');
  });

  it('exits 1 for an invalid model', async () => {
    const json = JSON.parse(readFileSync(fixture('cnn.keras2.json'), 'utf8'));
    json.config.layers.splice(3, 1); // drop Flatten: Dense after a 4-D tensor
    const file = join(scratch, 'bad-cnn.json');
    writeFileSync(file, JSON.stringify(json));
    const run = promisify(execFile)(process.execPath, [join(root, 'bin/deepwire.js'), 'summary', file], { cwd: root });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('DW104') });
  });
});

describe('deepwire summary: sizes of None (issue #14)', () => {
  const corpus = (slug: string) => join(root, 'tests/fixtures/real-models', slug, 'model.json');

  it('prints a text model of variable length as Keras does, with its total', async () => {
    const io = memoryIo();
    expect(await main(['summary', corpus('keras2-embedding-stacked-lstm')], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/\(Embedding\)\s+│ \(None, None, \d+\)/);
    expect(out).toContain('Total params: 13,756,740');
    expect(out).toContain('counting each None size as 1');
  });

  it('prints an image model of unknown height and width (pix2pix) with None, valid', async () => {
    const io = memoryIo();
    expect(await main(['summary', corpus('keras2-pix2pix-generator'), '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as {
      valid: boolean;
      total_params: number;
      models: { layers: { output_shape: (number | null)[] | null }[] }[];
    };
    expect(report.valid).toBe(true);
    expect(report.total_params).toBe(54_425_923);
    expect(report.models[0].layers[0].output_shape).toEqual([null, null, null, 3]);
  });

  it('reports recurrent states as outputs (DW319) with the totals, exit 1', async () => {
    const io = memoryIo();
    expect(await main(['summary', corpus('keras2-seq2seq-encoder-states')], io)).toBe(1);
    expect(io.stdout.join('\n')).toContain('Total params: 92,672');
    expect(io.stderr.join('\n')).toContain('DW319');
  });
});
