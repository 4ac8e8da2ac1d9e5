/** Native Open/Save dialogs: the only way a desktop path enters the allow-list. */
import { dialog, type BrowserWindow } from 'electron';
import { EXPORT_FORMAT_INFO } from '../../shared/api/export.js';
import type { DialogPort } from '../services/studio/ports.js';

const PROJECT_FILTER = { name: 'Deepwire project', extensions: ['deepwire'] };

export function nativeDialogs(window: () => BrowserWindow | null): DialogPort {
  const parent = () => window() ?? undefined;
  const open = async (options: Electron.OpenDialogOptions) => {
    const win = parent();
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
  };
  const save = async (options: Electron.SaveDialogOptions) => {
    const win = parent();
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  };
  return {
    openProject: () => open({ title: 'Open project', filters: [PROJECT_FILTER], properties: ['openFile'] }),
    saveProject: (suggestedName) =>
      save({ title: 'Save project', defaultPath: suggestedName, filters: [PROJECT_FILTER] }),
    pick: (kind) =>
      kind === 'folder'
        ? open({ title: 'Choose an image folder (one subfolder per class)', properties: ['openDirectory'] })
        : open({
            title: kind === 'csv' ? 'Choose a CSV file' : 'Choose an IDX file',
            filters: kind === 'csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'IDX', extensions: ['*'] }],
            properties: ['openFile'],
          }),
    exportFolder: (format) =>
      open({
        title: `Export ${EXPORT_FORMAT_INFO[format].label} into folder`,
        properties: ['openDirectory', 'createDirectory'],
      }),
    // The only way a Python for PyTorch is named (settings.choosePython): a person picks it here.
    pickPython: () =>
      open({
        title: 'Choose the Python that has PyTorch (e.g. a venv’s bin/python)',
        properties: ['openFile', 'showHiddenFiles'],
        ...(process.platform === 'win32' ? { filters: [{ name: 'Python', extensions: ['exe'] }] } : {}),
      }),
  };
}
