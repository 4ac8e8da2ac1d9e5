#!/usr/bin/env node
// The README's test command: format, typecheck, lint, unit tests, then the end-to-end
// suite in Debian's Chromium. Ends with one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'test-results');
mkdirSync(outDir, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n── ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function step(label, cmd, args) {
  const code = run(label, cmd, args);
  if (code === 0) passed += 1;
  else failed += 1;
  console.log(`── ${label}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}`);
}

step('format', 'npm', ['run', '--silent', 'format:check']);
step('typecheck', 'npx', ['tsc', '-b']);
step('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
step('electron security scan', 'node', ['scripts/lint-electron.js']);

// Unit and integration tests (vitest), counted from its JSON report.
const vitestJson = join(outDir, 'vitest.json');
const vCode = run('unit tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (vCode !== 0 && r.numFailedTests === 0 ? 1 : 0);
  skipped += r.numPendingTests + r.numTodoTests;
} else failed += 1;

/** The reasons Playwright tests gave for skipping themselves, so a skip is never silent. */
function skipReasons(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests.flatMap((t) =>
        (t.annotations ?? []).filter((a) => a.type === 'skip').map((a) => `${spec.title}: ${a.description ?? ''}`),
      ),
    ),
    ...skipReasons(suite.suites ?? []),
  ]);
}

/** Runs one Playwright suite and counts it from its JSON report. */
function playwright(label, args, jsonName) {
  const pwJson = join(outDir, jsonName);
  const pCode = run(label, 'npx', ['playwright', 'test', ...args], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (!existsSync(pwJson)) return void (failed += 1);
  const report = JSON.parse(readFileSync(pwJson, 'utf8'));
  for (const reason of skipReasons(report.suites ?? [])) console.log(`   skipped: ${reason}`);
  const s = report.stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected + (pCode !== 0 && s.unexpected === 0 ? 1 : 0);
  skipped += s.skipped;
}

// End-to-end tests (Playwright in Debian's Chromium) against the web studio.
const e2eDir = join(root, 'tests', 'e2e');
if (existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts')))
  playwright('end-to-end', [], 'playwright.json');

// The Electron smoke test: runs where Electron's binary exists, and reports
// itself skipped (with the reason) where it does not.
playwright('electron smoke test', ['-c', 'tests/electron'], 'playwright-electron.json');

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
