/** Helpers that drive the studio as a person would: by roles, names and the mouse. */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export function studioUrl(): string {
  const url = process.env.DEEPWIRE_E2E_URL;
  if (!url)
    throw new Error(
      'DEEPWIRE_E2E_URL is not set: run through playwright.config.ts (its global setup starts deepwire serve)',
    );
  return url;
}

export async function openStudio(page: Page): Promise<void> {
  page.on('pageerror', (e) => {
    throw new Error(`page error: ${e.message}`);
  });
  await page.goto(studioUrl());
  await expect(page.getByRole('heading', { name: 'Deepwire', level: 1 })).toBeVisible();
}

export const canvas = (page: Page): Locator => page.getByRole('region', { name: 'Canvas' });
export const layer = (page: Page, name: string, kind: string): Locator =>
  page.getByRole('group', { name: `${name} (${kind})`, exact: true });
export const totalParams = (page: Page): Locator => page.getByRole('status', { name: 'Total params' });

/** Drags a layer from the palette onto the canvas at (x, y) relative to the canvas' top-left corner. */
export async function dropLayer(page: Page, label: string, x: number, y: number): Promise<void> {
  const palette = page.getByRole('navigation', { name: 'Layers palette' });
  await palette.getByRole('button', { name: label, exact: true }).dragTo(canvas(page), { targetPosition: { x, y } });
}

/** Drags from one layer's output handle to another's input handle. */
export async function connect(page: Page, from: string, to: string, input = `Input of ${to}`): Promise<void> {
  await page.getByLabel(`Output of ${from}`, { exact: true }).dragTo(page.getByLabel(input, { exact: true }));
}

export async function select(page: Page, name: string, kind: string): Promise<void> {
  // Click the header, away from the handles, so a click is a selection and not a connection.
  await layer(page, name, kind).locator('.layer-head').click();
  // The side panel reopens on the tab last used (a setting): show the inspector as a person would.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(page.getByRole('form', { name: `Parameters of ${name}` })).toBeVisible();
}

export const inspector = (page: Page, name: string): Locator =>
  page.getByRole('form', { name: `Parameters of ${name}` });

export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

/** Starts a project from a template on the start screen (a recent project may share its name). */
export async function openTemplate(page: Page, name: string): Promise<void> {
  await page.getByRole('region', { name: 'Templates' }).getByRole('button', { name, exact: true }).click();
}
