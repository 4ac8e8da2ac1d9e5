/**
 * The closed list of user actions: id, label and key bindings, written once.
 * The renderer's action objects, the Electron menu and the contract's
 * `app.menu` payload all read it, so a label or shortcut cannot drift apart
 * and the menu cannot name an action the renderer lacks.
 */
import { z } from 'zod';

export interface ActionMeta {
  /** Shown on buttons, in menus and in notices. */
  readonly label: string;
  /** Display form and binding, e.g. `Mod+Shift+Z` (Mod = Ctrl, or Cmd on macOS). */
  readonly shortcut?: string;
  /** Further bindings of the same action (Backspace for Delete, Mod+Y for redo). */
  readonly extraShortcuts?: readonly string[];
}

export const ACTION_META = {
  // Project
  newProject: { label: 'New project', shortcut: 'Mod+N' },
  open: { label: 'Open…', shortcut: 'Mod+O' },
  save: { label: 'Save', shortcut: 'Mod+S' },
  saveAs: { label: 'Save as…', shortcut: 'Mod+Shift+S' },
  export: { label: 'Export…', shortcut: 'Mod+E' },
  settings: { label: 'Settings…', shortcut: 'Mod+,' },
  // History
  undo: { label: 'Undo', shortcut: 'Mod+Z' },
  redo: { label: 'Redo', shortcut: 'Mod+Shift+Z', extraShortcuts: ['Mod+Y'] },
  // Selection and clipboard
  select: { label: 'Select' },
  selectAll: { label: 'Select all', shortcut: 'Mod+A' },
  copy: { label: 'Copy', shortcut: 'Mod+C' },
  cut: { label: 'Cut', shortcut: 'Mod+X' },
  paste: { label: 'Paste', shortcut: 'Mod+V' },
  duplicate: { label: 'Duplicate', shortcut: 'Mod+D' },
  // Editing
  addNode: { label: 'Add layer' },
  connect: { label: 'Connect' },
  deleteSelection: { label: 'Delete', shortcut: 'Delete', extraShortcuts: ['Backspace'] },
  disconnect: { label: 'Disconnect' },
  updateParam: { label: 'Change parameter' },
  renameNode: { label: 'Rename layer' },
  moveNodes: { label: 'Move' },
  setGroup: { label: 'Set network' },
  // GANs
  makeGanConditional: { label: 'Make conditional' },
  generateGanDataset: { label: 'Generate dataset' },
  // View
  fitView: { label: 'Fit view', shortcut: 'Shift+1', extraShortcuts: ['F'] },
  toggleTheme: { label: 'Toggle dark/light theme' },
  autoLayout: { label: 'Auto-layout', shortcut: 'Mod+Shift+L' },
  // Training
  trainStart: { label: 'Start training', shortcut: 'F5', extraShortcuts: ['Mod+Enter'] },
  trainPause: { label: 'Pause', shortcut: 'F6' },
  trainResume: { label: 'Resume' },
  trainStop: { label: 'Stop', shortcut: 'Shift+F5' },
  // Run history
  showHistory: { label: 'Run history' },
  restoreRun: { label: 'Restore run' },
  deleteRuns: { label: 'Delete runs' },
  // Inside the network
  showInside: { label: 'Inside the network' },
  inspectSample: { label: 'Inspect test sample' },
  nextSample: { label: 'Next test sample', shortcut: '.' },
  previousSample: { label: 'Previous test sample', shortcut: ',' },
  // Recovery
  restoreRecovered: { label: 'Restore unsaved document' },
  discardRecovered: { label: 'Discard unsaved document' },
  openDroppedFile: { label: 'Open dropped file' },
} as const satisfies Record<string, ActionMeta>;

export type ActionId = keyof typeof ACTION_META;

export const ACTION_IDS = Object.keys(ACTION_META) as [ActionId, ...ActionId[]];

export const actionIdSchema = z.enum(ACTION_IDS);

/** Where a user command came from: the menu cannot grey out items, so a disabled one there gets a notice. */
export type ActionSource = 'shortcut' | 'menu' | 'ui' | 'shell';

/** `Mod+Shift+Z` -> `CmdOrCtrl+Shift+Z`, Electron's accelerator syntax. */
export function menuAccelerator(id: ActionId): string | undefined {
  const meta: ActionMeta = ACTION_META[id];
  return meta.shortcut?.replace(/Mod\+/g, 'CmdOrCtrl+');
}
