import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { consensusQueryKey } from '../../../lib/queryKeys/consensus';

/** For the operator and the rapporteur: report, reviews under letters, spreads, outcome, reply. `version` is the ETag. */
export function fetchConsensus(proposalId: string) {
  return unwrap(api.GET('/api/v1/proposals/{id}/consensus', { params: { path: { id: proposalId } } }));
}

export function consensusQueryOptions(proposalId: string) {
  return queryOptions({
    queryKey: consensusQueryKey(proposalId),
    queryFn: () => fetchConsensus(proposalId),
  });
}

export function useConsensus(proposalId: string) {
  return useQuery(consensusQueryOptions(proposalId));
}
