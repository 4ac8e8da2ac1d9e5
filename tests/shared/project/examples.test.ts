import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject } from '../../../src/shared/project/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { buildExamples, RESOURCES, sineCsv } from '../../../scripts/make-examples.js';

const examplesDir = join(RESOURCES, 'examples');
const read = (id: string) =>
  parseProject(readFileSync(join(examplesDir, `${id}.deepwire`), 'utf8'), `${id}.deepwire`).project;

/** Params of the layers of one group (or all), as inferShapes counts them. */
function paramsOf(id: string, filter: (n: { group?: string; kind: string }) => boolean = () => true) {
  const project = read(id);
  const report = inferShapes(project.graph, { projectKind: project.kind });
  const nodes = project.graph.nodes.filter(filter);
  return {
    report,
    total: nodes.reduce((s, n) => s + report.nodes[n.id].params.trainable + report.nodes[n.id].params.nonTrainable, 0),
    project,
  };
}

describe('example projects', () => {
  const examples = buildExamples();

  it('are exactly what scripts/make-examples.ts generates (re-run it after editing)', () => {
    const onDisk = readdirSync(examplesDir)
      .filter((f) => f.endsWith('.deepwire'))
      .sort();
    expect(onDisk).toEqual(examples.map((e) => `${e.id}.deepwire`).sort());
    for (const { id, project } of examples) {
      expect(readFileSync(join(examplesDir, `${id}.deepwire`), 'utf8'), id).toBe(serializeProject(project));
    }
    expect(readFileSync(join(RESOURCES, 'datasets', 'sine.csv'), 'utf8')).toBe(sineCsv());
  });

  it.each(examples.map((e) => e.id))('%s parses, round-trips and has no error diagnostics', (id) => {
    const text = readFileSync(join(examplesDir, `${id}.deepwire`), 'utf8');
    const { project, migratedFrom, warnings } = parseProject(text, id);
    expect(migratedFrom).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(serializeProject(project)).toBe(text);
    const report = inferShapes(project.graph, { projectKind: project.kind });
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('the source CNN has 693,962 params', () => {
    const { report, project } = paramsOf('mnist-cnn');
    expect(report.totals.total).toBe(693_962);
    expect(project.graph.nodes.map((n) => n.name)).toEqual([
      'input',
      'conv2d',
      'max_pooling2d',
      'flatten',
      'dense',
      'dense_1',
    ]);
    expect(project.training).toMatchObject({
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      batchSize: 64,
      epochs: 1,
    });
    expect(project.dataset?.source).toBe('mnist');
  });

  it('the source SimpleRNN regressor has 10,301 params on a csv series', () => {
    const { report, project } = paramsOf('simple-rnn');
    expect(report.totals.total).toBe(10_301);
    expect(project.kind).toBe('regressor');
    expect(project.dataset).toMatchObject({ source: 'csv-series', lookback: 10, horizon: 1 });
    expect(project.training.loss).toBe('meanSquaredError');
  });

  it('the source GAN: generator Dense layers 114,064, discriminator Dense layers 100,609, Reshape/Flatten 0', () => {
    const gen = paramsOf('mlp-gan', (n) => n.group === 'generator' && n.kind === 'Dense');
    const disc = paramsOf('mlp-gan', (n) => n.group === 'discriminator' && n.kind === 'Dense');
    expect(gen.total).toBe(114_064);
    expect(disc.total).toBe(100_609);
    expect(paramsOf('mlp-gan', (n) => n.kind === 'Reshape' || n.kind === 'Flatten').total).toBe(0);
    expect(gen.report.totals.total).toBe(114_064 + 100_609);
    expect(gen.project.gan?.loss).toBe('vanilla');
  });

  it('the other examples have the parameter counts of their Keras twins', () => {
    // Counted by hand: LeNet-5 156 + 2,416 + 48,120 + 10,164 + 850; LSTM 4·(128·(28+128)+128) + 1,290.
    expect(paramsOf('lenet5').report.totals.total).toBe(61_706);
    expect(paramsOf('lstm-mnist-rows').report.totals.total).toBe(81_674);
    expect(paramsOf('residual-cnn').project.graph.nodes.filter((n) => n.kind === 'Add')).toHaveLength(2);
    const dcgan = paramsOf('dcgan-mnist');
    const last = dcgan.project.graph.nodes.filter((n) => n.group === 'generator').at(-1)!;
    expect(dcgan.report.nodes[last.id].shape).toEqual([null, 28, 28, 1]);
  });
});
