/**
 * The application menu. Items run the renderer's registered actions (sent as
 * `app.menu` events); their accelerators are shown but not registered, so
 * the renderer's one shortcut registry handles every key (and text fields
 * keep their own undo and copy).
 */
import { Menu, app, type MenuItemConstructorOptions } from 'electron';
import { ACTION_META, menuAccelerator, type ActionId } from '../../shared/api/actions.js';

export interface MenuHooks {
  /** Run a registered renderer action by its id. */
  action(id: ActionId): void;
  about(): void;
  openDocs(): void;
  /** True in `npm run dev`: adds reload and developer tools. */
  dev: boolean;
}

const isMac = process.platform === 'darwin';

/** A menu item for an action of the shared list: its label and accelerator come from there. */
function item(action: ActionId, label: string, hooks: MenuHooks): MenuItemConstructorOptions {
  return {
    label,
    accelerator: menuAccelerator(action),
    registerAccelerator: false,
    click: () => hooks.action(action),
  };
}

export function buildMenuTemplate(hooks: MenuHooks): MenuItemConstructorOptions[] {
  const a = (action: ActionId) => item(action, ACTION_META[action].label, hooks);
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
        a('newProject'),
        a('open'),
        { type: 'separator' },
        a('save'),
        a('saveAs'),
        { type: 'separator' },
        a('export'),
        { type: 'separator' },
        a('settings'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        a('undo'),
        a('redo'),
        { type: 'separator' },
        a('cut'),
        a('copy'),
        a('paste'),
        a('duplicate'),
        a('deleteSelection'),
        { type: 'separator' },
        a('selectAll'),
      ],
    },
    {
      label: '&View',
      submenu: [
        a('fitView'),
        a('autoLayout'),
        a('toggleTheme'),
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
      submenu: [a('trainStart'), a('trainPause'), a('trainResume'), a('trainStop')],
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
