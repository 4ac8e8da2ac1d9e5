#!/usr/bin/env node
// `npm run lint:electron`: Electronegativity (Electron's security scanner) over
// the main process's Electron code and the preload. Fails on any HIGH or
// MEDIUM finding. Runs offline: the Electron version comes from the installed
// package, and the two checks that cannot work here are left out, each for a
// stated reason. Findings the scanner cannot see through are suppressed in the
// source on their line (`// eng-disable CHECK_ID` with a comment saying why).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const TARGETS = ['src/main/electron', 'src/preload'];
const EXCLUDED = {
  // Downloads Electron's release list from GitHub on every run (no network
  // here); Electron upgrades are Dependabot's/the release checklist's job.
  AvailableSecurityFixesGlobalCheck: 'needs network',
  // Finds CSPs only in <meta> tags or literal onHeadersReceived headers; ours
  // is the Content-Security-Policy header of every app:// HTML response
  // (window.ts serveRenderer, policy in security.ts, tested in
  // tests/main/electron/security.test.ts).
  CSPGlobalCheck: 'CSP set as a protocol response header',
};
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const bin = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity',
);

/** Electronegativity's CSV: quoted fields, one finding per line. */
export function parseFindings(csv) {
  return csv
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((line) => {
      const cells = [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
      const [id, severity, confidence, file, location] = cells;
      return { id, severity, confidence, file, location, line };
    });
}

// One scan over both folders (copied side by side): the global checks
// (navigation limits, permission handler) look across all scanned files.
const dir = mkdtempSync(join(tmpdir(), 'deepwire-eneg-'));
let blocking;
try {
  const scanned = join(dir, 'src');
  for (const target of TARGETS) cpSync(join(root, target), join(scanned, target), { recursive: true });
  const csv = join(dir, 'findings.csv');
  const r = spawnSync(
    bin,
    ['-i', scanned, '-r', '-v', 'false', '-e', electronVersion, '-x', Object.keys(EXCLUDED).join(','), '-o', csv],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    console.error(`electronegativity failed (exit ${r.status ?? r.signal})`);
    process.exit(2);
  }
  const findings = parseFindings(readFileSync(csv, 'utf8'));
  const bad = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  blocking = bad.length;
  console.log(`${TARGETS.join(' + ')}: ${findings.length} finding(s), ${bad.length} high/medium`);
  for (const f of findings) console.log(`  ${f.severity} ${f.confidence} ${f.id} ${f.file}:${f.location}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `electronegativity (Electron ${electronVersion}) skipped checks: ${Object.entries(EXCLUDED)
    .map(([k, v]) => `${k} (${v})`)
    .join(', ')}`,
);
process.exit(blocking === 0 ? 0 : 1);
