/**
 * Hot exit, the renderer's half: while the open document is dirty, its
 * current state goes to main's recovery area (`recovery.save`) every few
 * seconds; a save clears it (`recovery.discard`). After a crash or kill the
 * next start offers each leftover document (see recoveryActions).
 */
import { CURRENT_VERSION } from '../../shared/project/format.js';
import type { ActionContext } from '../actions/types.js';
import { selectIsDirty } from '../stores/graphSelectors.js';
import { toProjectDoc } from '../stores/projectStore.js';

export type AutosaveResult = 'saved' | 'clean' | 'unchanged' | 'failed';

/** What was last written to the recovery area, per editor: unchanged documents are not written again. */
const lastWritten = new WeakMap<ActionContext, { docId: string; doc: unknown; revision: number }>();
/** Editors whose last autosave failed (one notice per failure streak). */
const failing = new WeakSet<ActionContext>();

export function isDocumentDirty(ctx: ActionContext): boolean {
  const p = ctx.project.getState();
  return selectIsDirty(ctx.graph.getState()) || p.revision !== p.savedRevision;
}

/** One autosave tick: writes the document to the recovery area if it is dirty and changed since the last write. */
export async function autosave(ctx: ActionContext): Promise<AutosaveResult> {
  if (!ctx.client || ctx.ui.getState().screen !== 'editor' || !isDocumentDirty(ctx)) return 'clean';
  const p = ctx.project.getState();
  const doc = ctx.graph.getState().doc;
  const last = lastWritten.get(ctx);
  if (last && last.docId === p.docId && last.doc === doc && last.revision === p.revision) return 'unchanged';
  try {
    await ctx.client.call('recovery.save', { docId: p.docId, project: toProjectDoc(p, doc), path: p.path });
    lastWritten.set(ctx, { docId: p.docId, doc, revision: p.revision });
    failing.delete(ctx);
    return 'saved';
  } catch (e) {
    if (!failing.has(ctx))
      ctx.ui
        .getState()
        .notify('error', `Autosave to the recovery area failed — ${e instanceof Error ? e.message : String(e)}`);
    failing.add(ctx);
    return 'failed';
  }
}

/**
 * After a successful save: the recovery copy is no longer needed, and a
 * migrated file has now been written in the new format (say so once).
 */
export async function afterSave(ctx: ActionContext, docId: string, path: string): Promise<void> {
  lastWritten.delete(ctx);
  const from = ctx.project.getState().migratedFrom;
  if (from !== null) {
    ctx.project.setState({ migratedFrom: null });
    ctx.ui
      .getState()
      .notify(
        'info',
        `Saved ${path} in the new format (version ${CURRENT_VERSION}; it was version ${from}). Older Deepwire versions cannot open it.`,
      );
  }
  await ctx.client?.call('recovery.discard', { docId }).catch(() => undefined);
}

/** Forget what was written (a document restored from the recovery area must be written again under this session). */
export function forgetAutosave(ctx: ActionContext): void {
  lastWritten.delete(ctx);
}
