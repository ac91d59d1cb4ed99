import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { tokenStore } from '../../../lib/auth/tokenStore';
import { login } from '../../auth/api/login';

export interface ChangePasswordInput {
  email: string;
  current_password: string;
  new_password: string;
}

export type ChangePasswordOutcome = 'signed-in-again' | 'must-sign-in';

/**
 * Changes the password. The server then revokes every refresh token, so the
 * user is signed in again with the new password to get a fresh pair; if that
 * fails, the session ends and the user signs in by hand.
 */
export async function changePassword(input: ChangePasswordInput): Promise<ChangePasswordOutcome> {
  await unwrap(
    api.PUT('/api/v1/me/password', {
      body: { current_password: input.current_password, new_password: input.new_password },
    }),
  );
  try {
    tokenStore.setFromResponse(await login({ email: input.email, password: input.new_password }));
    return 'signed-in-again';
  } catch {
    tokenStore.clear('logout');
    return 'must-sign-in';
  }
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
