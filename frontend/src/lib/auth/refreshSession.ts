import type { TokenResponse } from './tokenStore';

export const REFRESH_PATH = '/api/v1/auth/refresh';
const CSRF_COOKIE = 'jointcall_csrf';

/** The CSRF token the server set beside the refresh cookie (readable by the page, unlike the refresh token). */
export function csrfToken(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

function isTokenResponse(value: unknown): value is TokenResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.access_token === 'string' && typeof v.expires_in === 'number';
}

/**
 * Exchanges the refresh cookie for a new access token (the server rotates the
 * cookie). One tab at a time (Web Locks, where the browser has them): two tabs
 * sending the same cookie at once would look like a stolen token and end the
 * session. `null` when the server refused; throws when it could not be reached.
 */
export async function refreshSession(
  origin: string,
  fetchFn: (input: Request) => Promise<Response>,
): Promise<TokenResponse | null> {
  const send = async (): Promise<TokenResponse | null> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const csrf = csrfToken();
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const response = await fetchFn(
      new Request(new URL(REFRESH_PATH, origin), {
        method: 'POST',
        headers,
        body: '{}',
        credentials: 'same-origin',
      }),
    );
    if (!response.ok) return null;
    const body: unknown = await response.json().catch(() => undefined);
    return isTokenResponse(body) ? body : null;
  };
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('jointcall-refresh', send) : send();
}
