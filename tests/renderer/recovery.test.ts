/**
 * Hot exit against the real studio services: autosave of a dirty document,
 * restore in a new studio on the same config folder (a crash or kill in
 * between), discard, the clear on save with the migration notice, and files
 * dropped on the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, createBridgeClient, type StudioClient } from '../../src/shared/api/index.js';
import type { CallResult } from '../../src/shared/api/problem.js';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { listRecovered } from '../../src/renderer/actions/recoveryActions.js';
import { createEditor, type Editor } from '../../src/renderer/app/editor.js';
import { autosave, isDocumentDirty } from '../../src/renderer/recovery/autosave.js';

interface StudioLike {
  dispatch(command: unknown, request: unknown): Promise<CallResult>;
  dispose(): Promise<void>;
}

// Main's modules load at run time: this test project is typed for the browser.
const load = (specifier: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ specifier);
let fs: {
  mkdtempSync(p: string): string;
  readFileSync(p: string, e: string): string;
  writeFileSync(p: string, d: string): void;
  rmSync(p: string, o: object): void;
};
let workspace: string;
let createWebStudio: (o: { roots: string[]; configDir: string }) => StudioLike;
const studios: StudioLike[] = [];

beforeAll(async () => {
  fs = (await load('node:fs')) as typeof fs;
  const os = (await load('node:os')) as { tmpdir(): string };
  workspace = fs.mkdtempSync(`${os.tmpdir()}/deepwire-recovery-`);
  ({ createWebStudio } = (await load(new URL('../../src/main/server/web-studio.ts', import.meta.url).href)) as {
    createWebStudio: typeof createWebStudio;
  });
});
afterAll(async () => {
  await Promise.all(studios.map((s) => s.dispose()));
  fs.rmSync(workspace, { recursive: true, force: true });
});

/** A studio on the shared config folder (so a second one sees the first one's recovery area). */
function studio(configDir = `${workspace}/config`): StudioClient {
  const s = createWebStudio({ roots: [workspace], configDir });
  studios.push(s);
  return createBridgeClient({
    commands: COMMAND_NAMES,
    events: EVENT_NAMES,
    call: (c, r) => s.dispatch(c, r),
    on: () => () => undefined,
  });
}

const editorOn = (client: StudioClient): Editor => createEditor({ client });

function editConv(ed: Editor, filters: number): void {
  const conv = ed.ctx.graph.getState().doc.nodes.find((n) => n.kind === 'Conv2D')!;
  ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: conv.id, name: 'filters', value: filters });
}

describe('autosave and restore', () => {
  it('autosaves only a dirty, changed document, and a new studio offers it for restore', async () => {
    const configDir = `${workspace}/config-a`;
    const ed = editorOn(studio(configDir));
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    expect(await autosave(ed.ctx)).toBe('clean');
    editConv(ed, 12);
    expect(await autosave(ed.ctx)).toBe('saved');
    expect(await autosave(ed.ctx)).toBe('unchanged');
    editConv(ed, 13);
    expect(await autosave(ed.ctx)).toBe('saved');
    // The studio that wrote it does not offer its own live documents.
    expect(await listRecovered(ed.ctx)).toEqual([]);

    // "Kill": a new studio on the same config folder, a fresh page.
    const next = editorOn(studio(configDir));
    const offered = await listRecovered(next.ctx);
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatchObject({ docId: ed.ctx.project.getState().docId, name: 'MNIST CNN', path: null });

    expect(await ACTIONS.restoreRecovered.perform(next.ctx, { docId: offered[0]!.docId })).toBe(true);
    const conv = next.ctx.graph.getState().doc.nodes.find((n) => n.kind === 'Conv2D')!;
    expect(conv.params).toMatchObject({ filters: 13 });
    expect(isDocumentDirty(next.ctx)).toBe(true);
    expect(next.ctx.project.getState().docId).toBe(offered[0]!.docId);
    // Re-written under the new studio at once: a third start would still offer it, this one does not.
    expect(await listRecovered(next.ctx)).toEqual([]);
    expect(await listRecovered(editorOn(studio(configDir)).ctx)).toHaveLength(1);

    // Saving clears it from the recovery area.
    expect(await ACTIONS.saveAs.perform(next.ctx, { path: `${workspace}/restored.deepwire` })).toBe(true);
    expect(isDocumentDirty(next.ctx)).toBe(false);
    expect(await listRecovered(editorOn(studio(configDir)).ctx)).toEqual([]);
  });

  it('discard removes a leftover for good', async () => {
    const configDir = `${workspace}/config-b`;
    const ed = editorOn(studio(configDir));
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' });
    editConv(ed, 20);
    expect(await autosave(ed.ctx)).toBe('saved');
    const next = editorOn(studio(configDir));
    const [doc] = await listRecovered(next.ctx);
    expect(await ACTIONS.discardRecovered.perform(next.ctx, { docId: doc!.docId })).toBe(true);
    expect(await listRecovered(editorOn(studio(configDir)).ctx)).toEqual([]);
  });
});

describe('migrated files', () => {
  it('says on the first save that the file is now in the new format, once', async () => {
    const path = `${workspace}/old.deepwire`;
    fs.writeFileSync(
      path,
      fs.readFileSync(new URL('../shared/project/fixtures/v0-draft.deepwire', import.meta.url).pathname, 'utf8'),
    );
    const ed = editorOn(studio());
    expect(await ACTIONS.openProject.perform(ed.ctx, { path })).toBe(true);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/format version 0; it will be upgraded when you save/);
    expect(ed.ctx.project.getState().migratedFrom).toBe(0);
    expect(await ACTIONS.save.perform(ed.ctx, undefined)).toBe(true);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/in the new format \(version 1; it was version 0\)/);
    expect(JSON.parse(fs.readFileSync(path, 'utf8'))).toMatchObject({ version: 1 });
    expect(await ACTIONS.save.perform(ed.ctx, undefined)).toBe(true);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/^Saved .*old\.deepwire$/);
  });

  it('a newer file is refused with DW204 and the open document stays as it was', async () => {
    const text = fs.readFileSync(
      new URL('../../resources/examples/mnist-cnn.deepwire', import.meta.url).pathname,
      'utf8',
    );
    const path = `${workspace}/newer.deepwire`;
    const newer = JSON.stringify({ ...(JSON.parse(text) as object), version: 99 });
    fs.writeFileSync(path, newer);
    const ed = editorOn(studio());
    await ed.registry.execute(ACTIONS.newProject, ed.ctx, { kind: 'gan' });
    expect(await ACTIONS.openProject.perform(ed.ctx, { path })).toBe(false);
    expect(ed.ctx.ui.getState().notice).toMatchObject({ kind: 'error', text: expect.stringMatching(/DW204/) });
    expect(ed.ctx.project.getState().kind).toBe('gan');
    expect(fs.readFileSync(path, 'utf8')).toBe(newer);
  });
});

describe('dropped files', () => {
  it('a dropped .deepwire opens as an untitled document; other files are refused', async () => {
    const text = fs.readFileSync(
      new URL('../../resources/examples/mnist-cnn.deepwire', import.meta.url).pathname,
      'utf8',
    );
    const ed = editorOn(studio());
    expect(await ACTIONS.openDroppedFile.perform(ed.ctx, { name: 'mnist-cnn.deepwire', text })).toBe(true);
    expect(ed.ctx.project.getState()).toMatchObject({ name: 'MNIST CNN', path: null });
    expect(ed.ctx.ui.getState().screen).toBe('editor');
    expect(await ACTIONS.openDroppedFile.perform(ed.ctx, { name: 'notes.txt', text: 'hello' })).toBe(false);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/DW802/);
    expect(await ACTIONS.openDroppedFile.perform(ed.ctx, { name: 'broken.deepwire', text: '{' })).toBe(false);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/DW202/);
    expect(ed.ctx.project.getState().name).toBe('MNIST CNN');
  });
});
