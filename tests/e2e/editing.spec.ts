/**
 * Editing like a person with a keyboard and a mouse: copy/paste, undo/redo,
 * delete, moving, multi-select, validation as you type, and the themes.
 */
import { expect, test } from '@playwright/test';
import { inspector, layer, openStudio, select, shot, totalParams, openTemplate } from './studio.js';

test('copy, paste, undo, redo, delete, move, multi-select and validation', async ({ page }, info) => {
  await openStudio(page);
  await openTemplate(page, 'MNIST CNN');
  await expect(totalParams(page)).toContainText('693,962');

  // Copy and paste a layer, then undo and redo the paste.
  await select(page, 'conv2d', 'Conv2D');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(layer(page, 'conv2d_1', 'Conv2D')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(layer(page, 'conv2d_1', 'Conv2D')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(layer(page, 'conv2d_1', 'Conv2D')).toBeVisible();
  // The pasted copy is selected: Delete removes it.
  await page.keyboard.press('Delete');
  await expect(layer(page, 'conv2d_1', 'Conv2D')).toHaveCount(0);

  // Move a layer by dragging it: one undo step puts it back.
  const input = layer(page, 'input', 'Input');
  const before = await input.boundingBox();
  const head = input.locator('.layer-head');
  const box = await head.boundingBox();
  await page.mouse.move(box!.x + 20, box!.y + 5);
  await page.mouse.down();
  for (let i = 1; i <= 10; i += 1) await page.mouse.move(box!.x + 20 - i * 15, box!.y + 5);
  await page.mouse.up();
  await expect.poll(async () => (await input.boundingBox())!.x).toBeLessThan(before!.x - 100);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await input.boundingBox())!.x)).toBe(Math.round(before!.x));

  // Multi-select with Ctrl+click, duplicate both in one step, undo it.
  await select(page, 'flatten', 'Flatten');
  await layer(page, 'dense', 'Dense')
    .locator('.layer-head')
    .click({ modifiers: ['Control'] });
  await expect(page.getByRole('heading', { name: '2 layers selected' })).toBeVisible();
  await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Duplicate' }).click();
  await expect(layer(page, 'flatten_1', 'Flatten')).toBeVisible();
  await expect(layer(page, 'dense_2', 'Dense')).toBeVisible();
  await expect(page.getByRole('group', { name: /^Connection from flatten_1 to dense_2/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(layer(page, 'dense_2', 'Dense')).toHaveCount(0);

  // The right-click menu offers the same actions.
  await layer(page, 'flatten', 'Flatten').locator('.layer-head').click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Canvas menu' })
    .getByRole('menuitem', { name: /^Duplicate/ })
    .click();
  await expect(layer(page, 'flatten_1', 'Flatten')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(layer(page, 'flatten_1', 'Flatten')).toHaveCount(0);
  await page.getByRole('region', { name: 'Canvas' }).click({ button: 'right', position: { x: 60, y: 60 } });
  await expect(page.getByRole('menuitem', { name: /^Paste/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);

  // The inspector validates as you type and applies valid values at once.
  await select(page, 'conv2d', 'Conv2D');
  const filters = inspector(page, 'conv2d').getByLabel('Filters');
  await filters.fill('0');
  await expect(filters).toHaveAttribute('aria-invalid', 'true');
  await expect(inspector(page, 'conv2d').getByRole('alert')).toHaveText(
    'Must be an integer between 1 and 8192, got 0.',
  );
  await filters.fill('16');
  await expect(filters).toHaveAttribute('aria-invalid', 'false');
  await expect(layer(page, 'conv2d', 'Conv2D')).toContainText('16 filters');
  await expect(layer(page, 'conv2d', 'Conv2D')).toContainText('160 params');
  await expect(page.getByText('(None, 26, 26, 16)').first()).toBeVisible();
  await inspector(page, 'conv2d').getByLabel('Kernel size').fill('5x5');
  await expect(page.getByText('(None, 24, 24, 16)').first()).toBeVisible();
  await shot(page, info, 'inspector-light');

  // Dark theme.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, info, 'inspector-dark');

  // Settings go through the contract: the theme setting applies at once, and reset restores it.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await shot(page, info, 'settings');
  await settings.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(settings.getByLabel('Theme')).toHaveValue('system');
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Ctrl+O in the web studio opens its own dialog; Escape closes it.
  await page.keyboard.press('Control+o');
  await expect(page.getByRole('dialog', { name: 'Open project' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a GAN template shows generator and discriminator as two framed groups', async ({ page }, info) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'DCGAN (MNIST)', exact: true }).click();
  const generator = page.getByRole('group', { name: 'Generator network' });
  const discriminator = page.getByRole('group', { name: 'Discriminator network' });
  await expect(generator).toBeVisible();
  await expect(discriminator).toBeVisible();
  // Noise sits inside the generator frame, the data Input inside the discriminator's.
  const inside = async (node: string, kind: string, frame: typeof generator) => {
    const n = (await layer(page, node, kind).boundingBox())!;
    const f = (await frame.boundingBox())!;
    return n.x >= f.x && n.y >= f.y && n.x + n.width <= f.x + f.width && n.y + n.height <= f.y + f.height;
  };
  expect(await inside('noise', 'Noise', generator)).toBe(true);
  expect(await inside('input', 'Input', discriminator)).toBe(true);
  await expect(page.getByText('No problems')).toBeVisible();
  await shot(page, info, 'gan-groups');
});

test('the panel layout persists: the side panel reopens on the tab last used', async ({ page }) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'New classifier' }).click();
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');
  await page.reload();
  await page.getByRole('button', { name: 'New classifier' }).click();
  await expect(page.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'New classifier' }).click();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
});
