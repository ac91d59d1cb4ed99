import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { useSession } from '../../../lib/auth/session';

/** Where staff set up two-step sign-in before anything else. */
export const TWO_STEP_PATH = '/two-step';

export const secondFactorQueryKey = ['me', 'second-factor'] as const;

export function secondFactorQueryOptions() {
  return queryOptions({
    queryKey: secondFactorQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/me/second-factor')),
  });
}

/** Whether the signed-in account has two-step sign-in, and whether its roles need it. */
export function useSecondFactor() {
  const { isSignedIn } = useSession();
  return useQuery({ ...secondFactorQueryOptions(), enabled: isSignedIn });
}

/** Step one of enrolling: the password again gives a new secret and its QR link. */
export function useBeginEnrolment() {
  return useMutation({
    mutationFn: (password: string) =>
      unwrap(api.POST('/api/v1/me/second-factor/enrolment', { body: { password } })),
  });
}

/** Step two: the app's first code turns it on and answers the recovery codes. */
/**
 * Not refreshed here: the status turns to enrolled once the person has seen
 * the recovery codes (the gate would otherwise move on before they are shown).
 */
export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/me/second-factor', { body: { code } })),
  });
}

export function useRenewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      unwrap(api.POST('/api/v1/me/second-factor/recovery-codes', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: secondFactorQueryKey }),
  });
}

export function useRemoveSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) =>
      unwrap(api.POST('/api/v1/me/second-factor/removal', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: secondFactorQueryKey }),
  });
}
