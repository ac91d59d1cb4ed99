import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import type { RegisterBody } from '../../../lib/api/types';

export function register(body: RegisterBody) {
  return unwrap(api.POST('/api/v1/auth/register', { body }));
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
