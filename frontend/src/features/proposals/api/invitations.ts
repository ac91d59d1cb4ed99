import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey } from '../../../lib/queryKeys/proposals';

function invitationsKey(id: string) {
  return [...proposalPartsKey(id), 'invitations'] as const;
}

/** The invitations the coordinator sent (403 for the other partners). */
export function invitationsQueryOptions(id: string) {
  return queryOptions({
    queryKey: invitationsKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/proposals/{id}/invitations', { params: { path: { id } } })),
  });
}

export function useInvitations(id: string, enabled: boolean) {
  return useQuery({ ...invitationsQueryOptions(id), enabled });
}
