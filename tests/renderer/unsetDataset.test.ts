/** A project whose input fits no built-in dataset (an imported 32×32×3 model) trains on nothing until one is chosen. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { datasetFor } from '../../src/renderer/actions/trainingActions.js';
import { createEditor } from '../../src/renderer/app/editor.js';
import { startRealStudio, type RealStudio } from './realStudio.js';

let real: RealStudio;
beforeAll(async () => {
  real = await startRealStudio();
});
afterAll(async () => real.dispose());

/** Input (shape) → Flatten → Dense 10 softmax, with no dataset in the project (as import leaves it). */
function modelOfInput(shape: number[]) {
  const ed = createEditor({ client: real.client() });
  const add = (kind: 'Input' | 'Flatten' | 'Dense', y: number) =>
    ed.registry.execute(ACTIONS.addNode, ed.ctx, { kind, position: { x: 0, y } }) as string;
  const ids = [add('Input', 0), add('Flatten', 100), add('Dense', 200)];
  ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: ids[0], name: 'shape', value: shape });
  ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: ids[2], name: 'units', value: 10 });
  ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: ids[2], name: 'activation', value: 'softmax' });
  for (let i = 1; i < ids.length; i++)
    ed.registry.execute(ACTIONS.connect, ed.ctx, { source: ids[i - 1], target: ids[i], targetPort: 0 });
  return ed;
}

describe('an unset dataset', () => {
  it('start training refuses with DW313 naming the shape to choose, and starts no run', async () => {
    const ed = modelOfInput([32, 32, 3]);
    expect(ed.ctx.project.getState().dataset).toBeUndefined();
    expect(await ed.registry.execute(ACTIONS.trainStart, ed.ctx, undefined)).toBe(false);
    expect(ed.ctx.ui.getState().notice?.text).toBe(
      "DW313 The project's dataset is unset: no built-in dataset fits the input: choose a dataset with samples of shape 32×32×3.",
    );
    expect(ed.ctx.training.getState().phase).toBe('idle');
  });

  it('a model whose input fits a built-in dataset trains on it without one chosen', () => {
    expect(datasetFor(modelOfInput([28, 28, 1]).ctx.graph.getState().doc, 'classifier')?.source).toBe('mnist');
    expect(datasetFor(modelOfInput([28, 28]).ctx.graph.getState().doc, 'classifier')?.source).toBe('mnist-rows');
    expect(datasetFor(modelOfInput([32, 32, 3]).ctx.graph.getState().doc, 'classifier')).toBeUndefined();
  });
});
