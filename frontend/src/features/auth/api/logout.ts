import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { tokenStore } from '../../../lib/auth/tokenStore';

async function revoke(refreshToken: string): Promise<number> {
  const { response } = await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
  return response.status;
}

/**
 * Revokes the refresh token on the server, then ends the local session
 * whatever the server answered. Logout needs a valid access token: if it
 * has expired, the pair is refreshed first so the (new) refresh token is
 * the one revoked.
 */
export async function logout(): Promise<void> {
  try {
    const refreshToken = tokenStore.refreshToken;
    if (!refreshToken) return;
    if ((await revoke(refreshToken)) !== 401) return;
    const refreshed = await api.POST('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } });
    if (refreshed.data) {
      tokenStore.setFromResponse(refreshed.data);
      await revoke(refreshed.data.refresh_token);
    }
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
