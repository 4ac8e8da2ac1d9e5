/** The StudioClient over Electron's preload bridge (`window.deepwire`). */
import { DeepwireError } from '../errors.js';
import type { StudioClient } from './client.js';
import {
  isCommandName,
  isEventName,
  type CommandName,
  type EventName,
  type EventPayload,
  type ResponseOf,
} from './contract.js';
import { problemToError } from './problem.js';
import type { DeepwireBridge } from './wire.js';

export function createBridgeClient(bridge: DeepwireBridge): StudioClient {
  return {
    state: 'open',
    async call<C extends CommandName>(command: C, request: unknown): Promise<ResponseOf<C>> {
      if (!isCommandName(command)) throw new DeepwireError('DW602', `'${String(command)}' is not a studio command`);
      const result = await bridge.call(command, request ?? {});
      if (!result.ok) throw problemToError(result.problem);
      return result.response as ResponseOf<C>;
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw new DeepwireError('DW602', `'${String(event)}' is not a studio event`);
      return bridge.on(event, handler as (payload: unknown) => void);
    },
    onState: () => () => {},
    close: () => {},
  };
}
