import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalsQueryKey, proposalQueryKey } from '../../../lib/queryKeys/proposals';

/** Coordinator only; 422 lists every unmet checklist item in `errors`. */
export function submitProposal(id: string) {
  return unwrap(api.POST('/api/v1/proposals/{id}/submission', { params: { path: { id } } }));
}

/** Coordinator, before the deadline. */
export function withdrawProposal(id: string) {
  return unwrap(api.POST('/api/v1/proposals/{id}/withdrawal', { params: { path: { id } } }));
}

/** Coordinator, before the deadline: back to draft; it must be submitted again to count. */
export function reopenProposal(id: string) {
  return unwrap(api.POST('/api/v1/proposals/{id}/reopening', { params: { path: { id } } }));
}

export function useSubmitProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitProposal,
    onSuccess: (receipt) => {
      queryClient.setQueryData([...proposalQueryKey(receipt.proposal_id), 'receipt'], receipt);
      return queryClient.invalidateQueries({ queryKey: proposalsQueryKey });
    },
  });
}

export function useProposalTransition(kind: 'withdraw' | 'reopen') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: kind === 'withdraw' ? withdrawProposal : reopenProposal,
    onSuccess: async (proposal) => {
      // The current receipt no longer stands (reopened) or is kept only as history (withdrawn).
      queryClient.removeQueries({ queryKey: [...proposalQueryKey(proposal.id), 'receipt'] });
      queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
      await queryClient.invalidateQueries({ queryKey: proposalsQueryKey });
    },
  });
}
