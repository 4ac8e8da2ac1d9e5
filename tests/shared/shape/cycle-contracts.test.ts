/** The CycleGAN contracts: the four groups, each model's domain shapes, and the discriminators' score maps. */
import { describe, expect, it } from 'vitest';
import type { Group } from '../../../src/shared/graph/types.js';
import { GraphBuilder, layer } from '../../../src/shared/project/index.js';
import { inferShapes } from '../../../src/shared/shape/index.js';

function cycle(
  opts: { gOut?: number; dInput?: [number, number, number]; dScore?: 'patch' | 'wide'; skip?: Group } = {},
) {
  const b = new GraphBuilder();
  const gen = (group: Group, name: string, channels: number) =>
    group !== opts.skip &&
    b
      .inGroup(group)
      .chain(
        null,
        layer('Input', { shape: [8, 8, 1] }, name),
        layer('Conv2D', { filters: channels, kernelSize: [3, 3], padding: 'same', activation: 'tanh' }, `${name}_out`),
      );
  gen('generator_ab', 'a_in', opts.gOut ?? 1);
  gen('generator_ba', 'b_in', 1);
  const disc = (group: Group, name: string) =>
    group !== opts.skip &&
    b
      .inGroup(group)
      .chain(
        null,
        layer('Input', { shape: opts.dInput ?? [8, 8, 1] }, name),
        layer(
          'Conv2D',
          { filters: opts.dScore === 'wide' ? 4 : 1, kernelSize: [4, 4], strides: [2, 2], padding: 'same' },
          `${name}_score`,
        ),
      );
  disc('discriminator_a', 'da_in');
  disc('discriminator_b', 'db_in');
  return b.build();
}

const codes = (graph: ReturnType<typeof cycle>, sample?: number[]) =>
  inferShapes(graph, { projectKind: 'gan', sampleShape: sample })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message}`);

describe('CycleGAN contracts', () => {
  it('accept four models that meet through the domain shape, with PatchGAN score maps', () => {
    expect(codes(cycle(), [8, 8, 1])).toEqual([]);
  });

  it('name a missing model (DW126)', () => {
    expect(codes(cycle({ skip: 'discriminator_b' }))).toEqual([
      expect.stringMatching(/^DW126 .*discriminator D_B.*discriminator_b group/),
    ]);
  });

  it("name a generator whose output is not the other domain's image (DW127)", () => {
    expect(codes(cycle({ gOut: 3 }))).toEqual([
      expect.stringMatching(/^DW127 a_in_out \(Conv2D\) must make domain B images but outputs \(None, 8, 8, 3\)/),
    ]);
  });

  it("name a discriminator that does not take its domain's images (DW128), against the dataset", () => {
    expect(codes(cycle({ dInput: [8, 8, 3] }), [8, 8, 1])).toEqual([
      expect.stringMatching(/^DW128 da_in \(Input\) takes \(None, 8, 8, 3\)/),
      expect.stringMatching(/^DW128 db_in \(Input\) takes \(None, 8, 8, 3\)/),
    ]);
  });

  it('name a discriminator whose output is not one score per image or patch (DW128)', () => {
    expect(codes(cycle({ dScore: 'wide' }))).toEqual([
      expect.stringMatching(/^DW128 da_in_score .*one score per image \(None, 1\) or per patch/),
      expect.stringMatching(/^DW128 db_in_score .*one score per image/),
    ]);
  });
});
