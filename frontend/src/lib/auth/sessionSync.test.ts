import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse } from '../../test/utils';
import { restoreSession } from './sessionSync';
import { tokenStore } from './tokenStore';

describe('restoreSession', () => {
  beforeEach(() => {
    tokenStore.clear('logout');
    document.cookie = 'jointcall_csrf=csrf-2; path=/';
  });

  it('after a reload, gets an access token from the refresh cookie, echoing the CSRF token', async () => {
    const fetchFn = vi.fn(async (request: Request) => {
      expect(new URL(request.url).pathname).toBe('/api/v1/auth/refresh');
      expect(request.headers.get('X-CSRF-Token')).toBe('csrf-2');
      expect(await request.text()).toBe('{}');
      return jsonResponse({ access_token: 'restored', token_type: 'Bearer', expires_in: 900 });
    });
    const pending = restoreSession(fetchFn);
    expect(tokenStore.getState().restoring).toBe(true);
    await pending;
    expect(tokenStore.accessToken).toBe('restored');
    expect(tokenStore.getState().restoring).toBe(false);
  });

  it('stays signed out when the browser has no session', async () => {
    await restoreSession(() => Promise.resolve(problemResponse(401, { title: 'Unauthorized', detail: 'No refresh token.' })));
    expect(tokenStore.accessToken).toBeNull();
    expect(tokenStore.getState().restoring).toBe(false);
  });

  it('stays signed out, without failing, when the server cannot be reached', async () => {
    await restoreSession(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(tokenStore.getState()).toMatchObject({ tokens: null, restoring: false });
  });
});
