import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

/** Removes someone's authenticator and recovery codes and signs out their sessions. */
export function useResetSecondFactor() {
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/users/{id}/second-factor', { params: { path: { id } } })),
  });
}
