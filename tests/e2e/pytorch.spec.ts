/**
 * The PyTorch backend from the studio (issue #12): picked in the settings'
 * backend picker, the MNIST CNN trains in the machine's Python + torch to a
 * finished run that names the backend and a real test accuracy, and its
 * trained weights come back into the project (saved to a file and read here).
 * The backend setting is shared by every spec of this server: each case puts
 * it back to `auto`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openStudio, shot, studioUrl, openTemplate } from './studio.js';

async function pickBackend(page: Page, backend: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Training backend').selectOption(backend);
  await expect(settings.getByLabel('Training backend')).toHaveValue(backend);
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

// Python's start, torch's import and the 10,000-image test split take a while on a busy 2-core machine.
test.setTimeout(180_000);

test.afterEach(async ({ page }) => {
  // Back to the default for the specs that follow (the settings file outlives this page).
  if (!(await page.getByRole('button', { name: 'Settings' }).isVisible())) {
    await page.goto(studioUrl());
    await openTemplate(page, 'MNIST CNN');
  }
  await pickBackend(page, 'auto');
});

test('the MNIST CNN trains on PyTorch from the backend picker and keeps its trained weights', async ({
  page,
}, info) => {
  await openStudio(page);
  await openTemplate(page, 'MNIST CNN');
  // The picker lives in the designer's settings (its toolbar).
  await pickBackend(page, 'pytorch');
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Limit (samples)').fill('1000');
  await training.getByLabel('Epochs').fill('1');
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Finished', { timeout: 120_000 });
  await expect(training.getByLabel('Backend')).toContainText('backend pytorch');
  const outcome = training.getByLabel('Outcome');
  await expect(outcome).toContainText('Completed');
  // The test split's predictions come back from Python and are evaluated by the engine's own code.
  const accuracy = /test accuracy (\d+(?:\.\d)?)%/.exec((await outcome.textContent()) ?? '');
  expect(accuracy, 'the outcome names a test accuracy').not.toBeNull();
  expect(Number(accuracy?.[1])).toBeGreaterThan(50);
  await expect(training.getByRole('table', { name: /^Confusion matrix/ }).getByRole('row')).toHaveCount(11);
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await shot(page, info, 'pytorch-cnn');

  // The weights PyTorch trained are the project's: saving writes them with the run record.
  await page.keyboard.press('Control+S');
  const save = page.getByRole('dialog', { name: 'Save project' });
  await save.getByLabel('File name').fill('pytorch-cnn');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved .*pytorch-cnn\.deepwire/ })).toBeVisible();
  const workspace = process.env.DEEPWIRE_E2E_WORKSPACE ?? '';
  const saved = JSON.parse(readFileSync(join(workspace, 'pytorch-cnn.deepwire'), 'utf8')) as {
    weights?: { specs?: { name: string }[]; byteLength?: number };
    runs?: { backend: string; status: string; history: Record<string, number[]> }[];
  };
  expect(saved.weights?.specs?.map((s) => s.name)).toContain('conv2d/kernel');
  expect(saved.weights?.byteLength ?? 0).toBeGreaterThan(0);
  const run = saved.runs?.at(-1);
  expect(run?.backend).toBe('pytorch');
  expect(run?.status).toBe('completed');
  expect(run?.history.loss?.length).toBe(1);
});

test('the MLP GAN trains on PyTorch from the backend picker, and writes a dataset inside the served folder', async ({
  page,
}, info) => {
  await openStudio(page);
  await page.getByRole('button', { name: 'MLP GAN' }).click();
  await pickBackend(page, 'pytorch');
  await page.getByRole('tab', { name: 'Training' }).click();
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Limit (samples)').fill('1000');
  await training.getByLabel('Epochs').fill('1');
  await training.getByLabel('Sample grid every').fill('5');
  await training.getByRole('button', { name: 'Start training' }).click();
  await expect(training.getByRole('status', { name: 'Run state' })).toHaveText('Finished', { timeout: 120_000 });
  await expect(training.getByLabel('Backend')).toContainText('backend pytorch');
  const losses = training.getByRole('img', { name: 'Discriminator and generator loss per step' });
  expect(Number(await losses.getAttribute('data-points'))).toBeGreaterThan(1);
  const grids = training.getByRole('region', { name: 'Generated samples' });
  await expect(grids.getByRole('img', { name: /^Sample grid at epoch \d+, step \d+$/ })).toBeVisible();
  await shot(page, info, 'pytorch-gan');

  // The web studio has no native folder dialog: its own names a folder inside the served one (issue #13).
  await training.getByRole('button', { name: 'Generate dataset' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate dataset' });
  await dialog.getByLabel('Folder (inside the served folder)').fill('generated/pytorch-gan');
  await dialog.getByLabel('Samples').fill('24');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Generated 24 samples in .*pytorch-gan/ })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const out = join(process.env.DEEPWIRE_E2E_WORKSPACE ?? '', 'generated', 'pytorch-gan');
  expect(readdirSync(out).filter((f) => f.endsWith('.png'))).toHaveLength(24);
});
