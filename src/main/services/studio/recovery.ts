/**
 * The recovery area (VS Code's hot exit is the model): while a document is
 * dirty the page autosaves it here every few seconds; a clean save or a
 * discard removes it; after a crash or kill the next start lists what is left
 * and offers to restore each. One JSON file per document, written atomically.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectDocSchema } from '../../../shared/api/project.js';
import { DeepwireError } from '../../../shared/errors.js';
import { writeFileAtomic } from '../../files/atomic-write.js';

/** Document ids come from the page: nothing that could name another file. */
export const DOC_ID = /^[A-Za-z0-9_-]{1,64}$/;

const entrySchema = z.object({
  docId: z.string().regex(DOC_ID),
  /** The studio process that wrote it: its own entries are live documents, not leftovers. */
  session: z.string(),
  /** The file the document belongs to, or null when it was never saved. */
  path: z.string().nullable(),
  savedAt: z.string(),
  project: projectDocSchema,
});
export type RecoveryEntry = z.infer<typeof entrySchema>;

export interface RecoveryStore {
  save(entry: Omit<RecoveryEntry, 'savedAt'>): Promise<RecoveryEntry>;
  /** Entries written by other (earlier) sessions, newest first; damaged files are skipped. */
  leftovers(session: string): Promise<RecoveryEntry[]>;
  read(docId: string): Promise<RecoveryEntry>;
  discard(docId: string): Promise<void>;
}

export function createRecoveryStore(dir: string): RecoveryStore {
  const fileOf = (docId: string) => {
    if (!DOC_ID.test(docId))
      throw new DeepwireError('DW601', 'a document id is 1-64 letters, digits, - or _', 'request.docId');
    return join(dir, `${docId}.json`);
  };

  const readEntry = async (file: string): Promise<RecoveryEntry | null> => {
    try {
      const parsed = entrySchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

  return {
    async save(entry) {
      const full: RecoveryEntry = { ...entry, savedAt: new Date().toISOString() };
      const file = fileOf(entry.docId);
      await fs.mkdir(dir, { recursive: true });
      await writeFileAtomic(file, JSON.stringify(full), { errorCode: 'DW206', mode: 0o600 });
      return full;
    },
    async leftovers(session) {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      const entries = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => readEntry(join(dir, n))));
      return entries
        .filter((e): e is RecoveryEntry => e !== null && e.session !== session)
        .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
    async read(docId) {
      const entry = await readEntry(fileOf(docId));
      if (!entry)
        throw new DeepwireError(
          'DW205',
          `there is no recovered document '${docId}' (it was restored or discarded)`,
          'request.docId',
        );
      return entry;
    },
    async discard(docId) {
      await fs.rm(fileOf(docId), { force: true });
    },
  };
}
