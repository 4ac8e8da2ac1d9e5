/** A running export's `export.progress` events into the UI store, for the export dialog's bar. */
import type { StudioClient } from '../actions/types.js';
import type { UiStore } from '../stores/uiStore.js';

/** Follows only while this page's own export runs (exportProgress set): another page's export is not shown. */
export function followExportProgress(client: StudioClient, ui: UiStore): () => void {
  return client.on('export.progress', ({ fraction, message }) => {
    if (ui.getState().exportProgress) ui.getState().setExportProgress({ fraction, message });
  });
}
