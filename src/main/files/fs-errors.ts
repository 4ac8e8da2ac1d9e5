/** Plain-language reasons for file-system failures, for numbered error messages. */
const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (the file or folder may be locked or protected)',
  EROFS: 'the file system is read-only',
  EBUSY: 'the file is locked or busy',
  ENOENT: 'the file or folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder, not a file',
  EFBIG: 'the file is too large for this file system or size limit',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'an input/output error occurred (the disk may be failing or disconnected)',
  ELOOP: 'the path has a symbolic-link loop',
};

export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return err instanceof Error ? err.message : String(e);
}
