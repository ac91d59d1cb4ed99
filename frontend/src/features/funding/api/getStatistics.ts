import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { statisticsQueryKey } from '../../../lib/queryKeys/funding';

/** Score distributions, money per funder, proposals by status, partners by kind. */
export function statisticsQueryOptions(callId: string) {
  return queryOptions({
    queryKey: statisticsQueryKey(callId),
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/statistics', { params: { path: { id: callId } } })),
  });
}

export function useStatistics(callId: string) {
  return useQuery(statisticsQueryOptions(callId));
}
