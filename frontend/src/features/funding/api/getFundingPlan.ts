import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { fundingPlanQueryKey } from '../../../lib/queryKeys/funding';

/** The full stage's main list in rank order with plan status and outcome, and every envelope. */
export function fundingPlanQueryOptions(callId: string) {
  return queryOptions({
    queryKey: fundingPlanQueryKey(callId),
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/funding-plan', { params: { path: { id: callId } } })),
  });
}

export function useFundingPlan(callId: string) {
  return useQuery(fundingPlanQueryOptions(callId));
}
