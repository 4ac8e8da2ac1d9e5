/**
 * Complete short runs with the real engine: a classifier shows its test-set
 * evaluation (confusion matrix, per-class accuracy, misclassified digits) and
 * a regressor its predicted-against-actual chart; the run is kept in the project.
 */
import { expect, test } from '@playwright/test';
import { openStudio, shot, openTemplate } from './studio.js';

test('a finished classifier run shows the confusion matrix, per-class accuracy and misclassified samples', async ({
  page,
}, info) => {
  await openStudio(page);
  await openTemplate(page, 'MNIST CNN');
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  // The built-in dataset previews as soon as the panel opens: samples and class balance.
  await expect(training.getByRole('list', { name: 'Class balance' }).getByRole('listitem')).toHaveCount(10, {
    timeout: 60_000,
  });
  await expect(training.getByRole('img', { name: /^sample 1:/ })).toBeVisible();
  await training.getByLabel('Limit (samples)').fill('1000');
  await training.getByLabel('Epochs').fill('1');
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Finished', { timeout: 90_000 });
  await expect(training.getByRole('progressbar', { name: 'Training progress' })).toHaveJSProperty('position', 1);
  const epochChart = training.getByRole('img', { name: 'Loss and accuracy per epoch' });
  await expect.poll(async () => Number(await epochChart.getAttribute('data-points'))).toBe(1);
  const matrix = training.getByRole('table', { name: /^Confusion matrix/ });
  await expect(matrix.getByRole('row')).toHaveCount(11);
  await expect(training.getByRole('list', { name: 'Accuracy per class' }).getByRole('listitem')).toHaveCount(10);
  await expect(training.getByText(/^Accuracy \d+(\.\d)?%/)).toBeVisible();
  await expect(training.getByRole('img', { name: /^true \d, predicted \d/ }).first()).toBeVisible();
  await expect(training.getByLabel('Outcome')).toContainText('Completed');
  // The run and its weights now belong to the project: unsaved changes.
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, info, 'evaluation');
});

test('a finished regression run shows predicted against actual', async ({ page }, info) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'SimpleRNN forecaster' }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Epochs').fill('1');
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Finished', { timeout: 90_000 });
  await expect(training.getByRole('img', { name: /^Predicted against actual for \d+ test samples$/ })).toBeVisible();
  await expect(training.getByText(/MAE \d/)).toBeVisible();
  await training.getByRole('img', { name: /^Predicted against actual/ }).scrollIntoViewIfNeeded();
  await shot(page, info, 'regression');
});
