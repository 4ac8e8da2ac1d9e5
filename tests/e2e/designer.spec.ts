/**
 * The source CNN built from an empty canvas by dragging from the palette,
 * live shapes and params, a diagnostic that appears and clears, a short real
 * training run that is stopped, and a save / reload / reopen round trip.
 */
import { expect, test } from '@playwright/test';
import { canvas, connect, dropLayer, inspector, layer, openStudio, select, shot, totalParams } from './studio.js';

test('build, check, train, stop, save and reopen the source CNN', async ({ page }, info) => {
  await openStudio(page);
  await shot(page, info, '01-start-screen');
  await page.getByRole('button', { name: 'New classifier' }).click();
  await expect(canvas(page)).toBeVisible();
  // Zoom out so six layers (taller while they show diagnostics) fit one above the other.
  await page.getByRole('button', { name: 'Zoom Out' }).click();
  await page.getByRole('button', { name: 'Zoom Out' }).click();

  // ── build: Input, Conv2D, MaxPooling2D, Dense 128, Dense 10 (the Flatten comes later) ──
  await dropLayer(page, 'Input', 420, 40);
  await dropLayer(page, 'Conv2D', 420, 170);
  await dropLayer(page, 'MaxPooling2D', 420, 300);
  await dropLayer(page, 'Dense', 420, 560);
  await dropLayer(page, 'Dense', 420, 705);
  await expect(layer(page, 'input', 'Input')).toContainText('28×28×1');
  await expect(layer(page, 'conv2d', 'Conv2D')).toContainText('32 filters · 3×3 · valid · relu');

  await select(page, 'dense_1', 'Dense');
  await inspector(page, 'dense_1').getByLabel('Units').fill('10');
  await inspector(page, 'dense_1').getByLabel('Activation').selectOption('softmax');
  await expect(layer(page, 'dense_1', 'Dense')).toContainText('10 units · softmax');

  await connect(page, 'input', 'conv2d');
  await connect(page, 'conv2d', 'max_pooling2d');
  await connect(page, 'dense', 'dense_1');
  await expect(page.getByText('(None, 26, 26, 32)').first()).toBeVisible();

  // ── the Flatten is missing: Dense has no input, and wiring the pooling output straight in is refused ──
  await expect(layer(page, 'dense', 'Dense').getByRole('list', { name: 'Problems of dense' })).toContainText('DW102');
  await connect(page, 'max_pooling2d', 'dense');
  await expect(page.getByRole('alert')).toContainText('DW104');
  await expect(page.getByRole('alert')).toContainText('Flatten');
  await shot(page, info, '02-diagnostic-without-flatten');

  // ── add the Flatten: the diagnostic clears and the count is Keras's ──
  await dropLayer(page, 'Flatten', 420, 430);
  await connect(page, 'max_pooling2d', 'flatten');
  await connect(page, 'flatten', 'dense');
  await expect(layer(page, 'dense', 'Dense').getByRole('list', { name: 'Problems of dense' })).toHaveCount(0);
  await expect(page.getByText('No problems')).toBeVisible();
  await expect(totalParams(page)).toContainText('693,962');
  await expect(page.getByText('(None, 5408)').first()).toBeVisible();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await shot(page, info, '03-source-cnn');
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.getByRole('region', { name: 'Model summary' }).getByRole('definition').first()).toContainText(
    '693,962',
  );
  await shot(page, info, '04-summary');

  // ── train a short run, see the curve and progress move, stop it ──
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Limit (samples)').fill('20000');
  await training.getByLabel('Batch size').fill('32');
  await training.getByLabel('Epochs').fill('2');
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Training', { timeout: 60_000 });
  const curve = training.getByRole('img', { name: 'Loss and accuracy per batch' });
  await expect
    .poll(async () => Number(await curve.getAttribute('data-points')), { timeout: 60_000 })
    .toBeGreaterThan(2);
  const progress = training.getByRole('progressbar', { name: 'Training progress' });
  const before = Number(await progress.getAttribute('value'));
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 })
    .toBeGreaterThan(before);
  await expect(training.getByLabel('Progress details')).toContainText('samples/s');
  await expect(training.getByLabel('Backend')).toContainText('backend');
  await shot(page, info, '05-training');
  await training.getByRole('button', { name: 'Stop' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Stopped', { timeout: 60_000 });

  // ── save (Ctrl+S opens the web studio's save dialog), reload, reopen ──
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save project' });
  await dialog.getByLabel('File name').fill('source-cnn');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(page.getByLabel('unsaved changes')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Deepwire', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent projects' })).toContainText('source-cnn');
  await shot(page, info, '06-start-with-recent');
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page
    .getByRole('dialog', { name: 'Open project' })
    .getByRole('button', { name: /source-cnn\.deepwire/ })
    .click();
  for (const [name, kind] of [
    ['input', 'Input'],
    ['conv2d', 'Conv2D'],
    ['max_pooling2d', 'MaxPooling2D'],
    ['flatten', 'Flatten'],
    ['dense', 'Dense'],
    ['dense_1', 'Dense'],
  ]) {
    await expect(layer(page, name, kind)).toBeVisible();
  }
  await expect(page.getByRole('group', { name: /^Connection from/ })).toHaveCount(5);
  await expect(layer(page, 'dense_1', 'Dense')).toContainText('10 units · softmax');
  await expect(totalParams(page)).toContainText('693,962');
  await shot(page, info, '07-reopened');
});
