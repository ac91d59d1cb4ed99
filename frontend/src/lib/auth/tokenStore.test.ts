import { describe, expect, it } from 'vitest';
import { TokenStore } from './tokenStore';

describe('TokenStore', () => {
  it('keeps the access token in memory only, never in storage', () => {
    const store = new TokenStore();
    store.setFromResponse({ access_token: 'a1', refresh_token: 'r1', expires_in: 900 }, 1_000);
    expect(store.getState().tokens).toEqual({ accessToken: 'a1', expiresAt: 901_000 });
    // The refresh token of the body is not kept: the browser has it in an HttpOnly cookie.
    expect(JSON.stringify(store.getState())).not.toContain('r1');
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
    expect(new TokenStore().accessToken).toBeNull();
  });

  it('forgets the session on clear and remembers why', () => {
    const store = new TokenStore();
    store.setFromResponse({ access_token: 'a1', expires_in: 900 });
    store.clear('expired');
    expect(store.getState()).toEqual({ tokens: null, endReason: 'expired', restoring: false });
  });

  it('says when it is asking the server for the session after a reload', () => {
    const store = new TokenStore();
    store.setRestoring(true);
    expect(store.getState().restoring).toBe(true);
    store.setFromResponse({ access_token: 'a', expires_in: 900 });
    expect(store.getState().restoring).toBe(false);
  });

  it('notifies subscribers of every change', () => {
    const store = new TokenStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.setFromResponse({ access_token: 'a', expires_in: 1 });
    store.clear();
    unsubscribe();
    store.setFromResponse({ access_token: 'b', expires_in: 1 });
    expect(calls).toBe(2);
  });
});
