/** Folder listings for the web studio's own file browser (datasets, projects). */
import { z } from 'zod';

export const FILE_KINDS = ['dir', 'project', 'csv', 'image', 'idx', 'json', 'other'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const fileEntrySchema = z.object({
  name: z.string(),
  path: z.string(),
  kind: z.enum(FILE_KINDS),
  /** Bytes; absent for folders. */
  size: z.number().int().nonnegative().optional(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const folderListingSchema = z.object({
  path: z.string(),
  /** Null at an allowed root: the browser cannot go above it. */
  parent: z.string().nullable(),
  /** Folders first, then files, each sorted by name; hidden files are left out. */
  entries: z.array(fileEntrySchema),
  /** True when the folder held more entries than were listed. */
  truncated: z.boolean(),
});
export type FolderListing = z.infer<typeof folderListingSchema>;

/** The kind of a file, from its name (the browser shows icons and filters by it). */
export function fileKindOf(name: string): FileKind {
  const lower = name.toLowerCase();
  if (lower.endsWith('.deepwire')) return 'project';
  if (lower.endsWith('.csv')) return 'csv';
  if (/\.(png|jpe?g)$/.test(lower)) return 'image';
  if (/-idx\d-ubyte(\.gz)?$/.test(lower) || /\.idx\d?$/.test(lower)) return 'idx';
  if (lower.endsWith('.json')) return 'json';
  return 'other';
}
