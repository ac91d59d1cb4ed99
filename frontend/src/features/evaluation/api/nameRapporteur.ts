import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { consensusQueryKey } from '../../../lib/queryKeys/consensus';
import { evaluationQueryKey } from '../../../lib/queryKeys/evaluation';

export interface NameRapporteurInput {
  proposalId: string;
  expertId: string;
}

/** One of the proposal's cleared experts (422 otherwise); 409 once the report is approved. */
export function nameRapporteur({ proposalId, expertId }: NameRapporteurInput) {
  return unwrap(
    api.PUT('/api/v1/proposals/{id}/rapporteur', { params: { path: { id: proposalId } }, body: { expert_id: expertId } }),
  );
}

export function useNameRapporteur() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: nameRapporteur,
    onSuccess: async (consensus) => {
      queryClient.setQueryData(consensusQueryKey(consensus.proposal_id), consensus);
      await queryClient.invalidateQueries({ queryKey: evaluationQueryKey });
    },
  });
}
