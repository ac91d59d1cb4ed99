import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { redressQueryKey } from '../../../lib/queryKeys/results';

/** The redress request and its answer; 404 when none was filed. */
export function redressQueryOptions(proposalId: string) {
  return queryOptions({
    queryKey: redressQueryKey(proposalId),
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/redress', { params: { path: { id: proposalId } } })),
  });
}

export function useRedress(proposalId: string) {
  return useQuery(redressQueryOptions(proposalId));
}
