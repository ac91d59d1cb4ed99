import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import type { NewAffiliationBody } from '../../../lib/api/types';
import { affiliationsQueryKey } from './getAffiliations';

export function addAffiliation(body: NewAffiliationBody) {
  return unwrap(api.POST('/api/v1/me/affiliations', { body }));
}

export function useAddAffiliation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addAffiliation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: affiliationsQueryKey }),
  });
}
