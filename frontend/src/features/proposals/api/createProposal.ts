import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { NewProposalBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { callProposalsQueryKey, proposalQueryKey } from '../../../lib/queryKeys/proposals';

export interface CreateProposalInput {
  callId: string;
  body: NewProposalBody;
}

/** The caller becomes the coordinator; 409 when the call is not open. */
export function createProposal({ callId, body }: CreateProposalInput) {
  return unwrap(api.POST('/api/v1/calls/{id}/proposals', { params: { path: { id: callId } }, body }));
}

export function useCreateProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProposal,
    onSuccess: async (proposal, { callId }) => {
      queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
      await queryClient.invalidateQueries({ queryKey: callProposalsQueryKey(callId) });
    },
  });
}
