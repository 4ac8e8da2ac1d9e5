/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process (so one
 * benchmark's warm caches do not flatter the next) and prints their tables.
 * Each benchmark writes its medians to `bench/results/<name>.json`.
 * `npm run bench -- shape` runs only the benchmarks whose name contains "shape".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
