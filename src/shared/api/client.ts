/** The one client interface the renderer (and tests) use, whatever the transport. */
import type { CommandName, EventName, EventPayload, RequestOf, ResponseOf } from './contract.js';

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
