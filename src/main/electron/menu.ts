/**
 * The application menu. Items run the renderer's registered actions (sent as
 * `app.menu` events); their accelerators are shown but not registered, so
 * the renderer's one shortcut registry handles every key (and text fields
 * keep their own undo and copy).
 */
import { Menu, app, type MenuItemConstructorOptions } from 'electron';

export interface MenuHooks {
  /** Run a registered renderer action by name. */
  action(name: string): void;
  about(): void;
  openDocs(): void;
  /** True in `npm run dev`: adds reload and developer tools. */
  dev: boolean;
}

const isMac = process.platform === 'darwin';

function item(
  label: string,
  action: string,
  accelerator: string | undefined,
  hooks: MenuHooks,
): MenuItemConstructorOptions {
  return { label, accelerator, registerAccelerator: false, click: () => hooks.action(action) };
}

export function buildMenuTemplate(hooks: MenuHooks): MenuItemConstructorOptions[] {
  const a = (label: string, action: string, accelerator?: string) => item(label, action, accelerator, hooks);
  const about: MenuItemConstructorOptions = { label: 'About Deepwire', click: hooks.about };
  return [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              about,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } as MenuItemConstructorOptions,
        ]
      : []),
    {
      label: '&File',
      submenu: [
        a('New Project…', 'newProject', 'CmdOrCtrl+N'),
        a('Open…', 'open', 'CmdOrCtrl+O'),
        { type: 'separator' },
        a('Save', 'save', 'CmdOrCtrl+S'),
        a('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        a('Export…', 'export', 'CmdOrCtrl+E'),
        { type: 'separator' },
        a('Settings…', 'settings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        a('Undo', 'undo', 'CmdOrCtrl+Z'),
        a('Redo', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Shift+Z'),
        { type: 'separator' },
        a('Cut', 'cut', 'CmdOrCtrl+X'),
        a('Copy', 'copy', 'CmdOrCtrl+C'),
        a('Paste', 'paste', 'CmdOrCtrl+V'),
        a('Duplicate', 'duplicate', 'CmdOrCtrl+D'),
        a('Delete', 'deleteSelection', 'Delete'),
        { type: 'separator' },
        a('Select All', 'selectAll', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: '&View',
      submenu: [
        a('Fit View', 'fitView', 'Shift+1'),
        a('Auto Layout', 'autoLayout', 'CmdOrCtrl+Shift+L'),
        a('Toggle Theme', 'toggleTheme'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(hooks.dev
          ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: '&Train',
      submenu: [
        a('Start Training', 'trainStart', 'F5'),
        a('Pause', 'trainPause', 'F6'),
        a('Resume', 'trainResume'),
        a('Stop', 'trainStop', 'Shift+F5'),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Documentation', click: hooks.openDocs },
        ...(isMac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, about]),
      ],
    },
  ];
}

export function installMenu(hooks: MenuHooks): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(hooks)));
}
