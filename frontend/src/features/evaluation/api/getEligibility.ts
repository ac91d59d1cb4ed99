import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { Stage } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { eligibilityQueryKey } from '../../../lib/queryKeys/evaluation';

/** The submitted proposals of a stage with their automatic result and decision; 409 before the deadline. */
export function eligibilityQueryOptions(callId: string, stage: Stage) {
  return queryOptions({
    queryKey: eligibilityQueryKey(callId, stage),
    queryFn: () =>
      unwrap(api.GET('/api/v1/calls/{id}/eligibility', { params: { path: { id: callId }, query: { stage } } })),
  });
}

export function useEligibility(callId: string, stage: Stage) {
  return useQuery(eligibilityQueryOptions(callId, stage));
}
