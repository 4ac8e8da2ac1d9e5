/**
 * The renderer's single way to reach main. `getClient()` returns the one
 * StudioClient for this page: the Electron preload bridge when the page runs
 * in Deepwire's window, otherwise the web studio's WebSocket. The rest of the
 * renderer never knows which.
 */
import {
  createBridgeClient,
  createWsClient,
  TOKEN_PARAM,
  WS_PATH,
  type DeepwireBridge,
  type SocketLike,
  type StudioClient,
} from '../../shared/api/index.js';

export type {
  CommandName,
  ConnectionState,
  EventName,
  EventPayload,
  RequestOf,
  ResponseOf,
  StudioApi,
  StudioClient,
} from '../../shared/api/index.js';

declare global {
  interface Window {
    /** Set by Deepwire's preload script (Electron only). */
    deepwire?: DeepwireBridge;
  }
}

const TOKEN_KEY = 'deepwire.token';

/** The token from the page URL (remembered for reloads that drop the query). */
export function pageToken(
  loc: Pick<Location, 'search'> = window.location,
  storage: Storage | null = safeSessionStorage(),
): string | null {
  const fromUrl = new URLSearchParams(loc.search).get(TOKEN_PARAM);
  if (fromUrl) {
    storage?.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return storage?.getItem(TOKEN_KEY) ?? null;
}

/** `ws://host:port/api?token=…` for the page's own origin. */
export function studioSocketUrl(
  loc: Pick<Location, 'protocol' | 'host' | 'search'> = window.location,
  token = pageToken(loc),
): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?${TOKEN_PARAM}=${encodeURIComponent(token)}` : '';
  return `${scheme}//${loc.host}${WS_PATH}${query}`;
}

export function createClient(): StudioClient {
  if (window.deepwire) return createBridgeClient(window.deepwire);
  return createWsClient(studioSocketUrl(), (url) => new WebSocket(url) as unknown as SocketLike);
}

let shared: StudioClient | null = null;

/** The page's one client, created on first use. */
export function getClient(): StudioClient {
  shared ??= createClient();
  return shared;
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the URL token still works
  }
}
