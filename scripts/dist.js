#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: builds the app
// (`electron-vite build`), then the installers with electron-builder and
// electron-builder.yml (AppImage + deb on Linux, dmg on macOS, nsis on
// Windows). Packaging needs Electron's binary for the target platform (and
// electron-builder's helper tools), which electron-builder downloads; where
// that cannot happen the build still runs and the command says why packaging
// failed, exiting non-zero with a numbered message (DW810 / DW811).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const extraArgs = process.argv.slice(2);

function fail(code, title, detail, fix, exitCode) {
  console.error(`\n${code} ${title}: ${detail}\n  → ${fix}`);
  process.exit(exitCode);
}

/** Electron's own binary, when its postinstall could download it. */
export function localElectronDist() {
  const dir = join(root, 'node_modules', 'electron');
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const exe = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? join(dir, 'dist') : null;
}

if (!existsSync(bin('electron-builder'))) {
  fail(
    'DW811',
    'Packaging tool not installed',
    'node_modules/.bin/electron-builder is missing',
    'Install the dev dependencies (`npm ci`); `npm run dist` needs electron-builder.',
    3,
  );
}

console.log('── build: electron-vite build');
const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronDist = localElectronDist();
const args = ['--config', 'electron-builder.yml', '--publish', 'never', ...extraArgs];
// The installed binary fits only this platform; other targets download their own.
if (electronDist && extraArgs.every((a) => !/^--(mac|win|linux)$/.test(a)))
  args.push(`--config.electronDist=${electronDist}`);
console.log(`── package: electron-builder ${args.join(' ')}`);
console.log(
  electronDist
    ? `   using Electron's binary from ${electronDist}`
    : "   Electron's binary is not installed (its download failed or was skipped): electron-builder will try to download it",
);
const pack = spawnSync(bin('electron-builder'), args, {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: process.env.CSC_IDENTITY_AUTO_DISCOVERY ?? 'false' },
});
process.stdout.write(pack.stdout ?? '');
process.stderr.write(pack.stderr ?? '');
if (pack.status === 0) {
  console.log('\nInstallers written to dist/.');
  process.exit(0);
}

const output = `${pack.stdout ?? ''}\n${pack.stderr ?? ''}`;
const network =
  /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|status code 40[34]|download|github\.com)/i;
const reason = output
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('at ') && network.test(l))
  .slice(-3);
if (!electronDist || reason.length > 0) {
  fail(
    'DW810',
    "Packaging needs Electron's binary",
    `the app was built (out/), but electron-builder could not fetch ${electronDist ? 'its packaging tools' : "Electron's binary"} for the installers` +
      (reason.length ? `:\n    ${reason.join('\n    ')}` : ` (electron-builder exited ${pack.status ?? pack.signal})`),
    'Run `npm run dist` on a machine that can download Electron (or set ELECTRON_MIRROR / ELECTRON_BUILDER_BINARIES_MIRROR to a reachable mirror); `npm run build` still works here.',
    4,
  );
}
process.exit(pack.status ?? 1);
