import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey, proposalQueryKey } from '../../../lib/queryKeys/proposals';

export interface RemovePartnerInput {
  id: string;
  partnerId: string;
  /** The proposal's version, sent in If-Match. */
  version: number;
}

export function removePartner({ id, partnerId, version }: RemovePartnerInput) {
  return unwrap(
    api.DELETE('/api/v1/proposals/{id}/partners/{partner_id}', {
      params: { path: { id, partner_id: partnerId }, header: { 'If-Match': `"${version}"` } },
    }),
  );
}

export function useRemovePartner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removePartner,
    onSuccess: async (proposal) => {
      queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
      await queryClient.invalidateQueries({ queryKey: proposalPartsKey(proposal.id) });
    },
    // A stale version: fetch the current one so a second try can succeed.
    onError: (_error, { id }) => queryClient.invalidateQueries({ queryKey: proposalQueryKey(id) }),
  });
}
