/** Project files named on a command line (plain Node: tested without Electron). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** `.deepwire` files among `argv` (argv[0], the executable, and flags are skipped), made absolute. */
export function projectArgs(argv: readonly string[], cwd = process.cwd()): string[] {
  return argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.deepwire'))
    .map((a) => resolve(cwd, a))
    .filter((p) => existsSync(p));
}
