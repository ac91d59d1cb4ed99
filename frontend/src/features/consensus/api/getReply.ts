import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { replyQueryKey } from '../../../lib/queryKeys/consensus';

/** The anonymised consensus comments and the consortium's reply; 404 when there is no reply phase. */
export function fetchReply(proposalId: string) {
  return unwrap(api.GET('/api/v1/proposals/{id}/reply', { params: { path: { id: proposalId } } }));
}

export function replyQueryOptions(proposalId: string) {
  return queryOptions({
    queryKey: replyQueryKey(proposalId),
    queryFn: () => fetchReply(proposalId),
  });
}

export function useReply(proposalId: string) {
  return useQuery(replyQueryOptions(proposalId));
}
