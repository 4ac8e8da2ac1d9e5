/** The settings' theme (system / light / dark) onto the editor's light or dark. */
import type { Settings } from '../../shared/api/settings.js';
import type { UiStore } from '../stores/uiStore.js';

export function applyThemeSetting(ui: UiStore, theme: Settings['theme']): void {
  if (theme !== 'system') ui.getState().setTheme(theme);
  else ui.getState().setTheme(window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark');
}
