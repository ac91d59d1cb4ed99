import { useSyncExternalStore } from 'react';
import { tokenStore, type SessionState } from './tokenStore';

/** The current session; re-renders on sign-in, refresh and sign-out. */
export function useSession(): SessionState & { isSignedIn: boolean } {
  const state = useSyncExternalStore(tokenStore.subscribe, tokenStore.getState, tokenStore.getState);
  return { ...state, isSignedIn: state.tokens !== null };
}
