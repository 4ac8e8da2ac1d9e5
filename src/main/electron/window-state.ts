/**
 * The window's size, place and maximised state, remembered between runs in
 * electron-store (`<config>/window-state.json`, written atomically by it).
 * Settings and recent files live in the settings service instead, because the
 * web studio and the CLI share them and run without Electron.
 */
import type { BrowserWindow } from 'electron';
import Store from 'electron-store';
import { z } from 'zod';

const stateSchema = z.object({
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof stateSchema>;

const stores = new Map<string, Store<{ window?: unknown }>>();
const storeIn = (configDir: string) => {
  let store = stores.get(configDir);
  if (!store)
    stores.set(configDir, (store = new Store<{ window?: unknown }>({ name: 'window-state', cwd: configDir })));
  return store;
};

export async function loadWindowState(configDir: string): Promise<WindowState | undefined> {
  try {
    const parsed = stateSchema.safeParse(storeIn(configDir).get('window'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // a damaged store only costs the window its last place
  }
}

export function trackWindowState(win: BrowserWindow, configDir: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    const state: WindowState = { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() };
    try {
      storeIn(configDir).set('window', state);
    } catch {
      // a lost window position is not worth a dialog
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
  void loadWindowState(configDir).then((s) => {
    if (s?.maximized && !win.isDestroyed()) win.maximize();
  });
}
