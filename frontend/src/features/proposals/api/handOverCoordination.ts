import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalQueryKey } from '../../../lib/queryKeys/proposals';

export interface HandOverInput {
  id: string;
  /** Another contact of the coordinating partner. */
  userId: string;
  /** The proposal's version, sent in If-Match. */
  version: number;
}

/** The coordinator makes another contact of the coordinating partner the one coordinator (audited, mailed). */
export function handOverCoordination({ id, userId, version }: HandOverInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}/coordinator', {
      params: { path: { id }, header: { 'If-Match': `"${version}"` } },
      body: { user_id: userId },
    }),
  );
}

export function useHandOverCoordination() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: handOverCoordination,
    onSuccess: (proposal) => queryClient.setQueryData(proposalQueryKey(proposal.id), proposal),
    // A stale version: fetch the current one so a second try can succeed.
    onError: (_error, { id }) => queryClient.invalidateQueries({ queryKey: proposalQueryKey(id) }),
  });
}
