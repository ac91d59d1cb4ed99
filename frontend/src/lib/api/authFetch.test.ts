import createClient from 'openapi-fetch';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse } from '../../test/utils';
import { TokenStore } from '../auth/tokenStore';
import { createAuthFetch } from './authFetch';
import type { paths } from './schema';
import { unwrap } from './unwrap';

const ORIGIN = 'http://app.test';

interface Seen {
  method: string;
  path: string;
  auth: string | null;
  csrf: string | null;
  body: unknown;
}

/** A fake server: `routes` answers by "METHOD /path"; records every request. */
function fakeServer(routes: Record<string, (req: Seen) => Response | Promise<Response>>) {
  const seen: Seen[] = [];
  const fetchFn = vi.fn(async (input: Request) => {
    const text = await input.text();
    const req: Seen = {
      method: input.method,
      path: new URL(input.url).pathname,
      auth: input.headers.get('Authorization'),
      csrf: input.headers.get('X-CSRF-Token'),
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    seen.push(req);
    const handler = routes[`${req.method} ${req.path}`];
    if (!handler) throw new Error(`unexpected ${req.method} ${req.path}`);
    return handler(req);
  });
  return { seen, fetchFn };
}

const expired = () => problemResponse(401, { title: 'Unauthorized', detail: 'The access token has expired.' });
const me = { id: 'u1', email: 'ada@example.org', full_name: 'Ada', roles: ['applicant'], agency: null, email_verified: true, version: 1, created_at: '2026-01-01T00:00:00Z' };

describe('createAuthFetch', () => {
  let store: TokenStore;
  let onSessionExpired: ReturnType<typeof vi.fn<() => void>>;

  beforeEach(() => {
    store = new TokenStore();
    document.cookie = 'jointcall_csrf=csrf-1; path=/';
    store.set({ accessToken: 'old-access', expiresAt: Date.now() + 60_000 });
    onSessionExpired = vi.fn<() => void>();
  });

  function client(fetchFn: (r: Request) => Promise<Response>) {
    return createClient<paths>({
      baseUrl: ORIGIN,
      fetch: createAuthFetch({ store, baseFetch: () => fetchFn, onSessionExpired }),
    });
  }

  it('sends the access token as a Bearer header', async () => {
    const { seen, fetchFn } = fakeServer({ 'GET /api/v1/me': () => jsonResponse(me) });
    const data = await unwrap(client(fetchFn).GET('/api/v1/me'));
    expect(data.email).toBe('ada@example.org');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.auth).toBe('Bearer old-access');
  });

  it('on 401 refreshes once, stores the rotated pair and repeats the call with the new token', async () => {
    const { seen, fetchFn } = fakeServer({
      'GET /api/v1/me': (req) => (req.auth === 'Bearer new-access' ? jsonResponse(me) : expired()),
      'POST /api/v1/auth/refresh': () =>
        jsonResponse({ access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer', expires_in: 900 }),
    });

    const data = await unwrap(client(fetchFn).GET('/api/v1/me'));

    expect(data.id).toBe('u1');
    expect(seen.map((r) => `${r.method} ${r.path} ${r.auth ?? '-'}`)).toEqual([
      'GET /api/v1/me Bearer old-access',
      'POST /api/v1/auth/refresh -',
      'GET /api/v1/me Bearer new-access',
    ]);
    // The refresh token is the cookie's, which the page cannot read; the CSRF token is echoed.
    expect(seen[1]?.body).toEqual({});
    expect(seen[1]?.csrf).toBe('csrf-1');
    expect(store.accessToken).toBe('new-access');
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('sends the request body again on the repeated call', async () => {
    const { seen, fetchFn } = fakeServer({
      'POST /api/v1/organisations': (req) =>
        req.auth === 'Bearer new-access' ? jsonResponse({ id: 'o1', ...(req.body as object) }, { status: 201 }) : expired(),
      'POST /api/v1/auth/refresh': () =>
        jsonResponse({ access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer', expires_in: 900 }),
    });
    const body = { name: 'Acme', kind: 'company' as const, country: 'LU', company_size: 'small' as const, registration_number: null };

    await unwrap(client(fetchFn).POST('/api/v1/organisations', { body }));

    const creates = seen.filter((r) => r.path === '/api/v1/organisations');
    expect(creates).toHaveLength(2);
    expect(creates[1]?.body).toEqual(body);
  });

  it('does not refresh a second time when the repeated call is 401 again', async () => {
    const { seen, fetchFn } = fakeServer({
      'GET /api/v1/me': () => expired(),
      'POST /api/v1/auth/refresh': () =>
        jsonResponse({ access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer', expires_in: 900 }),
    });

    const result = await client(fetchFn).GET('/api/v1/me');

    expect(result.response.status).toBe(401);
    expect(seen.filter((r) => r.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(seen.filter((r) => r.path === '/api/v1/me')).toHaveLength(2);
  });

  it('clears the session and reports expiry when the refresh is refused', async () => {
    const { seen, fetchFn } = fakeServer({
      'GET /api/v1/me': () => expired(),
      'POST /api/v1/auth/refresh': () => problemResponse(401, { title: 'Unauthorized', detail: 'Refresh token revoked.' }),
    });

    const result = await client(fetchFn).GET('/api/v1/me');

    expect(result.response.status).toBe(401);
    expect(seen).toHaveLength(2);
    expect(store.getState()).toEqual({ tokens: null, endReason: 'expired', restoring: false });
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('shares one refresh between calls that fail at the same time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { seen, fetchFn } = fakeServer({
      'GET /api/v1/me': (req) => (req.auth === 'Bearer new-access' ? jsonResponse(me) : expired()),
      'GET /api/v1/organisations': (req) =>
        req.auth === 'Bearer new-access' ? jsonResponse({ items: [], total: 0, limit: 50, offset: 0 }) : expired(),
      'POST /api/v1/auth/refresh': async () => {
        await gate;
        return jsonResponse({ access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer', expires_in: 900 });
      },
    });
    const api = client(fetchFn);

    const both = Promise.all([unwrap(api.GET('/api/v1/me')), unwrap(api.GET('/api/v1/organisations'))]);
    await vi.waitFor(() => expect(seen.filter((r) => r.path === '/api/v1/auth/refresh')).toHaveLength(1));
    release();
    const [user, organisations] = await both;

    expect(user.id).toBe('u1');
    expect(organisations.total).toBe(0);
    expect(seen.filter((r) => r.path === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('never refreshes for the auth endpoints themselves: a failed login stays a 401', async () => {
    const { seen, fetchFn } = fakeServer({
      'POST /api/v1/auth/login': () => problemResponse(401, { title: 'Unauthorized', detail: 'The email or the password is wrong.' }),
    });

    const result = await client(fetchFn).POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } });

    expect(result.response.status).toBe(401);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.auth).toBeNull();
    expect(store.accessToken).toBe('old-access');
  });

  it('repeats logout after a refresh: the refresh token is in the cookie, not in its body', async () => {
    const { seen, fetchFn } = fakeServer({
      'POST /api/v1/auth/logout': (req) => (req.auth === 'Bearer new-access' ? new Response(null, { status: 204 }) : expired()),
      'POST /api/v1/auth/refresh': () => jsonResponse({ access_token: 'new-access', token_type: 'Bearer', expires_in: 900 }),
    });

    const result = await client(fetchFn).POST('/api/v1/auth/logout', { body: {} });

    expect(result.response.status).toBe(204);
    expect(seen.map((r) => `${r.path} ${r.auth ?? '-'}`)).toEqual([
      '/api/v1/auth/logout Bearer old-access',
      '/api/v1/auth/refresh -',
      '/api/v1/auth/logout Bearer new-access',
    ]);
  });

  it('sends no Authorization header and does not refresh when signed out', async () => {
    store.clear();
    const { seen, fetchFn } = fakeServer({ 'GET /api/v1/me': () => expired() });

    const result = await client(fetchFn).GET('/api/v1/me');

    expect(result.response.status).toBe(401);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.auth).toBeNull();
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});
