/** The GAN template trains from the canvas: D/G curves move and the sample grid updates (issue #6). */
import { expect, test } from '@playwright/test';
import { openStudio, shot } from './studio.js';

test('the MLP GAN template trains and its sample grid updates', async ({ page }, info) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'MLP GAN' }).click();
  await expect(page.getByRole('group', { name: 'Generator network' })).toBeVisible();
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Limit (samples)').fill('2000');
  await training.getByLabel('Sample grid every').fill('5');
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText(/Training|Finished/, {
    timeout: 90_000,
  });
  const losses = training.getByRole('img', { name: 'Discriminator and generator loss per step' });
  await expect
    .poll(async () => Number(await losses.getAttribute('data-points')), { timeout: 90_000 })
    .toBeGreaterThan(1);
  const grids = training.getByRole('region', { name: 'Generated samples' });
  const scrub = grids.getByRole('slider');
  await expect.poll(async () => Number(await scrub.getAttribute('max')), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
  await expect(grids.getByRole('img', { name: /^Sample grid at epoch \d+, step \d+$/ })).toBeVisible();
  await shot(page, info, 'gan-training');
  await training.getByRole('button', { name: 'Stop' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText(/Stopped|Finished/, { timeout: 60_000 });
});
