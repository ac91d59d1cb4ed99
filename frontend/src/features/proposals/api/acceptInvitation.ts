import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalQueryKey, proposalsQueryKey } from '../../../lib/queryKeys/proposals';

export interface AcceptInvitationInput {
  token: string;
  organisation_id: string;
}

/** 403 (invitation-for-another-address) when signed in with another email; 422 for a used or expired token. */
export function acceptInvitation(body: AcceptInvitationInput) {
  return unwrap(api.POST('/api/v1/invitations/acceptance', { body }));
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: async (proposal) => {
      await queryClient.invalidateQueries({ queryKey: proposalsQueryKey });
      queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
    },
  });
}
