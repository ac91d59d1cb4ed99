import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { affiliationsQueryKey } from './getAffiliations';

export async function removeAffiliation(organisationId: string): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/me/affiliations/{organisation_id}', {
      params: { path: { organisation_id: organisationId } },
    }),
  );
}

export function useRemoveAffiliation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAffiliation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: affiliationsQueryKey }),
  });
}
