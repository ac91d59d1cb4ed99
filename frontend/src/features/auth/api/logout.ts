import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { announce } from '../../../lib/auth/sessionSync';
import { tokenStore } from '../../../lib/auth/tokenStore';

/**
 * Ends the session on the server (the refresh cookie goes with the request,
 * and the answer removes it), then here and in the browser's other tabs,
 * whatever the server answered. An expired access token is refreshed first
 * by the API client, so the session is still ended.
 */
export async function logout(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/logout', { body: {} });
  } catch {
    // offline: still sign out locally
  } finally {
    tokenStore.clear('logout');
    announce('signed-out');
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.clear(),
  });
}
