import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { ExpertInvitationBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { expertsQueryKey } from '../../../lib/queryKeys/evaluation';

export interface InviteExpertInput {
  callId: string;
  body: ExpertInvitationBody;
}

/** Mails a link to join the pool; 409 already in it, 422 invalid fields. */
export function inviteExpert({ callId, body }: InviteExpertInput) {
  return unwrap(api.POST('/api/v1/calls/{id}/experts', { params: { path: { id: callId } }, body }));
}

export function useInviteExpert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteExpert,
    onSuccess: (_expert, { callId }) => queryClient.invalidateQueries({ queryKey: expertsQueryKey(callId) }),
  });
}
