/**
 * Project files in the web studio: open through the studio's file browser,
 * save, recent files (a missing one shown as such and removed), a newer-format
 * file refused with DW204, a file dropped on the window, and hot exit: the
 * test starts its own `deepwire serve`, kills it (SIGKILL) with an unsaved
 * edit autosaved, starts a new one on the same config folder and restores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { inspector, layer, select } from './studio.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = join(root, 'resources', 'examples', 'mnist-cnn.deepwire');

/** `deepwire serve` on a free port; resolves with its URL (token included). */
function serve(workspace: string, configDir: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(
    process.execPath,
    [join(root, 'bin', 'deepwire.js'), 'serve', '--port', '0', '--no-open', '--root', workspace],
    {
      cwd: root,
      env: { ...process.env, DEEPWIRE_CONFIG_DIR: configDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`deepwire serve printed no URL:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /https?:\/\/\S+token=\S+/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], proc });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`deepwire serve exited with ${code}:\n${output}`)));
  });
}

async function openFromBrowser(page: Page, fileName: string): Promise<void> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page
    .getByRole('dialog', { name: 'Open project' })
    .getByRole('button', { name: new RegExp(fileName.replace('.', '\\.')) })
    .click();
}

const procs: ChildProcess[] = [];
let work = '';
test.afterAll(() => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  if (work) rmSync(work, { recursive: true, force: true });
});

test('open, save, recent files, DW204, drop, and restore after the studio is killed', async ({ page }) => {
  test.setTimeout(90_000);
  work = mkdtempSync(join(tmpdir(), 'deepwire-e2e-files-'));
  const workspace = join(work, 'projects');
  const configDir = join(work, 'config');
  mkdirSync(workspace);
  mkdirSync(configDir);
  // Autosave every second so the test need not wait the default five.
  writeFileSync(join(configDir, 'settings.json'), JSON.stringify({ autosaveSeconds: 1 }));
  copyFileSync(example, join(workspace, 'cnn.deepwire'));
  copyFileSync(example, join(workspace, 'gone.deepwire'));
  const newer = JSON.stringify({ ...(JSON.parse(readFileSync(example, 'utf8')) as object), version: 99 });
  writeFileSync(join(workspace, 'newer.deepwire'), newer);

  const first = await serve(workspace, configDir);
  procs.push(first.proc);
  await page.goto(first.url);
  await expect(page.getByRole('heading', { name: 'Deepwire', level: 1 })).toBeVisible();

  // ── a newer format is refused, the file left as it was ──
  await openFromBrowser(page, 'newer.deepwire');
  await expect(page.getByRole('alert').filter({ hasText: 'DW204' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Open project' }).getByRole('button', { name: 'Cancel' }).click();
  expect(readFileSync(join(workspace, 'newer.deepwire'), 'utf8')).toBe(newer);

  // ── open two files (both become recent), edit one and save it ──
  await openFromBrowser(page, 'gone.deepwire');
  await expect(layer(page, 'conv2d', 'Conv2D')).toBeVisible();
  await page.getByTitle('Back to the start screen').click();
  await openFromBrowser(page, 'cnn.deepwire');
  await select(page, 'conv2d', 'Conv2D');
  await inspector(page, 'conv2d').getByLabel('Filters').fill('12');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status').filter({ hasText: /^Saved .*cnn\.deepwire/ })).toBeVisible();
  await expect(page.getByLabel('unsaved changes')).toHaveCount(0);
  expect(readFileSync(join(workspace, 'cnn.deepwire'), 'utf8')).toMatch(/"filters": 12/);

  // ── an unsaved edit reaches the recovery area; then the studio is killed ──
  await inspector(page, 'conv2d').getByLabel('Filters').fill('24');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  const recovery = join(configDir, 'recovery');
  await expect
    .poll(() => (existsSync(recovery) ? readdirSync(recovery).filter((f) => f.endsWith('.json')).length : 0), {
      timeout: 10_000,
    })
    .toBe(1);
  first.proc.kill('SIGKILL');
  await new Promise((done) => first.proc.once('exit', done));
  rmSync(join(workspace, 'gone.deepwire'));

  // ── a new studio on the same settings and recovery folder offers the document back ──
  const second = await serve(workspace, configDir);
  procs.push(second.proc);
  await page.goto(second.url);
  const offer = page.getByRole('region', { name: 'Unsaved work from last time' });
  await expect(offer.getByRole('listitem', { name: 'Unsaved MNIST CNN' })).toBeVisible();

  // Recent files: the deleted one is shown missing and can be removed.
  const recent = page.getByRole('region', { name: 'Recent projects' });
  await expect(recent.getByText(/missing: .*gone\.deepwire/)).toBeVisible();
  await recent
    .getByRole('listitem')
    .filter({ hasText: 'gone.deepwire' })
    .getByRole('button', { name: /^Remove/ })
    .click();
  await expect(recent.getByText(/gone\.deepwire/)).toHaveCount(0);
  await expect(recent.getByText(/cnn\.deepwire/)).toBeVisible();

  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await select(page, 'conv2d', 'Conv2D');
  await expect(inspector(page, 'conv2d').getByLabel('Filters')).toHaveValue('24');
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status').filter({ hasText: /^Saved .*cnn\.deepwire/ })).toBeVisible();
  expect(readFileSync(join(workspace, 'cnn.deepwire'), 'utf8')).toMatch(/"filters": 24/);
  // Saved: nothing is left to recover.
  await expect.poll(() => readdirSync(recovery).filter((f) => f.endsWith('.json')).length).toBe(0);

  // ── a .deepwire dropped on the window opens as an untitled document ──
  await page.getByTitle('Back to the start screen').click();
  const text = readFileSync(example, 'utf8').replace('"MNIST CNN"', '"Dropped CNN"');
  const transfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.deepwire', { type: 'application/x-deepwire' }));
    return dt;
  }, text);
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByLabel('Document')).toContainText('Dropped CNN');
  await expect(layer(page, 'conv2d', 'Conv2D')).toBeVisible();
});
