import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { meQueryKey } from '../../../lib/auth/me';
import { myAssignmentsQueryKey } from '../../../lib/queryKeys/reviews';

/** The invitee joins the call's pool and gets the reviewer role; 403 another address, 422 unknown or used token. */
export function acceptExpertInvitation(token: string) {
  return unwrap(api.POST('/api/v1/expert-invitations/acceptance', { body: { token } }));
}

export function useAcceptExpertInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptExpertInvitation,
    onSuccess: () =>
      Promise.all([
        // The new reviewer role shows the "My reviews" entry.
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: myAssignmentsQueryKey }),
      ]),
  });
}
