import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

/** The requested grant per partner and per funder, computed by the server with its workings. */
export function grantsQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...proposalPartsKey(id), 'grants'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/grants', { params: { path: { id } } })),
  });
}

export function useGrants(id: string) {
  return useQuery(grantsQueryOptions(id));
}
