/**
 * The CLI's last line of defence: a failure no reader foresaw (a bug) is still
 * printed as one numbered error naming what failed (DW310), never as a raw
 * stack trace. Every foreseen bad input already throws its own DeepwireError.
 */
import { DeepwireError } from '../../shared/errors.js';

export function asNumbered(e: unknown, doing: string): DeepwireError {
  if (e instanceof DeepwireError) return e;
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new DeepwireError('DW310', `${doing} failed unexpectedly (${what.slice(0, 300)})`);
}
