import { describe, expect, it } from 'vitest';
import { STORAGE_KEY, TokenStore } from './tokenStore';

describe('TokenStore', () => {
  it('persists the pair to storage and restores it in a new store', () => {
    const store = new TokenStore(window.localStorage);
    store.setFromResponse({ access_token: 'a1', refresh_token: 'r1', expires_in: 900 }, 1_000);
    expect(store.getState().tokens).toEqual({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 901_000 });

    const reloaded = new TokenStore(window.localStorage);
    expect(reloaded.accessToken).toBe('a1');
    expect(reloaded.refreshToken).toBe('r1');
  });

  it('forgets the session on clear and remembers why', () => {
    const store = new TokenStore(window.localStorage);
    store.setFromResponse({ access_token: 'a1', refresh_token: 'r1', expires_in: 900 });
    store.clear('expired');
    expect(store.getState()).toEqual({ tokens: null, endReason: 'expired' });
    expect(window.localStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('treats unreadable storage content as signed out', () => {
    window.localStorage.setItem(STORAGE_KEY, '{not json');
    expect(new TokenStore(window.localStorage).getState().tokens).toBeNull();
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: 1 }));
    expect(new TokenStore(window.localStorage).getState().tokens).toBeNull();
  });

  it('notifies subscribers of every change', () => {
    const store = new TokenStore(null);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.setFromResponse({ access_token: 'a', refresh_token: 'r', expires_in: 1 });
    store.clear();
    unsubscribe();
    store.setFromResponse({ access_token: 'b', refresh_token: 's', expires_in: 1 });
    expect(calls).toBe(2);
  });
});
