/**
 * Inside the network (issue #15): the MNIST CNN trained briefly in the
 * studio, then the Inside tab shows a conv layer's feature-map grid, the
 * input's saliency and Grad-CAM and the test set's embedding as a scatter
 * whose points show their image on hover; Next steps to the following sample;
 * an image of one's own, picked with "Inspect my image…" and dropped on the
 * input picture, is inspected instead.
 */
import { expect, test } from '@playwright/test';
import { pngBytes } from '../fixtures/datasets/make.js';
import { openStudio, shot, openTemplate } from './studio.js';

test('the Inside tab shows a conv layer’s feature maps and the embedding scatter of a trained MNIST CNN', async ({
  page,
}, info) => {
  await openStudio(page);
  await openTemplate(page, 'MNIST CNN');
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Limit (samples)').fill('200');
  await training.getByLabel('Epochs').fill('1');
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Finished', { timeout: 90_000 });

  await page.getByRole('tab', { name: 'Inside' }).click();
  const inside = page.getByRole('region', { name: 'Inside the network' });
  await inside.getByLabel('Test sample').fill('3');
  await inside.getByRole('button', { name: 'Inspect', exact: true }).click();
  await expect(inside.getByLabel('Prediction')).toContainText('Sample 3: label', { timeout: 60_000 });

  await inside.getByLabel('Layer').selectOption('conv2d');
  const maps = inside.getByRole('img', { name: 'feature-maps of conv2d' });
  await expect(maps).toBeVisible();
  // 32 maps of 26×26 in a 6×6 grid with a 1-pixel gutter, decoded by the browser.
  expect(await maps.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([163, 163]);
  await expect(inside.getByRole('img', { name: 'saliency map' })).toBeVisible();
  await expect(inside.getByRole('img', { name: 'Grad-CAM' })).toBeVisible();

  const scatter = inside.getByRole('img', { name: /^Embedding of 500 test samples \(PCA\)$/ });
  await expect(scatter.locator('circle')).toHaveCount(500);
  await scatter.locator('circle[data-sample="10"]').hover();
  await expect(inside.getByLabel('Sample 10')).toContainText('sample 10:');
  await shot(page, info, 'inside-conv2d');

  await inside.getByRole('button', { name: 'Next ▶' }).click();
  await expect(inside.getByLabel('Prediction')).toContainText('Sample 4: label');
  await expect(inside.getByLabel('Test sample', { exact: true })).toHaveValue('4');

  // An image of one's own, picked with the file input: a white "1" on black, larger than the model's 28×28.
  const one = pngBytes(56, 56, (x) => (x >= 24 && x < 32 ? [255, 255, 255] : [0, 0, 0]));
  await inside.getByLabel('Inspect my image…').setInputFiles({ name: 'one.png', mimeType: 'image/png', buffer: one });
  await expect(inside.getByLabel('Prediction')).toContainText(/^Your image \(one\.png\): predicted \d \(p = /);
  const input = inside.getByRole('img', { name: 'input' });
  // The engine resized it to the model's input (the page sent the file's bytes only).
  await expect
    .poll(() => input.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([28, 28]);
  await expect(scatter.locator('rect[data-inspected]')).toHaveCount(1);

  // The same image dropped on the input picture.
  const dataTransfer = await page.evaluateHandle((b64: string) => {
    const transfer = new DataTransfer();
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
    return transfer;
  }, one.toString('base64'));
  await inside.getByRole('group', { name: 'Input picture' }).dispatchEvent('drop', { dataTransfer });
  await expect(inside.getByLabel('Prediction')).toContainText('Your image (dropped.png): predicted');
  await shot(page, info, 'inside-your-image');
});
