import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { get, rawSocket, socketUrl, startTestStudio, studioClient, type TestStudio } from './helpers.js';

let t: TestStudio;
beforeAll(async () => {
  t = await startTestStudio();
});
afterAll(async () => {
  await t.close();
});

describe('the web studio over HTTP', () => {
  it('prints a loopback URL that carries the token', () => {
    expect(t.server.url).toBe(`http://127.0.0.1:${t.server.port}/?token=${t.server.token}`);
    expect(t.server.token).toMatch(/^[0-9a-f]{48}$/);
    expect(t.server.exposed).toBe(false);
  });

  it('refuses the page without the token (403, DW603)', async () => {
    const r = await get(t.server.port, '/');
    expect(r.status).toBe(403);
    expect(r.body).toContain('DW603');
    expect((await get(t.server.port, `/?token=${'0'.repeat(48)}`)).status).toBe(403);
  });

  it('serves the page with the token, a strict CSP and a cookie for its assets', async () => {
    const r = await get(t.server.port, `/?token=${t.server.token}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Deepwire</title>');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`ws://127.0.0.1:${t.server.port}`);
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`deepwire-token-${t.server.port}=${t.server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    const asset = await get(t.server.port, '/assets/app.js', { cookie: cookie.split(';')[0] });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect((await get(t.server.port, '/assets/app.js')).status).toBe(403);
  });

  it('refuses another Origin or a foreign Host even with the token', async () => {
    const path = `/?token=${t.server.token}`;
    const evil = await get(t.server.port, path, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('Origin');
    const rebound = await get(t.server.port, path, { host: `attacker.example:${t.server.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('Host');
  });

  it('never serves files outside the web root', async () => {
    const token = `token=${t.server.token}`;
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await get(t.server.port, `${path}?${token}`);
      expect(r.body).not.toContain('outside the web root');
    }
    expect((await get(t.server.port, `/assets/missing.js?${token}`)).status).toBe(404);
    // Client-side routes get the page.
    expect((await get(t.server.port, `/projects/recent?${token}`)).body).toContain('<title>Deepwire</title>');
  });

  it('says how to build the page when the renderer is not built', async () => {
    const bare = await startTestStudio({ withWeb: false });
    try {
      const r = await get(bare.server.port, `/?token=${bare.server.token}`);
      expect(r.status).toBe(200);
      expect(r.body).toContain('npm run build:web');
      expect(existsSync(join(bare.web, 'index.html'))).toBe(false);
    } finally {
      await bare.close();
    }
  });
});

describe('the contract over WebSocket', () => {
  it('closes a socket without the token with DW603', async () => {
    const s = rawSocket(socketUrl(t.server.port));
    const closed = await s.closed;
    expect(closed.code).toBe(4603);
    expect(closed.reason).toContain('DW603');
    expect(s.frames[0]).toMatchObject({ type: 'refused', problem: { code: 'DW603' } });
  });

  it('closes a socket from another Origin with DW603, token or not', async () => {
    const s = rawSocket(socketUrl(t.server.port, t.server.token), { origin: 'http://evil.example' });
    await s.opened;
    s.send({ type: 'call', id: 1, command: 'settings.get', request: {} });
    const closed = await s.closed;
    expect(closed.code).toBe(4603);
    expect(s.frames.some((f) => f.type === 'result')).toBe(false);
  });

  it('answers malformed frames and payloads with DW601, naming the field', async () => {
    const s = rawSocket(socketUrl(t.server.port, t.server.token), { origin: t.origin });
    await s.opened;
    s.send('{not json');
    expect(await s.next((f) => f.type === 'result' && f.id === -1)).toMatchObject({
      ok: false,
      problem: { code: 'DW601' },
    });
    s.send({ type: 'call', id: 7, command: 'project.new', request: { kind: 'transformer' } });
    expect(await s.next((f) => f.id === 7)).toMatchObject({
      ok: false,
      problem: { code: 'DW601', where: 'request.kind' },
    });
    s.send({ type: 'call', id: 8, request: {} });
    expect(await s.next((f) => f.id === 8)).toMatchObject({
      ok: false,
      problem: { code: 'DW601', where: 'message.command' },
    });
    s.send({ type: 'call', id: 9, command: 'settings.set', request: { autosaveSeconds: -1 } });
    expect(await s.next((f) => f.id === 9)).toMatchObject({
      ok: false,
      problem: { code: 'DW601', where: 'request.autosaveSeconds' },
    });
    s.ws.close();
  });

  it('answers unknown commands with DW602', async () => {
    const s = rawSocket(socketUrl(t.server.port, t.server.token));
    await s.opened;
    s.send({ type: 'call', id: 3, command: 'shell.exec', request: { cmd: 'rm -rf /' } });
    expect(await s.next((f) => f.id === 3)).toMatchObject({ ok: false, problem: { code: 'DW602' } });
    s.send({ type: 'call', id: 4, command: '__proto__', request: {} });
    expect(await s.next((f) => f.id === 4)).toMatchObject({ ok: false, problem: { code: 'DW602' } });
    s.ws.close();
  });

  it('serves the renderer client: info, settings round trip, persisted atomically', async () => {
    const client = studioClient(t.server.port, t.server.token);
    try {
      const info = await client.call('app.info', {});
      expect(info).toMatchObject({ name: 'Deepwire', transport: 'web', nativeDialogs: false });
      expect(info.versions.node).toBe(process.versions.node);
      expect(info.versions.tfjs).toMatch(/^4\./);
      const changed = await client.call('settings.set', { theme: 'dark', autosaveSeconds: 30 });
      expect(changed).toMatchObject({ theme: 'dark', autosaveSeconds: 30, backend: 'auto' });
      const onDisk = JSON.parse(readFileSync(join(t.dir, 'config', 'settings.json'), 'utf8')) as { theme: string };
      expect(onDisk.theme).toBe('dark');
      expect(await client.call('settings.reset', {})).toMatchObject({ theme: 'system', autosaveSeconds: 5 });
    } finally {
      client.close();
    }
  });

  it('lists only folders inside its roots; paths outside are DW605', async () => {
    const client = studioClient(t.server.port, t.server.token);
    try {
      const { roots, listing } = await client.call('files.list', { path: t.root });
      expect(roots).toContain(t.root);
      expect(listing?.parent).toBeNull();
      const outside = await client.call('files.list', { path: t.dir }).catch((e: unknown) => e);
      expect(outside).toBeInstanceOf(DeepwireError);
      expect((outside as DeepwireError).code).toBe('DW605');
      const open = await client.call('project.open', {}).catch((e: unknown) => e);
      expect((open as DeepwireError).code).toBe('DW608');
    } finally {
      client.close();
    }
  });

  it('round-trips a project: list examples, open, save, reopen', async () => {
    const client = studioClient(t.server.port, t.server.token);
    try {
      const { examples } = await client.call('project.listExamples', {});
      expect(examples.map((e) => e.id)).toContain('mnist-cnn');
      const example = await client.call('project.openExample', { id: 'mnist-cnn' });
      const target = join(t.root, 'round-trip.deepwire');
      const saved = await client.call('project.saveAs', { project: example.project, path: target });
      expect(saved?.path).toBe(target);
      const opened = await client.call('project.open', { path: target });
      expect(opened?.project.graph).toEqual(example.project.graph);
      expect(opened?.project.name).toBe('MNIST CNN');
      const { listing } = await client.call('files.list', { path: t.root });
      expect(listing?.entries).toContainEqual(
        expect.objectContaining({ name: 'round-trip.deepwire', kind: 'project' }),
      );
    } finally {
      client.close();
    }
  });

  it('delivers files named on the command line to the first page, after its app.info', async () => {
    const own = await startTestStudio({ open: [join(process.cwd(), 'resources', 'examples', 'mnist-cnn.deepwire')] });
    const client = studioClient(own.server.port, own.server.token);
    try {
      const asked = new Promise<string>((resolve) => client.on('app.openPath', ({ path }) => resolve(path)));
      await client.call('app.info', {});
      const path = await asked;
      expect(path).toMatch(/mnist-cnn\.deepwire$/);
      expect(await client.call('project.open', { path })).toMatchObject({ path: null, example: 'mnist-cnn' });
    } finally {
      client.close();
      await own.close();
    }
  });

  it('makes a refused client final: calls fail with DW603 and it does not retry', async () => {
    const client = studioClient(t.server.port, 'f'.repeat(48));
    const states: string[] = [];
    client.onState((s) => states.push(s));
    const e = await client.call('settings.get', {}).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'DW603' });
    expect(client.state).toBe('closed');
    await new Promise((r) => setTimeout(r, 200));
    expect(states).toEqual(['closed']);
    expect(await client.call('settings.get', {}).catch((x: unknown) => x)).toMatchObject({ code: 'DW603' });
  });

  it('rejects calls in flight with DW606 when the server goes away', async () => {
    const own = await startTestStudio();
    const client = studioClient(own.server.port, own.server.token);
    await client.call('settings.get', {});
    expect(client.state).toBe('open');
    const states: string[] = [];
    client.onState((s) => states.push(s));
    await own.close();
    const late = await client.call('settings.get', {}).catch((e: unknown) => e);
    expect((late as DeepwireError).code).toBe('DW606');
    expect(states).toContain('connecting');
    client.close();
  });
});
