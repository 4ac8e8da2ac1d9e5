/** The contract on Electron IPC: one `ipcMain.handle` per command, events to the window. */
import { ipcMain, type BrowserWindow } from 'electron';
import { channelOf } from '../../shared/api/channels.js';
import { COMMAND_NAMES } from '../../shared/api/contract.js';
import type { Studio } from '../services/studio/studio.js';
import { guardedCall, type TrustConfig } from './guard.js';

export function bindStudioToIpc(studio: Studio, trust: TrustConfig, windows: () => BrowserWindow[]): () => void {
  for (const command of COMMAND_NAMES) {
    const channel = channelOf(command);
    ipcMain.handle(channel, (event, payload: unknown) => guardedCall(event, channel, payload, trust, studio.dispatch));
  }
  const stopEvents = studio.onEvent((event, payload) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(channelOf(event), payload);
  });
  return () => {
    stopEvents();
    for (const command of COMMAND_NAMES) ipcMain.removeHandler(channelOf(command));
  };
}
