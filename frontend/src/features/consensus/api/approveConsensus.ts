import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { Consensus } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import type { SuccessNotice } from '../../../lib/mutationNotice';
import { evaluationQueryKey } from '../../../lib/queryKeys/evaluation';
import { consensusQueryKey } from '../../../lib/queryKeys/consensus';

/**
 * The operator approves a complete report. 409: no rapporteur, reviews
 * outstanding, reply window not held or still open, approved already;
 * 422: the report is incomplete (every problem listed).
 */
export function approveConsensus(proposalId: string) {
  return unwrap(api.POST('/api/v1/proposals/{id}/consensus/approval', { params: { path: { id: proposalId } } }));
}

/** `onSuccess` runs before the approved report replaces the approval button (see SuccessNotice). */
export function useApproveConsensus({ onSuccess }: SuccessNotice<Consensus> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveConsensus,
    onSuccess: async (consensus) => {
      onSuccess?.(consensus);
      queryClient.setQueryData(consensusQueryKey(consensus.proposal_id), consensus);
      // The ranking and the call's consensus overview change.
      await queryClient.invalidateQueries({ queryKey: evaluationQueryKey });
    },
  });
}
