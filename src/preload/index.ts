/**
 * The preload (sandboxed, CommonJS): exposes exactly the studio contract on
 * `window.deepwire` — a `call` limited to the contract's commands and an `on`
 * limited to its events. No ipcRenderer, no Node, nothing else crosses.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelOf } from '../shared/api/channels.js';
import { COMMAND_NAMES, EVENT_NAMES, isCommandName, isEventName } from '../shared/api/contract.js';
import type { CallResult } from '../shared/api/problem.js';
import type { DeepwireBridge } from '../shared/api/wire.js';

const bridge: DeepwireBridge = {
  commands: Object.freeze([...COMMAND_NAMES]),
  events: Object.freeze([...EVENT_NAMES]),
  call(command: string, request: unknown): Promise<CallResult> {
    if (!isCommandName(command)) {
      return Promise.resolve({
        ok: false,
        problem: { code: 'DW602', message: `'${String(command)}' is not a studio command` },
      });
    }
    return ipcRenderer.invoke(channelOf(command), request) as Promise<CallResult>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`DW602 '${String(event)}' is not a studio event`);
    // The page never sees Electron's event object (it would expose `sender`).
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    const channel = channelOf(event);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('deepwire', bridge);
