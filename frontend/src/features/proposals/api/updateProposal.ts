import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import type { ProposalUpdateBody } from '../../../lib/api/types';
import { unwrap } from '../../../lib/api/unwrap';
import { proposalPartsKey, proposalQueryKey } from '../../../lib/queryKeys/proposals';

export interface UpdateProposalInput {
  id: string;
  /** The version the form started from, sent as the ETag in If-Match. */
  version: number;
  body: ProposalUpdateBody;
}

/** 412: changed by someone else; 409: not a draft or past the deadline; 422: field errors. */
export function updateProposal({ id, version, body }: UpdateProposalInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}', {
      params: { path: { id }, header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );
}

export function useUpdateProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProposal,
    onSuccess: async (proposal) => {
      queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
      await queryClient.invalidateQueries({ queryKey: proposalPartsKey(proposal.id) });
    },
  });
}
