import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { applyTrial } from '../../../src/shared/sweep/apply.js';
import { parseParamSpec, resolveParams } from '../../../src/shared/sweep/params.js';
import { trainingConfigSchema } from '../../../src/shared/training/config.js';
import { sourceCnn } from '../../main/engine/helpers/graph.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof DeepwireError) return `${e.code} ${e.detail}`;
    throw e;
  }
  return 'no error';
};

describe('sweep --param specs', () => {
  it('parses lists, linear and log ranges with grid points', () => {
    expect(parseParamSpec('dense_1.units=64,128,256')).toEqual({
      path: 'dense_1.units',
      domain: { kind: 'choice', values: [64, 128, 256] },
    });
    expect(parseParamSpec('training.learningRate=1e-4..1e-2:log')).toEqual({
      path: 'training.learningRate',
      domain: { kind: 'range', min: 1e-4, max: 1e-2, scale: 'log', gridPoints: 3 },
    });
    expect(parseParamSpec('dropout.rate=0..0.5:5').domain).toEqual({
      kind: 'range',
      min: 0,
      max: 0.5,
      scale: 'linear',
      gridPoints: 5,
    });
    expect(parseParamSpec('training.optimizer=adam,sgd').domain).toEqual({ kind: 'choice', values: ['adam', 'sgd'] });
  });

  it('refuses malformed specs with DW820 naming the param', () => {
    expect(codeOf(() => parseParamSpec('dense.units'))).toMatch(/^DW820 --param 'dense.units': expected name=values/);
    expect(codeOf(() => parseParamSpec('units=1,2'))).toMatch(/^DW820 .*not layer.param/);
    expect(codeOf(() => parseParamSpec('dense.units=1,,2'))).toMatch(/^DW820 .*empty value/);
    expect(codeOf(() => parseParamSpec('dense.units=a..b'))).toMatch(/^DW820 .*range ends must be numbers/);
    expect(codeOf(() => parseParamSpec('dense.units=1..4:cubic'))).toMatch(/^DW820 .*unknown range option ':cubic'/);
  });

  it('resolves layers by name, else hidden layers of a kind; unknown layers, untunable params and bad ranges are numbered', () => {
    const graph = sourceCnn();
    const [byName, byKind, lr] = resolveParams(
      ['dense_1.units=64,128', 'conv2d.filters=8,16', 'training.learningRate=1e-4..1e-2:log'],
      graph,
    );
    expect(byName.target).toEqual({ kind: 'layer', nodeIds: ['dense_1'], param: 'units' });
    expect(byKind.target).toEqual({ kind: 'layer', nodeIds: ['conv2d_1'], param: 'filters' });
    expect(lr).toMatchObject({ type: 'float', target: { kind: 'training', setting: 'learningRate' } });
    // `dense` by kind never reaches the output layer (its units are the classes).
    expect(resolveParams(['dense.units=32'], graph)[0].target).toEqual({
      kind: 'layer',
      nodeIds: ['dense_1'],
      param: 'units',
    });
    expect(codeOf(() => resolveParams(['lstm.units=8'], graph))).toMatch(
      /^DW821 lstm.units: no layer named 'lstm'.*layers: input_1/,
    );
    expect(codeOf(() => resolveParams(['dense_1.unitz=8'], graph))).toMatch(
      /^DW822 .*no param 'unitz'.*tunable: dense_1.units/,
    );
    expect(codeOf(() => resolveParams(['conv2d.kernelSize=3'], graph))).toMatch(
      /^DW822 .*'kernelSize', which is a ints/,
    );
    expect(codeOf(() => resolveParams(['training.momentum=0.9'], graph))).toMatch(/^DW822 .*training.learningRate/);
    expect(codeOf(() => resolveParams(['dense_1.units=0,8'], graph))).toMatch(/^DW823 dense_1.units: 0 is below/);
    expect(codeOf(() => resolveParams(['dense_1.units=8.5..9'], graph))).toMatch(/^DW823 .*whole numbers/);
    expect(codeOf(() => resolveParams(['training.learningRate=0..0.1:log'], graph))).toMatch(/^DW823 .*min > 0/);
    expect(codeOf(() => resolveParams(['training.learningRate=0.1..0.01'], graph))).toMatch(/^DW823 .*min < max/);
    expect(codeOf(() => resolveParams(['training.optimizer=adam,lion'], graph))).toMatch(
      /^DW823 .*'lion' is not one of/,
    );
    expect(codeOf(() => resolveParams(['dense_1.activation=relu,tanh', 'dense_1.activation=relu'], graph))).toMatch(
      /^DW824 --param dense_1.activation is given twice/,
    );
  });

  it("puts a trial's values into its graph and training settings without changing the base", () => {
    const graph = sourceCnn();
    const training = trainingConfigSchema.parse({});
    const params = resolveParams(
      ['dense_1.units=32', 'training.learningRate=0.01,0.1', 'training.batchSize=16'],
      graph,
    );
    const trial = applyTrial(
      { graph, training },
      params,
      { 'dense_1.units': 32, 'training.learningRate': 0.1, 'training.batchSize': 16 },
      3,
    );
    expect(trial.graph.nodes.find((n) => n.id === 'dense_1')!.params).toMatchObject({ units: 32 });
    expect(trial.training).toMatchObject({ epochs: 3, batchSize: 16, optimizer: { learningRate: 0.1 } });
    expect(graph.nodes.find((n) => n.id === 'dense_1')!.params).toMatchObject({ units: 128 });
    expect(training.optimizer.learningRate).toBe(0.001);
  });

  it('searches structure: LAYER.present=true,false leaves a hidden layer out, its input wired to what it fed', () => {
    const graph = sourceCnn();
    const training = trainingConfigSchema.parse({});
    const params = resolveParams(['dense_1.present=true,false'], graph);
    expect(params[0].target).toEqual({ kind: 'structure', nodeIds: ['dense_1'] });
    expect(applyTrial({ graph, training }, params, { 'dense_1.present': true }, 1).graph).toEqual(graph);
    const without = applyTrial({ graph, training }, params, { 'dense_1.present': false }, 1).graph;
    expect(without.nodes.map((n) => n.id)).not.toContain('dense_1');
    expect(without.edges.find((e) => e.target === 'dense_2')).toMatchObject({ source: 'flatten_1', targetPort: 0 });
    expect(without.edges.some((e) => e.source === 'dense_1' || e.target === 'dense_1')).toBe(false);
    expect(codeOf(() => resolveParams(['input_1.present=false'], graph))).toMatch(
      /^DW822 input_1.present: input_1 has 0 inputs .*only a hidden layer with one input/,
    );
    expect(codeOf(() => resolveParams(['dense_1.present=1,2'], graph))).toMatch(/^DW823 .*expected true or false/);
  });
});
