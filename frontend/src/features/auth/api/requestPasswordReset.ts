import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

/** Always answers 202, whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } }));
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
