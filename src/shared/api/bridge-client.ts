/** The StudioClient over Electron's preload bridge (`window.deepwire`). */
import { checkEventName, unknownCommand, type StudioClient } from './client.js';
import type { CommandName, EventName, EventPayload, ResponseOf } from './contract.js';
import { problemToError } from './problem.js';
import type { DeepwireBridge } from './wire.js';

export function createBridgeClient(bridge: DeepwireBridge): StudioClient {
  return {
    state: 'open',
    async call<C extends CommandName>(command: C, request: unknown): Promise<ResponseOf<C>> {
      const refused = unknownCommand(command);
      if (refused) throw refused;
      const result = await bridge.call(command, request ?? {});
      if (!result.ok) throw problemToError(result.problem);
      return result.response as ResponseOf<C>;
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
      checkEventName(event);
      return bridge.on(event, handler as (payload: unknown) => void);
    },
    onState: () => () => {},
    close: () => {},
  };
}
