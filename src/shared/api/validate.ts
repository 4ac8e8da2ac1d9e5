/** Every boundary validates payloads here: DW602 for unknown commands, DW601 naming the bad field. */
import type { z } from 'zod';
import { DeepwireError } from '../errors.js';
import {
  COMMANDS,
  EVENTS,
  isCommandName,
  type CommandName,
  type EventName,
  type EventPayload,
  type ParsedRequestOf,
} from './contract.js';

/** `request.project.graph.nodes[3].params.filters` style location of a zod issue. */
export function issuePath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

function firstIssue(error: z.ZodError, root: string): { message: string; where: string } {
  const issue = error.issues[0];
  const where = issuePath(root, issue?.path ?? []);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return { message: `${issue?.message ?? 'invalid value'}${more}`, where };
}

export function assertCommand(command: unknown): CommandName {
  if (!isCommandName(command)) {
    const shown = typeof command === 'string' ? `'${command.slice(0, 80)}'` : typeof command;
    throw new DeepwireError('DW602', `${shown} is not a studio command`);
  }
  return command;
}

/** Validate a request against its command's schema; returns it with defaults filled in. */
export function parseRequest<C extends CommandName>(command: C, payload: unknown): ParsedRequestOf<C> {
  const result = COMMANDS[command].request.safeParse(payload === undefined ? {} : payload);
  if (!result.success) {
    const { message, where } = firstIssue(result.error, 'request');
    throw new DeepwireError('DW601', `${command}: ${message}`, where);
  }
  return result.data as ParsedRequestOf<C>;
}

/** Check a response (tests and debug builds): a handler that breaks the contract is a bug. */
export function parseResponse(command: CommandName, response: unknown): unknown {
  const result = COMMANDS[command].response.safeParse(response);
  if (!result.success) {
    const { message, where } = firstIssue(result.error, 'response');
    throw new DeepwireError('DW607', `${command} returned a response outside the contract: ${message}`, where);
  }
  return result.data;
}

export function parseEvent<E extends EventName>(event: E, payload: unknown): EventPayload<E> {
  const result = EVENTS[event].payload.safeParse(payload);
  if (!result.success) {
    const { message, where } = firstIssue(result.error, 'payload');
    throw new DeepwireError('DW601', `${event}: ${message}`, where);
  }
  return result.data as EventPayload<E>;
}
