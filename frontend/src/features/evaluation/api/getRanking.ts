import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { Stage } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { rankingQueryKey } from '../../../lib/queryKeys/evaluation';

/** Main list (best first), below threshold, and the proposals whose consensus is not approved yet. */
export function rankingQueryOptions(callId: string, stage: Stage) {
  return queryOptions({
    queryKey: rankingQueryKey(callId, stage),
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/ranking', { params: { path: { id: callId }, query: { stage } } })),
  });
}

export function useRanking(callId: string, stage: Stage) {
  return useQuery(rankingQueryOptions(callId, stage));
}
