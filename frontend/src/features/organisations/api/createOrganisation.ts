import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import type { NewOrganisationBody } from '../../../lib/api/types';
import { organisationsQueryKey } from './getOrganisations';

export function createOrganisation(body: NewOrganisationBody) {
  return unwrap(api.POST('/api/v1/organisations', { body }));
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrganisation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsQueryKey }),
  });
}
