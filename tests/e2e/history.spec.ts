/**
 * Run history (issue #15): the MNIST CNN trained three times at different
 * learning rates (the model edited before the third) shows three runs in the
 * History panel; their curves overlay on one chart, the diff of two names the
 * learning rate, and restoring the first run puts its graph back.
 */
import { expect, test, type Locator } from '@playwright/test';
import { inspector, openStudio, select, shot, totalParams, openTemplate } from './studio.js';

async function train(training: Locator, learningRate: string): Promise<void> {
  await training.getByLabel('Learning rate').fill(learningRate);
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Finished', { timeout: 90_000 });
}

test('three runs overlay their curves, the diff names the learning rate, a run restores its graph', async ({
  page,
}, info) => {
  await openStudio(page);
  await openTemplate(page, 'MNIST CNN');
  await expect(totalParams(page)).toContainText('693,962');
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Limit (samples)').fill('200');
  await training.getByLabel('Epochs').fill('1');
  await train(training, '0.01');
  await train(training, '0.001');
  // The third run trains an edited model: 64 units in the hidden Dense layer.
  await select(page, 'dense', 'Dense');
  await inspector(page, 'dense').getByLabel('Units').fill('64');
  await expect(totalParams(page)).not.toContainText('693,962');
  await page.getByRole('tab', { name: 'Training' }).click();
  await train(training, '0.0001');

  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'Run history' });
  const table = history.getByRole('table', { name: 'Runs' });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table).toContainText('lr=0.01');
  await expect(table).toContainText('lr=0.0001');

  // All three ticked: one chart, three series, on shared axes.
  await history.getByLabel('Tick all runs').check();
  const chart = history.getByRole('img', { name: /^loss per epoch, 3 runs$/ });
  await expect(chart).toHaveAttribute('data-series', '3');
  await expect(chart.locator('.u-legend .u-series')).toHaveCount(4);
  await history.getByLabel('Curves per').selectOption('batch');
  await expect(history.getByRole('img', { name: /^loss per batch, 3 runs$/ })).toHaveAttribute('data-series', '3');
  await shot(page, info, 'history-overlay');

  // Two ticked: the diff names the learning rate; runs 1 and 3 also differ in the Dense layer.
  await history.getByLabel('Tick run 2').uncheck();
  await history.getByRole('button', { name: 'Compare' }).click();
  const diff = history.getByRole('region', { name: 'Run 1 vs run 3' });
  await expect(diff.getByRole('list', { name: 'Changed settings' })).toContainText(
    'training.optimizer.learningRate: 0.01 → 0.0001',
  );
  await expect(diff.getByRole('list', { name: 'Changed layers' })).toContainText('units 128 → 64');
  await shot(page, info, 'history-diff');

  // Restore run 1: its graph comes back as one undo step.
  await history.getByRole('button', { name: 'Restore run 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: /graph of run 1 is back/ })).toBeVisible();
  await expect(totalParams(page)).toContainText('693,962');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(totalParams(page)).not.toContainText('693,962');
});
