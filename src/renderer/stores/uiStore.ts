/**
 * Editor state that is neither the document nor training: theme, which
 * screen and panel are shown, the clipboard, and the notice line.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExportProgress } from '../../shared/api/export.js';
import type { SidePanelName } from '../../shared/api/settings.js';
import type { Fragment } from '../graph/fragment.js';

export type Theme = 'dark' | 'light';
export type Screen = 'start' | 'editor';
export type SidePanel = SidePanelName;

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface UiState {
  theme: Theme;
  screen: Screen;
  panel: SidePanel;
  paletteQuery: string;
  clipboard: Fragment | null;
  /** How many times the clipboard was pasted, so repeated pastes cascade instead of stacking. */
  pasteCount: number;
  notice: Notice | null;
  /** Bumped to ask the canvas to fit the view (after open, layout…). */
  fitRequest: number;
  /** The web studio's own Open/Save dialog (Electron uses native dialogs instead). */
  fileDialog: 'open' | 'save' | null;
  exportDialog: boolean;
  /** The running export's last `export.progress` (null when none runs): the dialog's progress bar. */
  exportProgress: Pick<ExportProgress, 'fraction' | 'message'> | null;
  /** The web studio's "Generate dataset" folder dialog (Electron asks with a native one). */
  generateDialog: boolean;
  settingsDialog: boolean;
  /** The shell has native Open/Save dialogs (Electron); from the contract's app.info. */
  nativeDialogs: boolean;

  setTheme(theme: Theme): void;
  setScreen(screen: Screen): void;
  setPanel(panel: SidePanel): void;
  setPaletteQuery(q: string): void;
  setClipboard(fragment: Fragment | null): void;
  bumpPasteCount(): number;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(): void;
  requestFit(): void;
  setFileDialog(mode: 'open' | 'save' | null): void;
  setExportDialog(open: boolean): void;
  setExportProgress(progress: UiState['exportProgress']): void;
  setGenerateDialog(open: boolean): void;
  setSettingsDialog(open: boolean): void;
  setNativeDialogs(native: boolean): void;
}

export type UiStore = StoreApi<UiState>;

let noticeId = 0;

export function createUiStore(initial: Partial<Pick<UiState, 'theme' | 'screen' | 'panel'>> = {}): UiStore {
  return createStore<UiState>()((set, get) => ({
    theme: initial.theme ?? 'dark',
    screen: initial.screen ?? 'start',
    panel: initial.panel ?? 'inspector',
    paletteQuery: '',
    clipboard: null,
    pasteCount: 0,
    notice: null,
    fitRequest: 0,
    fileDialog: null,
    exportDialog: false,
    exportProgress: null,
    generateDialog: false,
    settingsDialog: false,
    nativeDialogs: false,
    setTheme: (theme) => set({ theme }),
    setScreen: (screen) => set({ screen }),
    setPanel: (panel) => set({ panel }),
    setPaletteQuery: (paletteQuery) => set({ paletteQuery }),
    setClipboard: (clipboard) => set({ clipboard, pasteCount: 0 }),
    bumpPasteCount() {
      const n = get().pasteCount + 1;
      set({ pasteCount: n });
      return n;
    },
    notify: (kind, text) => set({ notice: { id: (noticeId += 1), kind, text } }),
    dismissNotice: () => set({ notice: null }),
    requestFit: () => set({ fitRequest: get().fitRequest + 1 }),
    setFileDialog: (fileDialog) => set({ fileDialog }),
    setExportDialog: (exportDialog) => set({ exportDialog }),
    setExportProgress: (exportProgress) => set({ exportProgress }),
    setGenerateDialog: (generateDialog) => set({ generateDialog }),
    setSettingsDialog: (settingsDialog) => set({ settingsDialog }),
    setNativeDialogs: (nativeDialogs) => set({ nativeDialogs }),
  }));
}
