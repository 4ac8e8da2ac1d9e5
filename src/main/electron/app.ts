/**
 * The desktop app: one instance, one secure window, the studio bound to IPC,
 * files from the command line / OS / second instance, a close prompt for
 * unsaved work, and the window's size and place remembered.
 */
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSettingsStore, defaultConfigDir } from '../services/settings.js';
import { defaultPorts } from '../services/studio/default-ports.js';
import { createPathPolicy } from '../services/studio/paths.js';
import { tfjsVersion } from '../services/studio/run-handlers.js';
import { createStudio, type Studio } from '../services/studio/studio.js';
import type { DocumentState } from '../services/studio/types.js';
import { projectArgs } from './args.js';
import { nativeDialogs } from './dialogs.js';
import { bindStudioToIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { appOrigins } from './security.js';
import { createMainWindow, lockDownSession, registerAppScheme, serveRenderer } from './window.js';
import { loadWindowState, trackWindowState } from './window-state.js';

/** out/main (this bundle's folder). */
const here = dirname(fileURLToPath(import.meta.url));

export function startDesktop(): void {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the running instance gets our arguments through 'second-instance'
    return;
  }
  const devServer = process.env.ELECTRON_RENDERER_URL;
  const resources = app.isPackaged ? process.resourcesPath : join(here, '..', '..', 'resources');
  const examplesDir = join(resources, 'examples');
  const configDir = defaultConfigDir();
  let win: BrowserWindow | null = null;
  let studio: Studio | null = null;
  const early: string[] = projectArgs(process.argv);
  const open = (path: string) => (studio ? studio.requestOpen(path) : early.push(path));

  app.on('open-file', (event, path) => {
    event.preventDefault(); // macOS: Finder, dock, file association
    open(path);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    for (const path of projectArgs(argv, cwd)) open(path);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app.whenReady().then(async () => {
    serveRenderer(join(here, '..', 'renderer'));
    lockDownSession(devServer);
    const settings = createSettingsStore(join(configDir, 'settings.json'));
    const paths = createPathPolicy({
      roots: [
        { path: examplesDir, writable: false },
        { path: join(resources, 'datasets'), writable: false },
      ],
    });
    // Files the user opened before stay theirs to reopen from the recent list.
    const saved = await settings.get();
    for (const r of saved.recentFiles) paths.allowFile(r.path);
    // A cache folder the user picked through the native dialog stays theirs after a restart.
    if (saved.datasetCacheDir) paths.allowFolder(saved.datasetCacheDir, true);

    let doc: DocumentState = { title: null, dirty: false };
    let closeAfterSave = 0;
    studio = createStudio({
      transport: 'electron',
      version: app.getVersion(),
      settings,
      paths,
      examplesDir,
      recoveryDir: join(configDir, 'recovery'),
      // electron-vite bundles the training and engine workers next to this file.
      ...defaultPorts({
        examplesDir,
        settings,
        paths,
        version: app.getVersion(),
        workerUrl: new URL('./engine-worker.js', import.meta.url),
        engineWorkerUrl: new URL('./engine-service.js', import.meta.url),
      }),
      dialogs: nativeDialogs(() => win),
      versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
      onDocumentState: (state) => {
        doc = state;
        win?.setTitle(state.title ? `${state.title}${state.dirty ? ' •' : ''} — Deepwire` : 'Deepwire');
        if (process.platform === 'darwin') win?.setDocumentEdited(state.dirty);
        if (!state.dirty && Date.now() < closeAfterSave) win?.close();
      },
    });
    for (const path of early.splice(0)) studio.requestOpen(path);

    win = createMainWindow({
      preload: join(here, '..', 'preload', 'index.cjs'),
      devServer,
      bounds: await loadWindowState(configDir),
    });
    trackWindowState(win, configDir);
    const trust = { windowIds: new Set([win.webContents.id]), origins: appOrigins(devServer) };
    const unbind = bindStudioToIpc(studio, trust, () => (win ? [win] : []));
    const s = studio;
    installMenu({
      action: (name) => s.emit('app.menu', { action: name }),
      about: () => {
        void s.deps.training.backend().then((backend) => {
          const versions = {
            electron: process.versions.electron,
            chrome: process.versions.chrome,
            node: process.versions.node,
            'TF.js': tfjsVersion(),
          };
          const detail = Object.entries({
            ...versions,
            'training backend': backend?.chosen ?? 'chosen when the first run starts',
          })
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n');
          return dialog.showMessageBox({
            type: 'info',
            title: 'About Deepwire',
            message: `Deepwire ${app.getVersion()}`,
            detail,
          });
        });
      },
      openDocs: () => void shell.openExternal('https://github.com/deepwire/deepwire#readme'),
      dev: Boolean(devServer),
    });

    win.on('close', (event) => {
      if (!doc.dirty || !win) return;
      const choice = dialog.showMessageBoxSync(win, {
        type: 'warning',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: `Save changes to ${doc.title ?? 'the project'} before closing?`,
        detail: 'Your changes will be lost if you close without saving.',
      });
      if (choice === 1) {
        // Don't Save: the autosaved copy goes too (else the next start would offer it back), then close.
        const docId = doc.docId;
        if (!docId) return;
        event.preventDefault();
        doc = { ...doc, dirty: false };
        void s
          .call('recovery.discard', { docId })
          .catch(() => undefined)
          .finally(() => win?.close());
        return;
      }
      event.preventDefault();
      if (choice === 0) {
        // The page saves through the contract; its next clean state closes the window.
        closeAfterSave = Date.now() + 120_000;
        s.emit('app.menu', { action: 'save' });
      }
    });
    win.on('closed', () => {
      unbind();
      win = null;
      void s.dispose();
    });
  });
}
