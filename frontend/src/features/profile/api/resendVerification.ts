import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

/** Sends a new verification link to the signed-in user's address (202). */
export async function resendVerification(): Promise<void> {
  await unwrap(api.POST('/api/v1/me/email-verification'));
}

export function useResendVerification() {
  return useMutation({ mutationFn: resendVerification });
}
