/** A folder listing inside what the studio may read: open folders, go up, pick this folder or a file. */
import type { FolderListing } from '../../shared/api/files.js';

type Entry = FolderListing['entries'][number];

export function FolderBrowser({
  listing,
  open,
  chooseFolder,
  pickFile,
  showFile,
  fileIcon = '📄',
}: {
  listing: FolderListing;
  open(path: string): void;
  /** Offers "use this folder" when given. */
  chooseFolder?: (path: string) => void;
  /** Which files are listed (folders always are); none when not given. */
  showFile?: (entry: Entry) => boolean;
  pickFile?: (path: string) => void;
  /** Shown before a file's name (folders show 📁). */
  fileIcon?: string;
}) {
  const entries = listing.entries.filter((e) => e.kind === 'dir' || (showFile?.(e) ?? false));
  return (
    <ul className="file-list" aria-label="Files">
      {listing.parent && (
        <li>
          <button type="button" className="file-entry" onClick={() => listing.parent && open(listing.parent)}>
            ⬑ ..
          </button>
        </li>
      )}
      {chooseFolder && (
        <li>
          <button type="button" className="file-entry" onClick={() => chooseFolder(listing.path)}>
            ✔ Use this folder ({listing.path})
          </button>
        </li>
      )}
      {entries.map((e) => (
        <li key={e.path}>
          <button
            type="button"
            className="file-entry"
            onClick={() => (e.kind === 'dir' ? open(e.path) : pickFile?.(e.path))}
          >
            {e.kind === 'dir' ? '📁 ' : `${fileIcon} `}
            {e.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
