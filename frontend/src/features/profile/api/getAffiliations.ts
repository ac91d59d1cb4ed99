import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';

export const affiliationsQueryKey = ['me', 'affiliations'] as const;

export function affiliationsQueryOptions() {
  return queryOptions({
    queryKey: affiliationsQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/me/affiliations')),
  });
}

export function useAffiliations() {
  return useQuery(affiliationsQueryOptions());
}
