/** The one client interface the renderer (and tests) use, whatever the transport. */
import { DeepwireError } from '../errors.js';
import {
  isCommandName,
  isEventName,
  type CommandName,
  type EventName,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
} from './contract.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface StudioClient {
  /** Resolves with the response; rejects with a DeepwireError (code, detail, where). */
  call<C extends CommandName>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
  /** Connection state (always 'open' in Electron); the handler gets every change. */
  readonly state: ConnectionState;
  onState(handler: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** What a client refuses before anything is sent: a name that is not one of the contract's commands (DW602). */
export const unknownCommand = (command: string): DeepwireError | undefined =>
  isCommandName(command) ? undefined : new DeepwireError('DW602', `'${String(command)}' is not a studio command`);

/** Throws DW602 for a name that is not one of the contract's events (a subscription to nothing). */
export function checkEventName(event: string): void {
  if (!isEventName(event)) throw new DeepwireError('DW602', `'${String(event)}' is not a studio event`);
}
