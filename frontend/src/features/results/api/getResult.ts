import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { resultQueryKey } from '../../../lib/queryKeys/results';

/** The released result: outcome, evaluation summary, grant per partner. 404 before the release. */
export function resultQueryOptions(proposalId: string) {
  return queryOptions({
    queryKey: resultQueryKey(proposalId),
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/result', { params: { path: { id: proposalId } } })),
  });
}

export function useResult(proposalId: string) {
  return useQuery(resultQueryOptions(proposalId));
}
