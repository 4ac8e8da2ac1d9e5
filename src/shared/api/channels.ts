/** IPC channel names, derived from the contract (`deepwire:project.open`). */
import type { CommandName, EventName } from './contract.js';

export const CHANNEL_PREFIX = 'deepwire:';

export function channelOf(name: CommandName | EventName): string {
  return CHANNEL_PREFIX + name;
}

/** The contract name of a channel, or null when it is not ours. */
export function nameOfChannel(channel: string): string | null {
  return channel.startsWith(CHANNEL_PREFIX) ? channel.slice(CHANNEL_PREFIX.length) : null;
}
