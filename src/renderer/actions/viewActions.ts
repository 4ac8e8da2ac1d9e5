/** The view: fit, auto-layout, theme, panels. */
import { defineAction } from './types.js';

export const fitView = defineAction({
  name: 'fitView',
  label: 'Fit view',
  shortcut: 'F',
  undoable: false,
  perform(ctx) {
    if (ctx.view) ctx.view.fitView();
    else ctx.ui.getState().requestFit();
  },
});

export const toggleTheme = defineAction({
  name: 'toggleTheme',
  label: 'Toggle dark/light theme',
  undoable: false,
  perform(ctx) {
    const ui = ctx.ui.getState();
    ui.setTheme(ui.theme === 'dark' ? 'light' : 'dark');
  },
});
