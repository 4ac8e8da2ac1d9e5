/**
 * The real studio services of main, for tests of the editor's contract
 * actions. This test project is typed for the browser (no Node types), but
 * vitest runs it in Node: main's modules are loaded at run time, and the
 * client is bound to them exactly as Electron's preload binds IPC.
 */
import { COMMAND_NAMES, EVENT_NAMES, createBridgeClient, type StudioClient } from '../../src/shared/api/index.js';
import type { CallResult } from '../../src/shared/api/problem.js';

interface StudioLike {
  dispatch(command: unknown, request: unknown): Promise<CallResult>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  dispose(): Promise<void>;
}

export interface RealStudio {
  client(): StudioClient;
  /** A folder the studio may read and write. */
  workspace: string;
  join(...parts: string[]): string;
  readText(path: string): string;
  dispose(): Promise<void>;
}

// A variable specifier keeps these imports out of the browser-typed program.
const load = (specifier: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ specifier);

export async function startRealStudio(): Promise<RealStudio> {
  const fs = (await load('node:fs')) as {
    mkdtempSync(prefix: string): string;
    readFileSync(p: string, enc: string): string;
  };
  const os = (await load('node:os')) as { tmpdir(): string };
  const path = (await load('node:path')) as { join(...parts: string[]): string };
  const { createWebStudio } = (await load(new URL('../../src/main/server/web-studio.ts', import.meta.url).href)) as {
    createWebStudio(options: { roots: string[]; configDir: string }): StudioLike;
  };
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'deepwire-editor-'));
  const studio = createWebStudio({ roots: [workspace], configDir: path.join(workspace, 'config') });
  return {
    workspace,
    join: path.join,
    readText: (p) => fs.readFileSync(p, 'utf8'),
    client: () =>
      createBridgeClient({
        commands: COMMAND_NAMES,
        events: EVENT_NAMES,
        call: (command, request) => studio.dispatch(command, request),
        on: (event, listener) =>
          studio.onEvent((name, payload) => {
            if (name === event) listener(payload);
          }),
      }),
    dispose: () => studio.dispose(),
  };
}
