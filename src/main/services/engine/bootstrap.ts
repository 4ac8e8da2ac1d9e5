/**
 * Workers run the TypeScript sources through tsx. Node ignores `--import`
 * loader hooks in a worker's execArgv ("Unknown file extension .ts"), so a
 * worker starts from a tiny script that registers tsx in its own thread and
 * then imports the worker module. tsx is resolved from here, so any working
 * directory works. Used by the training supervisor and the engine host.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function workerBootstrap(target: URL): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = require(pkgFile) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api'].import.default)).href;
  return `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(target.href)}); });`;
}
