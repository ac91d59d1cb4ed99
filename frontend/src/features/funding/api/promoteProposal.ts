import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { PromotionBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { invalidateFunding } from '../../../lib/queryKeys/funding';

export interface PromoteInput {
  proposalId: string;
  body: PromotionBody;
}

/**
 * An operator moves a reserve proposal into funding with a reason: the plan walks it first and its
 * funders may approve it. 409: not on the main list, not on the reserve, or moved already; 422: no reason.
 */
export function promoteProposal({ proposalId, body }: PromoteInput) {
  return unwrap(api.POST('/api/v1/proposals/{id}/funding-promotion', { params: { path: { id: proposalId } }, body }));
}

export function usePromoteProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: promoteProposal,
    onSuccess: () => invalidateFunding(queryClient),
  });
}
