import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { DecisionBody, ProposalDecisions } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import type { SuccessNotice } from '../../../lib/mutationNotice';
import { decisionsQueryKey, invalidateFunding } from '../../../lib/queryKeys/funding';

export interface DecideInput {
  proposalId: string;
  partnerId: string;
  /** The partner decision's version, sent in If-Match ("0" before the first decision). */
  version: number;
  body: DecisionBody;
}

/**
 * A funder's staff approve (amount up to the requested grant) or reject (with a comment) a
 * partner their agency funds. 403 another agency's partner; 409 call not in evaluation, proposal
 * not on the main list, on the reserve (approvals), envelope exceeded; 412 stale; 422 invalid.
 */
export function decide({ proposalId, partnerId, version, body }: DecideInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}/partners/{partner_id}/decision', {
      params: { path: { id: proposalId, partner_id: partnerId }, header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );
}

/** `onSuccess` runs before the new version (which remounts the decision's form) is cached (see SuccessNotice). */
export function useDecide({ onSuccess }: SuccessNotice<ProposalDecisions> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decide,
    onSuccess: async (decisions) => {
      onSuccess?.(decisions);
      queryClient.setQueryData(decisionsQueryKey(decisions.proposal_id), decisions);
      await invalidateFunding(queryClient);
    },
  });
}
