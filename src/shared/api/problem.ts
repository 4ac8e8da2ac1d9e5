/** How a failure crosses the wire: a numbered `Problem`, never a stack trace. */
import { z } from 'zod';
import { DeepwireError, ERRORS, type ErrorCode, type Problem } from '../errors.js';

const CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export const problemSchema: z.ZodType<Problem> = z.object({
  code: z.enum(CODES),
  message: z.string(),
  where: z.string().optional(),
});

/** The envelope every transport returns for one call. */
export type CallResult<T = unknown> = { ok: true; response: T } | { ok: false; problem: Problem };

/** Any thrown value as a Problem; unexpected errors keep their message only. */
export function toProblem(e: unknown, fallback: ErrorCode = 'DW607'): Problem {
  if (e instanceof DeepwireError) return e.toProblem();
  const message = e instanceof Error ? e.message : String(e);
  return { code: fallback, message };
}

/** Turn a received Problem back into the error the caller can `catch`. */
export function problemToError(p: Problem): DeepwireError {
  const code = (p.code in ERRORS ? p.code : 'DW601') as ErrorCode;
  return new DeepwireError(code, p.message, p.where);
}
