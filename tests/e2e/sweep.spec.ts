/**
 * A short sweep in the studio (issue #15): two grid trials of the MNIST CNN
 * on 300 digits in engine workers; the live table, the parallel-coordinates
 * plot and the best curve fill in, the trials become the document's runs,
 * and the best trial can be promoted into the document.
 */
import { expect, test } from '@playwright/test';
import { openStudio, shot, openTemplate } from './studio.js';

test('a two-trial sweep shows its table, parallel coordinates and best curve, and promotes the best', async ({
  page,
}, info) => {
  await openStudio(page);
  await openTemplate(page, 'MNIST CNN');
  await page.getByRole('tab', { name: 'Sweep' }).click();
  const sweep = page.getByRole('region', { name: 'Sweep' });
  await sweep.getByLabel('Parameter 1', { exact: true }).fill('training.learningRate=0.003,0.0003');
  await sweep.getByLabel('Search').selectOption('grid');
  await sweep.getByLabel('Trials', { exact: true }).fill('2');
  await sweep.getByLabel('Budget epochs').fill('1');
  await sweep.getByLabel('Sweep limit (samples)').fill('300');
  await sweep.getByRole('button', { name: 'Start sweep' }).click();
  await expect(sweep.getByRole('status', { name: 'Sweep state' })).toHaveText('Running');
  await expect(sweep.getByRole('status', { name: 'Sweep state' })).toHaveText('Finished', { timeout: 90_000 });

  const table = sweep.getByRole('table', { name: 'Sweep trials' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /, best$/ })).toHaveCount(1);
  await expect(table).toContainText('0.003');
  await expect(table).toContainText('completed');
  const plot = sweep.getByRole('img', { name: 'Parallel coordinates of training.learningRate against val_loss' });
  await expect(plot).toHaveAttribute('data-lines', '2');
  await expect(plot.locator('polyline')).toHaveCount(2);
  await expect(sweep.getByRole('img', { name: /^Best curve so far: trial \d, val_loss per epoch$/ })).toHaveAttribute(
    'data-points',
    '1',
  );
  // Each trial is a run of the document now.
  await expect(page.getByLabel('unsaved changes')).toBeVisible();

  await sweep.getByRole('button', { name: 'Promote best' }).click();
  await expect(sweep.getByRole('note')).toContainText(/Trial \d is now the project's model/);
  await plot.scrollIntoViewIfNeeded();
  await shot(page, info, 'sweep');
});
