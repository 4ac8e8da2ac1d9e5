/** Naming a run on the command line: its 1-based index in the table, or a prefix of its id. */
import { DeepwireError } from '../errors.js';
import type { RunRecord } from '../project/runs-schema.js';

/** The run `ref` names; DW220 when none or several match. */
export function findRun(runs: readonly RunRecord[], ref: string): { run: RunRecord; index: number } {
  const trimmed = ref.trim();
  if (/^[1-9][0-9]*$/.test(trimmed)) {
    const i = Number(trimmed);
    if (i <= runs.length) return { run: runs[i - 1], index: i };
  }
  const matches = runs.flatMap((run, i) =>
    trimmed !== '' && run.id.startsWith(trimmed) ? [{ run, index: i + 1 }] : [],
  );
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new DeepwireError(
      'DW220',
      `'${ref}' is the start of ${matches.length} run ids (${matches.map((m) => m.run.id.slice(0, 12)).join(', ')}); give more of the id`,
      ref,
    );
  }
  const known = runs.length === 0 ? 'the project has no runs' : `the project has runs 1–${runs.length}`;
  throw new DeepwireError('DW220', `no run '${ref}': ${known} (see deepwire runs <project>)`, ref);
}
