import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalQueryKey, proposalsQueryKey } from '../../../lib/queryKeys/proposals';
import { evaluationQueryKey } from '../../../lib/queryKeys/evaluation';

export interface InviteInput {
  proposalId: string;
  /** Required for an outline that is not on the outline ranking's main list; audited. */
  overrideReason?: string;
}

/** An outline becomes a full-stage draft and the consortium is mailed; 409 when not possible. */
export function inviteToFullStage({ proposalId, overrideReason }: InviteInput) {
  return unwrap(
    api.POST('/api/v1/proposals/{id}/invitation', {
      params: { path: { id: proposalId } },
      body: overrideReason ? { override_reason: overrideReason } : {},
    }),
  );
}

export function useInviteToFullStage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteToFullStage,
    onSuccess: async (proposal) => {
      queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: evaluationQueryKey }),
        queryClient.invalidateQueries({ queryKey: proposalsQueryKey }),
      ]);
    },
  });
}
