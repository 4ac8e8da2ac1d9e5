/** The CycleGAN template trains from the canvas: its losses plot and the translation grid updates (issue #13). */
import { expect, test, type Locator } from '@playwright/test';
import { layer, openStudio, shot } from './studio.js';

/** The pixels of a canvas, to tell one grid from the next. */
const pixelsOf = (grid: Locator): Promise<string> => grid.evaluate((c) => (c as HTMLCanvasElement).toDataURL());

test('the CycleGAN template trains and its translation grid updates', async ({ page }, info) => {
  await openStudio(page);
  await page.getByRole('button', { name: /^CycleGAN \(MNIST/ }).click();
  await expect(layer(page, 'real_a', 'Input')).toBeVisible();
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  // 320 samples = 160 per domain at batch 8: 20 steps, a grid every 5.
  await training.getByLabel('Limit (samples)').fill('320');
  await training.getByLabel('Epochs', { exact: true }).fill('1');
  await training.getByLabel('Sample grid every').fill('5');
  await training.getByRole('button', { name: 'Start training' }).click();

  const grids = training.getByRole('region', { name: 'Translations' });
  const grid = grids.getByRole('img', { name: /^Translation grid at epoch \d+, step \d+$/ });
  await expect(grid).toBeVisible({ timeout: 90_000 });
  // The timeline grows to a second grid; scrubbing back to the first shows an earlier step and other pixels.
  const scrub = grids.getByRole('slider');
  await expect.poll(async () => Number(await scrub.getAttribute('max')), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
  const latest = { label: await grid.getAttribute('aria-label'), pixels: await pixelsOf(grid) };
  await scrub.fill('0');
  await expect(grid).not.toHaveAttribute('aria-label', latest.label ?? '');
  expect(await pixelsOf(grid)).not.toBe(latest.pixels);

  const losses = training.getByRole('img', { name: 'Discriminator, generator, cycle and identity loss per step' });
  await expect.poll(async () => Number(await losses.getAttribute('data-points'))).toBeGreaterThan(1);
  // The caption shows each series' last value: the cycle loss has points, not a dash.
  await expect(losses.locator('xpath=following-sibling::figcaption')).toHaveText(/cycle loss \d+\.\d+/);
  await shot(page, info, 'cyclegan-training');
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText(/Finished/, { timeout: 60_000 });
});
