/** The Electron smoke test: `npx playwright test -c tests/electron`. */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 120_000,
  workers: 1,
  outputDir: '../../test-results/electron',
});
