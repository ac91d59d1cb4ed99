import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { announce } from '../../../lib/auth/sessionSync';
import { tokenStore } from '../../../lib/auth/tokenStore';

/**
 * Ends every session of the account, this one included; the sign-in page
 * follows. The tokens held here stop working on the server at once.
 */
export async function signOutEverywhere(): Promise<void> {
  await unwrap(api.DELETE('/api/v1/me/sessions'));
  tokenStore.clear('logout');
  announce('signed-out');
}

export function useSignOutEverywhere() {
  return useMutation({ mutationFn: signOutEverywhere });
}
