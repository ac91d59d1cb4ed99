import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { tokenStore } from '../../../lib/auth/tokenStore';

/** Revokes the refresh token on the server; the local session ends whatever it answers. */
export async function logout(): Promise<void> {
  const refreshToken = tokenStore.refreshToken;
  try {
    if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
  } catch {
    // offline: still sign out locally
  } finally {
    tokenStore.clear('logout');
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.clear(),
  });
}
