import { REFRESH_PATH, refreshSession } from '../auth/refreshSession';
import type { TokenStore } from '../auth/tokenStore';

/** Calls made without being signed in: they never carry a token and never trigger a refresh. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  '/api/v1/auth/register',
  '/api/v1/auth/login',
  '/api/v1/auth/login/second-factor',
  REFRESH_PATH,
  '/api/v1/auth/email-verification',
  '/api/v1/auth/password-reset',
  '/api/v1/auth/password-reset/confirm',
]);

export interface AuthFetchOptions {
  store: TokenStore;
  /** The real fetch; read at call time so tests can replace the global. */
  baseFetch?: () => (input: Request) => Promise<Response>;
  /** Called once when the refresh failed and the session was cleared. */
  onSessionExpired?: () => void;
}

function pathOf(request: Request): string {
  try {
    return new URL(request.url).pathname;
  } catch {
    return request.url;
  }
}

/**
 * A fetch for the API client that sends `Authorization: Bearer <access>`
 * and, when an authenticated call answers 401, refreshes the access token
 * once through the refresh cookie (shared by concurrent callers) and repeats
 * the call once with the new token. When the refresh is refused the session
 * is cleared and the original 401 is returned.
 */
export function createAuthFetch({
  store,
  baseFetch = () => globalThis.fetch,
  onSessionExpired,
}: AuthFetchOptions): (input: Request) => Promise<Response> {
  let refreshing: Promise<boolean> | null = null;

  async function doRefresh(origin: string): Promise<boolean> {
    let tokens;
    try {
      tokens = await refreshSession(origin, (request) => baseFetch()(request));
    } catch {
      // network failure: keep the session, the caller sees the 401
      return false;
    }
    if (!tokens) {
      // Refresh cookie missing, expired, revoked or already rotated.
      store.clear('expired');
      onSessionExpired?.();
      return false;
    }
    store.setFromResponse(tokens);
    return true;
  }

  function refreshOnce(origin: string): Promise<boolean> {
    refreshing ??= doRefresh(origin).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return async function authFetch(input: Request): Promise<Response> {
    const path = pathOf(input);
    const token = PUBLIC_PATHS.has(path) ? null : store.accessToken;
    if (!token) return baseFetch()(input);

    // Keep an unused copy so the body can be sent a second time.
    const spare = input.clone();
    const first = new Request(input);
    first.headers.set('Authorization', `Bearer ${token}`);
    const response = await baseFetch()(first);
    if (response.status !== 401) return response;

    // If a concurrent call already refreshed, use the newer token right away.
    const refreshed =
      store.accessToken !== null && store.accessToken !== token
        ? true
        : await refreshOnce(new URL(input.url).origin);
    const newToken = store.accessToken;
    if (!refreshed || !newToken) return response;

    const retry = new Request(spare);
    retry.headers.set('Authorization', `Bearer ${newToken}`);
    return baseFetch()(retry);
  };
}
