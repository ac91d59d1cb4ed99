import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

export async function verifyEmail(token: string): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/email-verification', { body: { token } }));
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: verifyEmail });
}
