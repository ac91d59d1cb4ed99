import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

export const organisationsQueryKey = ['organisations'] as const;

export function organisationsQueryOptions() {
  return queryOptions({
    queryKey: organisationsQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/organisations')),
  });
}

export function useOrganisations() {
  return useQuery(organisationsQueryOptions());
}
