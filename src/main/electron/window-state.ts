/** The window's size, place and maximised state, remembered between runs. */
import type { BrowserWindow } from 'electron';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write.js';

const stateSchema = z.object({
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof stateSchema>;

const fileOf = (configDir: string) => join(configDir, 'window-state.json');

export async function loadWindowState(configDir: string): Promise<WindowState | undefined> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await fs.readFile(fileOf(configDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function trackWindowState(win: BrowserWindow, configDir: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    const state: WindowState = { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() };
    void fs
      .mkdir(configDir, { recursive: true })
      .then(() => writeFileAtomic(fileOf(configDir), JSON.stringify(state) + '\n', { errorCode: 'DW609' }))
      .catch(() => {}); // a lost window position is not worth a dialog
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
