/**
 * Documents left unsaved by a session that crashed or was killed (restore or
 * discard each), and project files dropped onto the window.
 */
import { autosave, forgetAutosave } from '../recovery/autosave.js';
import { adoptProject } from './projectActions.js';
import { defineAction, type ActionContext } from './types.js';

export interface RecoveredDocument {
  docId: string;
  name: string;
  path: string | null;
  savedAt: string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The leftovers of earlier sessions; empty without a studio. */
export async function listRecovered(ctx: ActionContext): Promise<RecoveredDocument[]> {
  if (!ctx.client) return [];
  return (await ctx.client.call('recovery.list', {})).documents;
}

export const restoreRecovered = defineAction<{ docId: string }, Promise<boolean>>({
  name: 'restoreRecovered',
  undoable: false,
  async perform(ctx, { docId }) {
    if (!ctx.client) return false;
    try {
      const opened = await ctx.client.call('recovery.restore', { docId });
      adoptProject(ctx, opened);
      // Still unsaved: keep its recovery id and show it dirty until the user saves.
      const p = ctx.project.getState();
      ctx.project.setState({ docId, revision: p.savedRevision + 1 });
      // Written again at once under this session, so it is no longer offered as a leftover.
      forgetAutosave(ctx);
      await autosave(ctx);
      ctx.ui
        .getState()
        .notify('info', `Restored “${opened.project.name}” with its unsaved changes: save to keep them.`);
      return true;
    } catch (e) {
      ctx.ui.getState().notify('error', `Restore failed — ${message(e)}`);
      return false;
    }
  },
});

export const discardRecovered = defineAction<{ docId: string }, Promise<boolean>>({
  name: 'discardRecovered',
  undoable: false,
  async perform(ctx, { docId }) {
    if (!ctx.client) return false;
    try {
      await ctx.client.call('recovery.discard', { docId });
      return true;
    } catch (e) {
      ctx.ui.getState().notify('error', `Discard failed — ${message(e)}`);
      return false;
    }
  },
});

/** A `.deepwire` file dropped on the window opens as an untitled document (its text goes through the contract). */
export const openDroppedFile = defineAction<{ name: string; text: string }, Promise<boolean>>({
  name: 'openDroppedFile',
  undoable: false,
  async perform(ctx, { name, text }) {
    if (!ctx.client) return false;
    if (!name.toLowerCase().endsWith('.deepwire')) {
      ctx.ui.getState().notify('error', `DW802 File type not recognised: ${name} — drop a .deepwire project.`);
      return false;
    }
    try {
      adoptProject(ctx, await ctx.client.call('project.openText', { name, text }));
      return true;
    } catch (e) {
      ctx.ui.getState().notify('error', `Open ${name} failed — ${message(e)}`);
      return false;
    }
  },
});
