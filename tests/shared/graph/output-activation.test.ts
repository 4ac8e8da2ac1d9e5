import { describe, expect, it } from 'vitest';
import { outputActivation } from '../../../src/shared/graph/output-activation.js';
import type { GraphNode } from '../../../src/shared/graph/types.js';
import { Graph } from '../../main/engine/helpers/graph.js';

const node = (g: Graph, id: string) => g.doc.nodes.find((n) => n.id === id) as GraphNode;

describe('outputActivation', () => {
  it('names the activation of an activation layer kind, not only of an activation param', () => {
    const g = new Graph();
    const dense = g.add('Dense', { units: 10, activation: 'linear' }, g.add('Input', { shape: [8] }));
    const softmax = g.add('Softmax', {}, dense);
    expect(outputActivation(g.doc, node(g, softmax), 'values')).toBe('softmax');
    expect(outputActivation(g.doc, node(g, dense), 'values')).toBe('linear');
    expect(outputActivation(g.doc, node(g, g.add('ReLU', {}, dense)), 'values')).toBe('relu');
    expect(outputActivation(g.doc, node(g, g.add('ReLU', { negativeSlope: 0.3 }, dense)), 'values')).toBe('leaky_relu');
    expect(outputActivation(g.doc, node(g, g.add('ReLU', { maxValue: 6 }, dense)), 'values')).toBeUndefined();
    expect(outputActivation(g.doc, node(g, g.add('ELU', {}, dense)), 'values')).toBe('elu');
  });

  it("looks through value-keeping layers for 'values', and also through range-keeping ones for 'range'", () => {
    const g = new Graph();
    const conv = g.add('Conv2D', { filters: 1, activation: 'sigmoid' }, g.add('Input', { shape: [8, 8, 1] }));
    const flat = g.add('Flatten', {}, g.add('Dropout', {}, conv));
    expect(outputActivation(g.doc, node(g, flat), 'values')).toBe('sigmoid');
    const pooled = g.add('Flatten', {}, g.add('MaxPooling2D', {}, g.add('UpSampling2D', {}, conv)));
    expect(outputActivation(g.doc, node(g, pooled), 'range')).toBe('sigmoid');
    expect(outputActivation(g.doc, node(g, pooled), 'values')).toBeUndefined();
    const normed = g.add('BatchNormalization', {}, conv);
    expect(outputActivation(g.doc, node(g, normed), 'range')).toBeUndefined();
  });
});
