import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import type { LoginBody, TokenPairResponse } from '../../../lib/api/types';
import { tokenStore } from '../../../lib/auth/tokenStore';

export function login(body: LoginBody): Promise<TokenPairResponse> {
  return unwrap(api.POST('/api/v1/auth/login', { body }));
}

/** Signs in and stores the token pair; cached data of a previous user is dropped. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (tokens) => {
      queryClient.clear();
      tokenStore.setFromResponse(tokens);
    },
  });
}
