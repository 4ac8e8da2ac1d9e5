/** recovery.* — autosave of dirty documents, and restoring them after a crash. */
import { randomUUID } from 'node:crypto';
import { createRecoveryStore } from './recovery.js';
import type { HandlersOf, StudioDeps } from './types.js';

type RecoveryHandlers = HandlersOf<'recovery'>;

export function recoveryHandlers(deps: StudioDeps): RecoveryHandlers {
  const store = createRecoveryStore(deps.recoveryDir);
  /** This studio's documents are live, not leftovers of a crash. */
  const session = randomUUID();

  /** A recovered path comes back only if the user may still write it (a page cannot widen its rights this way). */
  const permitted = (path: string | null) =>
    path ? deps.paths.writable(path, 'path').catch(() => null) : Promise.resolve(null);

  return {
    'recovery.save': async ({ docId, project, path }) => ({
      savedAt: (await store.save({ docId, session, path, project })).savedAt,
    }),
    'recovery.list': async () => ({
      documents: (await store.leftovers(session)).map((e) => ({
        docId: e.docId,
        name: e.project.name,
        path: e.path,
        savedAt: e.savedAt,
      })),
    }),
    'recovery.restore': async ({ docId }) => {
      const entry = await store.read(docId);
      return {
        project: entry.project,
        path: await permitted(entry.path),
        migratedFrom: null,
        example: null,
        warnings: [],
      };
    },
    'recovery.discard': async ({ docId }) => {
      await store.discard(docId);
      return {};
    },
  };
}
