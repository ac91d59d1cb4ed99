import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

export async function confirmPasswordReset(body: { token: string; new_password: string }): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body }));
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
