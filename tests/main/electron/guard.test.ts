import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectArgs } from '../../../src/main/electron/args.js';
import {
  APP_ORIGIN,
  checkSender,
  guardedCall,
  originOf,
  type SenderLike,
  type TrustConfig,
} from '../../../src/main/electron/guard.js';
import { createWebStudio } from '../../../src/main/server/web-studio.js';
import type { Studio } from '../../../src/main/services/studio/studio.js';
import { COMMAND_NAMES, channelOf } from '../../../src/shared/api/index.js';

const trust: TrustConfig = { windowIds: new Set([7]), origins: [APP_ORIGIN] };
const fromApp: SenderLike = { sender: { id: 7 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };

let dir: string;
let studio: Studio;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-guard-'));
  studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config'), checkResponses: true });
});
afterAll(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the IPC sender check', () => {
  it("trusts only the app's own window, top frame, app page", () => {
    expect(checkSender(fromApp, trust)).toBeNull();
    const cases: SenderLike[] = [
      { ...fromApp, senderFrame: null },
      { ...fromApp, sender: { id: 8 } },
      { ...fromApp, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} } },
      { ...fromApp, senderFrame: { url: 'https://evil.example/', parent: null } },
      { ...fromApp, senderFrame: { url: 'file:///etc/passwd', parent: null } },
      { ...fromApp, senderFrame: { url: 'app://deepwire.evil/index.html', parent: null } },
      { ...fromApp, senderFrame: { url: 'not a url', parent: null } },
    ];
    for (const c of cases) expect(checkSender(c, trust)?.code).toBe('DW604');
  });

  it('builds origins for custom schemes too', () => {
    expect(originOf('app://deepwire/assets/x.js')).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('::')).toBeNull();
  });
});

describe('guarded IPC calls', () => {
  it('refuses untrusted senders before reading the payload (DW604)', async () => {
    const evil: SenderLike = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    const r = await guardedCall(evil, channelOf('settings.set'), { theme: 'dark' }, trust, studio.dispatch);
    expect(r).toMatchObject({ ok: false, problem: { code: 'DW604' } });
    expect((await studio.call('settings.get', {})).theme).toBe('system');
  });

  it('refuses channels outside the contract (DW602)', async () => {
    for (const channel of ['deepwire:shell.exec', 'other:settings.get', 'deepwire:__proto__']) {
      const r = await guardedCall(fromApp, channel, {}, trust, studio.dispatch);
      expect(r).toMatchObject({ ok: false, problem: { code: 'DW602' } });
    }
  });

  it('answers a malformed payload on every command with a clean DW601', async () => {
    for (const command of COMMAND_NAMES) {
      for (const payload of [{ bogus: 1 }, 42, 'x', [1, 2]]) {
        const r = await guardedCall(fromApp, channelOf(command), payload, trust, studio.dispatch);
        expect(r.ok, `${command} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!r.ok) {
          expect(r.problem.code).toBe('DW601');
          expect(r.problem.message).toContain(command);
          expect(r.problem.where).toMatch(/^request/);
        }
      }
    }
  });

  it('passes a valid call from the app window through to the studio', async () => {
    const r = await guardedCall(fromApp, channelOf('settings.set'), { theme: 'light' }, trust, studio.dispatch);
    expect(r).toMatchObject({ ok: true, response: { theme: 'light' } });
  });
});

describe('command-line files', () => {
  it('takes existing .deepwire files, skipping the executable and flags', () => {
    writeFileSync(join(dir, 'a.deepwire'), '{}');
    const argv = ['/usr/bin/deepwire', '--enable-logging', 'a.deepwire', 'missing.deepwire', 'notes.txt'];
    expect(projectArgs(argv, dir)).toEqual([join(dir, 'a.deepwire')]);
  });
});
