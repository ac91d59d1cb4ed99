import type { TokenResponse, TokenStore } from '../auth/tokenStore';

export const REFRESH_PATH = '/api/v1/auth/refresh';
export const LOGOUT_PATH = '/api/v1/auth/logout';

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

/**
 * Calls that carry the token but are not repeated after a refresh: logout
 * sends the refresh token in its body, which a refresh would have spent.
 */
export const NO_RETRY_PATHS: ReadonlySet<string> = new Set([LOGOUT_PATH]);

export interface AuthFetchOptions {
  store: TokenStore;
  /** The real fetch; read at call time so tests can replace the global. */
  baseFetch?: () => (input: Request) => Promise<Response>;
  /** Called once when the refresh failed and the session was cleared. */
  onSessionExpired?: () => void;
}

function isTokenResponse(value: unknown): value is TokenResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.access_token === 'string' &&
    typeof v.refresh_token === 'string' &&
    typeof v.expires_in === 'number'
  );
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
 * and, when an authenticated call answers 401, refreshes the token pair
 * once (shared by concurrent callers) and repeats the call once with the
 * new token. When the refresh fails the session is cleared and the
 * original 401 is returned.
 */
export function createAuthFetch({
  store,
  baseFetch = () => globalThis.fetch,
  onSessionExpired,
}: AuthFetchOptions): (input: Request) => Promise<Response> {
  let refreshing: Promise<boolean> | null = null;

  async function doRefresh(origin: string): Promise<boolean> {
    const refreshToken = store.refreshToken;
    if (!refreshToken) return false;
    let response: Response;
    try {
      response = await baseFetch()(
        new Request(new URL(REFRESH_PATH, origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refresh_token: refreshToken }),
        }),
      );
    } catch {
      // network failure: keep the session, the caller sees the 401
      return false;
    }
    if (!response.ok) {
      // Refresh token rejected (expired, revoked, already rotated).
      // If another tab rotated it meanwhile, the store already has a new one.
      if (store.refreshToken !== refreshToken && store.refreshToken !== null) return true;
      store.clear('expired');
      onSessionExpired?.();
      return false;
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!isTokenResponse(body)) {
      store.clear('expired');
      onSessionExpired?.();
      return false;
    }
    store.setFromResponse(body);
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
    if (NO_RETRY_PATHS.has(path)) {
      const only = new Request(input);
      only.headers.set('Authorization', `Bearer ${token}`);
      return baseFetch()(only);
    }

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
