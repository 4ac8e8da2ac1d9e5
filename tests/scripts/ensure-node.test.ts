// scripts/ensure-node.sh (sourced by .ci/run) puts a supported Node first on
// PATH: the machine's when new enough, else one fetched into a cache folder.
// Fake `node` commands stand in for the versions; the shell script is real.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = new URL('../../scripts/ensure-node.sh', import.meta.url).pathname;
const platformPackage = `node-${process.platform}-${process.arch}`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-ensure-node-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A `node` that reports `version` and passes the support check or not; anything else runs the real Node. */
function fakeNode(folder: string, version: string, supported: boolean): string {
  mkdirSync(folder, { recursive: true });
  const cases = [
    `--version) echo ${version} ;;`,
    `-e) exit ${supported ? 0 : 1} ;;`,
    `*) exec "${process.execPath}" "$@" ;;`,
  ];
  writeFileSync(join(folder, 'node'), `#!/bin/sh\ncase "$1" in\n${cases.join('\n')}\nesac\n`);
  chmodSync(join(folder, 'node'), 0o755);
  return folder;
}

/** Sources the script as .ci/run does, then prints which node is first on PATH. */
function ensure(path: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync('bash', ['-c', `set -euo pipefail; . "${script}"; node --version`], {
    env: { ...process.env, ...env, PATH: `${path}:${process.env.PATH}` },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('ensure-node.sh', () => {
  it("keeps the machine's Node when it is new enough", () => {
    const bin = fakeNode(join(dir, 'new', 'bin'), 'v24.1.0', true);
    const r = ensure(bin, { DEEPWIRE_NODE_CACHE: join(dir, 'no-cache') });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`Node v24.1.0 (${bin}/node)\nv24.1.0\n`);
  });

  it('uses a Node already fetched into the cache when the machine has an older one, without the network', () => {
    const cache = join(dir, 'cache');
    fakeNode(join(cache, `${platformPackage}-22.99.0`, 'bin'), 'v22.99.0', true);
    const old = fakeNode(join(dir, 'old', 'bin'), 'v20.20.2', false);
    const r = ensure(old, { DEEPWIRE_NODE_CACHE: cache, npm_config_registry: 'http://127.0.0.1:9/' });
    expect(r.code, r.err).toBe(0);
    const cached = `${cache}/${platformPackage}-22.99.0/bin/node`;
    expect(r.out).toContain(`Node v22.99.0 (${cached}; the machine's Node is too old)`);
    expect(r.out.trim().split('\n').at(-1)).toBe('v22.99.0');
  });

  it('stops with DW818 when the machine is too old and Node cannot be fetched', () => {
    const old = fakeNode(join(dir, 'old2', 'bin'), 'v20.20.2', false);
    const r = ensure(old, {
      DEEPWIRE_NODE_CACHE: join(dir, 'empty-cache'),
      npm_config_registry: 'http://127.0.0.1:9/', // the discard port: nothing listens
      npm_config_fetch_retries: '0',
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_offline: 'false',
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('is older than Deepwire needs (>= 22.12)');
    expect(r.err).toContain('DW818 Node is too old, and Node 22 could not be fetched from the npm registry');
    expect(r.err).toContain('Fix: install Node 22 LTS or newer');
  });
});
