/** The user's settings: one schema for the file on disk, the contract and the UI. */
import { z } from 'zod';
import { BACKEND_PREFERENCES } from '../training/backend.js';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const MAX_RECENT_FILES = 12;

/** The tabs of the designer's side panel. */
export const SIDE_PANELS = ['inspector', 'summary', 'training', 'history', 'sweep', 'inside'] as const;
export type SidePanelName = (typeof SIDE_PANELS)[number];

export const recentFileSchema = z.object({
  path: z.string().min(1),
  /** Project name at the time it was opened (shown when the file is missing). */
  name: z.string(),
  openedAt: z.string(),
});
export type RecentFile = z.infer<typeof recentFileSchema>;

/** The user-editable fields, without defaults (so a patch stays a patch). */
const editable = {
  /** `auto` picks the best available backend; a name forces it. */
  backend: z.enum(BACKEND_PREFERENCES),
  /** Where downloaded/decoded datasets are cached; null = the default folder. */
  datasetCacheDir: z.string().min(1).nullable(),
  theme: z.enum(THEMES),
  /** Seconds between autosaves to the recovery area while dirty; 0 = off. */
  autosaveSeconds: z.number().int().min(0).max(3600),
  /** Panel layout: the side panel tab that was open last. */
  sidePanel: z.enum(SIDE_PANELS),
};

/** An absolute path (POSIX, a Windows drive or UNC path): the Python setting never names a program on PATH. */
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'expected an absolute path');

export const settingsSchema = z.object({
  backend: editable.backend.default('auto'),
  datasetCacheDir: editable.datasetCacheDir.default(null),
  theme: editable.theme.default('system'),
  autosaveSeconds: editable.autosaveSeconds.default(5),
  sidePanel: editable.sidePanel.default('inspector'),
  /**
   * The Python that runs the PyTorch backend; null = DEEPWIRE_PYTHON, else python3 on PATH. Chosen only in
   * the desktop app's native file dialog (`settings.choosePython`): `settings.set` refuses it, so no page
   * (least of all a web client) can name a program for Deepwire to run.
   */
  pythonPath: absolutePath.nullable().default(null),
  /** Most recent first; edited through `project.recent`, not `settings.set`. */
  recentFiles: z.array(recentFileSchema).max(MAX_RECENT_FILES).default([]),
});
export type Settings = z.infer<typeof settingsSchema>;

/** What `settings.set` may change: any subset of the user-editable fields. */
export const settingsPatchSchema = z.strictObject(editable).partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** `settings.choosePython`: the desktop's native dialog picks the Python; the web studio refuses (DW620). */
export const SETTINGS_PYTHON_COMMANDS = {
  'settings.choosePython': {
    summary:
      'Desktop only: choose the Python for the PyTorch backend in a native file dialog, or go back to the default (useDefault); null = cancelled.',
    request: z.strictObject({ useDefault: z.boolean().optional() }),
    response: settingsSchema.nullable(),
  },
} as const;
