import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/unwrap';
import { invalidateEvaluation } from '../../../lib/queryKeys/evaluation';

export interface AssignExpertInput {
  proposalId: string;
  expertId: string;
}

/** By hand; 409 conflict of interest, full load, fully staffed, not eligible or assigned already; 422 unknown expert. */
export function assignExpert({ proposalId, expertId }: AssignExpertInput) {
  return unwrap(
    api.POST('/api/v1/proposals/{id}/assignments', { params: { path: { id: proposalId } }, body: { expert_id: expertId } }),
  );
}

export function useAssignExpert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignExpert,
    onSuccess: () => invalidateEvaluation(queryClient),
  });
}
