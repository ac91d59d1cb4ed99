import type { QueryClient } from '@tanstack/react-query';
import { evaluationQueryKey } from './evaluation';

/** Everything the funding screens read; invalidated together after a decision or the release. */
export const fundingQueryKey = ['funding'] as const;

export function fundingPlanQueryKey(callId: string) {
  return [...fundingQueryKey, 'plan', callId] as const;
}

export function statisticsQueryKey(callId: string) {
  return [...fundingQueryKey, 'statistics', callId] as const;
}

export function decisionsQueryKey(proposalId: string) {
  return [...fundingQueryKey, 'decisions', proposalId] as const;
}

/** After a decision or the release: the plan, statistics, decisions and the ranking may differ. */
export function invalidateFunding(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: fundingQueryKey }),
    queryClient.invalidateQueries({ queryKey: evaluationQueryKey }),
  ]);
}
