import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { EligibilityBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalsQueryKey } from '../../../lib/queryKeys/proposals';
import { evaluationQueryKey } from '../../../lib/queryKeys/evaluation';

export interface DecideEligibilityInput {
  proposalId: string;
  body: EligibilityBody;
}

/** Confirms or overrides the automatic result; 422 when a needed reason is missing. The consortium is mailed. */
export function decideEligibility({ proposalId, body }: DecideEligibilityInput) {
  return unwrap(api.PUT('/api/v1/proposals/{id}/eligibility', { params: { path: { id: proposalId } }, body }));
}

export function useDecideEligibility() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideEligibility,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: evaluationQueryKey }),
        queryClient.invalidateQueries({ queryKey: proposalsQueryKey }),
      ]),
  });
}
