import { refreshSession } from './refreshSession';
import { tokenStore } from './tokenStore';

/**
 * Keeps a browser's tabs in one session. The access token is in each tab's
 * memory only: a tab that opens or reloads asks for one with the refresh
 * cookie, and tabs tell each other when someone signs in or out.
 */
type SessionMessage = 'signed-in' | 'signed-out';

let channel: BroadcastChannel | null | undefined;

/** One channel per tab, for sending and listening: a tab never hears itself. */
function sessionChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('jointcall.session');
  }
  return channel;
}

/** Tells the other tabs of this browser. */
export function announce(message: SessionMessage): void {
  sessionChannel()?.postMessage(message);
}

/** Gets an access token from the refresh cookie, if the browser still has a session. */
export async function restoreSession(
  fetchFn: (input: Request) => Promise<Response> = (request) => globalThis.fetch(request),
): Promise<void> {
  tokenStore.setRestoring(true);
  try {
    const tokens = await refreshSession(window.location.origin, fetchFn);
    if (tokens) tokenStore.setFromResponse(tokens);
  } catch {
    // offline: stay signed out here; signing in works once the server answers
  } finally {
    tokenStore.setRestoring(false);
  }
}

/** Follows the other tabs' sign-ins and sign-outs; returns the way to stop. */
export function followOtherTabs(): () => void {
  const tabs = sessionChannel();
  if (!tabs) return () => undefined;
  const onMessage = (event: MessageEvent<SessionMessage>) => {
    if (event.data === 'signed-out') tokenStore.clear('logout');
    else if (event.data === 'signed-in') void restoreSession();
  };
  tabs.addEventListener('message', onMessage);
  return () => tabs.removeEventListener('message', onMessage);
}
