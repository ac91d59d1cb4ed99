import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import type { PasswordChangeBody } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';

/**
 * Changes the password. The server signs out every other session and answers
 * with a fresh token pair for this one, which replaces the stored pair.
 */
export async function changePassword(body: PasswordChangeBody): Promise<void> {
  const tokens = await unwrap(api.PUT('/api/v1/me/password', { body }));
  tokenStore.setFromResponse(tokens);
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
