/**
 * The renderer's client over a preload-shaped bridge, the way Electron wires
 * it (call -> guarded dispatch -> studio; events -> listeners), in one
 * process: the real studio, guard and client, minus Electron's IPC pipe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, guardedCall } from '../../../src/main/electron/guard.js';
import { createWebStudio } from '../../../src/main/server/web-studio.js';
import type { Studio } from '../../../src/main/services/studio/studio.js';
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  channelOf,
  createBridgeClient,
  type DeepwireBridge,
} from '../../../src/shared/api/index.js';
import { DeepwireError } from '../../../src/shared/errors.js';

let dir: string;
let studio: Studio;
let bridge: DeepwireBridge;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-bridge-'));
  studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config'), checkResponses: true });
  const trust = { windowIds: new Set([1]), origins: [APP_ORIGIN] };
  const sender = { sender: { id: 1 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
  bridge = {
    commands: COMMAND_NAMES,
    events: EVENT_NAMES,
    // Electron's IPC copies values with structured clone; so does this.
    call: async (command, request) =>
      structuredClone(
        await guardedCall(sender, channelOf(command as never), structuredClone(request), trust, studio.dispatch),
      ),
    on: (event, listener) => studio.onEvent((name, payload) => name === event && listener(structuredClone(payload))),
  };
});
afterAll(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the client over the preload bridge', () => {
  it('calls commands and returns typed responses', async () => {
    const client = createBridgeClient(bridge);
    expect(client.state).toBe('open');
    expect((await client.call('settings.set', { theme: 'dark' })).theme).toBe('dark');
    const { examples } = await client.call('project.listExamples', {});
    expect(examples.length).toBeGreaterThan(0);
  });

  it('turns problems back into DeepwireErrors with code, detail and place', async () => {
    const client = createBridgeClient(bridge);
    const e = await client.call('project.new', { kind: 'nope' as never }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DeepwireError);
    expect(e).toMatchObject({ code: 'DW601', where: 'request.kind' });
    await expect(client.call('not.a.command' as never, {} as never)).rejects.toMatchObject({ code: 'DW602' });
    expect(() => client.on('not.an.event' as never, () => {})).toThrow(DeepwireError);
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const client = createBridgeClient(bridge);
    const got: string[] = [];
    const off = client.on('app.menu', ({ action }) => got.push(action));
    studio.emit('app.menu', { action: 'save' });
    off();
    studio.emit('app.menu', { action: 'undo' });
    expect(got).toEqual(['save']);
  });
});
