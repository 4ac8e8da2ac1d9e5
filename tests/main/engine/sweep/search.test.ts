import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/shared/random.js';
import { resolveParams } from '../../../../src/shared/sweep/params.js';
import { AshaScheduler, ashaRungs } from '../../../../src/main/engine/sweep/asha.js';
import { gridPoints, randomPoint, tpePoint, type Observation } from '../../../../src/main/engine/sweep/search.js';
import { sourceCnn } from '../helpers/graph.js';

const graph = sourceCnn();

describe('sweep search', () => {
  it('grid enumerates every combination, log ranges log-spaced, the last param fastest', () => {
    const params = resolveParams(['training.learningRate=1e-4..1e-2:log', 'dense_1.units=64,128'], graph);
    expect(gridPoints(params)).toEqual([
      { 'training.learningRate': 1e-4, 'dense_1.units': 64 },
      { 'training.learningRate': 1e-4, 'dense_1.units': 128 },
      { 'training.learningRate': 1e-3, 'dense_1.units': 64 },
      { 'training.learningRate': 1e-3, 'dense_1.units': 128 },
      { 'training.learningRate': 1e-2, 'dense_1.units': 64 },
      { 'training.learningRate': 1e-2, 'dense_1.units': 128 },
    ]);
    // Whole-number ranges keep distinct whole points.
    expect(gridPoints(resolveParams(['dense_1.units=1..3:5'], graph)).map((p) => p['dense_1.units'])).toEqual([
      1, 2, 3,
    ]);
  });

  it('random search is seeded: the same seed gives the same trials, inside the ranges', () => {
    const params = resolveParams(
      ['training.learningRate=1e-4..1e-2:log', 'dense_1.units=16..256', 'training.optimizer=adam,sgd'],
      graph,
    );
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 8 }, () => randomPoint(params, r));
    };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
    for (const p of a) {
      expect(p['training.learningRate']).toBeGreaterThanOrEqual(1e-4);
      expect(p['training.learningRate']).toBeLessThanOrEqual(1e-2);
      expect(Number.isInteger(p['dense_1.units'])).toBe(true);
      expect(['adam', 'sgd']).toContain(p['training.optimizer']);
    }
  });

  it('TPE proposes points near the good trials once enough have finished', () => {
    const params = resolveParams(['dropout.rate=0..0.9'], {
      ...graph,
      nodes: [
        ...graph.nodes,
        { ...graph.nodes[4], id: 'dropout', name: 'dropout', kind: 'Dropout', params: { rate: 0.5 } } as never,
      ],
    });
    // Loss is lowest near rate 0.1.
    const observed: Observation[] = [0.05, 0.1, 0.15, 0.4, 0.5, 0.6, 0.7, 0.8].map((rate) => ({
      params: { 'dropout.rate': rate },
      loss: Math.abs(rate - 0.1),
    }));
    const r = seededRandom(3);
    const picks = Array.from({ length: 10 }, () => tpePoint(params, observed, r, 3)['dropout.rate'] as number);
    const mean = picks.reduce((a, b) => a + b, 0) / picks.length;
    expect(mean).toBeLessThan(0.3);
    // Before `startup` observations it is plain random search.
    expect(tpePoint(params, observed.slice(0, 2), seededRandom(3), 3)).toEqual(randomPoint(params, seededRandom(3)));
  });
});

describe('ASHA', () => {
  it('rungs at 1, η, η², … below the budget', () => {
    expect(ashaRungs(3, 3)).toEqual([1]);
    expect(ashaRungs(9, 3)).toEqual([1, 3]);
    expect(ashaRungs(27, 3)).toEqual([1, 3, 9]);
    expect(ashaRungs(1, 3)).toEqual([]);
  });

  it('the first trial at a rung goes on; later ones only within the best 1/η of those before them', () => {
    const asha = new AshaScheduler([1, 3], 3);
    expect(asha.onEpoch(1, 0.5)).toBe('continue');
    expect(asha.onEpoch(1, 0.9)).toBe('stop'); // worse than the only one before
    expect(asha.onEpoch(1, 0.4)).toBe('continue'); // the best so far
    expect(asha.onEpoch(2, 9)).toBe('continue'); // not a rung
    expect(asha.onEpoch(1, 0.6)).toBe('stop'); // 1/3-quantile of 0.4, 0.5, 0.9 is 0.4667
    expect(asha.onEpoch(1, 0.45)).toBe('continue');
    expect(asha.onEpoch(3, null)).toBe('stop'); // diverged
  });
});
