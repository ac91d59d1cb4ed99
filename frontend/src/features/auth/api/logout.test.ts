import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { jsonResponse, mockFetch, problemResponse } from '../../../test/utils';
import { logout } from './logout';

describe('logout', () => {
  beforeEach(() => {
    tokenStore.set({ accessToken: 'acc', expiresAt: Date.now() + 60_000 });
  });

  it('ends the session on the server, which has its refresh token in the cookie', async () => {
    const seen = mockFetch(() => new Response(null, { status: 204 }));

    await logout();

    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe('/api/v1/auth/logout');
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer acc');
    expect(seen[0]?.body).toEqual({});
    expect(tokenStore.getState()).toEqual({ tokens: null, endReason: 'logout', restoring: false });
  });

  it('with an expired access token, refreshes by cookie and then ends the session', async () => {
    const seen = mockFetch((req) => {
      if (req.path === '/api/v1/auth/refresh')
        return jsonResponse({ access_token: 'acc2', refresh_token: 'ref2', token_type: 'Bearer', expires_in: 900 });
      return req.headers.get('Authorization') === 'Bearer acc2'
        ? new Response(null, { status: 204 })
        : problemResponse(401, { title: 'Unauthorized', detail: 'expired' });
    });

    await logout();

    expect(seen.map((r) => [r.path, r.headers.get('Authorization'), r.body])).toEqual([
      ['/api/v1/auth/logout', 'Bearer acc', {}],
      ['/api/v1/auth/refresh', null, {}],
      ['/api/v1/auth/logout', 'Bearer acc2', {}],
    ]);
    expect(tokenStore.getState().tokens).toBeNull();
  });

  it('ends the local session even when the server cannot be reached', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    await logout();

    expect(tokenStore.getState().tokens).toBeNull();
  });
});
