/**
 * A studio process, as `deepwire serve` makes it, that exports a model and
 * previews a dataset, then reports on stdout (one JSON line) whether a TF.js
 * engine exists in its own thread (tfjs-core keeps it on `globalThis._tfengine`).
 * Run by studio-imports.test.ts in a fresh Node process: a test runner's
 * thread may have loaded TF.js for other tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';

const dir = mkdtempSync(join(tmpdir(), 'deepwire-studio-process-'));
const root = join(dir, 'work');
mkdirSync(root);
const csv = join(root, 'points.csv');
writeFileSync(csv, ['x,label', ...Array.from({ length: 20 }, (_, i) => `${i},${i % 2 ? 'b' : 'a'}`)].join('\n'));
const studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
try {
  const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
  const exported = await studio.call('export.run', { project, format: 'tfjs', destination: join(root, 'out') });
  const preview = await studio.call('dataset.preview', {
    dataset: { source: 'csv', path: csv, labelColumn: 'label' },
    count: 2,
  });
  const report = { files: exported?.files.length, samples: preview.samples.length, tfjs: '_tfengine' in globalThis };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
}
