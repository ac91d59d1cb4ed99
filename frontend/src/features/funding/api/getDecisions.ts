import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { decisionsQueryKey } from '../../../lib/queryKeys/funding';

/** Every funded partner's decision (with its version for If-Match) and the proposal's outcome. */
export function fetchDecisions(proposalId: string) {
  return unwrap(api.GET('/api/v1/proposals/{id}/decisions', { params: { path: { id: proposalId } } }));
}

export function decisionsQueryOptions(proposalId: string) {
  return queryOptions({
    queryKey: decisionsQueryKey(proposalId),
    queryFn: () => fetchDecisions(proposalId),
  });
}

export function useDecisions(proposalId: string) {
  return useQuery(decisionsQueryOptions(proposalId));
}
