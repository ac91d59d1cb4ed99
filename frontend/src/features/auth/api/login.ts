import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import type { LoginBody, SecondFactorChallenge, SignInAnswer, TokenPairResponse } from '../../../lib/api/types';
import { announce } from '../../../lib/auth/sessionSync';
import { tokenStore } from '../../../lib/auth/tokenStore';

export function login(body: LoginBody): Promise<SignInAnswer> {
  return unwrap(api.POST('/api/v1/auth/login', { body }));
}

/** True when the password was right and the account asks for its second step. */
export function isChallenge(answer: SignInAnswer): answer is SecondFactorChallenge {
  return 'challenge' in answer;
}

/**
 * Signs in with the password: stores the token pair, or leaves the challenge
 * to the caller when the account has two-step sign-in. Cached data of a
 * previous user is dropped.
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      if (isChallenge(answer)) return;
      queryClient.clear();
      tokenStore.setFromResponse(answer);
      announce('signed-in');
    },
  });
}

export function completeSignIn(body: { challenge: string; code: string }): Promise<TokenPairResponse> {
  return unwrap(api.POST('/api/v1/auth/login/second-factor', { body }));
}

/** The second step: the challenge and a code give the token pair. */
export function useCompleteSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeSignIn,
    onSuccess: (tokens) => {
      queryClient.clear();
      tokenStore.setFromResponse(tokens);
      announce('signed-in');
    },
  });
}
