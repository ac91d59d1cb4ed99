import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

export interface InvitePartnerInput {
  id: string;
  email: string;
}

/** The coordinator invites someone by email; the mail links to /invitations/accept?token=... */
export function invitePartner({ id, email }: InvitePartnerInput) {
  return unwrap(api.POST('/api/v1/proposals/{id}/invitations', { params: { path: { id } }, body: { email } }));
}

export function useInvitePartner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invitePartner,
    onSuccess: (_invitation, { id }) => queryClient.invalidateQueries({ queryKey: proposalPartsKey(id) }),
  });
}
